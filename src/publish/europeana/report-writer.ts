import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { drained } from '../drained.js';
import type { ReadinessEntry, ReadinessReport } from './europeana-export.js';

/**
 * The readiness report as JSON, written record by record as they pass (a dataset of a million
 * records needs no report in memory): the records first, then the totals, in one object with
 * the fields of `ReadinessReport`.
 */
export class ReportWriter {
  private first = true;

  constructor(private readonly out: Writable) {
    out.write('{\n  "records": [');
  }

  /** Adds a record; resolves when the output can take more. */
  async entry(entry: ReadinessEntry): Promise<void> {
    const more = this.out.write(`${this.first ? '\n    ' : ',\n    '}${JSON.stringify(entry)}`);
    this.first = false;
    if (!more && !this.out.destroyed) await drained(this.out);
  }

  /** Ends the document with the totals. */
  async close(summary: Omit<ReadinessReport, 'records'>): Promise<void> {
    const rest = JSON.stringify(summary, null, 2).slice(1);
    this.out.end(`\n  ],${rest}\n`);
    if (!this.out.writableFinished) await Promise.race([once(this.out, 'finish'), once(this.out, 'close')]);
  }
}
