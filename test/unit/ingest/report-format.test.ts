import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import type { ReportEntry } from '../../../src/ingest/report-entry.js';
import { formatReport, reportChunks, type RunOutcome } from '../../../src/ingest/report-format.js';
import { SH } from '../../../src/vocab/vocabularies.js';

const entries: ReportEntry[] = [
  { severity: 'error', position: { source: 'a.csv', line: 3, row: 2 }, record: 'http://example.org/o/1', path: 'http://example.org/p', value: '"x"@nl', message: 'fout\n"twee"' },
  { severity: 'warning', position: { source: 'a.csv', line: 4, row: 3 }, focusNode: 'http://example.org/o/2#x', message: 'let op' },
  { severity: 'warning', position: { source: 'a.csv', line: 5, row: 4 }, focusNode: 'http://example.org/o/3#x', message: 'let op' },
];

const outcome = (report: readonly ReportEntry[], error?: string): RunOutcome => ({
  runId: 'run-1', status: error === undefined ? 'succeeded' : 'failed', dataset: 'd', mapping: 'collection-csv', source: 'a.csv',
  summary: { items: 4, records: 3, created: 3, updated: 0, unchanged: 0, rejectedItems: 1, rejectedRecords: 1, deleted: 0, warnings: 2, durationMs: 1200 },
  report, ...(error === undefined ? {} : { error }),
});

/** Reads the report only once, as a ReportLog streaming from disk allows. */
function once(report: readonly ReportEntry[]): Iterable<ReportEntry> {
  let read = false;
  return {
    [Symbol.iterator]: () => {
      if (read) throw new Error('read twice');
      read = true;
      return report[Symbol.iterator]();
    },
  };
}

describe('run report formats', () => {
  it('json: the outcome as JSON.stringify writes it, the report read once, also when empty', () => {
    for (const [report, error] of [[entries, undefined], [[], 'kapot']] as const) {
      const text = [...reportChunks({ ...outcome(report, error), report: once(report) }, 'json')].join('');
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(outcome(report, error))));
      expect(text).toBe(`${JSON.stringify({ ...outcome([], error), report: undefined }, null, 2).replace(/\n}$/, '')},\n  "report": ${JSON.stringify(report, null, 2).replace(/\n/g, '\n  ')}\n}\n`);
    }
  });

  it('turtle: a run that failed does not conform, and its result says why', () => {
    const quads = new Parser({ format: 'text/turtle' }).parse(formatReport(outcome([], 'a.csv line 2, column 5: unclosed quote'), 'turtle'));
    const objects = (predicate: string) => quads.filter((q) => q.predicate.value === predicate).map((q) => q.object.value);
    expect(objects(SH.conforms)).toEqual(['false']);
    expect(objects(SH.resultSeverity)).toEqual([SH.Violation]);
    expect(objects(SH.resultMessage)).toEqual(['a.csv line 2, column 5: unclosed quote']);
    const passed = new Parser({ format: 'text/turtle' }).parse(formatReport(outcome([]), 'turtle'));
    expect(passed.filter((q) => q.predicate.value === SH.conforms).map((q) => q.object.value)).toEqual(['true']);
  });

  it('text: errors listed, alike warnings counted together', () => {
    const text = formatReport({ ...outcome(entries), report: once(entries) }, 'text');
    expect(text).toContain('errors (1):');
    expect(text).toContain('warning  2×  let op');
    expect(text).toContain('first at a.csv line 4 (row 3)  http://example.org/o/2#x');
  });

  it('text: a value is shown, unless it is an empty cell or the record itself', () => {
    const report: ReportEntry[] = [
      { severity: 'error', position: { source: 'a.csv', line: 2, row: 1 }, record: 'http://example.org/o/1', path: 'hoogte', value: 'hoog', message: 'geen getal' },
      { severity: 'error', position: { source: 'a.csv', line: 3, row: 2 }, path: 'naam', value: '', message: 'leeg' },
      { severity: 'error', position: { source: 'a.csv', line: 4, row: 3 }, record: 'http://example.org/o/3', value: '<http://example.org/o/3>', message: 'geen persoon' },
    ];
    const lines = formatReport({ ...outcome(report), report: once(report) }, 'text').split('\n').filter((line) => line.startsWith('ERROR'));
    expect(lines).toEqual([
      'ERROR    a.csv line 2 (row 1)  <http://example.org/o/1>  hoogte  = hoog: geen getal',
      'ERROR    a.csv line 3 (row 2)  naam: leeg',
      'ERROR    a.csv line 4 (row 3)  <http://example.org/o/3>: geen persoon',
    ]);
  });

  it('turtle: a SHACL validation report with one result per entry, not conforming when there is an error', () => {
    for (const report of [entries, entries.slice(1)]) {
      const quads = new Parser({ format: 'text/turtle' }).parse(formatReport({ ...outcome(report), report: once(report) }, 'turtle'));
      expect(quads.filter((q) => q.predicate.value === SH.result)).toHaveLength(report.length);
      expect(quads.find((q) => q.predicate.value === SH.conforms)?.object.value).toBe(String(report.length === 2));
      expect(quads.filter((q) => q.predicate.value === SH.resultMessage).map((q) => q.object.value)).toEqual(report.map((e) => e.message));
    }
  });
});
