import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { TextDecoder } from 'node:util';
import { InvalidInputError } from '../../domain/errors.js';
import { JsonArraySplitter } from './json-array-splitter.js';
import { duplicateKeys } from './json-duplicate-keys.js';
import { parseJsonAt } from './json-error-locator.js';
import { elementItem, lineItem } from './json-item.js';
import { itemLimits, megabytes, type ItemLimits } from './item-limits.js';
import { streamMembers } from './json-member-stream.js';
import type { SourceItem } from './source-item.js';
import { DecodeTransform } from './text-encoding.js';

export type JsonItem = Extract<SourceItem, { kind: 'json' }>;

/**
 * Streams the items of a JSON input:
 * - JSON lines (`.ndjson`, `.jsonl`): one item per non-empty line;
 * - a JSON array: one item per element, streamed element by element;
 * - a JSON object: its `member` array (a Hydra collection, as UiTdatabank answers) or else the
 *   object itself as the one item. An object no larger than an item may be (`limits.whole`) is
 *   parsed whole; a larger one must be a Hydra collection, whose members are then streamed.
 * A syntax error is an InvalidInputError naming the file, line and column. An item larger than
 * `limits.whole` is not parsed but passed on as unreadable (the run rejects it).
 */
export async function* readJson(path: string, source = basename(path), limits: ItemLimits = itemLimits()): AsyncGenerator<JsonItem> {
  const extension = extname(path).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') {
    yield* readJsonLines(path, source, limits);
    return;
  }
  const first = await firstCharacter(path);
  if (first === '[') yield* readJsonArray(path, source, limits);
  else if (first === '{') yield* readJsonObject(path, source, limits);
  else throw new InvalidInputError(`${source} is not JSON: it should start with [ or {.`, { file: source });
}

async function* readJsonLines(path: string, source: string, limits: ItemLimits): AsyncGenerator<JsonItem> {
  const lines = createInterface({ input: createReadStream(path).pipe(new DecodeTransform('utf-8', source)), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    yield lineItem(text, { source, line }, limits);
  }
}

/** Splits a top-level array into elements as bytes arrive, parsing each at its position. */
async function* readJsonArray(path: string, source: string, limits: ItemLimits): AsyncGenerator<JsonItem> {
  const splitter = new JsonArraySplitter(source, 'top-level', limits.whole);
  for await (const chunk of createReadStream(path).pipe(new DecodeTransform('utf-8', source)) as AsyncIterable<string>) {
    for (const element of splitter.push(chunk)) yield elementItem(element, source, limits);
  }
  splitter.end();
}

async function* readJsonObject(path: string, source: string, limits: ItemLimits): AsyncGenerator<JsonItem> {
  // The limit counts characters; bytes are known at once and are never fewer, so characters are
  // counted only when the bytes are over it (text in other scripts than Latin has more bytes).
  const bytes = (await stat(path)).size;
  const size = bytes > limits.whole ? await characterCount(path) : bytes;
  if (size > limits.whole) {
    // Too large to map whole: a Hydra collection's members are streamed, anything else is refused.
    if (yield* streamMembers(path, source, limits)) return;
    throw new InvalidInputError(
      `${source} is one JSON object of ${megabytes(size, 'up')} without a member array, and a JSON object is mapped whole, up to ${megabytes(limits.whole, 'down')} in this process; `
        + 'give a JSON array or JSON lines (.ndjson) of smaller documents instead, one per record with what it describes, so it can be streamed.',
      { file: source },
    );
  }
  let text: string;
  try {
    // Fatal, as the streaming readers are: a bad byte is reported, never replaced.
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch {
    throw new InvalidInputError(`${source} is not valid utf-8; save it as UTF-8.`, { file: source });
  }
  const document = parseJsonAt(text, source, 1);
  // Read whole, the document's repeated keys are found in one pass; the first item carries them, each naming its line.
  const repeated = duplicateKeys(text);
  const warnings = repeated.length === 0 ? {} : { warnings: repeated };
  const members = (document as { member?: unknown }).member;
  if (Array.isArray(members)) {
    let row = 0;
    // Each member's size, for where it is mapped (a collection read whole may hold one too large for a worker).
    for (const member of members) yield { kind: 'json', position: { source, row: ++row }, value: member as unknown, size: JSON.stringify(member).length, ...(row === 1 ? warnings : {}) };
    return;
  }
  yield { kind: 'json', position: { source, line: 1 }, value: document, size: text.length, ...warnings };
}

/** Characters (UTF-16 code units, as a string's length counts them) of a UTF-8 file, read as a stream. */
async function characterCount(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) count += chunk.length;
  return count;
}

async function firstCharacter(path: string): Promise<string | undefined> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 4096 }) as AsyncIterable<string>) {
    const match = /[^\s\uFEFF]/.exec(chunk);
    if (match) return match[0];
  }
  return undefined;
}
