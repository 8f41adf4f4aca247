import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/domain/errors.js';
import { streamMembers } from '../../../../src/ingest/sources/json-member-stream.js';
import type { SourceItem } from '../../../../src/ingest/sources/source-item.js';
import { tempDir } from '../../../helpers/temp-dir.js';

function file(content: string | Buffer): string {
  const path = join(tempDir(), 'events.json');
  writeFileSync(path, content);
  return path;
}

/** The members read, and what the stream resolved to. */
async function read(path: string): Promise<{ items: SourceItem[]; found: boolean }> {
  const items: SourceItem[] = [];
  const members = streamMembers(path, 'events.json');
  for (;;) {
    const next = await members.next();
    if (next.done === true) return { items, found: next.value };
    items.push(next.value);
  }
}

describe('streamMembers', () => {
  it('yields the members of a Hydra collection with their line and index, skipping the other properties', async () => {
    const path = file('{\n  "@context": ["a", {"member": [9]}],\n  "totalItems": 3,\n  "member": [\n    {"id": "E1", "sub": [1, {"x": "]"}]},\n    "los", 3\n  ],\n  "view": {"next": "p2"}\n}\n');
    const { items, found } = await read(path);
    expect(found).toBe(true);
    expect(items).toEqual([
      { kind: 'json', position: { source: 'events.json', line: 5, row: 1 }, value: { id: 'E1', sub: [1, { x: ']' }] }, size: '{"id": "E1", "sub": [1, {"x": "]"}]}'.length },
      { kind: 'json', position: { source: 'events.json', line: 6, row: 2 }, value: 'los', size: 5 },
      { kind: 'json', position: { source: 'events.json', line: 6, row: 3 }, value: 3, size: 1 },
    ]);
  });

  it('is not fooled by brackets, commas and escaped quotes inside strings, nor by a nested member', async () => {
    const path = file(String.raw`{"a": {"member": ["x"]}, "b": "\"member\": [", "member": [{"s": "x, ] } [ {"}, {"t": "say \"hi\", ]"}, {"u": "\\"}]}`);
    expect((await read(path)).items.map((item) => item.kind === 'json' ? item.value : undefined)).toEqual([{ s: 'x, ] } [ {' }, { t: 'say "hi", ]' }, { u: '\\' }]);
  });

  it('reads an empty member array, and a byte-order mark', async () => {
    expect(await read(file('\uFEFF{"member": [ ]}'))).toEqual({ items: [], found: true });
  });

  it('says when there is no member array', async () => {
    expect(await read(file('{"member": "not an array", "other": [1, 2]}'))).toEqual({ items: [], found: false });
  });

  it('names the line and column of a syntax error anywhere, after streaming the members of the chunks before it', async () => {
    const members = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `E${i}`, naam: 'x'.repeat(20) }));
    const path = file(`{"member": [\n${members.join(',\n')},\n{"id": "E",}\n]}`);
    let seen = 0;
    const error = await (async () => {
      for await (const item of streamMembers(path, 'events.json')) expect(item.position.row).toBe(++seen);
    })().catch((e: unknown) => e);
    expect(seen).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('events.json line 20002, column 12: expected a property name in double quotes after ,.');
    expect((error as InvalidInputError).extensions).toEqual({ file: 'events.json', line: 20002, column: 12 });
  });

  it('refuses bytes that are not UTF-8', async () => {
    const error = await read(file(Buffer.from([...Buffer.from('{"member": [{"naam":"Jos'), 0xe9, ...Buffer.from('"}]}')]))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/^events\.json is not valid utf-8/);
  });
});
