import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import { AppError, InvalidInputError } from '../../domain/errors.js';
import type { ShapeValidator } from '../../ports/shape-validator.js';
import { RDF as RDFNS } from '../../vocab/vocabularies.js';
import { bundledContextLoader } from '../bundled-context-loader.js';
import type { ReportEntry } from '../report-entry.js';
import type { SourceItem, SourcePosition } from '../sources/source-item.js';
import { ConstructRunner, UnreadableItemError } from './construct-runner.js';
import { liftRow, RowProblem } from './csvw-lift.js';
import { matchHeaders, nearestColumn, parseCsvwMetadata, type CsvwTable } from './csvw-table.js';
import { liftJson, type DocumentLoader } from './json-lift.js';
import { mappingFile, type MappingDefinition } from './mapping-catalog.js';
import { propertiesRead } from './properties-read.js';
import { splitRecords, type MappedRecord } from './record-splitter.js';

/** What became of one source item: its records, or why it was rejected as a whole. */
export type ItemOutcome =
  | { readonly accepted: true; readonly records: readonly MappedRecord[]; readonly warnings: readonly ReportEntry[] }
  | { readonly accepted: false; readonly records: readonly string[]; readonly problems: readonly ReportEntry[] };

export interface PipelineContext {
  readonly baseIri: string;
  readonly dataset: string;
  readonly validator: ShapeValidator;
}

/**
 * A mapping ready to run: lift (CSVW for tables, JSON-LD for JSON), CONSTRUCT to OSLO, split
 * into records, validate each. An item is accepted or rejected as a whole, so a row never
 * leaves half of its records behind.
 */
export class MappingPipeline {
  private headerOf: ReadonlyMap<string, string> | undefined;

  private constructor(
    readonly mapping: MappingDefinition,
    private readonly context: PipelineContext,
    private readonly construct: ConstructRunner,
    private readonly recordTypes: ReadonlySet<string>,
    private readonly table: CsvwTable | undefined,
    private readonly jsonContext: unknown,
    /** Serves the contexts JSON-LD input refers to: the bundle and the mapping's own. */
    readonly loader: DocumentLoader,
    /** The properties the CONSTRUCT reads ('all' when it copies any), for JSON input's warnings. */
    private readonly read: ReadonlySet<string> | 'all',
  ) {}

  static open(mapping: MappingDefinition, context: PipelineContext): MappingPipeline {
    const query = mappingFile(mapping, mapping.construct);
    const construct = new ConstructRunner(query, `oslo-mappings/${mapping.name}/${mapping.construct}`, context);
    const liftText = mapping.lift === undefined ? undefined : mappingFile(mapping, mapping.lift);
    const liftJsonValue = liftText === undefined ? undefined : (JSON.parse(liftText) as unknown);
    const table = mapping.input === 'table' && liftJsonValue !== undefined
      ? parseCsvwMetadata(liftJsonValue, `oslo-mappings/${mapping.name}/${mapping.lift ?? ''}`)
      : undefined;
    const jsonContext = mapping.input === 'json' ? (liftJsonValue as { '@context'?: unknown } | undefined)?.['@context'] ?? liftJsonValue : undefined;
    const contexts = Object.fromEntries(Object.entries(mapping.contexts).map(([url, file]) => [url, join(mapping.directory, file)]));
    const read = mapping.input === 'json' || mapping.input === 'jsonld' || mapping.input === 'ldes'
      ? withLeftOut(propertiesRead(query), Object.keys(mapping.leftOut))
      : 'all';
    return new MappingPipeline(mapping, context, construct, new Set(mapping.recordTypes), table, jsonContext, bundledContextLoader(contexts), read);
  }

  /**
   * Matches a table's headers to the mapping's columns. Returns a warning for each header no
   * column reads; a required column without a header is an InvalidInputError for the whole input.
   */
  useHeaders(headers: readonly string[], position: SourcePosition): ReportEntry[] {
    if (!this.table) return [];
    const matched = matchHeaders(this.table, headers);
    if (matched.missingRequired.length > 0) {
      const names = matched.missingRequired.map((c) => `"${c.name}" (also read as: ${c.titles.filter((t) => t !== c.name).join(', ') || 'nothing else'})`);
      throw new InvalidInputError(`${position.source} has no column for ${names.join('; ')}; the mapping ${this.mapping.name} needs it.`);
    }
    this.headerOf = matched.byColumn;
    return [
      ...matched.unknown.map((header): ReportEntry => {
        const near = this.table === undefined ? undefined : nearestColumn(this.table, header, matched.byColumn);
        return {
          severity: 'warning', position, path: header,
          message: `the column "${header}" is not read by the mapping ${this.mapping.name}${near === undefined ? '' : `; did you mean "${near.name}"? Rename the column to read it`}`,
        };
      }),
      ...matched.repeated.map(({ header, column, readFrom }): ReportEntry => ({
        severity: 'warning', position, path: header,
        message: `the column "${header}" is another name for ${column}, which is read from the column "${readFrom}"; "${header}" is not read`,
      })),
    ];
  }

