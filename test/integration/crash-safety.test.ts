import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeSyntheticDataset } from '../../bench/synthetic-heritage.js';
import { DATABASE_FILE } from '../../src/store/sqlite-database.js';
import { collectOutput, exited, spawnCli, waitFor } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const BATCH = 1000;
/** 90,455 objects plus their agents, places and concepts make 100,000 records. */
const OBJECTS = 90_455;

interface StoreCounts {
  readonly records: number;
  readonly triples: number;
  readonly changes: number;
}

/** Reads the record store directly, as a second process would. */
function storeCounts(dataDir: string): StoreCounts {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare('SELECT COUNT(*) AS records, COALESCE(SUM(triples), 0) AS triples FROM records WHERE deleted = 0').get() as { records: number; triples: number };
    const changes = (db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n;
    return { ...row, changes };
  } finally {
    db.close();
  }
}

function storeHead(dataDir: string): number {
  try {
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COALESCE(MAX(seq), 0) AS head FROM change_log').get() as { head: number }).head;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

async function startServer(dataDir: string) {
  const child = spawnCli(['serve', '--data-dir', dataDir, '--port', '0']);
  const output = collectOutput(child);
  const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output.stderr())?.[1], 30_000);
  return { child, url };
}

/** What the SPARQL index holds: record graphs and triples. */
async function indexCounts(url: string): Promise<{ graphs: number; triples: number }> {
  const response = await fetch(`${url}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
    body: 'SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } }',
  });
  const json = (await response.json()) as { results: { bindings: Array<Record<string, { value: string }>> } };
  const row = json.results.bindings[0];
  return { graphs: Number(row?.graphs?.value), triples: Number(row?.triples?.value) };
}

async function waitUntilIndexMatches(url: string, expected: StoreCounts): Promise<void> {
  await waitFor(async () => {
    if (!(await fetch(`${url}/ready`)).ok) return undefined;
    const index = await indexCounts(url);
    return index.graphs === expected.records && index.triples === expected.triples ? true : undefined;
  }, 60_000, 100);
}

describe('crash safety', () => {
  it('keeps whole batches after kill -9 in the middle of a load, and the index holds exactly the store', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const input = join(dir, 'objects.nt');
    const generated = await writeSyntheticDataset(input, { objects: OBJECTS, blankNodes: false });
    expect(generated.records).toBe(100_000);

    const first = await startServer(dataDir);
    await waitFor(async () => ((await fetch(`${first.url}/ready`)).ok ? true : undefined));

    const load = spawnCli(['load', input, '--dataset', 'synthetic', '--data-dir', dataDir, '--batch-size', String(BATCH), '--log-level', 'warn']);
    // Kill it once a good number of batches landed, well before the last one.
    await waitFor(() => (storeHead(dataDir) >= 10 * BATCH ? true : undefined), 60_000, 5);
    load.kill('SIGKILL');
    expect(await exited(load)).toMatchObject({ signal: 'SIGKILL' });

    const afterKill = storeCounts(dataDir);
    expect(afterKill.records).toBeGreaterThan(0);
    expect(afterKill.records).toBeLessThan(100_000);
    expect(afterKill.records % BATCH).toBe(0);
    expect(afterKill.changes).toBe(afterKill.records);

    // The running server follows the change log to exactly what was committed.
    await waitUntilIndexMatches(first.url, afterKill);

    // And after a crash of the server itself, a restart rebuilds the same index.
    first.child.kill('SIGKILL');
    await exited(first.child);
    const second = await startServer(dataDir);
    await waitUntilIndexMatches(second.url, afterKill);
    expect(storeCounts(dataDir)).toEqual(afterKill);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toEqual({ code: 0, signal: null });
  }, 180_000);
});
