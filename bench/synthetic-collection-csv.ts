/**
 * A deterministic synthetic collection spreadsheet for the `collection-csv` mapping, as CSV the
 * way Excel saves it in a Flemish locale: UTF-8 with a byte-order mark, `;` between cells, CRLF
 * line ends, and a cell quoted only when it holds a `;`, a quote or a line break. The columns and
 * their order are those of `oslo-mappings/collection-csv/example/objecten.csv`. The same options
 * always give byte-identical output. Rows are described in `ingest-collection-row.ts`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { COLLECTION_COLUMNS, collectionRow } from './ingest-collection-row.js';
import { seededRandom } from './seeded-random.js';

export interface SyntheticCollectionOptions {
  /** Data rows, one heritage object each. */
  readonly rows: number;
  /** Default 42. */
  readonly seed?: number;
}

export interface SyntheticCollectionSummary {
  readonly rows: number;
  readonly bytes: number;
}

const DELIMITER = ';';
const LINE_END = '\r\n';
const BYTE_ORDER_MARK = '\uFEFF';
/** Rows per yielded chunk. */
const CHUNK_ROWS = 1_000;
/** A cell that holds any of these is quoted. */
const NEEDS_QUOTES = /[;"\r\n]/;

/** Yields the CSV text in chunks of whole lines: the header first, then the rows. */
export function* syntheticCollectionCsv(options: SyntheticCollectionOptions): Generator<string> {
  if (!Number.isSafeInteger(options.rows) || options.rows < 1) throw new RangeError(`rows must be a positive integer; got ${options.rows}`);
  const random = seededRandom(options.seed ?? 42);
  let lines = [`${BYTE_ORDER_MARK}${csvLine(COLLECTION_COLUMNS)}`];
  for (let i = 0; i < options.rows; i++) {
    const row = collectionRow(i, random);
    lines.push(csvLine(COLLECTION_COLUMNS.map((column) => row[column])));
    if (lines.length >= CHUNK_ROWS) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

/** Writes the spreadsheet to a file, streaming; returns its size. */
export async function writeSyntheticCollectionCsv(path: string, options: SyntheticCollectionOptions): Promise<SyntheticCollectionSummary> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_resolve, reject) => { out.once('error', reject); });
  // Handled by the races below; this only keeps an early error from counting as unhandled.
  failed.catch(() => undefined);
  let bytes = 0;
  for (const chunk of syntheticCollectionCsv(options)) {
    bytes += Buffer.byteLength(chunk, 'utf8');
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { rows: options.rows, bytes };
}

/** One CSV line: cells joined by the delimiter, each quoted (quotes doubled) when it must be. */
function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => (NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(DELIMITER)}${LINE_END}`;
}
