import { nearestName } from '../../domain/nearest-name.js';
import { parseTemplate, type Template } from 'url-template';
import { z } from 'zod';
import { InvalidInputError } from '../../domain/errors.js';

/**
 * The part of CSV on the Web (W3C CSVW metadata) that mappings use. Keys outside it are
 * refused when the mapping loads, so a mapping never silently means more than it does.
 * Extensions: URI templates may use `{dataset}`, the id of the dataset being ingested; a
 * string datatype's `format` (a regular expression, as CSVW has it) must match the whole cell,
 * ignoring case, as spreadsheets write `CM` and `cm` alike; a `separator` may be a list of
 * strings, any of which separates values (`[";", "|"]`); `cg:pairsWith` names another column
 * with a separator whose values this column's go with, in order (a role for each maker).
 */
const titlesSchema = z.union([z.string(), z.array(z.string()), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]);
const datatypeSchema = z.union([z.string(), z.object({ base: z.string(), format: z.string().optional() }).strict()]);

const columnSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/),
  titles: titlesSchema.optional(),
  required: z.boolean().optional(),
  null: z.union([z.string(), z.array(z.string())]).optional(),
  default: z.string().optional(),
  lang: z.string().optional(),
  separator: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  datatype: datatypeSchema.optional(),
  aboutUrl: z.string().optional(),
  propertyUrl: z.string().optional(),
  valueUrl: z.string().optional(),
  virtual: z.boolean().optional(),
  'cg:pairsWith': z.string().optional(),
  'dc:description': z.string().optional(),
}).strict();

export const csvwMetadataSchema = z.object({
  '@context': z.union([z.string(), z.array(z.unknown())]),
  url: z.string().default('urn:cultuurgraaf:table'),
  'dc:description': z.string().optional(),
  tableSchema: z.object({
    aboutUrl: z.string(),
    columns: z.array(columnSchema).min(1),
  }).strict(),
}).strict();

type ColumnMetadata = z.infer<typeof columnSchema>;

/** CSVW's predefined prefixes that mappings may use in propertyUrl and valueUrl. */
const PREFIXES: Readonly<Record<string, string>> = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dcterms: 'http://purl.org/dc/terms/',
  schema: 'http://schema.org/',
  foaf: 'http://xmlns.com/foaf/0.1/',
};

/** The datatypes a column may have, by CSVW base name. */
export const DATATYPES = ['string', 'integer', 'decimal', 'double', 'boolean', 'date', 'gYear', 'anyURI'] as const;
export type Datatype = (typeof DATATYPES)[number];

/** A column, with its templates compiled and its titles normalised for matching headers. */
export interface CsvwColumn {
  readonly name: string;
  readonly titles: readonly string[];
  readonly required: boolean;
  readonly nulls: readonly string[];
  readonly default: string | undefined;
  readonly lang: string | undefined;
  /** What separates a cell's values: any of the column's separators. */
  readonly separator: RegExp | undefined;
  readonly datatype: Datatype;
  /** What a string cell must look like (the datatype's `format`), and the words it allows when it is a list of them. */
  readonly format: { readonly pattern: RegExp; readonly words: readonly string[] | undefined } | undefined;
  readonly aboutUrl: Template | undefined;
  readonly propertyUrl: string;
  readonly valueUrl: Template | undefined;
  readonly virtual: boolean;
  /**
   * The column whose values this one's go with, in order (`cg:pairsWith`): the i-th value of
   * each is stated about one node of the row, `<row#column-i>`, instead of about the row. One
   * value goes with all of the other column's.
   */
  readonly pairsWith: string | undefined;
}

export interface CsvwTable {
  readonly url: string;
  readonly aboutUrl: Template;
  readonly columns: readonly CsvwColumn[];
}

/** Parses CSVW metadata into a table description; problems name the mapping file. */
export function parseCsvwMetadata(json: unknown, file: string): CsvwTable {
  const parsed = csvwMetadataSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidInputError(`${file} is not CSVW metadata this server reads: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}`);
  }
  const metadata = parsed.data;
  const columns = metadata.tableSchema.columns.map((column) => compileColumn(column, metadata.url, file));
  for (const column of columns) {
    if (column.pairsWith === undefined) continue;
    const other = columns.find((c) => c.name === column.pairsWith);
    if (other === undefined || other === column || other.separator === undefined || other.virtual || other.valueUrl !== undefined || other.pairsWith !== undefined
      || column.separator === undefined || column.virtual) {
      throw new InvalidInputError(`${file}: column ${column.name} pairs with "${column.pairsWith}", which must be another column read from the table, of literals, with a separator and pairing with none itself; ${column.name} needs a separator too.`);
    }
  }
  return { url: metadata.url, aboutUrl: parseTemplate(metadata.tableSchema.aboutUrl), columns };
}

