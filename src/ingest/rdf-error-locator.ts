import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { createGunzip } from 'node:zlib';
import oxigraph from 'oxigraph';
import { InvalidInputError } from '../domain/errors.js';
import type { RdfSyntax } from './rdf-formats.js';

/** Where a syntax error is, as oxigraph's parser tells it. */
export interface SyntaxErrorLocation {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Oxigraph's media type of each syntax N3.js parses. */
const OXIGRAPH_FORMATS: Partial<Record<RdfSyntax, string>> = {
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
  trig: 'application/trig',
};

/** The most text read again to find the column: errors further in are reported with their line only. */
const MAX_PREFIX_CHARS = 64 * 1024 * 1024;

/**
 * Finds the column of a Turtle, TriG, N-Triples or N-Quads syntax error that N3.js reported by
 * line only (its tokenizer knows no columns). The file is read again up to one line past the
 * error and that text is parsed with oxigraph, whose errors carry a line and a column. The
 * location counts only when oxigraph stops on the line N3.js named; otherwise, or when the
 * text up to there is larger than 64 MB, there is no location and the line alone is reported.
 */
export async function locateSyntaxError(path: string, syntax: RdfSyntax, baseIri: string, line: number): Promise<SyntaxErrorLocation | undefined> {
  const format = OXIGRAPH_FORMATS[syntax];
  if (format === undefined || line < 1) return undefined;
  const text = await readLines(path, line + 1);
  return text === undefined ? undefined : locateInText(text, format, baseIri, line);
}

/** The same for a document in memory; `format` is the media type (as N3.js and oxigraph name it). */
export function locateInText(text: string, format: string, baseIri: string, line: number): SyntaxErrorLocation | undefined {
  // The text up to the end of the line after the error.
  let end = -1;
  for (let n = 0; n <= line; n++) {
    end = text.indexOf('\n', end + 1);
    if (end === -1) break;
  }
  try {
    oxigraph.parse(end === -1 ? text : text.slice(0, end), { format, base_iri: baseIri });
  } catch (error) {
    return parseLocation((error as Error).message, line);
  }
  return undefined;
}

/** The line N3.js gives for a syntax error, if it gives one. */
export function n3ErrorLine(error: Error): number | undefined {
  const line = (error as { context?: { line?: unknown } }).context?.line;
  return typeof line === 'number' ? line : undefined;
}

/**
 * An RDF/XML parser's error as an InvalidInputError naming the source, the line and the column:
 * the XML parser starts its messages with `line:column:`. Undefined for a message without them.
 */
export function xmlSyntaxError(source: string, error: Error): InvalidInputError | undefined {
  const xml = /^(\d+):(\d+): (.*)$/s.exec(error.message);
  if (xml === null) return undefined;
  const [, line = '', column = '', message = ''] = xml;
  return new InvalidInputError(`${source} line ${line}, column ${column}: ${message}`, { file: source, line: Number(line), column: Number(column) });
}

/** Turns N3.js's `… on line N.` error into `<source> line N, column C: ….` with the column found for it. */
export function n3SyntaxMessage(source: string, error: Error, location: SyntaxErrorLocation | undefined): { message: string; line?: number; column?: number } {
  const line = n3ErrorLine(error);
  if (line === undefined) return { message: `${source}: ${error.message}` };
  const detail = error.message.replace(/ on line \d+\.?$/, '').replace(/([^.])$/, '$1.');
  if (location === undefined) return { message: `${source} line ${line}: ${detail}`, line };
  return { message: `${source} line ${line}, column ${location.column}: ${detail}`, line, column: location.column };
}

/** The first `count` lines of a file (gunzipped when it ends in .gz), or undefined past the size cap. */
async function readLines(path: string, count: number): Promise<string | undefined> {
  const source = createReadStream(path);
  const unpacked = path.toLowerCase().endsWith('.gz') ? source.pipe(createGunzip()) : source.pipe(new PassThrough());
  const lines = createInterface({ input: unpacked, crlfDelay: Infinity });
  const kept: string[] = [];
  let size = 0;
  try {
    for await (const text of lines) {
      size += text.length + 1;
      if (size > MAX_PREFIX_CHARS) return undefined;
      kept.push(text);
      if (kept.length >= count) break;
    }
  } finally {
    lines.close();
    source.destroy();
  }
  return kept.join('\n');
}

/**
 * Reads the start of an oxigraph error on `line`: `at line L column C: …`,
 * `at line L between columns C and D: …` or `between line L column C and line M column D: …`.
 */
function parseLocation(message: string, line: number): SyntaxErrorLocation | undefined {
  const match = /(?:at|between) line (\d+)(?: column (\d+)| between columns (\d+) and \d+)(?: and line \d+ column \d+)?: (.*)$/s.exec(message);
  if (!match) return undefined;
  const [, foundLine = '', column, between, detail = ''] = match;
  if (Number(foundLine) !== line) return undefined;
  return { line, column: Number(column ?? between), message: detail.trim() };
}
