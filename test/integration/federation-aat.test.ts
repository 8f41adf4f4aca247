import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRemoteCatalog, type RemoteCatalog } from '../helpers/remote-catalog.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import type { TestServer } from '../helpers/test-server.js';

const AAT = 'http://vocab.getty.edu/aat/';
const BRONZE = `${AAT}300010957`;
const ALLOY = `${AAT}300010914`;

/** Concepts as Getty's endpoint has them: in the AAT scheme, a scope note as a resource with its text as rdf:value. */
const PREFIXES = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix gvp: <http://vocab.getty.edu/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
`;
const CONCEPTS: Record<string, string> = {
  [BRONZE]: `<${BRONZE}> skos:inScheme <${AAT}> ; skos:prefLabel "brons"@nl , "bronze"@en ; gvp:broaderPreferred <${ALLOY}> ;
    skos:scopeNote [ rdf:value "Legering van koper en tin."@nl ] , [ rdf:value "Alloy of copper and tin."@en ] .`,
  [ALLOY]: `<${ALLOY}> skos:inScheme <${AAT}> ; skos:prefLabel "legering"@nl , "alloy"@en .`,
};

// The shipped AAT lookup query, run by a loopback SPARQL endpoint that holds concepts in Getty's shape.
describe('the Getty AAT catalog entry', () => {
  const temp = sharedTempDir('federation-aat-');
  let catalog: RemoteCatalog;
  let server: TestServer;

  beforeAll(async () => {
    catalog = await startRemoteCatalog(temp.dir, { entry: 'aat', endpoint: '<http://vocab.getty.edu/sparql>', dataset: 'aat', prefixes: PREFIXES, records: CONCEPTS });
    server = catalog.server;
  });
  afterAll(async () => {
    await catalog.close();
    temp.remove();
  });

  it('describes the source in the first of the languages a lookup asks for', async () => {
    const described = async (languages: string): Promise<unknown> => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ lookup(uris: ["${BRONZE}"]${languages}) { source { ... on Source { description } } } }` }),
      });
      return (await response.json() as { data?: { lookup: unknown[] } }).data?.lookup;
    };
    expect(await described(', languages: [en]')).toEqual([{ source: { description: 'Terms for art, architecture, material culture and heritage.' } }]);
    expect(await described('')).toEqual([{ source: { description: 'Termen voor kunst, architectuur, materiële cultuur en erfgoed.' } }]);
  });

  it('looks up a concept with its scope notes, as its scopeNote and, as the Network of Terms answers, its definition', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ plain: lookup(uris: ["${BRONZE}"]) { result { __typename ... on Term { prefLabel definition scopeNote broader { uri prefLabel } } } }
        translated: lookup(uris: ["${BRONZE}"], languages: [en]) { result { ... on TranslatedTerm { definition { language value } } } } }` }),
    });
    const answer = await response.json() as { data?: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      plain: [{
        result: {
          __typename: 'Term', prefLabel: ['brons', 'bronze'],
          definition: ['Legering van koper en tin.', 'Alloy of copper and tin.'], scopeNote: ['Legering van koper en tin.', 'Alloy of copper and tin.'],
          broader: [{ uri: ALLOY, prefLabel: ['legering', 'alloy'] }],
        },
      }],
      translated: [{ result: { definition: [{ language: 'en', value: 'Alloy of copper and tin.' }] } }],
    });
  });
});
