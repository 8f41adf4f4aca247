import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { InvalidInputError } from '../../domain/errors.js';
import { parseJsonAt } from './json-error-locator.js';
import { JsonSyntaxCheck, JsonSyntaxError } from './json-syntax-check.js';
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
export async function* streamMembers(path: string, source: string): AsyncGenerator<JsonItem, boolean> {
  // The grammar is checked on the bytes, before decoding, so the splitter below only ever sees valid JSON.
  const text = pipeline(createReadStream(path), new JsonSyntaxCheck(), new DecodeTransform('utf-8', source), () => undefined);
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** At depth 1: the next string is a property name, which is then collected in `key`. */
  let expectKey = false;
  let readingKey = false;
  let key = '';
  let inMembers = false;
  let found = false;
  let line = 1;
  let column = 0;
  let element = '';
  let elementLine = 0;
  let elementColumn = 0;
  let row = 0;
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charAt(i);
        if (c === '\n') {
          line++;
          column = 0;
        } else {
          column++;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          if (readingKey) {
            if (inString) key += c;
            else readingKey = false;
          }
          continue;
        }
        const blank = c === ' ' || c === '\t' || c === '\n' || c === '\r';
        if (inMembers && depth === 2 && elementLine === 0 && !blank && c !== ',' && c !== ']') {
          elementLine = line;
          elementColumn = column;
        }
        if (c === '"') {
          inString = true;
          if (depth === 1 && expectKey) {
            expectKey = false;
            readingKey = true;
            key = '';
          }
        } else if (c === '{' || c === '[') {
          depth++;
          if (depth === 1) expectKey = true;
          if (c === '[' && depth === 2 && key === 'member' && !found) {
            inMembers = true;
            found = true;
            start = i + 1;
          }
        } else if (c === ',' && depth === 1) {
          expectKey = true;
        } else if (inMembers && depth === 2 && (c === ',' || c === ']')) {
          element += chunk.slice(start, i);
          start = i + 1;
          if (elementLine !== 0) {
            yield { kind: 'json', position: { source, line: elementLine, row: ++row }, value: parseJsonAt(element.trimStart(), source, elementLine, elementColumn) };
          }
          element = '';
          elementLine = 0;
          if (c === ']') inMembers = false;
        }
        if (c === '}' || c === ']') depth--;
      }
      if (inMembers) element += chunk.slice(start);
    }
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const { line: at, column: col, message } = error.problem;
      throw new InvalidInputError(`${source} line ${at}, column ${col}: ${message}.`, { file: source, line: at, column: col });
    }
    throw error;
  } finally {
    text.destroy();
  }
  return found;
}
