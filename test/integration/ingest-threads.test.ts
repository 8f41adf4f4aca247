import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { ingestInto, type IngestOutcome } from '../helpers/ingest.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLE_CSV = new URL('../../oslo-mappings/collection-csv/example/objecten.csv', import.meta.url).pathname;
const EXAMPLE_JSONLD = new URL('../../oslo-mappings/oslo-cultureel-erfgoed/example/object.jsonld', import.meta.url).pathname;

/**
 * A collection spreadsheet big enough for the worker pool (over 1,000 rows): the example's rows
 * again and again under new object numbers, with a cell the lift refuses every 97th row, a
 * licence that is no IRI every 89th (SHACL rejects it), and a keeper described differently
 * half way (a warning, and the later description wins).
 */
function bigSpreadsheet(rows: number): string {
  const [header = '', ...examples] = readFileSync(EXAMPLE_CSV, 'utf8').trim().split(/\r?\n/);
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const cells = (examples[i % examples.length] ?? '').split(';');
    cells[0] = `${cells[0] ?? ''}-${i}`;
    if (i % 97 === 13) cells[11] = 'veel';
    if (i % 89 === 7) cells[18] = 'publiek domein';
    if (i === Math.floor(rows / 2)) cells[17] = 'Museum voor Schone Kunsten/Gent';
    lines.push(cells.join(';'));
  }
  return `${lines.join('\n')}\n`;
}

function storedHashes(dataDir: string): Map<string, string> {
  const store = SqliteRecordStore.open(dataDir);
  try {
    const iris = new Set(store.changesSince(0, 1_000_000).map((change) => change.iri));
    return new Map([...iris].map((iri) => [iri, store.getRecord(iri)?.hash ?? 'missing']));
  } finally {
    store.close();
  }
}

/** A run's outcome without what depends on timing. */
function outcome(result: IngestOutcome) {
  const timing = new Set(['durationMs', 'stages', 'threads']);
  const counts = Object.fromEntries(Object.entries(result.summary).filter(([key]) => !timing.has(key)));
  return { status: result.status, counts, report: result.report };
}

describe('ingest on worker threads', () => {
  it('stores the same records and reports the same entries, in the same order, as a run on one thread', async () => {
    const dir = tempDir();
    const input = join(dir, 'objecten.csv');
    writeFileSync(input, bigSpreadsheet(1_300));
    const pooledDir = tempDir();
    const singleDir = tempDir();

    const pooled = await ingestInto(pooledDir, input, { dataset: 'msk', mapping: 'collection-csv', threads: 2, batchSize: 100 });
    const single = await ingestInto(singleDir, input, { dataset: 'msk', mapping: 'collection-csv', threads: 1, batchSize: 100 });

    expect(pooled.summary.threads).toBe(2);
    expect(single.summary.threads).toBe(0);
    expect(outcome(pooled)).toEqual(outcome(single));
    expect(pooled.summary).toMatchObject({ items: 1_300, rejectedItems: 14 + 15 });
    expect(pooled.report.filter((e) => e.severity === 'error').map((e) => e.position.row).slice(0, 4)).toEqual([8, 14, 97, 111]);
    expect(pooled.report.some((e) => e.message.includes('describes') && e.message.includes('differently'))).toBe(true);
    const hashes = storedHashes(pooledDir);
    expect(hashes.size).toBeGreaterThan(1_200);
    expect(hashes).toEqual(storedHashes(singleDir));
  }, 120_000);

  it('maps a small input on the calling thread, whatever the thread count', async () => {
    const result = await ingestInto(tempDir(), EXAMPLE_CSV, { dataset: 'msk', mapping: 'collection-csv', threads: 4 });
    expect(result.summary).toMatchObject({ items: 6, rejectedItems: 0, threads: 0 });
  });

  it('maps a JSON item too large for a worker on the calling thread, in its place, and rejects one too large to map at all', async () => {
    // 1,100 OSLO documents; every 100th is padded with a long title, over the worker's limit;
    // the 550th is padded further, over the limit of what is mapped at all.
    const example = readFileSync(EXAMPLE_JSONLD, 'utf8');
    const documents = Array.from({ length: 1_100 }, (_, i) => {
      const padding = i === 549 ? 'x'.repeat(30_000) : i % 100 === 0 ? 'x'.repeat(6_000) : '';
      return example.replaceAll('/object/2031', `/object/d${i}`).replace('Stilleven met oesters en een roemer', `Stilleven ${i} ${padding}`);
    });
    const input = join(tempDir(), 'objecten.jsonld');
    writeFileSync(input, `[${documents.join(',\n')}]`);
    const itemLimits = { worker: 5_000, whole: 20_000 };

    const pooled = await ingestInto(tempDir(), input, { dataset: 'msk', mapping: 'oslo-cultureel-erfgoed', threads: 2, itemLimits });
    const single = await ingestInto(tempDir(), input, { dataset: 'msk', mapping: 'oslo-cultureel-erfgoed', threads: 1, itemLimits });

    expect(pooled.summary.threads).toBe(2);
    expect(outcome(pooled)).toEqual(outcome(single));
    expect(pooled.summary).toMatchObject({ items: 1_100, rejectedItems: 1, records: 1_099 });
    const errors = pooled.report.filter((entry) => entry.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.position).toMatchObject({ source: 'objecten.jsonld', row: 550 });
    expect(errors[0]?.message).toMatch(/^the item is 0\.1 MB of JSON, more than the 0 MB an item may have/);
  }, 120_000);
});
