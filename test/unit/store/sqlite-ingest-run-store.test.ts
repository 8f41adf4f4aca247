import { describe, expect, it } from 'vitest';
import { NO_REPORT } from '../../../src/ingest/report-entry.js';
import type { ReportEntry } from '../../../src/ingest/report-entry.js';
import { INTERRUPTED_AFTER_MS, MAX_STORED_REPORT, SqliteIngestRunStore } from '../../../src/store/sqlite-ingest-run-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** A clock the test moves. */
function testClock(start: string) {
  let now = Date.parse(start);
  return { now: () => new Date(now).toISOString(), advance: (ms: number) => { now += ms; } };
}

describe('SqliteIngestRunStore', () => {
  it('shows a running run whose heartbeat stopped long ago as interrupted, and one that beats as running', () => {
    const clock = testClock('2026-11-22T10:00:00.000Z');
    const runs = SqliteIngestRunStore.open(tempDir(), clock);
    try {
      runs.create({ id: 'alive', dataset: 'd', mapping: 'collection-csv', source: 'a.csv', replace: false, status: 'running' });
      runs.create({ id: 'dead', dataset: 'd', mapping: 'collection-csv', source: 'b.csv', replace: false, status: 'running' });
      clock.advance(INTERRUPTED_AFTER_MS - 1000);
      runs.touch('alive', { items: 10 });
      expect(runs.get('dead')?.status).toBe('running');
      clock.advance(2000);
      expect(runs.get('alive')?.status).toBe('running');
      expect(runs.get('dead')).toMatchObject({ status: 'failed', error: expect.stringContaining('Interrupted: the run stopped without finishing') as unknown });
      // A finished run is what it was, however old.
      runs.finish('alive', { status: 'succeeded', summary: { items: 10 }, report: NO_REPORT });
      clock.advance(INTERRUPTED_AFTER_MS * 10);
      expect(runs.get('alive')?.status).toBe('succeeded');
    } finally {
      runs.close();
    }
  });

  it('fails the runs still queued, which a restarted server will never start, and leaves the others', () => {
    const runs = SqliteIngestRunStore.open(tempDir());
    try {
      runs.create({ id: 'queued', dataset: 'd', mapping: 'collection-csv', source: 'a.csv', replace: false, status: 'queued' });
      runs.create({ id: 'running', dataset: 'd', mapping: 'collection-csv', source: 'b.csv', replace: false, status: 'running' });
      expect(runs.abandonQueued('never started')).toBe(1);
      expect(runs.get('queued')).toMatchObject({ status: 'failed', error: 'never started' });
      expect(runs.get('running')?.status).toBe('running');
    } finally {
      runs.close();
    }
  });

  it('keeps every error of a long report ahead of its warnings', () => {
    const runs = SqliteIngestRunStore.open(tempDir());
    try {
      runs.create({ id: 'long', dataset: 'd', mapping: 'oslo-cultureel-erfgoed', source: 'a.jsonld', replace: false, status: 'running' });
      const entry = (severity: 'error' | 'warning', i: number): ReportEntry => ({ severity, position: { source: 'a.jsonld', line: i }, message: `${severity} ${i}` });
      const entries = [...Array.from({ length: MAX_STORED_REPORT + 500 }, (_, i) => entry('warning', i)), entry('error', 1), entry('error', 2)];
      runs.finish('long', { status: 'succeeded', summary: {}, report: Object.assign(entries, { size: entries.length }) });
      const stored = runs.get('long');
      expect(stored?.report).toHaveLength(MAX_STORED_REPORT);
      expect(stored?.report.slice(0, 3).map((e) => e.message)).toEqual(['error 1', 'error 2', 'warning 0']);
      expect(stored?.reportTruncated).toBe(502);
    } finally {
      runs.close();
    }
  });
});
