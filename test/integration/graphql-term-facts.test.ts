import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { importTermList } from '../../src/terms/term-import.js';
import { ROOT } from '../helpers/cli.js';
import { termsGraphql, type TermsGraphql } from '../helpers/graphql-terms.js';
import { sharedTempDir } from '../helpers/temp-dir.js';

const BASE = 'http://localhost:8080/';
const PLACES = `${BASE}id/term-list/plaatsnamen`;
const GENT = 'https://sws.geonames.org/2797656/';
const GOGH = 'http://www.wikidata.org/entity/Q5582';
const ZUNDERT = 'http://www.wikidata.org/entity/Q9696';

const PLACE = 'place { name { language value } latitude longitude addressCountry additionalType { uri name { language value } } }';
const PERSON = `person { birthDate deathDate birthPlace { uri name { language value } } deathPlace { uri name { language value } }
  hasOccupation { uri name { language value } } nationality { uri name { language value } } }`;

// The Network of Terms' newer Term fields: the place or person a term denotes, from the GeoNames
// and Wikidata imports, as its clients ask for them.
describe('Term.place and Term.person', () => {
  const temp = sharedTempDir('graphql-facts-');
  const data = join(temp.dir, 'data');
  let graphql: TermsGraphql;
  let access: TermsGraphql['access'];
  let query: TermsGraphql['query'];

  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      await importTermList({
        file: join(ROOT, 'fixtures/terms/geonames/BE-sample.txt'), source: 'BE-sample.txt', list: 'plaatsnamen', baseIri: BASE,
        alternateNames: join(ROOT, 'fixtures/terms/geonames/alternateNamesV2-sample.txt'),
      }, { records });
      await importTermList({ file: join(ROOT, 'fixtures/terms/wikidata/schilders-sample.json'), source: 'schilders.json', list: 'schilders', format: 'wikidata', baseIri: BASE }, { records });
    } finally {
      records.close();
    }
    graphql = termsGraphql(data, BASE);
    ({ access, query } = graphql);
  });
  afterAll(() => {
    graphql.close();
    temp.remove();
  });

  it('gives a GeoNames place its position, country and feature code, its names language-tagged in Term too; a place is no person', async () => {
    const answer = await query(`{ terms(sources: ["${PLACES}"], query: "Gent") { result { ... on Terms { terms { uri ${PLACE} ${PERSON} } } } } }`);
    expect(answer.errors).toBeUndefined();
    const [result] = answer.data?.terms as Array<{ result: { terms: Array<Record<string, unknown>> } }>;
    const gent = result?.result.terms.find((t) => t.uri === GENT);
    expect(gent).toEqual({
      uri: GENT,
      place: {
        // Dutch first, untagged as Dutch, once; in every language the schema knows.
        name: [{ language: 'nl', value: 'Gent' }, { language: 'en', value: 'Ghent' }, { language: 'fr', value: 'Gand' }],
        latitude: 51.05, longitude: 3.71667, addressCountry: 'BE',
        additionalType: [{ uri: 'http://www.geonames.org/ontology#P.PPLA2', name: [] }],
      },
      person: null,
    });
  });

  it('gives a Wikidata person dates in EDTF, and places and occupations named by the lists that hold them, in the languages asked for', async () => {
    const answer = await query(`{ lookup(uris: ["${GOGH}", "${ZUNDERT}"], languages: [en]) { uri result { ... on TranslatedTerm { ${PLACE} ${PERSON} } } } }`);
    expect(answer.errors).toBeUndefined();
    const [gogh, zundert] = answer.data?.lookup as Array<{ uri: string; result: Record<string, unknown> }>;
    expect(gogh?.result).toEqual({
      place: null,
      person: {
        birthDate: '1853-03-30', deathDate: '1890-07-29',
        birthPlace: [{ uri: ZUNDERT, name: [{ language: 'en', value: 'Zundert' }] }],
        deathPlace: [{ uri: 'http://www.wikidata.org/entity/Q208229', name: [] }],
        hasOccupation: [{ uri: 'http://www.wikidata.org/entity/Q1028181', name: [{ language: 'en', value: 'painter' }] }],
        nationality: [{ uri: 'http://www.wikidata.org/entity/Q29999', name: [] }],
      },
    });
    expect(zundert?.result).toEqual({
      place: { name: [{ language: 'en', value: 'Zundert' }], latitude: 51.4719, longitude: 4.6556, addressCountry: null, additionalType: [{ uri: 'http://www.wikidata.org/entity/Q2039348', name: [] }] },
      person: null,
    });
  });

  it('leaves out a fact its dataset restricts, under either schema.org scheme, and a term without facts has neither', async () => {
    access.setPolicy('schilders', { channels: ['graphql'], rights: undefined, restrictedProperties: ['http://schema.org/birthDate'] }, { actor: 'test', action: 'policy.set' });
    const answer = await query(`{ lookup(uris: ["${GOGH}", "http://www.wikidata.org/entity/Q483501"]) { result { ... on Term { person { birthDate deathDate } place { latitude } } } } }`);
    expect(answer.errors).toBeUndefined();
    expect((answer.data?.lookup as Array<{ result: unknown }>).map((r) => r.result)).toEqual([
      { person: { birthDate: null, deathDate: '1890-07-29' }, place: null },
      { person: null, place: null },
    ]);
  });
});
