import type * as RDF from '@rdfjs/types';
import type { Request } from 'express';
import { Writer } from 'n3';
import oxigraph from 'oxigraph';
import { NotAcceptableError } from '../domain/errors.js';
import { toJsonLd } from './jsonld-writer.js';

/** A media type a publication resource is served in, and how quads become it. */
export interface RdfSerializer {
  readonly mediaType: string;
  serialize(quads: readonly RDF.Quad[], prefixes: Readonly<Record<string, string>>): Promise<string>;
}

/** N3.js's writer for the Turtle family and the line formats; prefixes where the syntax has them. */
function n3(mediaType: string, format: string): RdfSerializer {
  return {
    mediaType,
    serialize: (quads, prefixes) => new Promise((resolve, reject) => {
      const writer = new Writer({ format, ...(format === 'N-Quads' || format === 'N-Triples' ? {} : { prefixes: { ...prefixes } }) });
      writer.addQuads([...quads]);
      writer.end((error: Error | null, text: string) => { if (error) reject(error); else resolve(text); });
    }),
  };
}

const NQUADS = n3('application/n-quads', 'N-Quads');

/** Flattened JSON-LD with the prefixes as its context: readable, and no context to fetch. */
const JSON_LD: RdfSerializer = {
  mediaType: 'application/ld+json',
  serialize: (quads, prefixes) => Promise.resolve(JSON.stringify(toJsonLd(quads, prefixes), null, 1)),
};

/** RDF/XML, by oxigraph; a graph without named graphs only. */
const RDF_XML: RdfSerializer = {
  mediaType: 'application/rdf+xml',
  serialize: async (quads) => {
    const store = new oxigraph.Store();
    store.load(await NQUADS.serialize(quads, {}), { format: 'application/n-quads' });
    return store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() });
  },
};

const TURTLE = n3('text/turtle', 'Turtle');

/**
 * For datasets with named graphs (an LDES fragment); TriG is Turtle with graphs, and the default.
 * Turtle is offered too, for quads without named graphs (the LDES writes its members as version
 * objects for it).
 */
export const DATASET_SERIALIZERS: readonly RdfSerializer[] = [n3('application/trig', 'TriG'), TURTLE, JSON_LD, NQUADS];

/** For one graph (the catalogue); Turtle is the default. */
export const GRAPH_SERIALIZERS: readonly RdfSerializer[] = [
  TURTLE, JSON_LD, RDF_XML, n3('application/n-triples', 'N-Triples'),
];

/** The serializer the client accepts best (the first offered for `*∕*` or no Accept); 406 otherwise. */
export function negotiate(req: Request, offered: readonly RdfSerializer[]): RdfSerializer {
  const types = offered.map((serializer) => serializer.mediaType);
  const choice = req.accepts(types);
  const serializer = choice === false ? undefined : offered.find((candidate) => candidate.mediaType === choice);
  if (serializer === undefined) throw new NotAcceptableError(req.get('accept') ?? '', types);
  return serializer;
}
