/** Where in the input an item came from: what a report entry points the user to. */
export interface SourcePosition {
  /** The file name or URL. */
  readonly source: string;
  /** 1-based line in a text file (CSV, NDJSON), when known. */
  readonly line?: number;
  /** 1-based data row of a table (CSV, XLSX: the header is row 0), when it is one. */
  readonly row?: number;
  /** Sheet of a workbook. */
  readonly sheet?: string;
  /** Member or page IRI of an LDES, or the item's own id. */
  readonly id?: string;
}

/** One unit of input a mapping turns into records: a table row, a JSON item, or a set of quads. */
export type SourceItem =
  | { readonly kind: 'row'; readonly position: SourcePosition; readonly values: Readonly<Record<string, string>> }
  /**
   * `warnings`: what the reader noticed, such as a key an object repeats. `size`: characters of
   * the item's JSON text, when the reader knows it. `unreadable`: why the item was not read (too
   * large to map, see item-limits.ts), its `value` then undefined; the run rejects it.
   */
  | {
    readonly kind: 'json'; readonly position: SourcePosition; readonly value: unknown; readonly warnings?: readonly string[];
    readonly size?: number; readonly unreadable?: string;
  }
  | { readonly kind: 'rdf'; readonly position: SourcePosition; readonly nquads: string };

/**
 * An input opened for a run: its items can be read more than once (a checking pass, then the
 * real one), and `dispose` removes whatever opening it left behind (downloads, crawled pages).
 */
export interface SourceHandle {
  /** How the input is named in reports. */
  readonly name: string;
  items(): AsyncIterable<SourceItem>;
  dispose(): Promise<void>;
}

/** Format a position for messages: `objecten.csv line 12 (row 11)`. */
export function describePosition(position: SourcePosition): string {
  const parts = [position.source];
  if (position.sheet !== undefined) parts.push(`sheet "${position.sheet}"`);
  if (position.line !== undefined) parts.push(`line ${position.line}`);
  if (position.row !== undefined) parts.push(position.line === undefined ? `row ${position.row}` : `(row ${position.row})`);
  if (position.id !== undefined) parts.push(`<${position.id}>`);
  return parts.join(' ');
}
