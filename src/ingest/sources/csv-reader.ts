import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import { parse, type CsvError, type InfoRecord, type Options } from 'csv-parse';
import { InvalidInputError } from '../../domain/errors.js';
import { sniffDelimiter } from './csv-dialect.js';
import type { SourceItem } from './source-item.js';
import { DecodeTransform, sniffEncoding } from './text-encoding.js';
import { TextDecoder } from 'node:util';

const SNIFF_BYTES = 64 * 1024;

export interface TableRow extends Extract<SourceItem, { kind: 'row' }> {
  /** Problems worth a warning, such as a row with more or fewer fields than the header. */
  readonly warnings: readonly string[];
  /** The row has values in columns past the header's, which no header names. */
  readonly beyondHeader?: boolean;
  /**
   * Why the row cannot be read as it stands: in a CSV file, values past the header's columns
   * most often mean a value holding the delimiter without quotes, which shifts every value after
   * it into the next column. An ingest rejects such a row rather than store shifted values.
   */
  readonly unreadable?: string;
}

/** What was found about a CSV file before reading it: reported in the run summary. */
export interface CsvDialect {
  readonly encoding: string;
  readonly delimiter: string;
}

/**
 * Streams the rows of a CSV file as items keyed by header. The delimiter (`,` `;` tab `|`)
 * and the encoding (UTF-8 with or without BOM, else Windows-1252) are detected; cells are
 * trimmed. A syntax error is an InvalidInputError naming the file, the line its record starts
 * on and the column (field); so is a byte the detected encoding cannot decode.
 */
export async function* readCsv(path: string, onDialect?: (dialect: CsvDialect) => void, source = basename(path)): AsyncGenerator<TableRow> {
  const head = await readHead(path);
  const encoding = sniffEncoding(head, head.length < SNIFF_BYTES);
  const delimiter = sniffDelimiter(new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, ''));
  onDialect?.({ encoding, delimiter });
  // Lines are counted from each record's raw text as csv-parse produces it, before the record is
  // consumed, so an error can name the line its record starts on; csv-parse's own count is off
  // after a CRLF inside quotes, and at the end of the file.
  let nextLine = 1;
  const startLine = (raw: string | undefined): number => nextLine + lineBreaks(/^[\r\n]*/.exec(raw ?? '')?.[0] ?? '');
  const withLine = ({ record }: { record: string[] }, { raw }: InfoRecord): { record: string[]; line: number } => {
    const line = startLine(raw);
    nextLine += lineBreaks(raw ?? '');
    return { record, line };
  };
  const parser = parse({
    // relax_quotes: a quote inside an unquoted value (`Een "mooie" vaas`, `12"`) is part of it, as spreadsheets read it.
    delimiter, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true,
    // With `raw`, csv-parse hands on_record `{ record, raw }`; its types know only plain records.
    on_record: withLine as unknown as NonNullable<Options['on_record']>,
  });
  // pipeline, not pipe: a decoding error must reach the loop below rather than crash the process.
  const records = pipeline(createReadStream(path), new DecodeTransform(encoding, source), parser, () => undefined);
  let headers: string[] | undefined;
  let row = 0;
  try {
    for await (const { record, line } of records as AsyncIterable<{ record: string[]; line: number }>) {
      if (headers === undefined) {
        headers = checkHeaders(record, source, line);
        continue;
      }
      row++;
      // Empty fields past the header's columns (an export's trailing separators) hold nothing to lose.
      const beyond = record.slice(headers.length).some((value) => value !== '');
      const fields = `has ${record.length} fields where the header has ${headers.length}`;
      const warnings = record.length < headers.length ? [fields] : [];
      const unreadable = beyond
        ? `${fields}: a value holding the delimiter ${JSON.stringify(delimiter)} without quotes shifts the values after it into the next columns, so the row is not read; put that value in quotes, or give the extra columns a header`
        : undefined;
      const values: Record<string, string> = {};
      headers.forEach((header, i) => {
        values[header] = record[i] ?? '';
      });
      yield { kind: 'row', position: { source, line, row }, values, warnings, ...(unreadable === undefined ? {} : { beyondHeader: true, unreadable }) };
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    const csv = error as CsvError & { raw?: string; column?: unknown };
    const line = startLine(csv.raw);
    // csv-parse's column is the 0-based field; users count spreadsheet columns from 1.
    const column = typeof csv.column === 'number' ? csv.column + 1 : undefined;
    throw new InvalidInputError(
      `${source} line ${line}${column === undefined ? '' : `, column ${column}`}: ${QUOTE_PROBLEMS[csv.code] ?? csv.message.replace(/ at line \d+$/, '')}`,
      { file: source, line, ...(column === undefined ? {} : { column }) },
    );
  } finally {
    records.destroy();
  }
  if (headers === undefined) throw new InvalidInputError(`${source} is empty: a CSV file needs a header row.`, { file: source });
}

/** What csv-parse's quote errors mean, said as a spreadsheet user can act on it. */
const QUOTE_CLOSED_EARLY = 'the value begins with a quote, but the quote closes before the value ends (as in "Een" vaas): put the whole value in quotes and double each quote inside it ("""Een"" vaas")';
const QUOTE_PROBLEMS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quote opens a value here and is never closed, so the rest of the file would be that one value: close it, or double it ("") if it belongs to the text',
  CSV_INVALID_CLOSING_QUOTE: QUOTE_CLOSED_EARLY,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: QUOTE_CLOSED_EARLY,
};

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function checkHeaders(record: string[], source: string, line: number): string[] {
  // Empty header cells at the end (`id;prefLabel@nl;;`, as spreadsheets export) are no columns.
  const headers = record.map((h) => h.trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const empty = headers.findIndex((h) => h === '');
  if (empty !== -1) throw new InvalidInputError(`${source} line ${line}: column ${empty + 1} has no header.`, { file: source, line });
  const seen = new Set<string>();
  for (const header of headers) {
    if (seen.has(header.toLowerCase())) throw new InvalidInputError(`${source} line ${line}: the header "${header}" appears twice.`, { file: source, line });
    seen.add(header.toLowerCase());
  }
  return headers;
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
