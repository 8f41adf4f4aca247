import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '../../src/ingest/demo-loader.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { count, select, startTestServer, type TestServer } from '../helpers/test-server.js';

interface Manifest {
  organisations: Array<{ id: string; name: string }>;
  datasets: Array<{ id: string; organisation: string; title: string; files: string[] }>;
}

const manifest = JSON.parse(readFileSync(join(demoDirectory(), 'demo.json'), 'utf8')) as Manifest;
let server: TestServer;
const temp = sharedTempDir();

beforeAll(async () => {
  server = await startTestServer(temp.dir, { demo: true, baseIri: 'https://demo.cultuurgraaf.be/' });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

describe('the demo data (serve --demo)', () => {
  it('answers the README count query with a count above zero', async () => {
    expect(await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).toBeGreaterThan(1000);
  });

  it('holds heritage objects, productions, actors and a term list, each in its dataset and organisation', async () => {
    const rows = await select(server, `
      SELECT ?kind (COUNT(DISTINCT ?g) AS ?n) WHERE {
        GRAPH ?g { ?g a ?type }
        VALUES (?type ?kind) {
          (<http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object> "object")
          (<http://www.cidoc-crm.org/cidoc-crm/E7_Activity> "production")
          (<http://www.cidoc-crm.org/cidoc-crm/E21_Person> "agent")
          (<http://www.cidoc-crm.org/cidoc-crm/E74_Group> "agent")
          (<http://www.w3.org/2004/02/skos/core#ConceptScheme> "term-list")
        }
      } GROUP BY ?kind ORDER BY ?kind`);
    const byKind: Record<string, number> = Object.fromEntries(rows.map((r) => [r.kind ?? '', Number(r.n)]));
    expect(byKind.object).toBeGreaterThanOrEqual(20);
    expect(byKind.production).toBeGreaterThanOrEqual(10);
    expect(byKind.agent).toBeGreaterThanOrEqual(10);
    expect(byKind['term-list']).toBe(1);

    const store = SqliteRecordStore.open(temp.dir);
    expect(store.listOrganisations().map((o) => o.id)).toEqual(expect.arrayContaining(manifest.organisations.map((o) => o.id)));
    for (const dataset of manifest.datasets) {
      expect(store.getDataset(dataset.id)).toMatchObject({ organisation: dataset.organisation, title: dataset.title });
    }
    const kinds = new Set(store.stats().map((row) => row.kind));
    for (const kind of ['object', 'production', 'agent', 'concept', 'term-list']) expect(kinds).toContain(kind);
    store.close();
  });

  it('mints every record IRI under the configured base IRI, and links resolve inside the demo', async () => {
    const outside = await count(server, 'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!STRSTARTS(STR(?g), "https://demo.cultuurgraaf.be/id/")) }');
    expect(outside).toBe(0);
    // Topics (id/topic/...) are not records: the application describes them itself.
    const dangling = await count(server, `
      SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {
        ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "https://demo.cultuurgraaf.be/id/") && !STRSTARTS(STR(?o), "https://demo.cultuurgraaf.be/id/topic/"))
        FILTER NOT EXISTS { GRAPH ?o { ?x ?y ?z } }
      }`);
    expect(dangling).toBe(0);
    const topic = await fetch(`${server.url}/id/topic/materials`, { headers: { accept: 'application/n-triples' } });
    expect(topic.status).toBe(200);
    expect(await topic.text()).toContain('<https://demo.cultuurgraaf.be/id/topic/materials> <http://www.w3.org/2004/02/skos/core#prefLabel> "Materialen"@nl .');
  });

  it('does not load the demo twice into a data dir that has records', async () => {
    const before = await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    await server.close();
    server = await startTestServer(temp.dir, { demo: true });
    expect(await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).toBe(before);
  });
});
