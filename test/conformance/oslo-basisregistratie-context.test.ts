/**
 * Our JSON-LD context for the OSLO Cultureel Erfgoed basisregistratie (ontwerpstandaard
 * 2025-01-20), derived from the official SHACL that shapes/cultureel-erfgoed/ ships: the file in
 * vocabularies/contexts/ is what the derivation gives, and it reads data written for the
 * published context as that context does, except where ours deliberately imposes no datatype.
 * The published context and the examples are read from ../shared/reference/, never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { bundledContextLoader } from '../../src/ingest/bundled-context-loader.js';
import { packageRoot } from '../../src/paths.js';
import {
  BASISREGISTRATIE_CONTEXT_FILE, BASISREGISTRATIE_CONTEXT_URL, BASISREGISTRATIE_EXTRA_TERMS, basisregistratieContextText,
} from '../../src/vocab/oslo-basisregistratie-context.js';
import { canonicalGraph, parseRdf } from '../helpers/isomorphism.js';
import { referenceDir } from '../helpers/reference.js';

const REFERENCE = referenceDir('oslo-cultureel-erfgoed');
const PUBLISHED = join(REFERENCE, 'cultureel-erfgoed-basisregistratie-context.jsonld');
const available = existsSync(PUBLISHED);
const BUNDLED = join(packageRoot(), 'vocabularies', 'contexts', BASISREGISTRATIE_CONTEXT_FILE);
const LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const RDFS_LITERAL = 'http://www.w3.org/2000/01/rdf-schema#Literal';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
/** What a plain JSON value becomes under either context. */
const PLAIN = [LANG_STRING, RDFS_LITERAL, XSD_STRING, 'http://www.w3.org/2001/XMLSchema#integer', 'http://www.w3.org/2001/XMLSchema#double'];
const EXAMPLES = [
  'example-archief-tumult.jsonld',
  'example-museaal-object-schilderij-theo-van-rysselberghe.jsonld',
  'example-publicatie-reynaert-de-vos.jsonld',
];

type Term = string | { '@id': string; '@type'?: string; '@container'?: string };

function contextOf(file: string): Record<string, Term> {
  return (JSON.parse(readFileSync(file, 'utf8')) as { '@context': Record<string, Term> })['@context'];
}

describe('the bundled OSLO Cultureel Erfgoed basisregistratie context', () => {
  it('is what `npm run contexts` derives from the shipped SHACL (run it after changing the shapes)', () => {
    expect(readFileSync(BUNDLED, 'utf8')).toBe(basisregistratieContextText());
  });

  it('is served for the URL the data names, and nothing is fetched', async () => {
    const loaded = await bundledContextLoader()(BASISREGISTRATIE_CONTEXT_URL);
    expect(loaded.document).toEqual(JSON.parse(readFileSync(BUNDLED, 'utf8')));
  });
});

describe.skipIf(!available)(
  available
    ? 'the bundled basisregistratie context against the published one'
    : 'the bundled basisregistratie context against the published one (skipped: the shared reference folder with oslo-cultureel-erfgoed/ is missing; see test/helpers/reference.ts)',
  () => {
    const published = available ? contextOf(PUBLISHED) : {};
    const ours = contextOf(BUNDLED);

    it('defines every published term, with the same IRI and container', () => {
      const differences = Object.entries(published).flatMap(([term, definition]) => {
        const own = ours[term];
        if (own === undefined) return [`${term}: missing`];
        if (typeof definition === 'string' || typeof own === 'string') return definition === own ? [] : [`${term}: ${JSON.stringify(own)}`];
        return own['@id'] === definition['@id'] && own['@container'] === definition['@container'] ? [] : [`${term}: ${JSON.stringify(own)}`];
      });
      expect(differences).toEqual([]);
    });

    it('imposes the same datatype, except rdf:langString and rdfs:Literal, which it leaves to the value', () => {
      const relaxed: string[] = [];
      for (const [term, definition] of Object.entries(published)) {
        const own = ours[term];
        if (typeof definition === 'string' || typeof own !== 'object') continue;
        if (own['@type'] === definition['@type']) continue;
        expect([LANG_STRING, RDFS_LITERAL], term).toContain(definition['@type']);
        expect(own['@type'], term).toBeUndefined();
        relaxed.push(term);
      }
      // Titles, descriptions, names and address parts (langString), values and geometries (Literal).
      expect(relaxed).toHaveLength(23);
    });

    it('adds only the documented extra terms and the one the SHACL names differently', () => {
      const added = Object.keys(ours).filter((term) => !(term in published)).sort();
      expect(added).toEqual(['Dimensie.typeDimensie']);
      for (const { term } of BASISREGISTRATIE_EXTRA_TERMS) expect(Object.keys(published)).toContain(term);
    });

    it.each(EXAMPLES)('reads the official example %s as the published context does, plain values kept as they are', async (file) => {
      const document = JSON.parse(readFileSync(join(REFERENCE, file), 'utf8')) as jsonld.JsonLdDocument;
      const publishedLoader = (url: string): Promise<RemoteDocument> => (url === BASISREGISTRATIE_CONTEXT_URL
        ? Promise.resolve({ contextUrl: undefined, documentUrl: url, document: { '@context': published } } as RemoteDocument)
        : Promise.reject(new Error(`never fetched: ${url}`)));
      const read = async (documentLoader: (url: string) => Promise<RemoteDocument>): Promise<RDF.Quad[]> => parseRdf(
        await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader }) as unknown as string, 'application/n-quads',
      );
      // The published context types a plain value rdfs:Literal, or rdf:langString without a
      // language (which is not RDF); ours leaves the value as JSON gives it: a string, or a
      // number as xsd:integer or xsd:double. Compared as plain strings, the graphs are the same.
      const plain = (quads: RDF.Quad[]): RDF.Quad[] => quads.map((quad) => (
        quad.object.termType === 'Literal' && quad.object.language === '' && PLAIN.includes(quad.object.datatype.value)
          ? DataFactory.quad(quad.subject, quad.predicate, DataFactory.literal(quad.object.value, DataFactory.namedNode(XSD_STRING)), quad.graph)
          : quad));
      const withOurs = plain(await read(bundledContextLoader()));
      const withPublished = plain(await read(publishedLoader));
      expect(withOurs.length).toBeGreaterThan(50);
      expect(await canonicalGraph(withOurs)).toBe(await canonicalGraph(withPublished));
    });
  },
);