  async map(item: SourceItem): Promise<ItemOutcome> {
    const [outcome] = await this.mapBatch([item]);
    if (outcome === undefined) throw new Error('mapBatch gave no outcome');
    return outcome;
  }

  /**
   * Maps items together, in order: the CONSTRUCT runs once for the batch (ConstructRunner),
   * everything else per item, so each outcome is the one `map` gives for that item alone.
   */
  async mapBatch(items: readonly SourceItem[]): Promise<ItemOutcome[]> {
    const outcomes: (ItemOutcome | undefined)[] = [];
    const lifted: string[] = [];
    const liftedIndex: number[] = [];
    const liftWarnings = new Map<number, ReportEntry[]>();
    for (const item of items) {
      try {
        const { text, warnings, problems } = await this.liftWithWarnings(item);
        if (problems.length > 0) {
          outcomes.push(rejected([], [...problems, ...warnings]));
          continue;
        }
        if (warnings.length > 0) liftWarnings.set(outcomes.length, warnings);
        lifted.push(text);
        liftedIndex.push(outcomes.length);
        outcomes.push(undefined);
      } catch (error) {
        if (error instanceof RowProblem) {
          const { records, problems } = this.badCells(item, error);
          // Under the sheet's own header, as its user finds the column; the message names the mapping's column where they differ.
          outcomes.push(rejected(records, problems.map((problem) => ({
            severity: 'error' as const, position: item.position, path: this.headerOf?.get(problem.column) ?? problem.column, value: problem.value, message: problem.message,
          }))));
        } else if (error instanceof AppError) {
          outcomes.push(rejected([], [{ severity: 'error', position: item.position, message: error.message }]));
        } else {
          throw error;
        }
      }
    }
    const constructed = this.construct.runBatch(lifted);
    for (const [k, i] of liftedIndex.entries()) {
      const item = items[i];
      const quads = constructed[k];
      if (item === undefined || quads === undefined) throw new Error('mapBatch lost an item');
      outcomes[i] = quads instanceof UnreadableItemError
        ? rejected([], [{
          severity: 'error', position: item.position, message: quads.message,
          ...(quads.property === undefined ? {} : { path: quads.property }), ...(quads.value === undefined ? {} : { value: quads.value }),
        }])
        : withWarnings(await this.validateItem(item, quads), liftWarnings.get(i) ?? []);
    }
    return outcomes.map((outcome) => {
      if (outcome === undefined) throw new Error('mapBatch lost an item');
      return outcome;
    });
  }

  /** Splits a CONSTRUCT's result into records and validates each. */
  private async validateItem(item: SourceItem, constructed: readonly RDF.Quad[]): Promise<ItemOutcome> {
    const { records, unreached } = splitRecords(constructed, this.recordTypes);
    if (records.length === 0) {
      const blank = constructed.find((q) => q.subject.termType === 'BlankNode' && q.predicate.value === RDFNS.type && this.recordTypes.has(q.object.value));
      // A JSON document without "@id" has nothing its records could be named by.
      const value = item.kind === 'json' ? item.value : undefined;
      const noId = typeof value === 'object' && value !== null && !Array.isArray(value) && !('@id' in value) && !('@graph' in value);
      return rejected([], [{
        severity: 'error', position: item.position,
        message: blank !== undefined
          ? `the mapping ${this.mapping.name} made no record of it: what is typed <${blank.object.value}> has no IRI, and a record needs one (an "@id")`
          : noId
            ? `the mapping ${this.mapping.name} made no record of it: the document has no "@id", which names its records`
            : `the mapping ${this.mapping.name} made no record of it (nothing typed as ${[...this.recordTypes].map((t) => `<${t}>`).join(' or ')})`,
      }]);
    }
    const warnings: ReportEntry[] = unreached.map((node) => ({
      severity: 'warning', position: item.position, focusNode: node,
      message: `triples about ${node} belong to no record and are left out`,
    }));
    const problems: ReportEntry[] = [];
    for (const record of records) {
      const outcome = await this.context.validator.validate(record.quads, record.referenced);
      for (const issue of outcome.issues) {
        const entry: ReportEntry = {
          severity: issue.severity === 'violation' ? 'error' : 'warning',
          position: item.position, record: record.iri, focusNode: issue.focusNode, message: issue.message,
          constraint: issue.constraint, shape: issue.shape,
          ...(issue.path === undefined ? {} : { path: issue.path }),
          ...(issue.value === undefined ? {} : { value: issue.value }),
        };
        (entry.severity === 'error' ? problems : warnings).push(entry);
      }
    }
    if (problems.length > 0) return rejected(records.map((r) => r.iri), [...problems, ...warnings]);
    return { accepted: true, records, warnings };
  }

