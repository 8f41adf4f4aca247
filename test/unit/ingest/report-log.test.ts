import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportEntry } from '../../../src/ingest/report-entry.js';
import { ReportLog } from '../../../src/ingest/report-log.js';

const entry = (i: number, severity: ReportEntry['severity'] = 'warning'): ReportEntry => ({
  severity, position: { source: 'objecten.csv', line: i + 2, row: i + 1 }, record: `http://example.org/id/object/${i}`,
  // Line breaks, quotes and characters beyond ASCII must survive the spill file.
  message: `waarschuwing ${i}: "geen plaats"\nin de rij — één ✓`,
});


describe('ReportLog', () => {
  const logs: ReportLog[] = [];
  const open = (): ReportLog => {
    const log = new ReportLog();
    logs.push(log);
    return log;
  };
  afterEach(() => {
    for (const log of logs.splice(0)) log.close();
  });

  it('gives back every entry in order, across the memory buffer and the spill file, as often as asked', () => {
    const log = open();
    const pushed = Array.from({ length: 2_503 }, (_, i) => entry(i, i % 100 === 7 ? 'error' : 'warning'));
    for (let i = 0; i < pushed.length; i += 7) log.push(...pushed.slice(i, i + 7));
    expect(log.size).toBe(2_503);
    expect(log.errors).toBe(25);
    expect(log.warnings).toBe(2_478);
    expect(log.list()).toEqual(pushed);
    log.push(entry(9_999));
    expect([...log]).toEqual([...pushed, entry(9_999)]);
  });

  it('reads entries larger than its read buffer', () => {
    const log = open();
    const big = { ...entry(1), value: 'x'.repeat(3 * 1024 * 1024) };
    log.push(entry(0), big, entry(2));
    for (let i = 0; i < 1_000; i++) log.push(entry(i + 3));
    const read = log.list();
    expect(read).toHaveLength(1_003);
    expect(read[1]).toEqual(big);
    expect(read[2]).toEqual(entry(2));
  });

  it('is empty until something is pushed, and leaves no file behind', () => {
    // A temp dir of this test's own, so other test files' logs do not show up in it.
    const temp = mkdtempSync(join(tmpdir(), 'report-log-test-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const log = open();
      expect(log.list()).toEqual([]);
      for (let i = 0; i < 1_500; i++) log.push(entry(i));
      expect(log.list()).toHaveLength(1_500);
      expect(readdirSync(temp)).toEqual([]);
      log.close();
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(temp, { recursive: true, force: true });
    }
  });

  it('keeps its counts when closed, and refuses to be read or written afterwards', () => {
    const log = open();
    log.push(entry(0, 'error'), entry(1));
    log.close();
    expect([log.size, log.errors, log.warnings]).toEqual([2, 1, 1]);
    expect(() => log.list()).toThrow(/closed/);
    expect(() => { log.push(entry(2)); }).toThrow(/closed/);
  });
});
