import { InvalidInputError } from '../../domain/errors.js';
import { JsonGrammar, JsonSyntaxError } from './json-syntax-check.js';

/** One element of the split array: its text, and where it starts. */
export interface JsonElement {
  /** Empty when the element is longer than the splitter keeps (`oversized`). */
  readonly text: string;
  /** Characters of the element's text (an oversized one's with the blanks after it). */
  readonly size: number;
  /** Longer than the splitter keeps: its text was let go as it streamed past. */
  readonly oversized: boolean;
  readonly line: number;
  readonly column: number;
  /** 1 for the first element. */
  readonly index: number;
}

/**
 * Which array holds the items: the document itself (`top-level`, the text starts with `[`), or
 * the `member` array of the top-level object (`member`, a Hydra collection as UiTdatabank answers).
 */
export type ItemArray = 'top-level' | 'member';

/**
 * Cuts the elements of one array out of JSON text as it streams in, tracking strings, nesting,
 * lines and columns, so that no element but the current one is held. Elements are not parsed:
 * the caller parses each (and so finds any error inside it, at its position).
 *
 * For `top-level`, what lies outside the elements is checked here (an empty element, a trailing
 * comma, text after the closing `]`, a missing `]`), each an InvalidInputError with line and
 * column. For `member` the caller checks the whole text against the JSON grammar first.
 */
export class JsonArraySplitter {
  private line = 1;
  private column = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** `member`: at depth 1, the next string is a property name, collected in `key`. */
  private expectKey = false;
  private readingKey = false;
  private key = '';
  private inItems = false;
  private closed = false;
  private element = '';
  /** Characters of the current element, kept in `element` or not, and the blanks before it among them. */
  private elementSize = 0;
  private elementLead = 0;
  /** The grammar an element too long to keep is checked against as it streams past. */
  private grammar: JsonGrammar | undefined;
  private elementLine = 0;
  private elementColumn = 0;
  private index = 0;
  private readonly itemDepth: number;

  /** `maxElement`: an element of more characters is not kept, only measured (JsonElement.oversized). */
  constructor(private readonly source: string, private readonly itemArray: ItemArray, private readonly maxElement = Infinity) {
    this.itemDepth = itemArray === 'top-level' ? 1 : 2;
  }

  /** Whether the item array was found (always, once a `top-level` text has begun). */
  get found(): boolean {
    return this.inItems || this.closed;
  }

  /** The elements that end in `chunk`. */
  *push(chunk: string): Generator<JsonElement> {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charAt(i);
      if (c === '\n') {
        this.line++;
        this.column = 0;
      } else {
        this.column++;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        if (this.readingKey) {
          if (this.inString) this.key += c;
          else this.readingKey = false;
        }
        continue;
      }
      if (this.closed && this.itemArray === 'top-level') {
        if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') throw this.syntaxError(this.column, 'unexpected text after the closing ]');
        continue;
      }
      const blank = c === ' ' || c === '\t' || c === '\n' || c === '\r';
      // An element starts at its first character inside the item array.
      if (this.inItems && this.depth === this.itemDepth && this.elementLine === 0 && !blank && c !== ',' && c !== ']') {
        this.elementLine = this.line;
        this.elementColumn = this.column;
        this.elementLead = this.elementSize + i - start;
      }
      if (c === '"') {
        this.inString = true;
        if (this.itemArray === 'member' && this.depth === 1 && this.expectKey) {
          this.expectKey = false;
          this.readingKey = true;
          this.key = '';
        }
      } else if (c === '{' || c === '[') {
        this.depth++;
        if (this.depth === 1) this.expectKey = true;
        if (c === '[' && this.depth === this.itemDepth && !this.found && (this.itemArray === 'top-level' || this.key === 'member')) {
          this.inItems = true;
          start = i + 1;
        }
      } else if (c === ',' && this.depth === 1) {
        this.expectKey = true;
      }
      if (this.itemArray === 'top-level' && this.depth === 1 && c === '}') throw this.syntaxError(this.column, "unexpected } where the array's ] should be");
      if (this.inItems && this.depth === this.itemDepth && (c === ',' || c === ']')) {
        this.keep(chunk.slice(start, i));
        start = i + 1;
        const oversized = this.grammar !== undefined;
        if (oversized) this.checked(() => { this.grammar?.end(); });
        if (oversized || this.element.trim() !== '') {
          const text = this.element.trimStart();
          yield { text, size: oversized ? this.elementSize - this.elementLead : text.trimEnd().length, oversized, line: this.elementLine, column: this.elementColumn, index: ++this.index };
        } else if (c === ',' || this.index > 0) {
          // Nothing before `,` or, after an element, before `]` (a trailing comma).
          throw this.syntaxError(this.column, c === ',' ? 'an empty array element' : 'a comma before the closing ]');
        }
        this.element = '';
        this.elementSize = 0;
        this.elementLead = 0;
        this.elementLine = 0;
        this.grammar = undefined;
        if (c === ']') {
          this.inItems = false;
          this.closed = true;
        }
      }
      if (c === '}' || c === ']') this.depth--;
    }
    if (this.inItems) this.keep(chunk.slice(start));
  }

  /**
   * Adds text to the current element. Blanks before it are only counted. Once it is longer than
   * `maxElement` (from its first character), its text is let go and the rest only checked against
   * the JSON grammar, so a syntax error in it is still an error naming its line and column.
   */
  private keep(text: string): void {
    this.elementSize += text.length;
    if (this.elementLine === 0) return;
    if (this.grammar !== undefined) {
      this.checked(() => { this.grammar?.check(text); });
      return;
    }
    this.element += text;
    if (this.elementSize - this.elementLead > this.maxElement) {
      const grammar = new JsonGrammar({ line: this.elementLine, column: this.elementColumn, name: 'the array element' });
      this.grammar = grammar;
      this.checked(() => { grammar.check(this.element.trimStart()); });
      this.element = '';
    }
  }

  /** Runs a grammar check, its error as the user sees it: the file, line and column. */
  private checked(check: () => void): void {
    try {
      check();
    } catch (error) {
      throw error instanceof JsonSyntaxError ? error.inFile(this.source) : error;
    }
  }

  /** After the last chunk: a `top-level` array must have been closed. */
  end(): void {
    if (this.itemArray === 'top-level' && this.depth > 0) {
      throw this.syntaxError(this.column + 1, this.inString ? 'unterminated string' : 'the array is not closed with ]');
    }
  }

  private syntaxError(column: number, message: string): InvalidInputError {
    return new InvalidInputError(`${this.source} line ${this.line}, column ${column}: ${message}.`, { file: this.source, line: this.line, column });
  }
}
