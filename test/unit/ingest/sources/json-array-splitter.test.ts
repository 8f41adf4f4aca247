import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/domain/errors.js';
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

  it('counts an element from its first character: the blanks around it do not make it too long', () => {
    expect(split(`[${' '.repeat(30)}{"a":1}${' '.repeat(2)}]`, 4, 10)).toEqual([{ text: '{"a":1}  ', size: 7, oversized: false, line: 1, column: 32, index: 1 }]);
  });

  it.each([
    ['an empty array element', `[{"id": 1},${' '.repeat(50)},{"id": 2}]`, 'docs.json line 1, column 62: an empty array element.'],
    ['a comma before the closing ]', `[{"id": 1},${' \n'.repeat(25)}]`, 'docs.json line 26, column 1: a comma before the closing ].'],
  ])('keeps a long run of blanks %s, not an element', (_, text, message) => {
    expect(() => split(text, 7, 20)).toThrow(message);
  });

  it.each([
    ['a missing comma', `[{"id": 1},\n {"titel": "${'x'.repeat(40)}" "b": 2}, {"id": 3}]`, 'docs.json line 2, column 55: expected , or }.'],
    ['text that is no JSON', `[{"id": 1},\n  lorem ipsum dolor sit amet, consectetur]`, 'docs.json line 2, column 3: expected a value, found "l".'],
    ['an unclosed object', `[{"id": 1}, {"titel": "${'x'.repeat(40)}", "deel": [1, 2]]`, 'docs.json line 1, column 81: expected , or }.'],
  ])('still finds %s in an element too long to keep, at its line and column', (_, text, message) => {
    for (const size of [3, 1000]) {
      const error = (() => { try { split(text, size, 20); } catch (e) { return e; } return undefined; })();
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toBe(message);
    }
  });
});
