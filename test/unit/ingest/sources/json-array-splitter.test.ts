import { describe, expect, it } from 'vitest';
import { JsonArraySplitter, type JsonElement } from '../../../../src/ingest/sources/json-array-splitter.js';

/** Pushes `text` in chunks of `size` characters. */
function split(text: string, size: number, maxElement?: number): JsonElement[] {
  const splitter = new JsonArraySplitter('docs.json', 'top-level', maxElement);
  const elements: JsonElement[] = [];
  for (let i = 0; i < text.length; i += size) elements.push(...splitter.push(text.slice(i, i + size)));
  splitter.end();
  return elements;
}

describe('JsonArraySplitter: elements longer than it keeps', () => {
  const long = JSON.stringify({ titel: 'y'.repeat(50), deel: ['a', 'b'] });
  const text = `[{"id": 1},\n  ${long} ,\n{"id": "]"}]`;

  it.each([1, 7, 1000])('measures such an element and lets its text go, keeping the others whole (chunks of %i)', (size) => {
    expect(split(text, size, 20)).toEqual([
      { text: '{"id": 1}', size: 9, oversized: false, line: 1, column: 2, index: 1 },
      { text: '', size: long.length + 1, oversized: true, line: 2, column: 3, index: 2 },
      { text: '{"id": "]"}', size: 11, oversized: false, line: 3, column: 1, index: 3 },
    ]);
  });

  it('keeps every element without a limit', () => {
    expect(split(text, 5).map((element) => [element.text.trimEnd(), element.oversized])).toEqual([['{"id": 1}', false], [long, false], ['{"id": "]"}', false]]);
  });
});
