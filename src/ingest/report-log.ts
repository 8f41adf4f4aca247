import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportEntries, ReportEntry } from './report-entry.js';

/** Entries held in memory before they are appended to the spill file. */
const BUFFER_ENTRIES = 1_000;
/** Bytes read from the spill file at a time. */
const READ_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/**
 * A run's report, kept on disk: entries are counted as they come and appended, as JSON lines, to
 * a spill file of the log's own, so a run of millions of rows with a few warnings each holds a
 * thousand entries in memory rather than all of them. `entries()` reads them back in order, as
 * often as asked. The spill file is unlinked as soon as it is open (where the platform allows),
 * so it disappears with the process even if `close` is never called.
 */
export class ReportLog implements ReportEntries {
  private buffer: string[] = [];
  private closed = false;
  private written = 0;
  private errorCount = 0;
  private warningCount = 0;
  private fd: number | undefined;
  private folder: string | undefined;

  /** Entries in the log. */
  get size(): number {
    return this.errorCount + this.warningCount;
  }

  get errors(): number {
    return this.errorCount;
  }

  get warnings(): number {
    return this.warningCount;
  }

  push(...entries: readonly ReportEntry[]): void {
    this.checkOpen();
    for (const entry of entries) {
      if (entry.severity === 'error') this.errorCount++;
      else this.warningCount++;
      this.buffer.push(JSON.stringify(entry));
    }
    if (this.buffer.length >= BUFFER_ENTRIES) this.spill();
  }

  /** Every entry, in the order pushed. */
  *entries(): Generator<ReportEntry> {
    this.checkOpen();
    this.spill();
    if (this.fd === undefined) return;
    const fd = this.fd;
    const chunk = Buffer.allocUnsafe(READ_BYTES);
    let position = 0;
    let rest = Buffer.alloc(0);
    while (position < this.written) {
      const read = readSync(fd, chunk, 0, Math.min(READ_BYTES, this.written - position), position);
      if (read === 0) throw new Error('the report spill file ended early');
      position += read;
      let data = rest.length === 0 ? chunk.subarray(0, read) : Buffer.concat([rest, chunk.subarray(0, read)]);
      // JSON escapes line breaks inside strings, so every newline byte ends an entry.
      for (let end = data.indexOf(NEWLINE); end >= 0; end = data.indexOf(NEWLINE)) {
        yield JSON.parse(data.toString('utf8', 0, end)) as ReportEntry;
        data = data.subarray(end + 1);
      }
      // The chunk buffer is reused by the next read: keep a copy of the unfinished line.
      rest = Buffer.from(data);
    }
  }

  [Symbol.iterator](): Iterator<ReportEntry> {
    return this.entries();
  }

  /** Every entry in one array: for small runs and tests; a large run reads `entries()`. */
  list(): ReportEntry[] {
    return [...this.entries()];
  }

  /** Removes the spill file. The counts stay; the entries can no longer be read. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.folder !== undefined) rmSync(this.folder, { recursive: true, force: true });
    this.fd = undefined;
    this.folder = undefined;
    this.buffer = [];
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the report log is closed');
  }

  private spill(): void {
    if (this.buffer.length === 0) return;
    const bytes = Buffer.from(`${this.buffer.join('\n')}\n`, 'utf8');
    this.buffer = [];
    const fd = this.fd ?? this.open();
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset, this.written + offset);
    this.written += bytes.length;
  }

  private open(): number {
    this.folder = mkdtempSync(join(tmpdir(), 'cultuurgraaf-report-'));
    const file = join(this.folder, 'report.ndjson');
    this.fd = openSync(file, 'w+', 0o600);
    try {
      // On POSIX the open descriptor keeps the file; the name goes now, so nothing is left behind.
      rmSync(this.folder, { recursive: true, force: true });
      this.folder = undefined;
    } catch {
      // Windows keeps open files: close() removes the folder.
    }
    return this.fd;
  }
}
