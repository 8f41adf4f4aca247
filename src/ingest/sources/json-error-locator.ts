import { InvalidInputError } from '../../domain/errors.js';

/** Where a JSON text first breaks the grammar, and what was expected there. */
export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Finds the first JSON syntax error in a text (RFC 8259), with its 1-based line and column.
 * Used when JSON.parse has failed, since V8 does not always say where. With `sequence`, the
 * text may hold several values separated by whitespace (JSON lines).
 */
export function locateJsonError(text: string, sequence = false): JsonSyntaxProblem | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntax(i, message);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const literal = (word: string): void => {
    if (!text.startsWith(word, i)) fail(`expected ${word}`);
    i += word.length;
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('unterminated string');
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(next) && next !== '') i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('invalid escape in string');
      } else if ((c ?? '').charCodeAt(0) < 0x20) {
        fail('control character in string (write it as an escape)');
      } else {
        i++;
      }
    }
  };
  const number = (): void => {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!match) fail('invalid number');
    i += match?.[0].length ?? 0;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
  };
  const object = (): void => {
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] !== '"') fail('expected a property name in double quotes');
      string();
      space();
      if (text[i] !== ':') fail("expected ':' after a property name");
      i++;
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail("expected ',' or '}' after a property value");
    }
  };
  const array = (): void => {
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail("expected ',' or ']' after an array element");
    }
  };
  try {
    value();
    space();
    while (sequence && i < text.length) {
      value();
      space();
    }
    if (i < text.length) fail('unexpected text after the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonSyntax)) throw error;
    const before = text.slice(0, error.offset);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    return { line, column: error.offset - before.lastIndexOf('\n'), message: error.message };
  }
}

class JsonSyntax extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** JSON.parse with the line and column of an error, counted from where the text starts in the file (`firstLine`, and `firstColumn` on that line). */
export function parseJsonAt(text: string, source: string, firstLine: number, firstColumn = 1): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const problem = locateJsonError(text);
    if (!problem) throw new InvalidInputError(`${source} line ${firstLine}: ${(error as Error).message}`, { file: source, line: firstLine });
    const line = firstLine + problem.line - 1;
    const column = problem.line === 1 ? firstColumn + problem.column - 1 : problem.column;
    throw new InvalidInputError(`${source} line ${line}, column ${column}: ${problem.message}.`, { file: source, line, column });
  }
}
