import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { startRemoteCatalog, type RemoteCatalog } from '../helpers/remote-catalog.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import type { TestServer } from '../helpers/test-server.js';

const CATALOG = join(ROOT, 'vocabularies/catalog');
const WD = 'http://www.wikidata.org/entity/';
const GOGH = `${WD}Q5582`;
const GENT = `${WD}Q1296`;
const FLEMALLE = `${WD}Q1327806`;
const CAESAR = `${WD}Q1048`;

/** Items as the Wikidata Query Service has them: labels, truthy links, and statements with full values. */
const PREFIXES = `@prefix wd: <${WD}> . @prefix wdt: <http://www.wikidata.org/prop/direct/> . @prefix p: <http://www.wikidata.org/prop/> .
@prefix psv: <http://www.wikidata.org/prop/statement/value/> . @prefix wikibase: <http://wikiba.se/ontology#> .
@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;
/** A statement of a date; `best`: of the best rank (the Query Service types it wikibase:BestRank). */
const time = (at: string, precision: number, best = true) =>
  `[ ${best ? 'a wikibase:BestRank ; ' : ''}wikibase:rank wikibase:${best ? 'NormalRank' : 'DeprecatedRank'} ; psv:P569 [ wikibase:timeValue "${at}"^^xsd:dateTime ; wikibase:timePrecision ${precision} ] ]`;
const ITEMS: Record<string, string> = {
  [GOGH]: `wd:Q5582 rdfs:label "Vincent van Gogh"@nl , "Vincent van Gogh"@en ; schema:description "Nederlands kunstschilder"@nl ;
    wdt:P31 wd:Q5 ; wdt:P19 wd:Q9696 ; wdt:P20 wd:Q207465 ; wdt:P106 wd:Q1028181 ; wdt:P27 wd:Q55 ;
    p:P569 ${time('1853-03-30T00:00:00Z', 11)} , ${time('1852-01-01T00:00:00Z', 9, false)} ;
    p:P570 [ a wikibase:BestRank ; wikibase:rank wikibase:PreferredRank ; psv:P570 [ wikibase:timeValue "1890-07-29T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 11 ] ] ,
      [ wikibase:rank wikibase:NormalRank ; psv:P570 [ wikibase:timeValue "1890-07-30T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 11 ] ] .
    wd:Q9696 rdfs:label "Zundert"@nl . wd:Q207465 rdfs:label "Auvers-sur-Oise"@fr . wd:Q1028181 rdfs:label "kunstschilder"@nl , "painter"@en . wd:Q55 rdfs:label "Nederland"@nl .`,
  [GENT]: `wd:Q1296 rdfs:label "Gent"@nl , "Ghent"@en ; wdt:P31 wd:Q2616791 ;
    p:P625 [ a wikibase:BestRank ; wikibase:rank wikibase:PreferredRank ; psv:P625 [ wikibase:geoLatitude 51.05 ; wikibase:geoLongitude 3.72 ; wikibase:geoGlobe wd:Q2 ] ] ,
      [ wikibase:rank wikibase:NormalRank ; psv:P625 [ wikibase:geoLatitude -33.9 ; wikibase:geoLongitude 151.2 ; wikibase:geoGlobe wd:Q2 ] ] ,
      [ a wikibase:BestRank ; wikibase:rank wikibase:PreferredRank ; psv:P625 [ wikibase:geoLatitude 10.0 ; wikibase:geoLongitude 20.0 ; wikibase:geoGlobe wd:Q405 ] ] .`,
  // A year before the common era written with three digits, as some exports do (the lexical form is what counts).
  [CAESAR]: `wd:Q1048 rdfs:label "Julius Caesar"@nl ; wdt:P31 wd:Q5 ;
    p:P569 [ a wikibase:BestRank ; psv:P569 [ wikibase:timeValue "-099-07-12T00:00:00Z" ; wikibase:timePrecision 11 ] ] ;
    p:P570 [ a wikibase:BestRank ; psv:P570 [ wikibase:timeValue "-0043-03-15T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 11 ] ] .`,
  [FLEMALLE]: `wd:Q1327806 rdfs:label "Meester van Flémalle"@nl ; wdt:P31 wd:Q5 ; p:P569 ${time('1400-01-01T00:00:00Z', 7)} ;
    p:P570 [ a wikibase:BestRank ; wikibase:rank wikibase:NormalRank ; psv:P570 [ wikibase:timeValue "1444-01-01T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 10 ] ] .`,
};

const PLACE = 'place { name { language value } latitude longitude addressCountry additionalType { uri } }';
const PERSON = 'person { birthDate deathDate birthPlace { uri name { language value } } deathPlace { uri name { language value } } hasOccupation { uri name { language value } } nationality { uri name { language value } } }';

// The shipped Wikidata catalog queries, run by a loopback SPARQL endpoint that holds items in
// the Wikidata Query Service's shape: a term's place and person come from the remote source too.
describe('the Wikidata catalog entry', () => {
  const temp = sharedTempDir('federation-wikidata-');
  let catalog: RemoteCatalog;
  let server: TestServer;

  beforeAll(async () => {
    catalog = await startRemoteCatalog(temp.dir, { entry: 'wikidata', endpoint: '<https://query.wikidata.org/sparql>', dataset: 'wikidata', prefixes: PREFIXES, records: ITEMS });
    server = catalog.server;
  });
  afterAll(async () => {
    await catalog.close();
    temp.remove();
  });

  it('looks up a person with dates at their precision, of the best rank only, and the places, occupation and country by name', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ lookup(uris: ["${GOGH}", "${GENT}", "${FLEMALLE}", "${CAESAR}"]) { uri result { __typename ... on Term { prefLabel definition scopeNote ${PLACE} ${PERSON} } } } }` }),
    });
    const answer = await response.json() as { data?: { lookup: Array<{ uri: string; result: Record<string, unknown> }> }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    const byUri = new Map(answer.data?.lookup.map((found) => [found.uri, found.result]));
    expect(byUri.get(GOGH)).toEqual({
      // Its description, as skos:scopeNote, is its definition too, as the Network of Terms answers it.
      __typename: 'Term', prefLabel: ['Vincent van Gogh'], definition: ['Nederlands kunstschilder'], scopeNote: ['Nederlands kunstschilder'], place: null,
      person: {
        birthDate: '1853-03-30', deathDate: '1890-07-29',
        birthPlace: [{ uri: `${WD}Q9696`, name: [{ language: 'nl', value: 'Zundert' }] }],
        // Only Dutch and English names are asked for.
        deathPlace: [{ uri: `${WD}Q207465`, name: [] }],
        hasOccupation: [{ uri: `${WD}Q1028181`, name: [{ language: 'nl', value: 'kunstschilder' }, { language: 'en', value: 'painter' }] }],
        nationality: [{ uri: `${WD}Q55`, name: [{ language: 'nl', value: 'Nederland' }] }],
      },
    });
    // Coordinates on Earth only, of the best rank; "instance of" among the kinds of place.
    expect(byUri.get(GENT)).toMatchObject({
      place: { name: [{ language: 'nl', value: 'Gent' }, { language: 'en', value: 'Ghent' }], latitude: 51.05, longitude: 3.72, addressCountry: null, additionalType: [{ uri: `${WD}Q2616791` }] },
      person: null,
    });
    expect(byUri.get(FLEMALLE)).toMatchObject({ person: { birthDate: '14XX', deathDate: '1444-01' } });
    expect(byUri.get(CAESAR)).toMatchObject({ person: { birthDate: '-0099-07-12', deathDate: '-0043-03-15' } });
  });

  it('searches with the same query as it looks up with, after the search service call', () => {
    const where = (file: string): string => {
      const text = readFileSync(join(CATALOG, file), 'utf8');
      return text.slice(text.indexOf('  ?uri rdfs:label ?prefLabel'));
    };
    expect(where('wikidata-search.rq')).toBe(where('wikidata-lookup.rq'));
    expect(readFileSync(join(CATALOG, 'wikidata-search.rq'), 'utf8').split('CONSTRUCT')[1]?.split('WHERE')[0])
      .toBe(readFileSync(join(CATALOG, 'wikidata-lookup.rq'), 'utf8').split('CONSTRUCT')[1]?.split('WHERE')[0]);
  });
});
