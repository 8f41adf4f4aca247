import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { InvalidInputError } from '../../domain/errors.js';

/** The text encodings collection-system exports come in (UTF-16: Excel's "Unicode text"). */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * Guesses a file's encoding from its first bytes: UTF-8 when they decode as UTF-8 (a BOM or
 * plain ASCII included) or mostly do, else Windows-1252, which many collection systems still
 * export.
 * `complete` says the bytes are the whole file, so none of them can be a character cut short.
 */
export function sniffEncoding(head: Buffer, complete = false): TextEncoding {
  // UTF-16 comes with its byte-order mark (Excel writes one).
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // A multi-byte character may be cut at the end of the sample: judge on whole characters only.
  let end = head.length;
  for (let back = 1; !complete && back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  const sample = head.subarray(0, end);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf-8';
  } catch {
    // UTF-8 characters beside a few stray bytes is a UTF-8 file with bad bytes: read as
    // Windows-1252 its é would silently become Ã©, read as UTF-8 the bad byte is reported.
    return mostlyUtf8(sample) ? 'utf-8' : 'windows-1252';
  }
}

/** A well-formed UTF-8 multi-byte character, in bytes read as Latin-1. */
const UTF8_CHARACTER = /[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}/g;

/** At least one UTF-8 multi-byte character, and no more stray high bytes than such characters. */
function mostlyUtf8(bytes: Buffer): boolean {
  const text = bytes.toString('latin1');
  const characters = text.match(UTF8_CHARACTER)?.length ?? 0;
  const stray = text.replace(UTF8_CHARACTER, '').match(/[\x80-\xFF]/g)?.length ?? 0;
  return characters > 0 && characters >= stray;
}

/**
 * Decodes a byte stream to text, dropping a UTF-8 byte-order mark. Invalid UTF-8 later in a
 * file that started as UTF-8 is an error naming the line and the byte, never silent replacement.
 */
export class DecodeTransform extends Transform {
  private readonly decoder: TextDecoder;
  /** Bytes decoded before the current chunk. */
  private offset = 0;
  /** Line of the first byte of the current chunk. */
  private line = 1;
  /** The bytes of the current line before this chunk, for a column (undefined when the line is too long to keep). */
  private lineHead: Buffer | undefined = Buffer.alloc(0);
  private first = true;
  /** Two bytes a unit: line feeds are counted in the text, and NUL bytes are part of characters. */
  private readonly utf16: boolean;

  constructor(private readonly encoding: TextEncoding, private readonly source: string) {
    super({ decodeStrings: true });
    // Readers get text, never the bytes back.
    this.setEncoding('utf8');
    this.decoder = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252' });
    this.utf16 = encoding.startsWith('utf-16');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const stray = this.utf16 ? -1 : firstStrayByte(chunk, this.encoding === 'windows-1252');
    if (stray !== -1) {
      const line = this.line + countNewlines(chunk, stray);
      const byte = chunk[stray] ?? 0;
      const why = byte === 0 ? 'a NUL byte, which no text has (a binary file, or UTF-16 without its byte-order mark)' : 'a byte that is no character in Windows-1252 (the file is in another encoding)';
      const column = this.columnOf(chunk, stray);
      done(new InvalidInputError(
        `${this.source} holds ${why} on line ${line}${column === undefined ? '' : `, column ${column}`}: byte ${this.offset + stray} is 0x${byte.toString(16).toUpperCase().padStart(2, '0')}; save it as UTF-8.`,
        { file: this.source, line, ...(column === undefined ? {} : { column }), byte: this.offset + stray },
      ));
      return;
    }
    try {
      let text = this.decoder.decode(chunk, { stream: true });
      if (this.first) {
        text = text.replace(/^\uFEFF/, '');
        this.first = false;
      }
      this.offset += chunk.length;
      // A line feed is byte 0x0A in UTF-8 and Windows-1252; in UTF-16 count it in the text.
      this.line += this.utf16 ? text.split('\n').length - 1 : countNewlines(chunk, chunk.length);
      if (!this.utf16) this.keepLineHead(chunk);
      done(null, text);
    } catch {
      if (this.utf16) {
        done(new InvalidInputError(`${this.source} is not valid UTF-16 after line ${this.line} (a lone surrogate); save it as UTF-8.`, { file: this.source, line: this.line }));
        return;
      }
      const at = firstInvalidUtf8(chunk);
      const line = this.line + countNewlines(chunk, at);
      const byte = chunk[at] ?? 0;
      const column = this.columnOf(chunk, at);
      done(new InvalidInputError(
        `${this.source} is not valid ${this.encoding} on line ${line}${column === undefined ? '' : `, column ${column}`}: byte ${this.offset + at} is 0x${byte.toString(16).toUpperCase().padStart(2, '0')}; save it as UTF-8.`,
        { file: this.source, line, ...(column === undefined ? {} : { column }), byte: this.offset + at },
      ));
    }
  }

