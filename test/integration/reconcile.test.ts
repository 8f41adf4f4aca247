import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { importTermList } from '../../src/terms/term-import.js';
import { ROOT } from '../helpers/cli.js';
import {
  extendResponseSchema, manifestSchema, proposePropertiesSchema, resultBatchSchema, suggestEntitiesSchema, suggestPropertiesSchema, suggestTypesSchema,
} from '../helpers/reconciliation-schemas.js';
import { importFixtureList, TERMS_BASE as BASE } from '../helpers/term-lists.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const MATERIALS = `${BASE}id/term-list/materialen`;
const SKOS_CONCEPT = 'http://www.w3.org/2004/02/skos/core#Concept';
const concept = (id: string): string => `${BASE}id/concept/materialen/${id}`;
const ajv = new Ajv({ allErrors: true, strict: false });

/** Asserts that `value` validates against `schema`, showing ajv's errors when it does not. */
function expectValid(schema: object, value: unknown): void {
  const validate = ajv.compile(schema);
  expect(validate(value) ? [] : validate.errors).toEqual([]);
}

interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly match: boolean;
  readonly type: ReadonlyArray<{ id: string; name: string }>;
}

describe('W3C Reconciliation Service API', () => {
  const temp = sharedTempDir('reconcile-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      await importFixtureList(records, 'materialen', { name: { nl: 'Materialen' } });
      await importFixtureList(records, 'plaatsen');
      // A scheme whose IRI is not its concepts' namespace, as the demo's materials list has it.
      const kleuren = join(temp.dir, 'kleuren.ttl');
      writeFileSync(kleuren, `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/schemes/kleuren> a skos:ConceptScheme .
<https://example.org/kleur/rood> a skos:Concept ; skos:inScheme <https://example.org/schemes/kleuren> ; skos:prefLabel "rood"@nl .
<https://example.org/kleur/blauw> a skos:Concept ; skos:inScheme <https://example.org/schemes/kleuren> ; skos:prefLabel "blauw"@nl .
<https://example.org/kleur/gr%C3%BCn> a skos:Concept ; skos:inScheme <https://example.org/schemes/kleuren> ; skos:prefLabel "grün"@de .
<https://example.org/kleur/emaille> a skos:Concept ; skos:inScheme <https://example.org/schemes/kleuren> ; skos:prefLabel "emaille"@nl .
`);
      await importTermList({ file: kleuren, source: 'kleuren.ttl', list: 'kleuren', baseIri: BASE }, { records });
      await importTermList({
        file: join(ROOT, 'fixtures/terms/geonames/BE-sample.txt'), source: 'BE-sample.txt', list: 'geonames', baseIri: BASE,
        alternateNames: join(ROOT, 'fixtures/terms/geonames/alternateNamesV2-sample.txt'),
      }, { records });
      await importTermList({ file: join(ROOT, 'fixtures/terms/wikidata/schilders-sample.json'), source: 'schilders.json', list: 'schilders', format: 'wikidata', baseIri: BASE }, { records });
      // Forty churches of one name, told apart by their notation.
      const kerken = join(temp.dir, 'kerken.csv');
      writeFileSync(kerken, `id;prefLabel@nl;notation\n${Array.from({ length: 40 }, (_, i) => `kerk${i};Sint-Martinuskerk;K${i}`).join('\n')}\n`);
      await importTermList({ file: kerken, source: 'kerken.csv', list: 'kerken', baseIri: BASE }, { records });
    } finally {
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const json = async (path: string, init?: RequestInit): Promise<unknown> => {
    const response = await fetch(`${server.url}${path}`, init);
    expect(response.status).toBe(200);
    return response.json();
  };

  it('describes itself in a manifest valid by the spec, for all lists and for one', async () => {
    const all = await json('/reconcile') as Record<string, unknown>;
    expectValid(manifestSchema, all);
    // Answers depend on the token (and GraphQL's on the language): a shared cache must tell them apart.
    expect((await fetch(`${server.url}/reconcile`)).headers.get('vary')).toContain('Authorization');
    const sources = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ sources { name } }')}`, { headers: { accept: 'application/json' } });
    expect(sources.status).toBe(200);
    expect(sources.headers.get('vary')).toMatch(/Accept-Language.*Authorization/);
    expect(all).toMatchObject({ versions: ['0.2'], defaultTypes: [{ id: SKOS_CONCEPT }], view: { url: `${server.url}/reconcile/view?id={{id}}` } });
    const one = await json('/reconcile/materialen') as Record<string, unknown>;
    expectValid(manifestSchema, one);
    expect(one).toMatchObject({ identifierSpace: `${BASE}reconcile`, defaultTypes: [{ id: MATERIALS, name: 'Materialen' }], preview: { url: `${server.url}/reconcile/materialen/preview?id={{id}}` } });
    expect((await fetch(`${server.url}/reconcile/onbekend`)).status).toBe(404);
  });

  it('declares one identifier space of its own for every list, as its ids are whole IRIs and no namespace\'s local names', async () => {
    // A Wikidata list's ids are <http://www.wikidata.org/entity/Q5582>, not Wikidata's own ids (Q5582):
    // declaring Wikidata's namespace would have OpenRefine take them for Wikidata items.
    const found = await json(`/reconcile/schilders?queries=${encodeURIComponent(JSON.stringify({ q: { query: 'Vincent van Gogh' } }))}`) as Record<string, { result: Candidate[] }>;
    expect(found.q?.result[0]?.id).toBe('http://www.wikidata.org/entity/Q5582');
    for (const path of ['/reconcile', '/reconcile/materialen', '/reconcile/kleuren', '/reconcile/geonames', '/reconcile/schilders']) {
      expect([path, (await json(path) as { identifierSpace: unknown }).identifierSpace]).toEqual([path, `${BASE}reconcile`]);
    }
  });

  it('answers a batch of ten queries with a type constraint: ranked candidates, match only when sure', async () => {
    const queries = {
      q0: { query: 'brons', type: MATERIALS },
      q1: { query: 'Émail', type: MATERIALS },
      q2: { query: 'metal', type: MATERIALS },
      q3: { query: 'eik', type: MATERIALS },
      q4: { query: 'hout', type: MATERIALS, limit: 1 },
      q5: { query: 'Gent', type: MATERIALS },
      q6: { query: 'materiaal', type: MATERIALS, properties: [{ pid: 'notation', v: 'M' }] },
      q7: { query: 'm', type: MATERIALS },
      q8: { query: 'brons', type: MATERIALS, properties: [{ pid: 'broader', v: 'hout' }] },
      q9: { query: 'Gent', type: 'https://example.org/plaatsen/' },
    };
    const form = await json('/reconcile', { method: 'POST', body: new URLSearchParams({ queries: JSON.stringify(queries) }) }) as Record<string, { result: Candidate[] }>;
    expectValid(resultBatchSchema, form);
    expect(Object.keys(form)).toEqual(Object.keys(queries));
    const first = (key: string): Candidate | undefined => form[key]?.result[0];
    expect(first('q0')).toMatchObject({ id: concept('brons'), name: 'brons', score: 100, match: true, type: [{ id: SKOS_CONCEPT }, { id: MATERIALS, name: 'Materialen' }] });
    expect(first('q1')).toMatchObject({ id: concept('email'), match: true });
    expect(first('q2')).toMatchObject({ id: concept('metaal'), match: true });
    // An exact alternative label, and no other candidate: sure enough.
    expect(first('q3')).toMatchObject({ id: concept('eik'), name: 'eikenhout', score: 95, match: true });
    expect(form.q4?.result).toHaveLength(1);
    expect(form.q5?.result).toEqual([]);
    expect(first('q6')).toMatchObject({ id: concept('materiaal'), score: 100, match: true });
    expect(form.q7?.result.map((c) => c.id)).toEqual([concept('metaal'), concept('materiaal')]);
    expect(form.q7?.result.every((c) => !c.match)).toBe(true);
    expect(first('q8')).toMatchObject({ id: concept('brons'), score: 50, match: false });
    expect(first('q9')).toMatchObject({ id: 'https://example.org/plaatsen/gent', match: true });
    const scores = form.q7?.result.map((c) => c.score) ?? [];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const viaJson = await json('/reconcile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(queries) });
    expect(viaJson).toEqual(form);
    const viaGet = await json(`/reconcile?queries=${encodeURIComponent(JSON.stringify({ q0: queries.q0 }))}`);
    expect(viaGet).toEqual({ q0: form.q0 });
    const bad = await fetch(`${server.url}/reconcile?queries=${encodeURIComponent('{"q0": {"limit": "many"}}')}`);
    expect(bad.status).toBe(400);
    // A batch wrapped once more, as a client may send it, is not read as one query of nothing.
    const wrapped = await fetch(`${server.url}/reconcile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries }) });
    expect(wrapped.status).toBe(400);
    expect(await wrapped.json()).toMatchObject({ detail: expect.stringContaining('queries.query: every query needs "query", the text to match, or "properties" to find concepts by') as unknown });
  });

  it('finds candidates for a cell that says more than a label, by the share of its words a label has, never as a match', async () => {
    const queries = {
      q0: { query: 'brons, gegoten', type: MATERIALS },
      q1: { query: 'Sint-Niklaas (Oost-Vlaanderen)', type: 'https://example.org/plaatsen/' },
      q2: { query: 'eikenhout en brons met email', type: MATERIALS },
      q3: { query: 'zilver, gegoten', type: MATERIALS },
    };
    const answer = await json('/reconcile', { method: 'POST', body: new URLSearchParams({ queries: JSON.stringify(queries) }) }) as Record<string, { result: Candidate[] }>;
    expectValid(resultBatchSchema, answer);
    expect(answer.q0?.result[0]).toMatchObject({ id: concept('brons'), match: false });
    expect(answer.q0?.result[0]?.score).toBeLessThan(50);
    expect(answer.q1?.result.map((c) => c.id)).toEqual(expect.arrayContaining(['https://example.org/plaatsen/sint-niklaas', 'https://example.org/plaatsen/oost-vlaanderen']));
    expect(answer.q2?.result.map((c) => c.id)).toEqual(expect.arrayContaining([concept('eik'), concept('brons'), concept('email')]));
    expect(Object.values(answer).flatMap((a) => a.result).some((c) => c.match)).toBe(false);
    // No word of the cell is in any label: nothing.
    expect(answer.q3?.result).toEqual([]);
  });

  it('offers suggest services for entities, types and properties', async () => {
    const entities = await json('/reconcile/suggest/entity?prefix=bro');
    expectValid(suggestEntitiesSchema, entities);
    expect(entities).toMatchObject({ result: [{ id: concept('brons'), name: 'brons', description: 'Legering van koper en tin.' }] });
    const types = await json('/reconcile/suggest/type?prefix=mat');
    expectValid(suggestTypesSchema, types);
    expect(types).toEqual({ result: [{ id: MATERIALS, name: 'Materialen' }] });
    const properties = await json('/reconcile/suggest/property?prefix=nota');
    expectValid(suggestPropertiesSchema, properties);
    expect(properties).toEqual({ result: [{ id: 'notation', name: 'notation' }] });
  });

  it('shows a preview card, escaped, and 404 for an unknown concept', async () => {
    const response = await fetch(`${server.url}/reconcile/preview?id=${encodeURIComponent(concept('email'))}`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<strong>émail</strong>');
    expect(html).toContain('Glasachtige laag op metaal of keramiek.');
    // OpenRefine frames the card in its own page, on another origin.
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect((await fetch(`${server.url}/reconcile/preview?id=${encodeURIComponent('https://example.org/none')}`)).status).toBe(404);
  });

  it('sends a view through the service to the concept\'s IRI, as OpenRefine writes the link (encodeURI), escapes and all', async () => {
    const { view } = await json('/reconcile') as { view: { url: string } };
    // OpenRefine: encodeURI(view.url.replace("{{id}}", id)); an escape in the IRI is escaped again.
    const green = 'https://example.org/kleur/gr%C3%BCn';
    const link = encodeURI(view.url.replace('{{id}}', green));
    expect(link).toContain('gr%25C3%25BCn');
    const answer = await fetch(link, { redirect: 'manual' });
    expect([answer.status, answer.headers.get('location')]).toEqual([303, green]);
    expect((await fetch(`${server.url}/reconcile/view?id=${encodeURIComponent('https://example.org/none')}`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${server.url}/reconcile/view`, { redirect: 'manual' })).status).toBe(400);
  });

  it('refuses a batch or a query too large to answer at once, naming the limit, and cuts a limit above 100', async () => {
    const post = (queries: unknown): Promise<Response> => fetch(`${server.url}/reconcile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(queries) });
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`q${i}`, { query: 'brons' }]));
    const tooMany = await post(many);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { detail: string }).detail).toBe('The queries are not a reconciliation query batch: a batch holds at most 200 queries; send more batches');
    const long = await post({ q0: { query: 'brons '.repeat(200) } });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('a query is at most 1,000 characters');
    const wide = await post({ q0: { query: 'brons', limit: 500 } });
    expect(wide.status).toBe(200);
    expectValid(resultBatchSchema, await wide.json());
  });

  it('is not sure of a preferred label another concept has as an alternative one, but is of the homonym a property constraint picks', async () => {
    const post = async (queries: unknown): Promise<Record<string, { result: Candidate[] }>> => {
      const answer = await fetch(`${server.url}/reconcile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(queries) });
      return await answer.json() as Record<string, { result: Candidate[] }>;
    };
    // "emaille": a colour's preferred label, and an alternative label of the material émail.
    const { q0 } = await post({ q0: { query: 'emaille' } });
    expect(q0?.result.slice(0, 2).map((c) => [c.id, c.score, c.match])).toEqual([['https://example.org/kleur/emaille', 100, false], [concept('email'), 95, false]]);
    // The 36th of forty churches of one name, found by its notation whatever the limit.
    const { q1 } = await post({ q1: { query: 'Sint-Martinuskerk', limit: 3, properties: [{ pid: 'notation', v: 'K35' }] } });
    expect(q1?.result.map((c) => [c.id.replace(/^.*\//, ''), c.score, c.match])).toEqual([['kerk35', 100, true], ['kerk0', 50, false], ['kerk1', 50, false]]);
  });

  it('finds concepts by a notation or an exact match alone, in the lists asked for, a match only when one has every value asked for', async () => {
    const post = async (path: string, queries: unknown): Promise<Record<string, { result: Candidate[] }>> => {
      const answer = await fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams({ queries: JSON.stringify(queries) }) });
      expect(answer.status).toBe(200);
      return await answer.json() as Record<string, { result: Candidate[] }>;
    };
    const brons = concept('brons');
    const answer = await post('/reconcile', {
      // The 36th of forty churches of one name, by its notation alone.
      notation: { properties: [{ pid: 'notation', v: 'K35' }] },
      folded: { properties: [{ pid: 'notation', v: 'm.1.1' }], type: MATERIALS },
      // An IRI a reconciled column holds, by the property's SKOS IRI.
      reconciled: { properties: [{ pid: 'http://www.w3.org/2004/02/skos/core#exactMatch', v: { id: 'http://vocab.getty.edu/aat/300010957' } }] },
      several: { properties: [{ pid: 'notation', v: ['K1', 'K2', 'K3'] }], limit: 2 },
      narrowed: { properties: [{ pid: 'notation', v: 'M.1.1' }, { pid: 'broader', v: 'hout' }] },
      // Brons has the notation, metaal the match: neither has both.
      split: { properties: [{ pid: 'notation', v: 'M.1.1' }, { pid: 'exactMatch', v: 'http://vocab.getty.edu/aat/300010900' }] },
      elsewhere: { properties: [{ pid: 'notation', v: 'K35' }], type: MATERIALS },
      unknown: { properties: [{ pid: 'notation', v: 'X.9' }] },
      blank: { query: ' ', properties: [{ pid: 'notation', v: 'M' }] },
    });
    expectValid(resultBatchSchema, answer);
    const found = (key: string): Array<[string, number, boolean]> | undefined => answer[key]?.result.map((c) => [c.id.replace(/^.*\//, ''), c.score, c.match]);
    expect(found('notation')).toEqual([['kerk35', 100, true]]);
    expect(answer.notation?.result[0]).toMatchObject({ name: 'Sint-Martinuskerk', type: [{ id: SKOS_CONCEPT }, { name: 'kerken' }] });
    expect(answer.folded?.result[0]).toMatchObject({ id: brons, name: 'brons', description: 'Legering van koper en tin.', score: 100, match: true });
    expect(answer.reconciled?.result.map((c) => [c.id, c.match])).toEqual([[brons, true]]);
    expect(found('several')).toEqual([['kerk1', 100, false], ['kerk2', 100, false]]);
    expect(found('narrowed')).toEqual([['brons', 50, false]]);
    expect(found('split')).toEqual([['brons', 50, false], ['metaal', 50, false]]);
    expect(found('elsewhere')).toEqual([]);
    expect(found('unknown')).toEqual([]);
    expect(found('blank')).toEqual([['materiaal', 100, true]]);
    // A cell whose text names no concept is still found by its notation, never as a match.
    const misspelt = await post('/reconcile', { q0: { query: 'brnos', properties: [{ pid: 'notation', v: 'M.1.1' }] }, q1: { query: 'brnos' } });
    expect([misspelt.q0?.result.map((c) => [c.id, c.score, c.match]), misspelt.q1?.result]).toEqual([[[brons, 60, false]], []]);
    // Also when the text finds other, weaker candidates (here by one of its words).
    const weak = await post('/reconcile', { q0: { query: 'brnos hout', properties: [{ pid: 'notation', v: 'M.1.1' }] } });
    expect(weak.q0?.result.map((c) => [c.id.replace(/^.*\//, ''), c.score, c.match])).toEqual([['brons', 60, false], ['hout', 11.5, false]]);
    // A service of one list looks in that list alone.
    const one = await post('/reconcile/materialen', { q0: { properties: [{ pid: 'notation', v: 'K35' }] }, q1: { properties: [{ pid: 'notation', v: 'M.3' }] } });
    expect([one.q0?.result, one.q1?.result.map((c) => [c.id, c.match])]).toEqual([[], [[concept('hout'), true]]]);
  });

  it('refuses a query with neither text nor properties, or whose properties identify nothing, naming the problem', async () => {
    const detail = async (queries: unknown): Promise<unknown> => {
      const answer = await fetch(`${server.url}/reconcile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(queries) });
      expect([answer.status, answer.headers.get('content-type')]).toEqual([400, expect.stringContaining('application/problem+json')]);
      return (await answer.json() as { detail: unknown }).detail;
    };
    const neither = 'q0.query: every query needs "query", the text to match, or "properties" to find concepts by';
    // The spec's own example of an invalid query batch, and empty properties, which its schema refuses too.
    expect(await detail({ q0: { limit: 1 } })).toContain(neither);
    expect(await detail({ q0: { properties: [] } })).toContain(neither);
    expect(await detail({ q0: { properties: [{ pid: 'broader', v: 'metaal' }, { pid: 'kleur', v: 'rood' }] } }))
      .toContain('q0.properties: without "query", a query needs a property that identifies a concept, notation or exactMatch; it has "broader", "kleur"');
  });

  it('takes an empty type as none and a list\'s id as its type, and gives a match outside the lists as text, not as an entity', async () => {
    const post = async (path: string, queries: unknown): Promise<Record<string, { result: Candidate[] }>> => {
      const answer = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(queries) });
      return await answer.json() as Record<string, { result: Candidate[] }>;
    };
    expect((await post('/reconcile', { q: { query: 'brons', type: '' } })).q?.result[0]?.id).toBe(concept('brons'));
    expect((await post('/reconcile/materialen', { q: { query: 'brons', type: 'materialen' } })).q?.result[0]?.id).toBe(concept('brons'));
    const extend = { ids: [concept('brons')], properties: [{ id: 'exactMatch' }, { id: 'broader' }] };
    const { rows } = await json(`/reconcile?extend=${encodeURIComponent(JSON.stringify(extend))}`) as { rows: Record<string, Record<string, unknown[]>> };
    expect(rows[concept('brons')]).toEqual({ exactMatch: [{ str: 'http://vocab.getty.edu/aat/300010957' }], broader: [{ id: concept('metaal'), name: 'metaal' }] });
  });

  it('refuses a suggest cursor that is no whole number, naming it', async () => {
    for (const cursor of ['1.5', '-1', 'abc', '99999999999999999999']) {
      const answer = await fetch(`${server.url}/reconcile/suggest/entity?prefix=b&cursor=${cursor}`);
      expect([cursor, answer.status]).toEqual([cursor, 400]);
      expect(await answer.text()).toContain('cursor must be a whole number');
    }
    expectValid(suggestEntitiesSchema, await json('/reconcile/suggest/entity?prefix=b&cursor=1'));
  });

  it('extends data: proposes properties and returns their values per concept', async () => {
    const proposed = await json(`/reconcile/extend/propose?type=${encodeURIComponent(MATERIALS)}`);
    expectValid(proposePropertiesSchema, proposed);
    const extend = { ids: [concept('brons'), 'https://example.org/none'], properties: [{ id: 'broader' }, { id: 'notation' }, { id: 'prefLabel' }] };
    const extended = await json(`/reconcile?extend=${encodeURIComponent(JSON.stringify(extend))}`);
    expectValid(extendResponseSchema, extended);
    expect(extended).toEqual({
      meta: [{ id: 'broader', name: 'broader concept', type: { id: SKOS_CONCEPT, name: 'Concept' } }, { id: 'notation', name: 'notation' }, { id: 'prefLabel', name: 'preferred label' }],
      rows: {
        [concept('brons')]: { broader: [{ id: concept('metaal'), name: 'metaal' }], notation: [{ str: 'M.1.1' }], prefLabel: [{ str: 'brons' }, { str: 'bronze' }] },
        'https://example.org/none': { broader: [], notation: [], prefLabel: [] },
      },
    });
    const unknown = await fetch(`${server.url}/reconcile?extend=${encodeURIComponent(JSON.stringify({ ids: [], properties: [{ id: 'kleur' }] }))}`);
    expect(unknown.status).toBe(400);
  });
});

describe('W3C Reconciliation Service API, with the same terms in two lists', () => {
  const temp = sharedTempDir('reconcile-twice-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      await importFixtureList(records, 'materialen');
      await importTermList({ file: join(ROOT, 'fixtures/terms/materialen.csv'), source: 'materialen.csv', list: 'kopie', baseIri: BASE }, { records });
    } finally {
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const post = async (path: string, body: Record<string, string>): Promise<unknown> => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(body) });
    expect(response.status).toBe(200);
    return response.json();
  };

  it('is not sure of a candidate another one equals, whatever the limit', async () => {
    const queries = { all: { query: 'brons' }, one: { query: 'brons', limit: 1 } };
    const answer = await post('/reconcile', { queries: JSON.stringify(queries) }) as Record<string, { result: Candidate[] }>;
    expect(answer.all?.result.slice(0, 2).map((c) => [c.score, c.match])).toEqual([[100, false], [100, false]]);
    expect(answer.one?.result.map((c) => [c.id, c.score, c.match])).toEqual([[answer.all?.result[0]?.id, 100, false]]);
  });

  it('is not sure of a concept another list has the same notation for, but is in the service of one list', async () => {
    const queries = JSON.stringify({ q0: { properties: [{ pid: 'notation', v: 'M.1.1' }] } });
    const all = await post('/reconcile', { queries }) as Record<string, { result: Candidate[] }>;
    expect(all.q0?.result.map((c) => [c.id, c.score, c.match])).toEqual([[concept('brons'), 100, false], [`${BASE}id/concept/kopie/brons`, 100, false]]);
    const one = await post('/reconcile/kopie', { queries }) as Record<string, { result: Candidate[] }>;
    expect(one.q0?.result.map((c) => [c.id, c.score, c.match])).toEqual([[`${BASE}id/concept/kopie/brons`, 100, true]]);
  });

  it('extends, in the service of one list, only that list\'s concepts', async () => {
    const extend = { ids: [concept('brons'), `${BASE}id/concept/kopie/brons`], properties: [{ id: 'notation' }] };
    expect(await post('/reconcile/materialen', { extend: JSON.stringify(extend) })).toMatchObject({
      rows: { [concept('brons')]: { notation: [{ str: 'M.1.1' }] }, [`${BASE}id/concept/kopie/brons`]: { notation: [] } },
    });
    expect(await post('/reconcile', { extend: JSON.stringify(extend) })).toMatchObject({
      rows: { [concept('brons')]: { notation: [{ str: 'M.1.1' }] }, [`${BASE}id/concept/kopie/brons`]: { notation: [{ str: 'M.1.1' }] } },
    });
  });
});
