import { DataFactory, Parser, Writer } from 'n3';
import type * as RDF from '@rdfjs/types';
import type { RunSummary } from '../ports/ingest-run-store.js';
import { isAbsoluteIri } from '../domain/iri.js';
import { RDF as RDFNS, REPORT, SH, XSD } from '../vocab/vocabularies.js';
import type { ReportEntry } from './report-entry.js';
import { describePosition } from './sources/source-item.js';

export const REPORT_FORMATS = ['text', 'json', 'turtle'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RunOutcome {
  readonly runId: string | undefined;
  readonly status: 'succeeded' | 'failed';
  readonly dataset: string;
  readonly mapping: string;
  readonly source: string;
  readonly summary: RunSummary;
  /** Read once, in order: a long report streams from disk (ReportLog). */
  readonly report: Iterable<ReportEntry>;
  readonly error?: string;
}

/** A run's outcome in the format asked for, as one string: for reports known to be short. */
export function formatReport(outcome: RunOutcome, format: ReportFormat): string {
  return [...reportChunks(outcome, format)].join('');
}

/** A run's outcome in the format asked for, piece by piece, reading the report once. */
export function reportChunks(outcome: RunOutcome, format: ReportFormat): Iterable<string> {
  switch (format) {
    case 'text': return [textReport(outcome)];
    case 'json': return jsonReport(outcome);
    case 'turtle': return turtleReport(outcome);
  }
}

/** As `JSON.stringify(outcome, null, 2)` would write it, with the report last and one entry at a time. */
function* jsonReport(outcome: RunOutcome): Generator<string> {
  const { runId, status, dataset, mapping, source, summary, error } = outcome;
  const head = JSON.stringify({ runId, status, dataset, mapping, source, summary, error }, null, 2);
  yield `${head.slice(0, head.lastIndexOf('\n}'))},\n  "report": [`;
  let first = true;
  for (const entry of outcome.report) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

/** The summary table and the report entries, errors first, as people read them. */
function textReport(outcome: RunOutcome, maxEntries = 200): string {
  const s = outcome.summary;
  const dryRun = outcome.runId === undefined;
  const rows: Array<[string, string]> = [
    ['items read', String(s.items)],
    dryRun ? ['records valid', String(s.records)] : ['records written', `${s.records}  (created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged})`],
    ['items rejected', `${s.rejectedItems}  (records ${s.rejectedRecords})`],
    ...(dryRun ? [] : [['records deleted', String(s.deleted)] as [string, string]]),
    ['warnings', String(s.warnings)],
    ['duration', `${(s.durationMs / 1000).toFixed(1)} s`],
  ];
  if (s.dialect) rows.push(['input', Object.entries(s.dialect).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ')]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    dryRun
      ? `${outcome.status === 'succeeded' ? 'Validated' : 'Could not validate'} ${outcome.source} with ${outcome.mapping} (dry run for dataset "${outcome.dataset}": nothing written)`
      : `${outcome.status === 'succeeded' ? 'Ingested' : 'Could not ingest'} ${outcome.source} into "${outcome.dataset}" with ${outcome.mapping} (run ${outcome.runId})`,
    // A run that failed before it read anything (a missing file, a syntax error) has no counts to show.
    ...(outcome.status === 'failed' && s.items === 0 ? [] : rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)),
  ];
  if (outcome.error) lines.push('', `error: ${outcome.error}`);
  const { errors, errorCount, warnings } = readReport(outcome.report, maxEntries);
  if (errorCount > 0) lines.push('', `errors (${errorCount}):`);
  for (const entry of errors) lines.push(entryLine(entry));
  if (errorCount > maxEntries) lines.push(`… and ${errorCount - maxEntries} more errors (use --report-format json or turtle for all of them)`);
  if (warnings.length > 0) lines.push('', `warnings (${s.warnings}, alike ones together; --report-format json lists each):`);
  for (const { first, count } of warnings.slice(0, maxEntries)) {
    if (count === 1) {
      lines.push(entryLine(first));
      continue;
    }
    lines.push(`warning  ${count}×  ${first.path === undefined ? '' : `${first.path}: `}${first.message}`);
    lines.push(`         first at ${describePosition(first.position)}${first.focusNode === undefined ? '' : `  ${first.focusNode}`}`);
  }
  if (warnings.length > maxEntries) lines.push(`… and ${warnings.length - maxEntries} more kinds of warning`);
  return `${lines.join('\n')}\n`;
}

/** One pass over a report: the first errors and how many there are, and warnings of one kind (same message, path and constraint) together, in order of first appearance. */
function readReport(report: Iterable<ReportEntry>, maxErrors: number): { errors: ReportEntry[]; errorCount: number; warnings: Array<{ first: ReportEntry; count: number }> } {
  const errors: ReportEntry[] = [];
  let errorCount = 0;
  const groups = new Map<string, { first: ReportEntry; count: number }>();
  for (const entry of report) {
    if (entry.severity === 'error') {
      errorCount++;
      if (errors.length < maxErrors) errors.push(entry);
      continue;
    }
    const key = JSON.stringify([entry.message, entry.path, entry.constraint, entry.shape]);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: entry, count: 1 });
  }
  return { errors, errorCount, warnings: [...groups.values()] };
}

