import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/domain/errors.js';
import { readJson, type JsonItem } from '../../../../src/ingest/sources/json-reader.js';
import { tempDir } from '../../../helpers/temp-dir.js';

function file(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, source?: string): Promise<JsonItem[]> {
  const items: JsonItem[] = [];
  for await (const item of readJson(path, source)) items.push(item);
  return items;
}

async function failure(path: string): Promise<InvalidInputError> {
  const error = await read(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('readJson: JSON lines', () => {
  it.each(['items.ndjson', 'items.jsonl', 'ITEMS.NDJSON'])('reads %s one item per non-blank line, numbered by line', async (name) => {
    const items = await read(file(name, '{"id":"O1"}\n\n   \n{"id":"O2"}\r\n[1,2]\n'));
    expect(items).toEqual([
      { kind: 'json', position: { source: name, line: 1 }, value: { id: 'O1' }, size: 11 },
      { kind: 'json', position: { source: name, line: 4 }, value: { id: 'O2' }, size: 11 },
      { kind: 'json', position: { source: name, line: 5 }, value: [1, 2], size: 5 },
    ]);
  });

  it('drops a byte-order mark', async () => {
    expect((await read(file('items.ndjson', '\uFEFF{"id":"O1"}\n')))[0]?.value).toEqual({ id: 'O1' });
  });

  it('names the line and column of a syntax error, after yielding the lines before it', async () => {
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of readJson(file('items.ndjson', '{"id":"O1"}\n\n{"id": "O2", "titel" "Stoel"}\n{"id":"O4"}\n'))) seen.push(item.value);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ id: 'O1' }]);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe("items.ndjson line 3, column 22: expected ':' after a property name.");
    expect((error as InvalidInputError).extensions).toEqual({ file: 'items.ndjson', line: 3, column: 22 });
  });

  it('refuses two values on one line', async () => {
    const error = await failure(file('items.ndjson', '{"id":"O1"} {"id":"O2"}\n'));
    expect(error.message).toBe('items.ndjson line 1, column 13: unexpected text after the JSON value.');
  });

  it('reports bytes that are not UTF-8', async () => {
    const error = await failure(file('items.ndjson', Buffer.from([...Buffer.from('{"naam":"Jos'), 0xe9, ...Buffer.from('"}\n')])));
    expect(error.message).toMatch(/^items\.ndjson is not valid utf-8/);
  });
});

describe('readJson: a JSON array', () => {
  it('yields each element with the line it starts on and its index', async () => {
    const items = await read(file('items.json', '[\n  {"id": "O1", "titels": ["a", "b"]},\n  {\n    "id": "O2"\n  },\n  "los", 3, null\n]\n'));
    expect(items.map((i) => [i.position, i.value])).toEqual([
      [{ source: 'items.json', line: 2, row: 1 }, { id: 'O1', titels: ['a', 'b'] }],
      [{ source: 'items.json', line: 3, row: 2 }, { id: 'O2' }],
      [{ source: 'items.json', line: 6, row: 3 }, 'los'],
      [{ source: 'items.json', line: 6, row: 4 }, 3],
      [{ source: 'items.json', line: 6, row: 5 }, null],
    ]);
  });

  it('is not fooled by brackets, commas and escaped quotes inside strings', async () => {
    const items = await read(file('items.json', String.raw`[{"a": "x, ] } [ {"}, {"b": "say \"hi\", ]"}, {"c": "\\"}]`));
    expect(items.map((i) => i.value)).toEqual([{ a: 'x, ] } [ {' }, { b: 'say "hi", ]' }, { c: '\\' }]);
  });

  it('reads an empty array, a BOM and trailing whitespace', async () => {
    expect(await read(file('leeg.json', '\uFEFF  [ ]  \n'))).toEqual([]);
    expect((await read(file('bom.json', '\uFEFF[{"id":"O1"}]\n')))[0]?.value).toEqual({ id: 'O1' });
  });

  it('streams a large array element by element: a late error comes after the earlier elements', async () => {
    const elements = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `O${i}`, titel: 'x'.repeat(20) }));
    const path = file('groot.json', `[\n${elements.join(',\n')},\n{"id": oops}\n]`);
    let count = 0;
    const error = await (async () => {
      for await (const item of readJson(path)) {
        expect(item.position.row).toBe(++count);
      }
    })().catch((e: unknown) => e);
    expect(count).toBe(20_000);
    expect((error as Error).message).toBe('groot.json line 20002, column 8: unexpected character "o".');
  });

  it('names the line and column of an error in an element that starts mid-line', async () => {
    const error = await failure(file('items.json', '[{"id":"O1"}, {"id" "O2"}]'));
    expect(error.message).toBe("items.json line 1, column 21: expected ':' after a property name.");
    expect(error.extensions).toEqual({ file: 'items.json', line: 1, column: 21 });
  });

  it('names the line and column where a truncated array ends', async () => {
    const error = await failure(file('afgebroken.json', '[\n  {"id": "O1"},\n  {"id": "O2", "titels": ["a"'));
    expect(error.message).toBe('afgebroken.json line 3, column 30: the array is not closed with ].');
    expect(error.extensions).toEqual({ file: 'afgebroken.json', line: 3, column: 30 });
  });

  it('says so when a truncated array ends inside a string', async () => {
    const error = await failure(file('afgebroken.json', '[{"id": "O1'));
    expect(error.message).toBe('afgebroken.json line 1, column 12: unterminated string.');
  });

  it.each([
    ['[1,,2]', 'line 1, column 4: an empty array element'],
    ['[,1]', 'line 1, column 2: an empty array element'],
    ['[1, 2,\n]', 'line 2, column 1: a comma before the closing ]'],
    ['[{"id": 1}}', "line 1, column 11: unexpected } where the array's ] should be"],
    ['[1]\n[2]', 'line 2, column 1: unexpected text after the closing ]'],
  ])('refuses %j', async (content, where) => {
    const error = await failure(file('items.json', content));
    expect(error.message).toBe(`items.json ${where}.`);
  });

  it('reports bytes that are not UTF-8', async () => {
    const error = await failure(file('items.json', Buffer.from([...Buffer.from('[{"naam":"Jos'), 0xe9, ...Buffer.from('"}]')])));
    expect(error.message).toMatch(/^items\.json is not valid utf-8/);
  });
});

