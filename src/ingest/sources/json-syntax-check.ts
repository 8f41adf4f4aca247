import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import { InvalidInputError } from '../../domain/errors.js';
import type { JsonSyntaxProblem } from './json-error-locator.js';

/** Raised by JsonSyntaxCheck at the first character that breaks the JSON grammar. */
export class JsonSyntaxError extends Error {
  constructor(readonly problem: JsonSyntaxProblem) {
    super(`line ${problem.line}, column ${problem.column}: ${problem.message}`);
  }

  /** The error as the user sees it: the file, line and column, and what is wrong there. */
  inFile(source: string): InvalidInputError {
    const { line, column, message } = this.problem;
    return new InvalidInputError(`${source} line ${line}, column ${column}: ${message}.`, { file: source, line, column });
  }
}

type Expect = 'value' | 'value-or-end' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end' | 'done';
type NumberState = 'minus' | 'zero' | 'int' | 'dot' | 'frac' | 'exp' | 'exp-sign' | 'exp-digits';
type Token =
  | { readonly kind: 'string'; readonly key: boolean; escape: 'no' | 'yes' | 'unicode'; hex: number }
  | { readonly kind: 'number'; state: NumberState }
  | { readonly kind: 'literal'; readonly word: string; at: number };

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]$/;
const DIGIT = /^[0-9]$/;
/** Number states a number may end in. */
const NUMBER_ENDS = new Set<NumberState>(['zero', 'int', 'frac', 'exp-digits']);

/**
 * Passes a JSON text through unchanged while checking it against the JSON grammar (RFC 8259),
 * one character at a time, so a document of any size is checked in constant memory. The stream
 * fails with a JsonSyntaxError naming the line and column of the first offending character.
 * The streaming JSON-LD parser's own tokenizer lets some broken JSON through (a trailing comma,
 * a missing value); this check runs in front of it.
 */
export class JsonSyntaxCheck extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private readonly grammar = new JsonGrammar();

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.grammar.check(this.decoder.write(chunk));
      done(null, chunk);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.grammar.check(this.decoder.end());
      this.grammar.end();
      done();
    } catch (error) {
      done(error as Error);
    }
  }
}

/**
 * The JSON grammar (RFC 8259) checked over text given piece by piece, in constant memory: a
 * whole file (JsonSyntaxCheck), or one JSON value of it that starts at `line` and `column` and
 * ends where `what` ends (an array element too large to keep, which the splitter lets go).
 * Throws a JsonSyntaxError at the first character that breaks it.
 */
export class JsonGrammar {
  private readonly stack: Array<'object' | 'array'> = [];
  private expect: Expect = 'value';
  private token: Token | undefined;
  private line: number;
  private column: number;
  private started: boolean;

  constructor(private readonly what: { readonly line: number; readonly column: number; readonly name: string } = { line: 1, column: 1, name: 'the file' }) {
    this.line = what.line;
    this.column = what.column - 1;
    // Only a file may start with a byte-order mark.
    this.started = what.name !== 'the file';
  }

  /** The next piece of the text. */
  check(text: string): void {
    for (const c of text) {
      if (!this.started) {
        this.started = true;
        if (c === '\uFEFF') continue;
      }
      if (c === '\n') {
        this.line++;
        this.column = 0;
      } else {
        this.column++;
      }
      this.step(c);
    }
  }

  /** After the last piece: the value must be complete. */
  end(): void {
    const token = this.token;
    if (token?.kind === 'number' && NUMBER_ENDS.has(token.state) && this.stack.length === 0) this.valueDone(false);
    else if (token?.kind === 'string') this.fail(`unterminated string at the end of ${this.what.name}`);
    else if (token !== undefined) this.fail(`unexpected end of ${this.what.name} inside a value`);
    if (this.expect !== 'done') this.fail(this.what.name === 'the file' && this.line === 1 && this.column === 0 ? 'the file is empty' : `unexpected end of ${this.what.name}: the JSON is not complete`);
  }

