import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** How a generated input's text becomes bytes: UTF-8, or Windows-1252 as older collection systems export. */
export type FileEncoding = 'utf-8' | 'windows-1252';

/** Text written before, between and after the items of a generated input. */
export interface ItemLayout {
  /** Before the first item: a header row, `[`. */
  readonly head: string;
  /** The text of item `i`, with its own line end. */
  item(i: number): string;
  /** Between two items (`,` in a JSON array); nothing by default. */
  readonly separator?: string;
  /** After the last item: `]`. */
  readonly tail: string;
}

/** Items are joined into pieces of about this many characters before being written. */
const PIECE_CHARS = 1 << 20;

/** The text of a layout in pieces, with items until the text is about `targetBytes` long (counted as UTF-8). */
export function* layoutText(layout: ItemLayout, targetBytes: number): Generator<string> {
  let written = Buffer.byteLength(layout.head) + Buffer.byteLength(layout.tail);
  let piece = layout.head;
  for (let i = 0; written < targetBytes; i++) {
    const text = (i === 0 ? '' : layout.separator ?? '') + layout.item(i);
    written += Buffer.byteLength(text);
    piece += text;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield piece + layout.tail;
}

/**
 * Writes text pieces to a file, waiting for the disk whenever the stream's buffer is full, so
 * only a piece or two is ever in memory. Returns the file's size in bytes.
 */
export async function writeText(path: string, pieces: Iterable<string>, encoding: FileEncoding = 'utf-8'): Promise<number> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_resolve, reject) => { out.once('error', reject); });
  // Handled by the races below; this only keeps an early error from counting as unhandled.
  failed.catch(() => undefined);
  let bytes = 0;
  for (const piece of pieces) {
    const buffer = encode(piece, encoding);
    bytes += buffer.length;
    if (!out.write(buffer)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return bytes;
}

function encode(text: string, encoding: FileEncoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  // Latin-1 and Windows-1252 agree on every character from 0xA0 up, which is all the generators use.
  if (/[^\t\n\r\u0020-\u007e\u00a0-\u00ff]/.test(text)) throw new Error('text outside the Latin-1 part of Windows-1252');
  return Buffer.from(text, 'latin1');
}
