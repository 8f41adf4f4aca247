import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { JsonArraySplitter } from './json-array-splitter.js';
import { JsonSyntaxCheck, JsonSyntaxError } from './json-syntax-check.js';
import { elementItem } from './json-item.js';
import { itemLimits, type ItemLimits } from './item-limits.js';
import type { SourceItem } from './source-item.js';
import { DecodeTransform } from './text-encoding.js';

type JsonItem = Extract<SourceItem, { kind: 'json' }>;

/**
 * Streams the elements of the `member` array of a top-level JSON object (a Hydra collection, as
 * UiTdatabank answers) one by one, so a collection of any size is read in bounded memory. The
 * whole text is checked against the JSON grammar on the way in, so an error anywhere is an
 * InvalidInputError naming its line and column, raised after the members before it. Resolves to
 * whether the object had a `member` array; its other properties are checked and skipped.
 */
export async function* streamMembers(path: string, source: string, limits: ItemLimits = itemLimits()): AsyncGenerator<JsonItem, boolean> {
  // The grammar is checked on the bytes, before decoding, so the splitter below only ever sees valid JSON.
  const text = pipeline(createReadStream(path), new JsonSyntaxCheck(), new DecodeTransform('utf-8', source), () => undefined);
  const splitter = new JsonArraySplitter(source, 'member', limits.whole);
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      for (const element of splitter.push(chunk)) yield elementItem(element, source, limits);
    }
  } catch (error) {
    throw error instanceof JsonSyntaxError ? error.inFile(source) : error;
  } finally {
    text.destroy();
  }
  return splitter.found;
}