  /**
   * Every bad cell of a row rejected for `first`, and the records the row would have made, found
   * by lifting it again with its bad cells left empty: the user sees all a row's problems at
   * once, and --replace counts those records as seen, so their stored versions stay. No records
   * when the row makes none even so (a bad required cell, an IRI that cannot be made).
   */
  private badCells(item: SourceItem, first: RowProblem): { records: string[]; problems: RowProblem[] } {
    const problems = [first];
    if (item.kind !== 'row' || !this.table || !this.headerOf) return { records: [], problems };
    const values = { ...item.values };
    let problem = first;
    for (;;) {
      const header = this.headerOf.get(problem.column);
      // Each retry empties one more cell, so this ends.
      if (header === undefined || values[header] === undefined || values[header] === '') return { records: [], problems };
      values[header] = '';
      try {
        const { ntriples } = liftRow(this.table, this.headerOf, values, { baseIri: this.context.baseIri, dataset: this.context.dataset, row: item.position.row ?? 0 });
        return { records: splitRecords(this.construct.run(ntriples), this.recordTypes).records.map((record) => record.iri), problems };
      } catch (error) {
        if (!(error instanceof RowProblem)) return { records: [], problems };
        problem = error;
        // A required cell emptied here is the user's problem already listed, not a second one.
        const emptied = this.headerOf.get(problem.column);
        if (emptied !== undefined && values[emptied] === '') return { records: [], problems };
        problems.push(problem);
      }
    }
  }

  /** An item lifted to RDF (N-Triples, or N-Quads for JSON-LD), before the CONSTRUCT. */
  async lift(item: SourceItem): Promise<string> {
    return (await this.liftWithWarnings(item)).text;
  }

  /** An item lifted to RDF, with what the lift found wrong (only JSON's lift finds anything). */
  private async liftWithWarnings(item: SourceItem): Promise<{ text: string; warnings: ReportEntry[]; problems: ReportEntry[] }> {
    switch (item.kind) {
      case 'row': {
        if (!this.table || !this.headerOf) throw new Error(`the mapping ${this.mapping.name} does not read tables`);
        const { ntriples } = liftRow(this.table, this.headerOf, item.values, { baseIri: this.context.baseIri, dataset: this.context.dataset, row: item.position.row ?? 0 });
        return { text: ntriples, warnings: [], problems: [] };
      }
      case 'json':
        // Too large to map (see item-limits.ts): the reader did not read it.
        if (item.unreadable !== undefined) throw new InvalidInputError(`the item ${item.unreadable}`);
        return this.liftJsonItem(item.value, item.position);
      case 'rdf':
        return { text: item.nquads, warnings: [], problems: [] };
    }
  }

