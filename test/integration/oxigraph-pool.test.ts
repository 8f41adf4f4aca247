import { afterEach, describe, expect, it } from 'vitest';
import { QueryEngineError, QueryTimeoutError } from '../../src/domain/errors.js';
import { OxigraphPool } from '../../src/sparql/oxigraph-pool.js';
import type { QueryJob } from '../../src/sparql/worker-protocol.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { waitFor } from '../helpers/cli.js';
import { putTurtle } from '../helpers/records.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { tempDir } from '../helpers/temp-dir.js';

const pools: OxigraphPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

async function setUp(replicas: number) {
  const dir = tempDir();
  const store = SqliteRecordStore.open(dir);
  store.ensureDataset('d');
  store.writeBatch(await Promise.all(Array.from({ length: 50 }, (_, i) => putTurtle(`http://example.org/r${i}`, 'd', `<r${i}> <p> ${i} .`))));
  const pool = new OxigraphPool({ dataDir: dir, replicas, logger: silentLogger(), storeHead: () => store.head() });
  pools.push(pool);
  await pool.start();
  await waitFor(() => (pool.status().replicas.every((r) => r.state === 'serving') ? true : undefined));
  return { store, pool };
}

const ask = (query: string): QueryJob => ({ type: 'query', query, resultsFormat: 'application/sparql-results+json', baseIri: 'http://example.org/' });
const RUNAWAY = ask('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }');

describe('OxigraphPool', () => {
  it('replaces a replica whose query engine broke, and keeps answering', async () => {
    const { pool } = await setUp(2);
    const breaking = ask(`SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(3000)}1${')'.repeat(3000)}) }`);
    await expect(pool.query(breaking, 10_000)).rejects.toBeInstanceOf(QueryEngineError);
    for (let i = 0; i < 6; i++) {
      expect(JSON.parse((await pool.query(ask('ASK { <http://example.org/r1> ?p ?o }'), 10_000)).body)).toMatchObject({ boolean: true });
    }
    await waitFor(() => (pool.status().replicas.length === 2 && pool.status().ready ? true : undefined));
    expect(pool.status().replicas.map((r) => r.name)).toContain('sparql-3');
  });

  it('counts time waiting for a free replica against the limit', async () => {
    const { pool } = await setUp(1);
    const runaway = pool.query(RUNAWAY, 1500);
    const queued = pool.query(ask('ASK {}'), 500);
    await expect(queued).rejects.toBeInstanceOf(QueryTimeoutError);
    await expect(runaway).rejects.toBeInstanceOf(QueryTimeoutError);
    await waitFor(() => (pool.status().ready ? true : undefined));
    expect(JSON.parse((await pool.query(ask('ASK {}'), 5000)).body)).toMatchObject({ boolean: true });
  });

  it('follows the change log after notifyChanges, and reports readiness against it', async () => {
    const { store, pool } = await setUp(2);
    store.writeBatch([await putTurtle('http://example.org/new', 'd', '<new> <p> "fresh" .')]);
    expect(pool.status().ready).toBe(false);
    pool.notifyChanges();
    for (let i = 0; i < 4; i++) {
      expect(JSON.parse((await pool.query(ask('ASK { <http://example.org/new> ?p "fresh" }'), 5000)).body)).toMatchObject({ boolean: true });
    }
    expect(pool.status()).toMatchObject({ ready: true, appliedHead: store.head() });
  });

  it('tells how long a query waited and how long oxigraph took', async () => {
    const { pool } = await setUp(1);
    const answer = await pool.query(ask('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'), 5000);
    expect(answer.engineMs).toBeGreaterThan(0);
    expect(answer.waitMs).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(answer.body)).toMatchObject({ results: { bindings: [{ n: { value: '50' } }] } });
  });
});
