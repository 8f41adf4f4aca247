import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/domain/errors.js';
import { DecodeTransform, firstInvalidUtf8, sniffEncoding, type TextEncoding } from '../../../../src/ingest/sources/text-encoding.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** "José;€5" as Windows-1252 bytes: é is 0xE9, € is 0x80. */
const CP1252 = Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x3b, 0x80, 0x35]);

/** Decodes `chunks` as a stream would deliver them. */
async function decode(chunks: readonly Buffer[], encoding: TextEncoding): Promise<string> {
  let text = '';
  for await (const piece of Readable.from(chunks).pipe(new DecodeTransform(encoding, 'objecten.csv')) as AsyncIterable<string>) text += piece;
  return text;
}

describe('sniffEncoding', () => {
  it.each([
    ['plain ASCII', Buffer.from('naam;titel\n1;Stoel\n')],
    ['UTF-8 with accents', Buffer.from('naam;titel\nJosé;€5\n')],
    ['UTF-8 with a BOM', Buffer.concat([BOM, Buffer.from('naam\nJosé\n')])],
    ['an empty sample', Buffer.alloc(0)],
  ])('takes %s for UTF-8', (_name, head) => {
    expect(sniffEncoding(head)).toBe('utf-8');
  });

  it('takes bytes that are not UTF-8 (é as 0xE9, € as 0x80) for Windows-1252', () => {
    expect(sniffEncoding(Buffer.concat([Buffer.from('naam;prijs\n'), CP1252, Buffer.from('\n')]))).toBe('windows-1252');
  });

  it('does not hold a UTF-8 character cut off at the end of the sample against the file', () => {
    const euro = Buffer.from('€');
    for (let cut = 1; cut < euro.length; cut++) {
      expect(sniffEncoding(Buffer.concat([Buffer.from('prijs\n'), euro, euro.subarray(0, cut)]))).toBe('utf-8');
    }
  });

  it('takes a file with a UTF-16 byte-order mark (Excel\'s "Unicode text") for UTF-16, little- or big-endian', () => {
    expect(sniffEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('naam\tJosé\n', 'utf16le')]))).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x6e]))).toBe('utf-16be');
  });

  it('judges the last byte of a complete file too, so a Windows-1252 file ending in é is not taken for UTF-8', () => {
    const head = Buffer.concat([Buffer.from('naam\nJos'), Buffer.from([0xe9])]);
    expect(sniffEncoding(head, true)).toBe('windows-1252');
  });
});

describe('DecodeTransform', () => {
  it('decodes UTF-8 and drops the byte-order mark', async () => {
    expect(await decode([Buffer.concat([BOM, Buffer.from('naam\nJosé\n')])], 'utf-8')).toBe('naam\nJosé\n');
  });

  it('drops a BOM split over chunks, and only at the start', async () => {
    const text = await decode([BOM.subarray(0, 1), BOM.subarray(1), Buffer.from('a\uFEFFb')], 'utf-8');
    expect(text).toBe('a\uFEFFb');
  });

  it('joins a multi-byte character split over chunks', async () => {
    const bytes = Buffer.from('café €');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(await decode(chunks, 'utf-8')).toBe('café €');
  });

  it('decodes UTF-16 without its byte-order mark, a character split over chunks too, and reports a lone surrogate', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('naam\tJosé\n€5\n', 'utf16le')]);
    expect(await decode([bytes.subarray(0, 7), bytes.subarray(7)], 'utf-16le')).toBe('naam\tJosé\n€5\n');
    const broken = Buffer.concat([Buffer.from('a\nb\n', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('c', 'utf16le')]);
    const error = await decode([broken], 'utf-16le').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toBe('objecten.csv is not valid UTF-16 after line 1 (a lone surrogate); save it as UTF-8.');
  });

  it('reports a NUL byte, and a byte Windows-1252 leaves undefined, naming the line and byte, instead of passing on a control character', async () => {
    const nul = await decode([Buffer.from('naam\nJo\u0000s\n')], 'utf-8').catch((e: unknown) => e);
    expect((nul as InvalidInputError).message).toBe('objecten.csv holds a NUL byte, which no text has (a binary file, or UTF-16 without its byte-order mark) on line 2, column 3: byte 7 is 0x00; save it as UTF-8.');
    const undefinedByte = await decode([Buffer.from('naam\n'), Buffer.from([0x4a, 0x81, 0x0a])], 'windows-1252').catch((e: unknown) => e);
    expect((undefinedByte as InvalidInputError).message).toBe('objecten.csv holds a byte that is no character in Windows-1252 (the file is in another encoding) on line 2, column 2: byte 6 is 0x81; save it as UTF-8.');
    expect(await decode([Buffer.from([0x4a, 0x80, 0x9e])], 'windows-1252')).toBe('J€ž');
  });

  it('decodes Windows-1252, where 0x80 is the euro sign', async () => {
    expect(await decode([CP1252], 'windows-1252')).toBe('José;€5');
  });

  it('reports invalid UTF-8 as an InvalidInputError naming the file, line and byte, never replacing the byte', async () => {
    // 'naam\nJosé\n' is 11 bytes on two lines; the Windows-1252 é is the 4th byte of the next chunk.
    const error = await decode([Buffer.from('naam\nJosé\n'), CP1252], 'utf-8').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toBe('objecten.csv is not valid utf-8 on line 3, column 4: byte 14 is 0xE9; save it as UTF-8.');
    expect((error as InvalidInputError).extensions).toEqual({ file: 'objecten.csv', line: 3, column: 4, byte: 14 });
    // The column counts characters, also of a line begun in an earlier chunk: "Café a" is six.
    const across = await decode([Buffer.from('naam\nCafé '), Buffer.from([0x61, 0xe9, 0x0a])], 'utf-8').catch((e: unknown) => e);
    expect((across as InvalidInputError).message).toBe('objecten.csv is not valid utf-8 on line 2, column 7: byte 12 is 0xE9; save it as UTF-8.');
  });

  it.each([
    ['a lone continuation byte', [0x61, 0x80, 0x62], 1],
    ['a lead byte without its continuation', [0x61, 0xc3, 0x62], 1],
    ['an overlong form', [0x61, 0x62, 0xe0, 0x80, 0x80], 2],
    ['a surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a byte that is never UTF-8', [0xc3, 0xa9, 0xff], 2],
  ])('finds %s where it is', (_name, bytes, at) => {
    expect(firstInvalidUtf8(Buffer.from(bytes))).toBe(at);
  });

  it('lets a character cut off at the end of a chunk, or finishing one from the previous chunk, pass', () => {
    const euro = Buffer.from('€');
    expect(firstInvalidUtf8(Buffer.concat([euro.subarray(1), Buffer.from('a'), euro.subarray(0, 2)]))).toBe(0);
  });

  it('reports a file that ends in the middle of a UTF-8 character', async () => {
    const error = await decode([Buffer.from('prijs\n'), Buffer.from('€').subarray(0, 2)], 'utf-8').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('objecten.csv ends in the middle of a utf-8 character.');
  });
});
