import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * Writes N-Quads (one record's canonical text per item) to `out`, gzipped when asked, pulling
 * the next record only when `out` takes more: a dump never holds more than a record and the
 * streams' buffers. `end: false` leaves `out` open (stdout).
 */
export async function writeNQuads(source: Iterable<string>, out: Writable, options: { gzip: boolean; end?: boolean }): Promise<void> {
  const input = Readable.from(source);
  const end = { end: options.end ?? true };
  if (options.gzip) await pipeline(input, createGzip(), out, end);
  else await pipeline(input, out, end);
}
