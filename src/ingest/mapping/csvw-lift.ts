import { XSD } from '../../vocab/vocabularies.js';
import { iriTerm, literalTerm } from '../../rdf/ntriples-text.js';
import { iriObjection } from '../../rdf/engine-check.js';
import { normaliseHeader, type CsvwColumn, type CsvwTable, type Datatype } from './csvw-table.js';

/** A cell the lift cannot use; the row is rejected with this message. */
export class RowProblem extends Error {
  constructor(readonly column: string, readonly value: string, message: string) {
    super(message);
  }
}

export interface LiftContext {
  /** Resolves relative IRIs from templates; ends with `/`. */
  readonly baseIri: string;
  readonly dataset: string;
  readonly row: number;
}

/**
 * Lifts one table row to RDF (N-Triples text) as CSVW's minimal mode does: the row describes
 * the resource of the table's aboutUrl, each non-empty cell becomes a triple (one per value of
 * a column with a separator), virtual columns add fixed triples.
 */
export function liftRow(
  table: CsvwTable, headerOf: ReadonlyMap<string, string>, values: Readonly<Record<string, string>>, context: LiftContext,
): { subject: string; ntriples: string } {
  const cells = new Map<string, string | undefined>();
  for (const column of table.columns) {
    if (column.virtual) continue;
    const header = headerOf.get(column.name);
    const raw = header === undefined ? '' : (values[header] ?? '').trim();
    const cell = column.nulls.includes(raw) ? column.default : raw;
    if (cell === undefined && column.required) throw new RowProblem(column.name, raw, `the column ${named(column, headerOf)} is required but empty`);
    cells.set(column.name, cell);
  }
  const variables: Record<string, string> = { _row: String(context.row), dataset: context.dataset };
  for (const [name, cell] of cells) if (cell !== undefined) variables[name] = cell;

  const subject = resolve(table.aboutUrl.expand(variables), context.baseIri, 'aboutUrl');
  const lines: string[] = [];
  for (const column of table.columns) {
    const about = column.aboutUrl === undefined ? subject : resolve(column.aboutUrl.expand(variables), context.baseIri, column.name);
    const predicate = iriTerm(column.propertyUrl);
    if (column.virtual) {
      const object = column.valueUrl ? iriTerm(resolve(column.valueUrl.expand(variables), context.baseIri, column.name)) : literalOf(column, column.default ?? '', headerOf);
      lines.push(`<${about}> ${predicate} ${object} .\n`);
      continue;
    }
    const cell = cells.get(column.name);
    if (cell === undefined) continue;
    const objectOf = (part: string): string => (column.valueUrl
      ? iriTerm(resolve(column.valueUrl.expand({ ...variables, [column.name]: part }), context.baseIri, column.name))
      : literalOf(column, part, headerOf));
    const partner = column.pairsWith === undefined ? undefined : table.columns.find((c) => c.name === column.pairsWith);
    if (partner !== undefined) {
      lines.push(...pairedLines(column, partner, cell, cells.get(partner.name), about, headerOf, objectOf));
      continue;
    }
    for (const part of valuesOf(column, cell)) lines.push(`<${about}> ${predicate} ${objectOf(part)} .\n`);
  }
  return { subject, ntriples: lines.join('') };
}

/** A cell's values in order: split at the column's separator, each trimmed, empty and null ones left out. */
function partsOf(column: CsvwColumn, cell: string): string[] {
  return column.separator === undefined ? [cell] : cell.split(column.separator).map((p) => p.trim()).filter((p) => !column.nulls.includes(p));
}

