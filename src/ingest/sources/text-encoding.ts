import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { InvalidInputError } from '../../domain/errors.js';

/** The text encodings collection-system exports come in. */
export type TextEncoding = 'utf-8' | 'windows-1252';

/**
 * Guesses a file's encoding from its first bytes: UTF-8 when they decode as UTF-8 (a BOM or
 * plain ASCII included), else Windows-1252, which many collection systems still export.
 * `complete` says the bytes are the whole file, so none of them can be a character cut short.
 */
export function sniffEncoding(head: Buffer, complete = false): TextEncoding {
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
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Decodes a byte stream to text, dropping a UTF-8 byte-order mark. Invalid UTF-8 later in a
 * file that started as UTF-8 is an error naming the byte offset, never silent replacement.
 */
export class DecodeTransform extends Transform {
  private readonly decoder: TextDecoder;
  private offset = 0;
  private first = true;

  constructor(private readonly encoding: TextEncoding, private readonly source: string) {
    super({ decodeStrings: true });
    // Readers get text, never the bytes back.
    this.setEncoding('utf8');
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      let text = this.decoder.decode(chunk, { stream: true });
      if (this.first) {
        text = text.replace(/^\uFEFF/, '');
        this.first = false;
      }
      this.offset += chunk.length;
      done(null, text);
    } catch {
      done(new InvalidInputError(`${this.source} is not valid ${this.encoding} near byte ${this.offset}; save it as UTF-8.`, { file: this.source }));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new InvalidInputError(`${this.source} ends in the middle of a ${this.encoding} character.`, { file: this.source }));
    }
  }
}