  /** The 1-based column, in characters, of byte `at` of a chunk: the characters of its line before it, plus one. */
  private columnOf(chunk: Buffer, at: number): number | undefined {
    const newline = at === 0 ? -1 : chunk.lastIndexOf(0x0a, at - 1);
    const before = newline !== -1 ? chunk.subarray(newline + 1, at) : this.lineHead === undefined ? undefined : Buffer.concat([this.lineHead, chunk.subarray(0, at)]);
    if (before === undefined) return undefined;
    // The bytes before the bad one are good; a line's first byte in a chunk may still be mid-character.
    const text = new TextDecoder(this.encoding).decode(before);
    // Characters, not UTF-16 units: a character beyond the BMP is one column.
    return text.length - (text.match(/[\uD800-\uDBFF]/g)?.length ?? 0) + 1;
  }

  /** Keeps the bytes of the line the chunk ends in, for the column of a bad byte in the next chunk. */
  private keepLineHead(chunk: Buffer): void {
    const newline = chunk.lastIndexOf(0x0a);
    if (newline !== -1) this.lineHead = Buffer.from(chunk.subarray(newline + 1));
    else if (this.lineHead !== undefined) this.lineHead = this.lineHead.length + chunk.length > MAX_LINE_HEAD ? undefined : Buffer.concat([this.lineHead, chunk]);
  }

  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new InvalidInputError(`${this.source} ends in the middle of a ${this.encoding} character.`, { file: this.source }));
    }
  }
}

/** The longest line whose bytes are kept for a column: a longer one is named by its line alone. */
const MAX_LINE_HEAD = 1024 * 1024;

/** Bytes Windows-1252 leaves undefined: its decoder would pass them on as control characters. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** The index of the first NUL byte (or, in Windows-1252, undefined byte) of a chunk; -1 when none. */
function firstStrayByte(chunk: Buffer, windows1252: boolean): number {
  const nul = chunk.indexOf(0);
  if (!windows1252) return nul;
  for (let i = 0; i < chunk.length && (nul === -1 || i < nul); i++) {
    if (UNDEFINED_IN_1252.has(chunk[i] ?? 0)) return i;
  }
  return nul;
}

/** Line feeds among the first `end` bytes (0x0A is a line feed in UTF-8 and Windows-1252 alike). */
function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) count++;
  return count;
}

/** Lead bytes whose second byte has a narrower range: no overlong forms, surrogates or code points past U+10FFFF. */
const SECOND_BYTE: ReadonlyMap<number, readonly [number, number]> = new Map([
  [0xe0, [0xa0, 0xbf]], [0xed, [0x80, 0x9f]], [0xf0, [0x90, 0xbf]], [0xf4, [0x80, 0x8f]],
]);

/**
 * Index of the first byte of `chunk` that cannot be UTF-8. Continuation bytes at the very start
 * may end a character begun in the previous chunk; a character cut off at the end may go on in
 * the next one. Answers 0 when it finds nothing (the decoder objected to something earlier).
 */
export function firstInvalidUtf8(chunk: Buffer): number {
  let i = 0;
  while (i < 3 && i < chunk.length && ((chunk[i] ?? 0) & 0xc0) === 0x80) i++;
  while (i < chunk.length) {
    const lead = chunk[i] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= chunk.length) return 0;
      const next = chunk[i + k] ?? 0;
      const [low, high] = k === 1 ? SECOND_BYTE.get(lead) ?? [0x80, 0xbf] : [0x80, 0xbf];
      if (next < low || next > high) return i;
    }
    i += length;
  }
  return 0;
}
