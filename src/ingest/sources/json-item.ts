import { duplicateKeys } from './json-duplicate-keys.js';
import { parseJsonAt } from './json-error-locator.js';
import type { SourceItem, SourcePosition } from './source-item.js';

type JsonItem = Extract<SourceItem, { kind: 'json' }>;

/**
 * One JSON item from its text, which starts at `line` and `column` of its file: a syntax error
 * is an InvalidInputError naming where, and each key an object of it repeats is a warning.
 */
export function parseJsonItem(text: string, position: SourcePosition, line: number, column = 1): JsonItem {
  const value = parseJsonAt(text, position.source, line, column);
  const warnings = duplicateKeys(text, line, column);
  return warnings.length === 0 ? { kind: 'json', position, value } : { kind: 'json', position, value, warnings };
}