describe('readJson: a JSON object', () => {
  it('yields the members of a Hydra collection by index', async () => {
    const items = await read(file('events.json', JSON.stringify({ '@context': 'x', totalItems: 2, member: [{ id: 'E1' }, { id: 'E2' }] })));
    expect(items).toEqual([
      { kind: 'json', position: { source: 'events.json', row: 1 }, value: { id: 'E1' }, size: 11 },
      { kind: 'json', position: { source: 'events.json', row: 2 }, value: { id: 'E2' }, size: 11 },
    ]);
  });

  it('yields any other object as the one item', async () => {
    const document = { '@id': 'http://example.org/o1', member: 'not an array' };
    expect(await read(file('object.jsonld', `\uFEFF${JSON.stringify(document)}`))).toEqual([
      { kind: 'json', position: { source: 'object.jsonld', line: 1 }, value: document, size: JSON.stringify(document).length },
    ]);
  });

  it('names the line and column of a syntax error', async () => {
    const error = await failure(file('object.json', '{\n  "id": "O1",\n  "titel": \n}'));
    expect(error.message).toBe('object.json line 4, column 1: unexpected character "}".');
    expect(error.extensions).toEqual({ file: 'object.json', line: 4, column: 1 });
  });

  it('refuses bytes that are not UTF-8 rather than replacing them', async () => {
    const error = await failure(file('object.json', Buffer.from([...Buffer.from('{"naam":"Jos'), 0xe9, ...Buffer.from('"}')])));
    expect(error.message).toBe('object.json is not valid utf-8; save it as UTF-8.');
  });

  it('reads JSON lines in a .json file as one broken document, pointing at the second line', async () => {
    const error = await failure(file('items.json', '{"id":"O1"}\n{"id":"O2"}\n'));
    expect(error.message).toBe('items.json line 2, column 1: unexpected text after the JSON value.');
  });
});

describe('readJson: not JSON', () => {
  it.each([['text', 'objectnummer;titel\n'], ['an empty file', ''], ['a bare value', '"x"']])('refuses %s', async (_what, content) => {
    const error = await failure(file('data.json', content));
    expect(error.message).toBe('data.json is not JSON: it should start with [ or {.');
  });
});