  private step(c: string): void {
    const token = this.token;
    if (token?.kind === 'string') {
      this.inString(token, c);
      return;
    }
    if (token?.kind === 'literal') {
      if (c !== token.word[token.at]) this.fail(`expected ${token.word}`);
      token.at++;
      if (token.at === token.word.length) this.valueDone(false);
      return;
    }
    if (token?.kind === 'number') {
      if (this.inNumber(token, c)) return;
      if (!NUMBER_ENDS.has(token.state)) this.fail('malformed number');
      this.valueDone(false);
    }
    if (WHITESPACE.has(c)) return;
    switch (this.expect) {
      case 'value-or-end':
        if (c === ']') this.close();
        else this.startValue(c);
        return;
      case 'value':
        this.startValue(c);
        return;
      case 'key-or-end':
        if (c === '}') this.close();
        else if (c === '"') this.token = { kind: 'string', key: true, escape: 'no', hex: 0 };
        else this.fail('expected a property name in double quotes, or }');
        return;
      case 'key':
        if (c === '"') this.token = { kind: 'string', key: true, escape: 'no', hex: 0 };
        else this.fail('expected a property name in double quotes after ,');
        return;
      case 'colon':
        if (c === ':') this.expect = 'value';
        else this.fail('expected : after the property name');
        return;
      case 'comma-or-end': {
        const inObject = this.stack[this.stack.length - 1] === 'object';
        if (c === ',') this.expect = inObject ? 'key' : 'value';
        else if (c === (inObject ? '}' : ']')) this.close();
        else this.fail(`expected , or ${inObject ? '}' : ']'}`);
        return;
      }
      case 'done':
        this.fail('unexpected text after the end of the JSON value');
    }
  }

  private startValue(c: string): void {
    if (c === '{') {
      this.stack.push('object');
      this.expect = 'key-or-end';
    } else if (c === '[') {
      this.stack.push('array');
      this.expect = 'value-or-end';
    } else if (c === '"') {
      this.token = { kind: 'string', key: false, escape: 'no', hex: 0 };
    } else if (c === '-') {
      this.token = { kind: 'number', state: 'minus' };
    } else if (DIGIT.test(c)) {
      this.token = { kind: 'number', state: c === '0' ? 'zero' : 'int' };
    } else if (c === 't' || c === 'f' || c === 'n') {
      this.token = { kind: 'literal', word: c === 't' ? 'true' : c === 'f' ? 'false' : 'null', at: 1 };
    } else {
      this.fail(`expected a value, found ${JSON.stringify(c)}`);
    }
  }

  private inString(token: Extract<Token, { kind: 'string' }>, c: string): void {
    if (token.escape === 'yes') {
      if (ESCAPES.has(c)) token.escape = 'no';
      else if (c === 'u') {
        token.escape = 'unicode';
        token.hex = 0;
      } else this.fail('invalid escape in string');
    } else if (token.escape === 'unicode') {
      if (!HEX.test(c)) this.fail('invalid \\u escape in string');
      if (++token.hex === 4) token.escape = 'no';
    } else if (c === '"') {
      this.valueDone(token.key);
    } else if (c === '\\') {
      token.escape = 'yes';
    } else if (c.charCodeAt(0) < 0x20) {
      this.fail('control character in string (write it as an escape)');
    }
  }

  /** Whether `c` continues the number; the state moves on when it does. */
  private inNumber(token: Extract<Token, { kind: 'number' }>, c: string): boolean {
    const digit = DIGIT.test(c);
    switch (token.state) {
      case 'minus':
        if (!digit) this.fail('malformed number');
        token.state = c === '0' ? 'zero' : 'int';
        return true;
      case 'zero':
      case 'int':
        if (digit && token.state === 'int') return true;
        if (digit) this.fail('malformed number (no leading zeros)');
        if (c === '.') token.state = 'dot';
        else if (c === 'e' || c === 'E') token.state = 'exp';
        else return false;
        return true;
      case 'dot':
        if (!digit) this.fail('malformed number');
        token.state = 'frac';
        return true;
      case 'frac':
        if (digit) return true;
        if (c === 'e' || c === 'E') {
          token.state = 'exp';
          return true;
        }
        return false;
      case 'exp':
        if (c === '+' || c === '-') token.state = 'exp-sign';
        else if (digit) token.state = 'exp-digits';
        else this.fail('malformed number');
        return true;
      case 'exp-sign':
        if (!digit) this.fail('malformed number');
        token.state = 'exp-digits';
        return true;
      case 'exp-digits':
        return digit;
    }
  }

  private close(): void {
    this.stack.pop();
    this.valueDone(false);
  }

  private valueDone(key: boolean): void {
    this.token = undefined;
    this.expect = key ? 'colon' : this.stack.length === 0 ? 'done' : 'comma-or-end';
  }

  private fail(message: string): never {
    throw new JsonSyntaxError({ line: this.line, column: Math.max(this.column, 1), message });
  }
}
