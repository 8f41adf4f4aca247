import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { QueryEngineError, QueryTimeoutError, ServiceUnavailableError } from '../../src/domain/errors.js';
import { StaleWriteError } from '../../src/ports/record-store.js';
import { DATABASE_FILE } from '../../src/store/sqlite-database.js';
import { OxigraphPool } from '../../src/sparql/oxigraph-pool.js';
import type { QueryJob } from '../../src/ports/triple-store.js';
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

const ask = (query: string): QueryJob => ({
  type: 'query', query, mediaType: 'application/sparql-results+json', baseIri: 'http://example.org/', unionDefaultGraph: true, maxResultChars: 1_000_000,
});
/** About a second of work on the 50 records, well inside the limits used here. */
const SLOW = ask('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }');
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
    // The queries went to a replica that had caught up; the other one may still be syncing (under
    // load it was, and the suite failed once): readiness is reported once every replica has.
    await waitFor(() => (pool.status().ready ? true : undefined));
    expect(pool.status()).toMatchObject({ ready: true, appliedHead: store.head() });
  });

  it('tells how long a query waited and how long oxigraph took', async () => {
    const { pool } = await setUp(1);
    const answer = await pool.query(ask('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'), 5000);
    expect(answer.engineMs).toBeGreaterThan(0);
    expect(answer.waitMs).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(answer.body)).toMatchObject({ results: { bindings: [{ n: { value: '50' } }] } });
  });

  it('leaves out a record the engine refuses, serves the rest, and says so', async () => {
    const dir = tempDir();
    const store = SqliteRecordStore.open(dir);
    store.ensureDataset('d');
    store.writeBatch(await Promise.all([1, 2, 3].map((i) => putTurtle(`http://example.org/r${i}`, 'd', `<r${i}> <p> ${i} .`))));
    // Content older versions could store: written past the checks, straight into the table.
    const insertBad = (iri: string): void => {
      const db = new Database(join(dir, DATABASE_FILE));
      const { lastInsertRowid } = db.prepare(
        `INSERT INTO records (iri, dataset_id, kind, nquads, hash, triples, version, created_at, updated_at, deleted)
         VALUES (?, 'd', 'resource', ?, 'x', 1, 1, 'now', 'now', 0)`,
      ).run(iri, `<${iri}> <http://example.org/p> "x"@en_US <${iri}> .\n`);
      db.prepare(`INSERT INTO change_log (record_id, version, op, at) VALUES (?, 1, 'create', 'now')`).run(lastInsertRowid);
      db.close();
    };
    insertBad('http://example.org/bad1');
    const pool = new OxigraphPool({ dataDir: dir, replicas: 1, logger: silentLogger(), storeHead: () => store.head() });
    pools.push(pool);
    await pool.start();
    expect(JSON.parse((await pool.query(ask('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'), 5000)).body))
      .toMatchObject({ results: { bindings: [{ n: { value: '3' } }] } });
    expect(pool.status().replicas[0]).toMatchObject({ skippedRecords: 1 });

    insertBad('http://example.org/bad2');
    store.writeBatch([await putTurtle('http://example.org/r4', 'd', '<r4> <p> 4 .')]);
    pool.notifyChanges();
    expect(JSON.parse((await pool.query(ask('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'), 5000)).body))
      .toMatchObject({ results: { bindings: [{ n: { value: '4' } }] } });
    expect(pool.status()).toMatchObject({ ready: true, replicas: [{ skippedRecords: 2 }] });
  });

  it('brings every replica up to date after a write, even one that was busy, without further traffic', async () => {
    const { store, pool } = await setUp(2);
    const slow = pool.query(SLOW, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    store.writeBatch([await putTurtle('http://example.org/new', 'd', '<new> <p> "fresh" .')]);
    pool.notifyChanges();
    await slow;
    await waitFor(() => (pool.status().ready ? true : undefined), 5000);
    expect(pool.status().replicas.map((r) => r.head)).toEqual([store.head(), store.head()]);
  });

  it("gives the next free replica to another client's waiting query before the same client's next one", async () => {
    const { pool } = await setUp(1);
    const order: string[] = [];
    const track = (name: string, answer: Promise<unknown>): Promise<unknown> => answer.then(() => order.push(name));
    const first = track('a1', pool.query(SLOW, 20_000, 'client-a'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = track('a2', pool.query(SLOW, 20_000, 'client-a'));
    const other = track('b1', pool.query(ask('ASK {}'), 20_000, 'client-b'));
    await Promise.all([first, second, other]);
    expect(order).toEqual(['a1', 'b1', 'a2']);
  });

  it('answers 503 at once while no replica serves, instead of waiting out the limit', async () => {
    const { pool } = await setUp(1);
    await expect(pool.query(RUNAWAY, 500)).rejects.toBeInstanceOf(QueryTimeoutError);
    const started = performance.now();
    await expect(pool.query(ask('ASK {}'), 10_000)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('evaluates an update again when the change log moved, and gives up with 503 when it keeps moving', async () => {
    const { pool } = await setUp(1);
    const job = { type: 'update' as const, update: 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }', baseIri: 'http://example.org/', usingGraphs: [], usingNamedGraphs: [] };
    let calls = 0;
    const value = await pool.update(job, 10_000, (result) => {
      calls++;
      if (calls < 3) throw new StaleWriteError(result.head, result.head + 1);
      return Promise.resolve(result.graphs.map((g) => g.iri));
    });
    expect(calls).toBe(3);
    expect(value).toEqual(['http://example.org/g']);
    const never = { ...job, update: 'INSERT DATA { GRAPH <http://example.org/never> { <http://example.org/s> <http://example.org/p> 1 } }' };
    await expect(pool.update(never, 10_000, (result) => { throw new StaleWriteError(result.head, result.head + 1); }))
      .rejects.toBeInstanceOf(ServiceUnavailableError);
    // Every evaluation was undone: nothing was committed, so the replica holds no trace of that graph.
    expect(JSON.parse((await pool.query(ask('ASK { GRAPH <http://example.org/never> { ?s ?p ?o } }'), 5000)).body)).toMatchObject({ boolean: false });
  });
});
