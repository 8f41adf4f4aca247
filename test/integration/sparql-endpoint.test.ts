import oxigraph from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { putTurtle } from '../helpers/records.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { count, select, startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const EX = 'http://example.org/';
let server: TestServer;
const temp = sharedTempDir();

beforeAll(async () => {
  const store = SqliteRecordStore.open(temp.dir);
  store.ensureDataset('museum');
  store.writeBatch([
    await putTurtle(`${EX}o1`, 'museum', 'ex:o1 a crm:E22_Human-Made_Object ; crm:P102_has_title "De oestereetster"@nl ; crm:P45_consists_of ex:c1 .'),
    await putTurtle(`${EX}o2`, 'museum', 'ex:o2 a crm:E22_Human-Made_Object ; crm:P102_has_title "Stoel"@nl ; crm:P43_has_dimension [ crm:P90_has_value 45 ] .'),
    await putTurtle(`${EX}c1`, 'museum', 'ex:c1 a skos:Concept ; skos:prefLabel "olieverf"@nl .'),
  ]);
  store.close();
  server = await startTestServer(temp.dir);
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

describe('SPARQL endpoint', () => {
  it('answers the README count query', async () => {
    expect(await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).toBe(9);
  });

  it('makes the default graph the union of the records, and GRAPH patterns see each record', async () => {
    const rows = await select(server, 'SELECT ?g ?title WHERE { GRAPH ?g { ?o <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> ?title } } ORDER BY ?g');
    expect(rows).toEqual([{ g: `${EX}o1`, title: 'De oestereetster' }, { g: `${EX}o2`, title: 'Stoel' }]);
    const joined = await select(server, `SELECT ?label WHERE { <${EX}o1> <http://www.cidoc-crm.org/cidoc-crm/P45_consists_of> ?c . ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }`);
    expect(joined).toEqual([{ label: 'olieverf' }]);
  });

  it.each([
    ['application/sparql-results+json', (body: string) => { expect(JSON.parse(body)).toMatchObject({ head: { vars: ['title'] } }); }],
    ['application/sparql-results+xml', (body: string) => { expect(body).toMatch(/<sparql xmlns="http:\/\/www.w3.org\/2005\/sparql-results#">/); }],
    ['text/csv', (body: string) => { expect(body.split('\r\n')[0]).toBe('title'); }],
    ['text/tab-separated-values', (body: string) => { expect(body.split('\n')[0]).toBe('?title'); }],
  ])('returns SELECT results as %s', async (mediaType, check) => {
    const response = await server.query(`SELECT ?title WHERE { <${EX}o1> <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> ?title }`, mediaType);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(`${mediaType}; charset=utf-8`);
    check(await response.text());
  });

  it.each(['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'])(
    'returns CONSTRUCT results as %s that parse to the same graph', async (mediaType) => {
      const response = await server.query(`CONSTRUCT WHERE { <${EX}o1> ?p ?o }`, mediaType);
      expect(response.headers.get('content-type')).toBe(`${mediaType}; charset=utf-8`);
      const parsed = oxigraph.parse(await response.text(), { format: mediaType, base_iri: EX });
      expect(parsed).toHaveLength(3);
    },
  );

  it('returns DESCRIBE as Turtle by default and ASK as JSON by default', async () => {
    const describe = await server.query(`DESCRIBE <${EX}o2>`, '*/*');
    expect(describe.headers.get('content-type')).toMatch(/^text\/turtle/);
    const ask = await server.query('ASK { ?s ?p ?o }', '*/*');
    expect(await ask.json()).toEqual({ head: {}, boolean: true });
  });

  it('reports queue and engine time in Server-Timing', async () => {
    const response = await server.query('ASK { ?s ?p ?o }');
    expect(response.headers.get('server-timing')).toMatch(/^queue;dur=\d+\.\d{3}, engine;dur=\d+\.\d{3};desc="oxigraph", total;dur=\d+\.\d{3}$/);
  });

  it('answers GET queries and honours q-values', async () => {
    const url = `${server.endpoint}?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 1')}`;
    const response = await fetch(url, { headers: { accept: 'text/csv;q=0.5, application/sparql-results+xml;q=0.9' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/sparql-results\+xml/);
  });

  it('answers 406 naming the available types when none is acceptable', async () => {
    const response = await server.query('SELECT * WHERE { ?s ?p ?o }', 'image/png');
    expect(response.status).toBe(406);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'NOT_ACCEPTABLE', available: expect.arrayContaining(['text/csv']) as unknown });
    const construct = await server.query('CONSTRUCT WHERE { ?s ?p ?o }', 'text/csv');
    expect(construct.status).toBe(406);
  });

  it('answers 400 with the parser message and position for a malformed query', async () => {
    const response = await server.query('SELECT * WHERE {\n  ?s ?p \n}');
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; line: number; column: number; detail: string };
    expect(problem).toMatchObject({ code: 'SPARQL_SYNTAX', line: 3 });
    expect(problem.column).toBeGreaterThan(0);
    expect(problem.detail).toMatch(/^Syntax error at line 3, column \d+: expected/);
  });

  it('serves a service description to RDF clients', async () => {
    const response = await fetch(server.endpoint, { headers: { accept: 'text/turtle' } });
    const quads = oxigraph.parse(await response.text(), { format: 'text/turtle' });
    const values = quads.map((q) => q.object.value);
    expect(values).toContain('http://www.w3.org/ns/sparql-service-description#SPARQL11Query');
    expect(values).toContain('http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph');
    expect(quads.some((q) => q.predicate.value.endsWith('#endpoint') && q.object.value === `${server.baseIri}sparql`)).toBe(true);
    const jsonld = await fetch(server.endpoint, { headers: { accept: 'application/ld+json' } });
    expect(oxigraph.parse(await jsonld.text(), { format: 'application/ld+json' }).length).toBe(quads.length);
  });

  it('serves the YASGUI editor to browsers, from the npm package', async () => {
    const page = await fetch(server.endpoint, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('/assets/yasgui/yasgui.min.js');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    const script = await fetch(`${server.url}/assets/yasgui/yasgui.min.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${server.url}/assets/yasgui/yasgui.min.css`)).status).toBe(200);
    expect((await fetch(`${server.url}/assets/sparql-editor.js`)).status).toBe(200);
  });

  it('opens a query from the URL in the editor, escaped', async () => {
    const query = 'SELECT * WHERE { ?s ?p "</script><b>" }';
    const page = await fetch(`${server.endpoint}?query=${encodeURIComponent(query)}`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(html).not.toContain('</script><b>');
    expect(html).toContain('&#60;/script&#62;');
  });

  it('allows cross-origin GET and POST, including preflight', async () => {
    const response = await server.query('ASK {}');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(server.endpoint, {
      method: 'OPTIONS',
      headers: { origin: 'https://faam.be', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PUT,DELETE');
  });

  it('applies SPARQL Update through the record store, and later queries see it', async () => {
    const response = await server.update(`INSERT DATA { <${EX}o1> <${EX}note> "bijgewerkt"@nl }`);
    expect(await response.json()).toMatchObject({ updated: 1, created: 0 });
    expect(await count(server, `SELECT (COUNT(*) AS ?n) WHERE { <${EX}o1> <${EX}note> ?x }`)).toBe(1);
    const store = SqliteRecordStore.open(temp.dir);
    expect(store.getRecord(`${EX}o1`)?.version).toBe(2);
    expect(store.changesSince(0, 100).at(-1)).toMatchObject({ iri: `${EX}o1`, op: 'update' });
    store.close();
  });

  it('creates records of an update in the dataset the request names', async () => {
    await server.update(`INSERT DATA { GRAPH <${EX}new> { <${EX}new> a <http://www.w3.org/2004/02/skos/core#Concept> } }`, '?dataset=terms');
    const store = SqliteRecordStore.open(temp.dir);
    expect(store.getRecord(`${EX}new`)).toMatchObject({ dataset: 'terms', kind: 'concept' });
    store.close();
  });

  it('deletes a record whose graph an update empties', async () => {
    await server.update(`INSERT DATA { GRAPH <${EX}tmp> { <${EX}tmp> <${EX}p> 1 } }`);
    await server.update(`DELETE WHERE { GRAPH <${EX}tmp> { ?s ?p ?o } }`);
    const store = SqliteRecordStore.open(temp.dir);
    expect(store.getRecord(`${EX}tmp`)).toMatchObject({ deleted: true });
    store.close();
    expect(await count(server, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${EX}tmp> { ?s ?p ?o } }`)).toBe(0);
  });

  it('leaves the store unchanged when an update fails part-way, not even creating its dataset', async () => {
    const store = SqliteRecordStore.open(temp.dir);
    const head = store.head();
    const datasets = store.listDatasets().map((d) => d.id);
    const before = await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    const response = await fetch(`${server.endpoint}?dataset=ghost`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: `INSERT DATA { GRAPH <${EX}ghost> { <${EX}ghost> <${EX}p> "first" } } ; DROP GRAPH <${EX}does-not-exist>`,
    });
    expect(response.status).toBe(400);
    expect(await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).toBe(before);
    expect(store.head()).toBe(head);
    expect(store.listDatasets().map((d) => d.id)).toEqual(datasets);
    store.close();
  });

  it('takes the dataset of an update from a form body too', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: new URLSearchParams({ update: `INSERT DATA { GRAPH <${EX}in-form> { <${EX}in-form> <${EX}p> 1 } }`, dataset: 'from-form' }),
    });
    expect(response.status).toBe(200);
    const store = SqliteRecordStore.open(temp.dir);
    expect(store.getRecord(`${EX}in-form`)?.dataset).toBe('from-form');
    store.close();
  });

  it('answers 400, not 500, when the WHERE clause or a literal of an update cannot be evaluated', async () => {
    for (const update of [
      `INSERT { <${EX}x> <${EX}p> ?o } WHERE { SERVICE <http://example.invalid/sparql> { ?s ?p ?o } }`,
      `INSERT { <${EX}x> <${EX}p> ?o } WHERE { ?s ?p ?o FILTER(<http://example.org/unknownFunction>(?o)) }`,
      `INSERT DATA { <${EX}x> <${EX}p> "x"@abcdefghijklmnop }`,
    ]) {
      const response = await fetch(server.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        body: update,
      });
      expect(response.status, update).toBe(400);
    }
  });

  it("honours a query's own FROM and FROM NAMED, and the union otherwise", async () => {
    expect(await count(server, `SELECT (COUNT(*) AS ?n) FROM <${EX}c1> WHERE { ?s ?p ?o }`)).toBe(2);
    expect(await count(server, `SELECT (COUNT(*) AS ?n) FROM NAMED <${EX}c1> WHERE { GRAPH ?g { ?s ?p ?o } }`)).toBe(2);
    expect(await count(server, `SELECT (COUNT(*) AS ?n) FROM NAMED <${EX}c1> WHERE { ?s ?p ?o }`)).toBe(0);
    expect(await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != "from") }')).toBeGreaterThan(2);
  });

  it('refuses updates without the admin token, and with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', 'Basic dXNlcjpwYXNz']) {
      const response = await fetch(server.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-update', ...(authorization ? { authorization } : {}) },
        body: 'CLEAR ALL',
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).toBeGreaterThan(0);
  });

  it('reports health and readiness', async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