function compileColumn(column: ColumnMetadata, tableUrl: string, file: string): CsvwColumn {
  const datatype = typeof column.datatype === 'object' ? column.datatype.base : column.datatype ?? 'string';
  if (!(DATATYPES as readonly string[]).includes(datatype)) {
    throw new InvalidInputError(`${file}: column ${column.name} has datatype "${datatype}"; use one of ${DATATYPES.join(', ')}.`);
  }
  const format = typeof column.datatype === 'object' ? column.datatype.format : undefined;
  if (format !== undefined && datatype !== 'string') {
    throw new InvalidInputError(`${file}: column ${column.name} has a format, which only a string datatype may have.`);
  }
  if (column.virtual === true && column.valueUrl === undefined && column.default === undefined) {
    throw new InvalidInputError(`${file}: virtual column ${column.name} needs a valueUrl or a default.`);
  }
  return {
    name: column.name,
    titles: [column.name, ...titleList(column.titles)].map(normaliseHeader),
    required: column.required ?? false,
    // An empty cell is always null: a spreadsheet's empty cell never means an empty string.
    nulls: ['', ...(column.null === undefined ? [] : [column.null].flat())],
    default: column.default,
    lang: column.lang,
    separator: column.separator === undefined ? undefined
      : new RegExp([column.separator].flat().map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')),
    datatype: datatype as Datatype,
    format: format === undefined ? undefined : compileFormat(format, column.name, file),
    aboutUrl: column.aboutUrl === undefined ? undefined : parseTemplate(column.aboutUrl),
    propertyUrl: expandPrefix(column.propertyUrl ?? `${tableUrl}#${column.name}`),
    valueUrl: column.valueUrl === undefined ? undefined : parseTemplate(expandPrefix(column.valueUrl)),
    virtual: column.virtual ?? false,
    pairsWith: column['cg:pairsWith'],
  };
}

function compileFormat(format: string, name: string, file: string): NonNullable<CsvwColumn['format']> {
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${format})$`, 'iu');
  } catch (error) {
    throw new InvalidInputError(`${file}: column ${name} has a format that is no regular expression: ${(error as Error).message}`);
  }
  // `cm|mm|m` reads as a list of words, which a message can name.
  const words = /^[\p{L}\p{N} ]+(\|[\p{L}\p{N} ]+)*$/u.test(format) ? format.split('|') : undefined;
  return { pattern, words };
}

function titleList(titles: z.infer<typeof titlesSchema> | undefined): string[] {
  if (titles === undefined) return [];
  if (typeof titles === 'string') return [titles];
  if (Array.isArray(titles)) return titles;
  return Object.values(titles).flat();
}

function expandPrefix(value: string): string {
  const match = /^([a-z]+):(.*)$/.exec(value);
  const prefix = match?.[1];
  return prefix !== undefined && PREFIXES[prefix] !== undefined ? `${PREFIXES[prefix]}${match?.[2] ?? ''}` : value;
}

/** How headers and titles are compared: case, accents, spaces and punctuation do not matter (`Objectnr.` is `objectnr`). */
export function normaliseHeader(header: string): string {
  return header.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Which column each header feeds, headers no column reads, and required columns no header feeds. */
export function matchHeaders(table: CsvwTable, headers: readonly string[]): {
  byColumn: ReadonlyMap<string, string>;
  unknown: readonly string[];
  /** Headers that name a column an earlier header already feeds (`objectnummer` and `inventarisnummer`), with that header. */
  repeated: ReadonlyArray<{ readonly header: string; readonly column: string; readonly readFrom: string }>;
  missingRequired: readonly CsvwColumn[];
} {
  const byColumn = new Map<string, string>();
  const unknown: string[] = [];
  const repeated: Array<{ header: string; column: string; readFrom: string }> = [];
  for (const header of headers) {
    const column = table.columns.find((c) => !c.virtual && !byColumn.has(c.name) && c.titles.includes(normaliseHeader(header)));
    if (column) {
      byColumn.set(column.name, header);
      continue;
    }
    const taken = table.columns.find((c) => !c.virtual && c.titles.includes(normaliseHeader(header)));
    const readFrom = taken === undefined ? undefined : byColumn.get(taken.name);
    if (taken !== undefined && readFrom !== undefined) repeated.push({ header, column: taken.name, readFrom });
    else unknown.push(header);
  }
  const missingRequired = table.columns.filter((c) => c.required && !c.virtual && !byColumn.has(c.name));
  return { byColumn, unknown, repeated, missingRequired };
}

/**
 * The column a header not read is most likely a misspelling of: the column whose name or other
 * title is nearest to it, normalised (`nearestName`), among the columns no header feeds yet.
 * Undefined when none is that near.
 */
export function nearestColumn(table: CsvwTable, header: string, fed: ReadonlyMap<string, string>): CsvwColumn | undefined {
  const byTitle = new Map<string, CsvwColumn>();
  for (const column of table.columns) {
    if (column.virtual || fed.has(column.name)) continue;
    for (const title of column.titles) if (!byTitle.has(title)) byTitle.set(title, column);
  }
  const near = nearestName(normaliseHeader(header), byTitle.keys());
  return near === undefined ? undefined : byTitle.get(near);
}