function entryLine(entry: ReportEntry): string {
  const parts = [entry.severity === 'error' ? 'ERROR  ' : 'warning', describePosition(entry.position)];
  if (entry.focusNode !== undefined && entry.focusNode !== entry.record) parts.push(entry.focusNode);
  else if (entry.record !== undefined) parts.push(`<${entry.record}>`);
  if (entry.path !== undefined) parts.push(entry.path);
  // An empty cell, or the record itself as the value, says nothing the rest of the line does not.
  if (entry.value !== undefined && entry.value !== '' && entry.value !== `<${entry.record ?? ''}>`) parts.push(`= ${entry.value}`);
  return `${parts.join('  ')}: ${entry.message}`;
}

/** A SHACL ValidationReport, each result with where it came from in the input, written one result at a time. */
function* turtleReport(outcome: RunOutcome): Generator<string> {
  let pending: string[] = [];
  const sink = {
    write(chunk: string, _encoding?: string, done?: () => void): boolean {
      pending.push(chunk);
      done?.();
      return true;
    },
    end(done?: () => void): void {
      done?.();
    },
  };
  const writer = new Writer(sink, { prefixes: { sh: SH.$base, cgr: REPORT.$base, xsd: XSD.$base } });
  const take = (): string => {
    const text = pending.join('');
    pending = [];
    return text;
  };
  const add = (s: RDF.Quad_Subject, p: string, o: RDF.Quad_Object): void => {
    writer.addQuad(DataFactory.quad(s, DataFactory.namedNode(p), o));
  };
  const report = DataFactory.blankNode('report');
  add(report, RDFNS.type, DataFactory.namedNode(SH.ValidationReport));
  let conforms = true;
  let i = 0;
  for (const entry of outcome.report) {
    if (entry.severity === 'error') conforms = false;
    const result = DataFactory.blankNode(`r${i++}`);
    add(report, SH.result, result);
    add(result, RDFNS.type, DataFactory.namedNode(SH.ValidationResult));
    add(result, SH.resultSeverity, DataFactory.namedNode(entry.severity === 'error' ? SH.Violation : SH.Warning));
    add(result, SH.focusNode, focusOf(entry));
    add(result, SH.resultMessage, DataFactory.literal(entry.message));
    if (entry.path !== undefined) {
      if (isAbsoluteIri(entry.path)) add(result, SH.resultPath, DataFactory.namedNode(entry.path));
      else add(result, REPORT.sourceColumn, DataFactory.literal(entry.path));
    }
    if (entry.value !== undefined) add(result, SH.value, valueTerm(entry.value));
    if (entry.constraint !== undefined) add(result, SH.sourceConstraintComponent, DataFactory.namedNode(entry.constraint));
    if (entry.shape !== undefined && isAbsoluteIri(entry.shape)) add(result, SH.sourceShape, DataFactory.namedNode(entry.shape));
    if (entry.record !== undefined) add(result, REPORT.record, DataFactory.namedNode(entry.record));
    add(result, REPORT.sourceFile, DataFactory.literal(entry.position.source));
    if (entry.position.line !== undefined) add(result, REPORT.sourceLine, DataFactory.literal(String(entry.position.line), DataFactory.namedNode(XSD.integer)));
    if (entry.position.row !== undefined) add(result, REPORT.sourceRow, DataFactory.literal(String(entry.position.row), DataFactory.namedNode(XSD.integer)));
    if (entry.position.sheet !== undefined) add(result, REPORT.sourceSheet, DataFactory.literal(entry.position.sheet));
    yield take();
  }
  // A run that failed (an input that cannot be read) validated nothing: it does not conform, and says why.
  if (outcome.status === 'failed') {
    conforms = false;
    const result = DataFactory.blankNode(`r${i}`);
    add(report, SH.result, result);
    add(result, RDFNS.type, DataFactory.namedNode(SH.ValidationResult));
    add(result, SH.resultSeverity, DataFactory.namedNode(SH.Violation));
    add(result, SH.focusNode, DataFactory.literal(outcome.source));
    add(result, SH.resultMessage, DataFactory.literal(outcome.error ?? 'the run failed'));
    add(result, REPORT.sourceFile, DataFactory.literal(outcome.source));
  }
  add(report, SH.conforms, DataFactory.literal(String(conforms), DataFactory.namedNode(XSD.boolean)));
  writer.end();
  yield take();
}

/** The node a result is about: the SHACL focus node, else the record, else the source position (RFC 7111 row fragment). */
function focusOf(entry: ReportEntry): RDF.Quad_Object {
  const node = entry.focusNode ?? entry.record;
  if (node?.startsWith('_:')) return DataFactory.blankNode(node.slice(2));
  if (node !== undefined && isAbsoluteIri(node)) return DataFactory.namedNode(node);
  const fragment = entry.position.row !== undefined ? `#row=${entry.position.row}` : entry.position.line !== undefined ? `#line=${entry.position.line}` : '';
  return DataFactory.namedNode(`urn:cultuurgraaf:source:${encodeURIComponent(entry.position.source)}${fragment}`);
}

/** A value given as an N-Triples term becomes that term; anything else a plain literal. */
function valueTerm(value: string): RDF.Quad_Object {
  if (/^(<[^>]*>|".*"(@[A-Za-z-]+|\^\^<[^>]*>)?|_:\S+)$/s.test(value)) {
    try {
      const [parsed] = new Parser({ format: 'N-Triples' }).parse(`<urn:x> <urn:y> ${value} .`);
      if (parsed) return parsed.object;
    } catch {
      // Not a term after all: fall through to a literal.
    }
  }
  return DataFactory.literal(value);
}
