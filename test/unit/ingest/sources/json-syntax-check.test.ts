import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxCheck, JsonSyntaxError } from '../../../../src/ingest/sources/json-syntax-check.js';

/** Feeds `text` through the check in chunks of `size` bytes; resolves to what came out, or the error. */
async function check(text: string, size = 7): Promise<string | JsonSyntaxError> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: Buffer[] = [];
  try {
    await pipeline(Readable.from(chunks), new JsonSyntaxCheck(), new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    }));
    return Buffer.concat(out).toString('utf8');
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
}

/** Whether JSON.parse, the reference, accepts the text. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const CASES = [
  '{}', '[]', '0', '-0', '12.5e-3', '1E+2', '"a\\u00e9\\n"', 'true', 'false', 'null', ' [1, "x", {"a": [null, true]}] ',
  '{"@context": {"p": "http://x/p"}, "@graph": [{"@id": "x", "p": "é ✓ 😀"}]}',
  '', ' ', '{', '}', '[1,]', '{"a": 1,}', '{"a": }', '{"a" 1}', '{a: 1}', "{'a': 1}", '[1 2]', '01', '1.', '.5', '-', '1e', '1e+',
  '"unterminated', '"bad \\x escape"', '"\\u12G4"', '"tab\there"', 'tru', 'nul', 'True', '{} {}', '[1] x', 'NaN', '[-]', '{"a": 1}}',
];

describe('JsonSyntaxCheck', () => {
  it.each(CASES)('agrees with JSON.parse on %j, in chunks of any size', async (text) => {
    for (const size of [1, 3, 64]) {
      const result = await check(text, size);
      expect(typeof result === 'string', `chunks of ${size}`).toBe(parses(text));
      if (typeof result === 'string') expect(result).toBe(text);
    }
  });

  it('names the line and column of the first offending character', async () => {
    const result = await check('{\n  "a": 1,\n  "b": [1, 2,],\n  "c": 3\n}');
    expect(result).toBeInstanceOf(JsonSyntaxError);
    expect((result as JsonSyntaxError).problem).toEqual({ line: 3, column: 14, message: 'expected a value, found "]"' });
  });

  it('counts a multi-byte character split across chunks as one column', async () => {
    const result = await check('["é😀", x]', 1);
    expect((result as JsonSyntaxError).problem).toMatchObject({ line: 1, column: 8 });
  });

  it('accepts a leading byte-order mark, as JSON files from Windows tools have', async () => {
    expect(await check('\uFEFF{"a": 1}')).toBe('\uFEFF{"a": 1}');
  });

  it('says when the file ends inside the document', async () => {
    expect(((await check('{"a": [1, 2')) as JsonSyntaxError).message).toMatch(/unexpected end of the file/);
    expect(((await check('')) as JsonSyntaxError).message).toMatch(/the file is empty/);
  });
});
