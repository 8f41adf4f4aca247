import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termsSchema } from '../../src/graphql/graphql-app.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { importTermList } from '../../src/terms/term-import.js';
import { ROOT } from '../helpers/cli.js';
import { termsGraphql, type TermsGraphql } from '../helpers/graphql-terms.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer } from '../helpers/test-server.js';

const BASE = 'http://localhost:8080/';
const MATERIALS = `${BASE}id/term-list/materialen`;
const PLACES = 'https://example.org/plaatsen/';
const MIXED = `${BASE}id/term-list/gemengd`;
const concept = (id: string): string => `${BASE}id/concept/materialen/${id}`;

describe('Network of Terms GraphQL API', () => {
  const temp = sharedTempDir('graphql-terms-');
  const data = join(temp.dir, 'data');
  let query: TermsGraphql['query'];
  let graphql: TermsGraphql;

  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      const metadataOf = (name: string, topics: string[]) => ({ name: { nl: name, en: `${name} (en)` }, topics, languages: ['nl', 'en'], publisher: { name: 'Erfgoed Vlaanderen', alternateName: 'EV', iri: 'https://example.org/ev' } });
      await importTermList({ file: join(ROOT, 'fixtures/terms/materialen.csv'), source: 'materialen.csv', list: 'materialen', baseIri: BASE, metadata: metadataOf('Materialen', ['materials']) }, { records });
      await importTermList({ file: join(ROOT, 'fixtures/terms/plaatsen.ttl'), source: 'plaatsen.ttl', list: 'plaatsen', baseIri: BASE, metadata: { topics: ['places'] } }, { records });
      const mixed = join(temp.dir, 'gemengd.ttl');
      writeFileSync(mixed, [
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .',
        '<https://example.org/t/ets> a skos:Concept ; skos:prefLabel "ets"@mul ; skos:altLabel "etsen" .',
        '<https://example.org/t/gravure> a skos:Concept ; skos:prefLabel "gravure" , "engraving"@en ; skos:scopeNote "Afdruk van een gegraveerde plaat."@nl , "Print from an engraved plate."@en .',
        '<https://example.org/t/droge-naald> a skos:Concept ; skos:prefLabel "droge naald"@nl ; skos:definition "Gravure zonder zuur."@nl ; skos:scopeNote "Niet: ets."@nl .',
        '<https://example.org/t/gent> a skos:Concept ; skos:prefLabel "Gent" , "Gent"@nl , "Ghent"@en .',
        '<https://example.org/t/beiaard> a skos:Concept ; skos:prefLabel "carillon"@en , "beiaard"@nl-BE ; skos:altLabel "klokkenspel"@nl-BE .',
        '<https://example.org/t/kontich> a skos:Concept ; skos:prefLabel "Kontich" .',
      ].join('\n'));
      await importTermList({ file: mixed, source: 'gemengd.ttl', list: 'gemengd', baseIri: BASE }, { records });
    } finally {
      records.close();
    }
    graphql = termsGraphql(data, BASE);
    ({ query } = graphql);
  });
  afterAll(() => {
    graphql.close();
    temp.remove();
  });

  it('lists the sources with all fields, in the language of Accept-Language, filtered by genre', async () => {
    const text = `query Sources($genres: [ID!]) { sources(genres: $genres) { uri name alternateName description inLanguage mainEntityOfPage
      creators { uri name alternateName } genres { uri name } features { type url } status { isAvailable lastChecked } } }`;
    const all = await query(text);
    expect(all.errors).toBeUndefined();
    const sources = all.data?.sources as Array<Record<string, unknown>>;
    expect(sources.map((s) => s.uri)).toEqual([MIXED, MATERIALS, 'https://example.org/plaatsen/']);
    expect(sources[1]).toEqual({
      uri: MATERIALS, name: 'Materialen', alternateName: null, description: '', inLanguage: ['en', 'nl'], mainEntityOfPage: [],
      creators: [{ uri: 'https://example.org/ev', name: 'Erfgoed Vlaanderen', alternateName: 'EV' }],
      genres: [{ uri: `${BASE}id/topic/materials`, name: 'Materialen' }],
      features: [{ type: 'RECONCILIATION', url: 'http://localhost/reconcile/materialen' }, { type: 'GENRE_FILTER', url: MATERIALS }],
      status: { isAvailable: true, lastChecked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown },
    });
    const english = await query(text, { genres: [`${BASE}id/topic/materials`] }, { 'accept-language': 'en-GB, nl;q=0.5' });
    expect(english.data?.sources).toEqual([expect.objectContaining({ name: 'Materialen (en)', genres: [{ uri: `${BASE}id/topic/materials`, name: 'Materials' }] })]);
    // The Network of Terms declares genres as [ID]; its clients' variables of that type are welcome too.
    const nullable = await query('query Sources($genres: [ID]) { sources(genres: $genres) { uri } }', { genres: [`${BASE}id/topic/materials`, null] });
    expect(nullable.errors).toBeUndefined();
    expect(nullable.data?.sources).toEqual([{ uri: MATERIALS }]);
    // A topic's key, as `terms import --topics` takes it, stands for its IRI; an unknown one matches nothing.
    const byKey = await query('query Sources($genres: [ID]) { sources(genres: $genres) { uri } }', { genres: ['materials'] });
    expect(byKey.data?.sources).toEqual([{ uri: MATERIALS }]);
    const unknownKey = await query('query Sources($genres: [ID]) { sources(genres: $genres) { uri } }', { genres: ['stenen'] });
    expect(unknownKey.data?.sources).toEqual([]);
    const terms = await query(`query Terms($genres: [ID]) { terms(sources: ["${MATERIALS}"], query: "brons", genres: $genres) { result { __typename } } }`, { genres: null });
    expect(terms.errors).toBeUndefined();
  });

  it('names a source, in a search or lookup, in the first of the languages asked for that it has, else in the language of Accept-Language, as the Network of Terms does', async () => {
    const named = async (selection: string, headers: Record<string, string> = {}): Promise<unknown> => {
      const response = await query(`{ ${selection} { source { ... on Source { name genres { name } } } } }`, {}, headers);
      expect(response.errors).toBeUndefined();
      return Object.values(response.data ?? {})[0];
    };
    const dutch = { name: 'Materialen', genres: [{ name: 'Materialen' }] };
    const english = { name: 'Materialen (en)', genres: [{ name: 'Materials' }] };
    expect(await named(`terms(sources: ["${MATERIALS}"], query: "brons", languages: [en])`)).toEqual([{ source: english }]);
    expect(await named(`lookup(uris: ["${concept('brons')}"], languages: [en, nl])`)).toEqual([{ source: english }]);
    // A language the source has no name in is passed over.
    expect(await named(`terms(sources: ["${MATERIALS}"], query: "brons", languages: [fr, en])`)).toEqual([{ source: english }]);
    // languages before Accept-Language; without languages, Accept-Language; with neither, Dutch.
    expect(await named(`lookup(uris: ["${concept('brons')}"], languages: [nl])`, { 'accept-language': 'en' })).toEqual([{ source: dutch }]);
    expect(await named(`lookup(uris: ["${concept('brons')}"], languages: [fr])`, { 'accept-language': 'en' })).toEqual([{ source: english }]);
    expect(await named(`lookup(uris: ["${concept('brons')}"])`, { 'accept-language': 'en' })).toEqual([{ source: english }]);
    expect(await named(`terms(sources: ["${MATERIALS}"], query: "brons")`)).toEqual([{ source: dutch }]);
  });

  it('searches one source monolingually, as its clients ask', async () => {
    const response = await query(`query Terms($sources: [ID]!, $query: String!) {
      terms(sources: $sources, query: $query) {
        source { uri name creators { uri name alternateName } }
        result { __typename
          ... on Terms { terms { uri prefLabel altLabel hiddenLabel definition scopeNote seeAlso
            broader { uri prefLabel } narrower { uri prefLabel } related { uri prefLabel } exactMatch { uri prefLabel } } }
          ... on Error { message } }
        terms { uri }
        responseTimeMs } }`, { sources: [MATERIALS], query: 'metaal' });
    expect(response.errors).toBeUndefined();
    const [result] = response.data?.terms as Array<Record<string, unknown>>;
    expect(result).toMatchObject({ source: { uri: MATERIALS, name: 'Materialen' }, terms: [{ uri: concept('metaal') }] });
    expect(result?.responseTimeMs).toEqual(expect.any(Number));
    expect(result?.result).toEqual({
      __typename: 'Terms',
      terms: [{
        uri: concept('metaal'), prefLabel: ['metaal', 'metal'], altLabel: ['metalen'], hiddenLabel: [], definition: [], scopeNote: [], seeAlso: [],
        broader: [{ uri: concept('materiaal'), prefLabel: ['materiaal', 'material'] }],
        narrower: [{ uri: concept('brons'), prefLabel: ['brons', 'bronze'] }],
        related: [],
        exactMatch: [{ uri: 'http://vocab.getty.edu/aat/300010900', prefLabel: [] }],
      }],
    });
  });

  it('searches several sources multilingually, with genres, each answering for itself', async () => {
    const response = await query(`{ terms(sources: ["${MATERIALS}", "${PLACES}"], query: "e", languages: [en, nl], genres: ["${BASE}id/topic/places"], limit: 2) {
      source { uri } result { __typename ... on TranslatedTerms { total terms { uri score prefLabel { language value } broader { uri prefLabel { language value } } } } } } }`);
    expect(response.errors).toBeUndefined();
    const [materials, places] = response.data?.terms as Array<{ source: { uri: string }; result: { __typename: string; total: number; terms: Array<Record<string, unknown>> } }>;
    expect(materials?.result).toEqual({ __typename: 'TranslatedTerms', total: 0, terms: [] });
    expect(places?.result.total).toBe(1);
    expect(places?.result.terms[0]).toEqual({
      uri: 'https://example.org/plaatsen/oost-vlaanderen', score: 80,
      prefLabel: [{ language: 'en', value: 'East Flanders' }, { language: 'nl', value: 'Oost-Vlaanderen' }], broader: [],
    });
    const page = async (offset: number): Promise<unknown> => (await query(`{ terms(sources: ["${MATERIALS}"], query: "m", limit: 1, offset: ${offset}) { result { ... on Terms { total terms { uri } } } } }`)).data?.terms;
    expect([await page(0), await page(1), await page(2)]).toEqual([
      [{ result: { total: 2, terms: [{ uri: concept('metaal') }] } }],
      [{ result: { total: 2, terms: [{ uri: concept('materiaal') }] } }],
      [{ result: { total: 2, terms: [] } }],
    ]);
  });

  it('falls back to mul labels as the first language asked for, and reads untagged labels as Dutch', async () => {
    const response = await query(`{ terms(sources: ["${MIXED}"], query: "ets", languages: [fr, nl]) { result { ... on TranslatedTerms { terms { uri prefLabel { language value } altLabel { language value } } } } } }`);
    expect(response.data?.terms).toEqual([{ result: { terms: [{ uri: 'https://example.org/t/ets', prefLabel: [{ language: 'fr', value: 'ets' }], altLabel: [{ language: 'nl', value: 'etsen' }] }] } }]);
    const gravure = await query(`{ lookup(uris: ["https://example.org/t/gravure"], languages: [nl]) { result { ... on TranslatedTerm { prefLabel { language value } } } } }`);
    expect(gravure.data?.lookup).toEqual([{ result: { prefLabel: [{ language: 'nl', value: 'gravure' }] } }]);
    // An untagged label and the same one in Dutch are one Dutch label, in either shape of Term.
    const gent = await query(`{ translated: lookup(uris: ["https://example.org/t/gent"], languages: [nl, en]) { result { ... on TranslatedTerm { prefLabel { language value } } } }
      plain: lookup(uris: ["https://example.org/t/gent"]) { result { ... on Term { prefLabel } } } }`);
    expect(gent.data).toEqual({
      translated: [{ result: { prefLabel: [{ language: 'nl', value: 'Gent' }, { language: 'en', value: 'Ghent' }] } }],
      plain: [{ result: { prefLabel: ['Gent', 'Ghent'] } }],
    });
  });

  it('finds and gives labels of a regional variant for its language (nl finds nl-BE), and untagged labels as Dutch when nothing else is there', async () => {
    const beiaard = await query(`{ terms(sources: ["${MIXED}"], query: "klokkenspel", languages: [nl]) { result { ... on TranslatedTerms { terms { uri prefLabel { language value } altLabel { language value } } } } }
      plain: terms(sources: ["${MIXED}"], query: "beiaard") { result { ... on Terms { terms { prefLabel } } } } }`);
    expect(beiaard.data).toEqual({
      terms: [{ result: { terms: [{ uri: 'https://example.org/t/beiaard', prefLabel: [{ language: 'nl', value: 'beiaard' }], altLabel: [{ language: 'nl', value: 'klokkenspel' }] }] } }],
      plain: [{ result: { terms: [{ prefLabel: ['beiaard', 'carillon'] }] } }],
    });
    // As in the Network of Terms, languages choose the labels returned, not the labels searched:
    // a Dutch word asked for in English finds its term, in English.
    const brons = await query(`{ terms(sources: ["${MATERIALS}"], query: "brons", languages: [en]) { result { ... on TranslatedTerms { terms { uri prefLabel { language value } } } } } }`);
    expect(brons.data?.terms).toEqual([{ result: { terms: [{ uri: concept('brons'), prefLabel: [{ language: 'en', value: 'bronze' }] }] } }]);
    // Searched in English, a label without a language still matches, and comes back as Dutch, not as nothing.
    const kontich = await query(`{ terms(sources: ["${MIXED}"], query: "kontich", languages: [en]) { result { ... on TranslatedTerms { terms { prefLabel { language value } } } } } }`);
    expect(kontich.data?.terms).toEqual([{ result: { terms: [{ prefLabel: [{ language: 'nl', value: 'Kontich' }] }] } }]);
  });

  it('gives a term without a definition its scope notes as its definition, as the Network of Terms does', async () => {
    const response = await query(`{ plain: lookup(uris: ["https://example.org/t/gravure", "https://example.org/t/droge-naald"]) { result { ... on Term { definition scopeNote } } }
      translated: lookup(uris: ["https://example.org/t/gravure"], languages: [en]) { result { ... on TranslatedTerm { definition { language value } scopeNote { language value } } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      plain: [
        { result: { definition: ['Afdruk van een gegraveerde plaat.', 'Print from an engraved plate.'], scopeNote: ['Afdruk van een gegraveerde plaat.', 'Print from an engraved plate.'] } },
        // A definition of its own stays its definition.
        { result: { definition: ['Gravure zonder zuur.'], scopeNote: ['Niet: ets.'] } },
      ],
      translated: [{ result: { definition: [{ language: 'en', value: 'Print from an engraved plate.' }], scopeNote: [{ language: 'en', value: 'Print from an engraved plate.' }] } }],
    });
  });

  it('looks up known, unknown and hostile URIs in one batch', async () => {
    const response = await query(`query Lookup($uris: [ID]!) { lookup(uris: $uris) { uri
      source { __typename ... on Source { uri name } ... on Error { message } }
      result { __typename ... on Term { uri prefLabel } ... on Error { message } } responseTimeMs } }`,
    { uris: [concept('brons'), 'https://example.org/unknown', 'x> } ; DROP ALL #'] });
    expect(response.errors).toBeUndefined();
    const results = response.data?.lookup as Array<Record<string, unknown>>;
    expect(results.map((result) => Object.fromEntries(Object.entries(result).filter(([key]) => key !== 'responseTimeMs')))).toEqual([
      { uri: concept('brons'), source: { __typename: 'Source', uri: MATERIALS, name: 'Materialen' }, result: { __typename: 'Term', uri: concept('brons'), prefLabel: ['brons', 'bronze'] } },
      { uri: 'https://example.org/unknown', source: { __typename: 'SourceNotFoundError', message: 'No source found that can provide term with URI https://example.org/unknown' }, result: { __typename: 'NotFoundError', message: 'No term found with URI https://example.org/unknown' } },
      { uri: 'x> } ; DROP ALL #', source: { __typename: 'SourceNotFoundError', message: 'No source found that can provide term with URI x> } ; DROP ALL #' }, result: { __typename: 'NotFoundError', message: 'No term found with URI x> } ; DROP ALL #' } },
    ]);
  });

  it('fails the whole request only for an unknown source; a bad RAW query is that source\'s ServerError', async () => {
    const unknown = await query(`{ terms(sources: ["https://example.org/nope"], query: "x") { result { __typename } } }`);
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Source with URI https://example.org/nope not found', extensions: { code: 'NOT_FOUND' } });
    const raw = await query(`{ terms(sources: ["${MATERIALS}", "${PLACES}"], query: "brons OR gent", queryMode: RAW) { result { __typename ... on Terms { terms { uri } } ... on Error { message } } } }`);
    expect(raw.data?.terms).toEqual([{ result: { __typename: 'Terms', terms: [{ uri: concept('brons') }] } }, { result: { __typename: 'Terms', terms: [{ uri: 'https://example.org/plaatsen/gent' }] } }]);
    const broken = await query(`{ terms(sources: ["${MATERIALS}"], query: "brons OR", queryMode: RAW) { result { __typename ... on Error { message } } } }`);
    expect(broken.data?.terms).toEqual([{ result: { __typename: 'ServerError', message: expect.stringMatching(/^The query is not a valid search expression: /) as unknown } }]);
    const enumError = await query(`{ terms(sources: ["${MATERIALS}"], query: "x", languages: [xx]) { result { __typename } } }`);
    expect(enumError.errors?.[0]?.message).toMatch(/Language/);
  });

  it('counts every page, also one of no terms, and refuses a limit, offset or timeout out of range, naming it', async () => {
    const total = async (args: string): Promise<unknown> => {
      const response = await query(`{ terms(sources: ["${MATERIALS}"], query: "m"${args}) { result { ... on Terms { terms { uri } total } } } }`);
      return (response.data?.terms as Array<{ result: unknown }>)[0]?.result;
    };
    const all = await total('') as { terms: unknown[]; total: number };
    expect(all.total).toBe(all.terms.length);
    expect(all.total).toBeGreaterThan(1);
    expect(await total(', limit: 0')).toEqual({ terms: [], total: all.total });
    expect(await total(`, offset: ${all.total + 5}`)).toEqual({ terms: [], total: all.total });
    for (const [args, message] of [
      [', limit: -1', 'limit must be between 0 and 1,000; got -1'],
      [', limit: 1001', 'limit must be between 0 and 1,000; got 1001'],
      [', offset: -1', 'offset must be 0 or more; got -1'],
      [', timeoutMs: 0', 'timeoutMs must be between 1 and 60,000; got 0'],
    ] as const) {
      const refused = await query(`{ terms(sources: ["${MATERIALS}"], query: "m"${args}) { result { __typename } } }`);
      expect(refused.data?.terms ?? null).toBeNull();
      expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining(message) as unknown, extensions: { code: 'BAD_USER_INPUT' } });
    }
    const long = await query(`query Terms($q: String!) { terms(sources: ["${MATERIALS}"], query: $q) { result { __typename } } }`, { q: 'brons '.repeat(200) });
    expect(long.errors?.[0]).toMatchObject({ message: 'the length of query must be between 0 and 1,000; got 1200', extensions: { code: 'BAD_USER_INPUT' } });
    const lookup = await query(`{ lookup(uris: ["${concept('brons')}"], timeoutMs: -5) { uri } }`);
    expect(lookup.errors?.[0]).toMatchObject({ message: 'timeoutMs must be between 1 and 60,000; got -5' });
  });

  it('refuses a mutation or a subscription as invalid, naming what it answers', async () => {
    for (const operation of ['mutation', 'subscription']) {
      const refused = await query(`${operation} { terms }`);
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0]).toMatchObject({ message: `This API has no ${operation}s; it answers queries (sources, terms, lookup).`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
  });

  it('serves the schema committed as docs/schema.graphql', () => {
    expect(printSchema(termsSchema())).toBe(readFileSync(join(ROOT, 'docs/schema.graphql'), 'utf8').trimEnd());
  });

  it('answers over HTTP at /graphql of the server, following the change log', async () => {
    const server = await startTestServer(data);
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ terms(sources: ["https://example.org/plaatsen/"], query: "sint niklaas") { result { ... on Terms { terms { uri } } } } }' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { terms: [{ result: { terms: [{ uri: 'https://example.org/plaatsen/sint-niklaas' }] } }] } });
      // No GraphiQL page that would load its code from a CDN.
      const browser = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await browser.text()).not.toMatch(/unpkg|jsdelivr|<html/i);
    } finally {
      await server.close();
    }
  });
});