/** A cell's values, each once whatever its case (`olieverf|Olieverf` is one material, named as first written). */
function valuesOf(column: CsvwColumn, cell: string): string[] {
  const seen = new Set<string>();
  return partsOf(column, cell).filter((p) => {
    const key = p.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The triples of a column whose values go with another's (`cg:pairsWith`), in order: the i-th
 * value of each about the node `<row#partner-i>`. A single value goes with every value of the
 * other column, and is stated about the row; otherwise there must be as many, an empty one
 * standing for none (`schilder||graveur`), or the row is rejected.
 */
function pairedLines(
  column: CsvwColumn, partner: CsvwColumn, cell: string, partnerCell: string | undefined, about: string,
  headerOf: ReadonlyMap<string, string>, objectOf: (part: string) => string,
): string[] {
  // By position: the partner's values as written, a repeated one too, so the pairs stay in step.
  const partners = partnerCell === undefined ? [] : partsOf(partner, partnerCell);
  const parts = column.separator === undefined ? [cell] : cell.split(column.separator).map((p) => p.trim());
  if (parts.length > 1 && parts.length !== partners.length) {
    throw new RowProblem(column.name, cell, `the column ${named(column, headerOf)} holds ${parts.length} values for the ${partners.length} of ${named(partner, headerOf)}, which they go with in order: give one for each (an empty one for none, as in "a||c") or one for all`);
  }
  // One value goes with all: stated once, about the row, which holds every partner value too, so
  // the same join (`?pair col:partner ?value ; col:column ?other`) finds it with the row as ?pair.
  const single = parts.length === 1 ? parts[0] ?? '' : undefined;
  if (single !== undefined) return column.nulls.includes(single) || partners.length === 0 ? [] : [`<${about}> ${iriTerm(column.propertyUrl)} ${objectOf(single)} .\n`];
  const lines: string[] = [];
  for (const [i, value] of partners.entries()) {
    const part = parts[i] ?? '';
    if (column.nulls.includes(part)) continue;
    const node = `<${about}${about.includes('#') ? '-' : '#'}${partner.name}-${i + 1}>`;
    lines.push(`${node} ${iriTerm(partner.propertyUrl)} ${literalOf(partner, value, headerOf)} .\n`, `${node} ${iriTerm(column.propertyUrl)} ${objectOf(part)} .\n`);
  }
  return lines;
}

function resolve(reference: string, base: string, where: string): string {
  try {
    return new URL(reference, base).href;
  } catch {
    throw new RowProblem(where, reference, `"${reference}" does not make an IRI`);
  }
}

function literalOf(column: CsvwColumn, value: string, headerOf: ReadonlyMap<string, string>): string {
  if (column.datatype === 'string') {
    if (column.format !== undefined && !column.format.pattern.test(value)) {
      const expected = column.format.words === undefined ? 'in the form the mapping reads' : `one of ${column.format.words.join(', ')}`;
      throw new RowProblem(column.name, value, `the column ${named(column, headerOf)} holds "${value}", which is not ${expected}`);
    }
    return literalTerm(value, column.lang === undefined ? {} : { language: column.lang });
  }
  return literalTerm(lexicalForm(column, value, headerOf), { datatype: XSD_BY_NAME[column.datatype] });
}

/** A column as the user's sheet names it (its header), with the mapping's name when they differ. */
function named(column: CsvwColumn, headerOf: ReadonlyMap<string, string>): string {
  const header = headerOf.get(column.name);
  return header === undefined || normaliseHeader(header) === normaliseHeader(column.name) ? column.name : `"${header}" (${column.name})`;
}

const XSD_BY_NAME: Readonly<Record<Exclude<Datatype, 'string'>, string>> = {
  integer: XSD.integer,
  decimal: XSD.decimal,
  double: XSD.double,
  boolean: XSD.boolean,
  date: XSD.date,
  gYear: XSD.gYear,
  anyURI: XSD.anyURI,
};

/** The XSD lexical form of a cell, accepting what Flemish spreadsheets write (12,5; 31/12/1885; ja). */
function lexicalForm(column: CsvwColumn, value: string, headerOf: ReadonlyMap<string, string>): string {
  const problem = (what: string): RowProblem => new RowProblem(column.name, value, `the column ${named(column, headerOf)} holds "${value}", which is not ${what}`);
  switch (column.datatype) {
    case 'integer':
      if (!/^[+-]?\d+$/.test(value)) throw problem('a whole number');
      return value.replace(/^\+/, '');
    case 'decimal':
    case 'double': {
      const normalised = value.replace(/\s/g, '').replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normalised)) throw problem('a number');
      if (column.datatype === 'decimal' && /[eE]/.test(normalised)) throw problem('a decimal number');
      return normalised;
    }
    case 'boolean': {
      const lower = value.toLowerCase();
      if (['ja', 'yes', 'true', 'waar', '1', 'j', 'y'].includes(lower)) return 'true';
      if (['nee', 'no', 'false', 'onwaar', '0', 'n'].includes(lower)) return 'false';
      throw problem('yes or no');
    }
    case 'date': {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return checkDate(value, problem);
      const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
      if (dayFirst) return checkDate(`${dayFirst[3] ?? ''}-${(dayFirst[2] ?? '').padStart(2, '0')}-${(dayFirst[1] ?? '').padStart(2, '0')}`, problem);
      throw problem('a date (YYYY-MM-DD or DD/MM/YYYY)');
    }
    case 'gYear':
      if (!/^-?\d{4}$/.test(value)) throw problem('a year of four digits');
      return value;
    case 'anyURI': {
      if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) throw problem('an absolute URL');
      // A URL the SPARQL engine cannot take as an IRI would be dropped by the mapping unnoticed.
      const objection = iriObjection(value);
      if (objection !== undefined) throw problem(`an absolute URL (${objection})`);
      return value;
    }
    case 'string':
      return value;
  }
}

function checkDate(iso: string, problem: (what: string) => RowProblem): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) throw problem('a real date');
  return iso;
}