  /**
   * A JSON item lifted by JSON-LD. JSON-LD leaves out without a word a node or statement whose
   * IRI is not absolute (a typo, a stray space, a word where an IRI belongs): such an item is
   * rejected, each value named. A JSON-LD document (`jsonld`) is read without a base, so a
   * relative IRI is never quietly made one of ours, and an IRI of no URI scheme (a prefix the
   * context does not define: `skos:prefLabel`) rejects it. In a document or an LDES member, a key
   * its contexts do not define is a warning (most often a misspelt term). A mapping that reads JSON
   * with its own context (`json`) mints IRIs from the base. Whatever the input, a property the
   * mapping's CONSTRUCT does not read (a misspelt key under a context's `@vocab`, a property the
   * mapping has no place for) is a warning too, unless the mapping's `leftOut` says why it is.
   */
  private async liftJsonItem(value: unknown, position: SourcePosition): Promise<{ text: string; warnings: ReportEntry[]; problems: ReportEntry[] }> {
    const documents = this.mapping.input === 'jsonld';
    const { nquads, undefinedKeys, notIris } = await liftJson(value, {
      ...(this.mapping.input === 'json' ? { context: this.jsonContext } : {}),
      loader: this.loader, base: documents ? null : this.context.baseIri,
    });
    const problems = notIris.map(({ value: text, message }): ReportEntry => ({ severity: 'error', position, value: JSON.stringify(text), message: `"${text}" ${message}` }));
    for (const iri of documents ? schemelessIris(nquads) : []) {
      problems.push({
        severity: 'error', position, value: `<${iri}>`,
        message: `"${iri}" reads as an IRI of the scheme "${iri.slice(0, iri.indexOf(':'))}:", which is no URI scheme: is its prefix defined in the document's JSON-LD context?`,
      });
    }
    const warnings = this.mapping.input === 'json' ? [] : undefinedKeys.map((key): ReportEntry => ({
      severity: 'warning', position, path: key,
      message: `the key "${key}" is not defined by the document's JSON-LD context, so it and its value are left out`,
    }));
    for (const iri of unreadProperties(nquads, this.read)) warnings.push(this.unreadWarning(iri, position));
    return { text: nquads, warnings, problems };
  }

  /** A warning for a property of the lifted item that the CONSTRUCT does not read. */
  private unreadWarning(iri: string, position: SourcePosition): ReportEntry {
    const vocab = (this.jsonContext as { '@vocab'?: unknown } | undefined)?.['@vocab'];
    const key = typeof vocab === 'string' && iri.startsWith(vocab) ? iri.slice(vocab.length) : undefined;
    return key === undefined
      ? { severity: 'warning', position, path: iri, message: `the mapping ${this.mapping.name} does not read the property <${iri}>, so its values are left out` }
      : { severity: 'warning', position, path: key, message: `the mapping ${this.mapping.name} does not read the key "${key}", so its values are left out` };
  }
}

/** URI schemes data is written in; a prefixed name whose prefix is undefined reads as an IRI of another "scheme". */
const URI_SCHEMES = new Set(['http', 'https', 'urn', 'tag', 'mailto', 'info', 'did', 'ark', 'doi', 'isbn', 'file', 'ftp', 'data', 'geo', 'tel']);

/** The IRIs of N-Quads text (datatypes too) whose scheme is none a dataset would use, each once. */
function schemelessIris(nquads: string): string[] {
  const found = new Set<string>();
  const check = (term: RDF.Term): void => {
    const iri = term.termType === 'NamedNode' ? term.value : term.termType === 'Literal' ? term.datatype.value : undefined;
    const scheme = iri === undefined ? undefined : /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(iri)?.[1]?.toLowerCase();
    if (iri !== undefined && scheme !== undefined && !URI_SCHEMES.has(scheme)) found.add(iri);
  };
  for (const quad of new Parser({ format: 'N-Quads' }).parse(nquads)) {
    check(quad.subject);
    check(quad.predicate);
    check(quad.object);
    check(quad.graph);
  }
  return [...found];
}

/**
 * The properties of JSON-LD's N-Quads that `read` does not cover, each once. Read from the text,
 * a statement a line with an IRI or blank node subject, so that an IRI no RDF parser takes is
 * left to the CONSTRUCT's own report.
 */
function unreadProperties(nquads: string, read: ReadonlySet<string> | 'all'): string[] {
  if (read === 'all') return [];
  const unread = new Set<string>();
  for (const match of nquads.matchAll(/^(?:<[^>]*>|_:\S+) <([^>]*)>/gm)) {
    const property = match[1];
    if (property !== undefined && !read.has(property)) unread.add(property);
  }
  return [...unread];
}

/** The properties a CONSTRUCT reads, with those a mapping leaves out on purpose. */
function withLeftOut(read: ReadonlySet<string> | 'all', leftOut: readonly string[]): ReadonlySet<string> | 'all' {
  return read === 'all' ? read : new Set([...read, ...leftOut]);
}

/** The outcome with `warnings` (found before the CONSTRUCT) ahead of its own entries. */
function withWarnings(outcome: ItemOutcome, warnings: readonly ReportEntry[]): ItemOutcome {
  if (warnings.length === 0) return outcome;
  return outcome.accepted
    ? { ...outcome, warnings: [...warnings, ...outcome.warnings] }
    : { ...outcome, problems: [...warnings, ...outcome.problems] };
}

function rejected(records: readonly string[], problems: ReportEntry[]): ItemOutcome {
  return { accepted: false, records, problems };
}
