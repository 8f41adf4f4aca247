import { duplicateKeys } from './json-duplicate-keys.js';
import { parseJsonAt } from './json-error-locator.js';
import type { JsonElement } from './json-array-splitter.js';
import { tooLargeToMap, type ItemLimits } from './item-limits.js';
import type { SourceItem, SourcePosition } from './source-item.js';

type JsonItem = Extract<SourceItem, { kind: 'json' }>;

/**
 * One JSON item from its text, which starts at `line` and `column` of its file: a syntax error
 * is an InvalidInputError naming where, and each key an object of it repeats is a warning.
 */
export function parseJsonItem(text: string, position: SourcePosition, line: number, column = 1): JsonItem {
  const value = parseJsonAt(text, position.source, line, column);
  const warnings = duplicateKeys(text, line, column);
  return warnings.length === 0 ? { kind: 'json', position, value, size: text.length } : { kind: 'json', position, value, size: text.length, warnings };
}

/** One line of JSON lines as an item: parsed, or, when too large to map whole, passed on unread (see elementItem). */
export function lineItem(text: string, position: SourcePosition, limits: ItemLimits): JsonItem {
  if (text.length > limits.whole) return unread(position, text.length, limits);
  return parseJsonItem(text, position, position.line ?? 1);
}

/**
 * One element of a split array as an item: parsed, or, when it is too large to map whole, not
 * read at all but passed on as unreadable, so the run rejects it and goes on.
 */
export function elementItem(element: JsonElement, source: string, limits: ItemLimits): JsonItem {
  const position = { source, line: element.line, row: element.index };
  if (element.oversized || element.size > limits.whole) return unread(position, element.size, limits);
  return { ...parseJsonItem(element.text, position, element.line, element.column), size: element.size };
}

/** An item of `size` characters too large to map whole, its text not read: the run rejects it, saying why. */
function unread(position: SourcePosition, size: number, limits: ItemLimits): JsonItem {
  return { kind: 'json', position, value: undefined, size, unreadable: tooLargeToMap(size, limits) };
}
