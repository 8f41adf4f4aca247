/**
 * One measured read, in a process of its own so its memory peak is its own: opens an input with
 * `openSource` as `runIngest` does, reads all its items twice (the checking pass, then the pass
 * that would map them) and reports to the parent. Nothing is mapped, validated or stored.
 *
 * Arguments: the mapping input type (`table`, `json`, `ldes`, `rdf`) and the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bundledContextLoader } from '../src/ingest/bundled-context-loader.js';
import type { MappingInput } from '../src/ingest/mapping/mapping-manifest.js';
import type { CsvDialect } from '../src/ingest/sources/csv-reader.js';
import { openSource } from '../src/ingest/sources/open-source.js';
import type { SourceItem } from '../src/ingest/sources/source-item.js';
import type { ChildReport } from './reader-memory-result.js';

const [input, path] = process.argv.slice(2);
if (input === undefined || path === undefined) throw new Error('usage: reader-memory-child.ts <input> <file>');

collectGarbage();
const baselineRss = statusBytes('VmRSS');
// Writing 5 to clear_refs resets the peak to the current RSS, so VmHWM below is the reading's own.
const peakReset = resetPeak();

let dialect: CsvDialect | undefined;
const handle = await openSource(input as MappingInput, path, {
  baseIri: 'http://localhost:8080/', loader: bundledContextLoader(), onDialect: (found) => { dialect = found; },
});
const passes: ChildReport['passes'][number][] = [];
let checksum = 0;
try {
  for (const weigh of [() => 1, weight]) {
    const started = performance.now();
    let items = 0;
    for await (const item of handle.items()) {
      items++;
      checksum = (checksum + weigh(item)) % 2 ** 31;
    }
    passes.push({ items, ms: performance.now() - started, rssAfter: statusBytes('VmRSS') });
    collectGarbage();
  }
} finally {
  await handle.dispose();
}

const memory = process.memoryUsage();
const report: ChildReport = {
  baselineRss, peakRss: statusBytes('VmHWM'), peakReset, passes, checksum, heapUsed: memory.heapUsed, external: memory.external,
  ...(dialect === undefined ? {} : { dialect }),
};
if (process.send) process.send(report);
else console.log(JSON.stringify(report));

/** Something from each item, so the second pass touches what it reads as a mapping would. */
function weight(item: SourceItem): number {
  switch (item.kind) {
    case 'row': return Object.keys(item.values).length;
    case 'json': return typeof item.value === 'object' && item.value !== null ? Object.keys(item.value).length : 0;
    case 'rdf': return item.nquads.length;
  }
}

/** A line of /proc/self/status (`VmRSS`, `VmHWM`), in bytes. */
function statusBytes(field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  if (!match?.[1]) throw new Error(`no ${field} in /proc/self/status`);
  return Number(match[1]) * 1024;
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