describe('readJson: a key an object repeats', () => {
  const REPEATED = 'JSON keeps only the last value, so the earlier one is not read';

  it('warns on the item, naming both places, in every layout', async () => {
    const [line] = await read(file('items.ndjson', '{"id":"O1"}\n{"id":"O2","titel":"a","titel":"b"}\n'));
    expect(line?.warnings).toBeUndefined();
    const [, second] = await read(file('items.ndjson', '{"id":"O1"}\n{"id":"O2","titel":"a","titel":"b"}\n'));
    expect(second?.value).toEqual({ id: 'O2', titel: 'b' });
    expect(second?.warnings).toEqual([`the key "titel" at line 2, column 24 repeats the one at line 2, column 12 in the same object; ${REPEATED}`]);

    const [, element] = await read(file('items.json', '[\n  {"id": "O1"},\n  {"id": "O2",\n   "id": "O3"}\n]'));
    expect(element?.warnings).toEqual([`the key "id" at line 4, column 4 repeats the one at line 3, column 4 in the same object; ${REPEATED}`]);

    const [whole] = await read(file('object.jsonld', '{\n  "@id": "o",\n  "a": {"x": 1, "x": 2}\n}'));
    expect(whole?.warnings).toEqual([`the key "x" at line 3, column 17 repeats the one at line 3, column 9 in the same object; ${REPEATED}`]);
  });

  it('reads the same key in other objects, values and arrays as no repetition, and escapes as the key they spell', async () => {
    const [ok] = await read(file('ok.json', '{"a": {"b": 1}, "b": ["a", "a"], "c": "a", "d": [{"a": 1}, {"a": 2}], "e\\"": 1, "e": 2}'));
    expect(ok?.warnings).toBeUndefined();
    const [escaped] = await read(file('escaped.json', '{"naam": 1, "na\\u0061m": 2}'));
    expect(escaped?.warnings).toEqual([`the key "naam" at line 1, column 13 repeats the one at line 1, column 2 in the same object; ${REPEATED}`]);
  });
});

describe('readJson: items too large to map whole', () => {
  const limits = { worker: 10, whole: 40 };
  const big = { '@id': 'http://example.org/o2', titel: 'x'.repeat(60) };
  const readWith = async (path: string): Promise<JsonItem[]> => {
    const items: JsonItem[] = [];
    for await (const item of readJson(path, undefined, limits)) items.push(item);
    return items;
  };

  it('passes an array element over the limit on unread, saying why, and reads the others', async () => {
    const items = await readWith(file('docs.json', `[{"id": 1},\n ${JSON.stringify(big)},\n {"id": 3}]`));
    expect(items.map((item) => item.value)).toEqual([{ id: 1 }, undefined, { id: 3 }]);
    expect(items[1]).toMatchObject({ position: { source: 'docs.json', line: 2, row: 2 }, size: JSON.stringify(big).length });
    expect(items[1]?.unreadable).toMatch(/^is 0\.1 MB of JSON, more than the 0 MB an item may have \(it is mapped whole, in this process's heap of [\d,]+ MB\); split it into smaller documents/);
    expect(items[0]?.unreadable).toBeUndefined();
  });

  it('does the same for a JSON line', async () => {
    const items = await readWith(file('docs.ndjson', `{"id": 1}\n${JSON.stringify(big)}\n`));
    expect(items.map((item) => [item.position.line, item.value === undefined, item.unreadable !== undefined])).toEqual([[1, false, false], [2, true, true]]);
  });

  it('refuses a whole document over the limit that has no member array, naming both sizes', async () => {
    const error = await readWith(file('graph.jsonld', JSON.stringify({ '@graph': [big] }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('graph.jsonld is one JSON object of 0.1 MB without a member array, and a JSON object is mapped whole, up to 0 MB in this process; '
      + 'give a JSON array or JSON lines (.ndjson) of smaller documents instead, one per record with what it describes, so it can be streamed.');
  });

  it('streams the members of a collection over the limit, each member measured on its own', async () => {
    const items = await readWith(file('events.json', JSON.stringify({ member: [{ id: 1 }, big] })));
    expect(items.map((item) => [item.value === undefined ? 'unread' : item.value, item.size])).toEqual([[{ id: 1 }, 8], ['unread', JSON.stringify(big).length]]);
  });

  it('measures the members of a collection it reads whole, so a large one is mapped on the calling thread', async () => {
    const member = { id: 'x'.repeat(12) };
    const items = await readWith(file('events.json', JSON.stringify({ member: [member] })));
    expect(items).toEqual([{ kind: 'json', position: { source: 'events.json', row: 1 }, value: member, size: JSON.stringify(member).length }]);
  });

  it('counts characters, not bytes, against the limit of a document read whole', async () => {
    // 30 characters of three bytes each: 90 bytes, within a limit of 40 characters.
    const document = { t: '€'.repeat(30) };
    expect(Buffer.byteLength(JSON.stringify(document))).toBeGreaterThan(limits.whole);
    expect((await readWith(file('euro.json', JSON.stringify(document)))).map((item) => item.value)).toEqual([document]);
  });
});
