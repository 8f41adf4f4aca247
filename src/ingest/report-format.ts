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
  readonly report: readonly ReportEntry[];
  readonly error?: string;
}

/** A run's outcome in the format asked for. */
export function formatReport(outcome: RunOutcome, format: ReportFormat): string {
  switch (format) {
    case 'text': return textReport(outcome);
    case 'json': return `${JSON.stringify(outcome, null, 2)}\n`;
    case 'turtle': return turtleReport(outcome);
  }
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
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ];
  if (outcome.error) lines.push('', `error: ${outcome.error}`);
  const errors = outcome.report.filter((entry) => entry.severity === 'error');
  if (errors.length > 0) lines.push('', `errors (${errors.length}):`);
  for (const entry of errors.slice(0, maxEntries)) lines.push(entryLine(entry));
  if (errors.length > maxEntries) lines.push(`… and ${errors.length - maxEntries} more errors (use --report-format json or turtle for all of them)`);
  const warnings = groupWarnings(outcome.report.filter((entry) => entry.severity === 'warning'));
  if (warnings.length > 0) lines.push('', `warnings (${s.warnings}, alike ones together; --report-format json lists each):`);
  for (const group of warnings.slice(0, maxEntries)) {
    const [first] = group;
    if (!first) continue;
    if (group.length === 1) {
      lines.push(entryLine(first));
      continue;
    }
    lines.push(`warning  ${group.length}×  ${first.path === undefined ? '' : `${first.path}: `}${first.message}`);
    lines.push(`         first at ${describePosition(first.position)}${first.focusNode === undefined ? '' : `  ${first.focusNode}`}`);
  }
  if (warnings.length > maxEntries) lines.push(`… and ${warnings.length - maxEntries} more kinds of warning`);
  return `${lines.join('\n')}\n`;
}

/** Warnings of one kind (same message, path and constraint) together, in order of first appearance. */
function groupWarnings(entries: readonly ReportEntry[]): ReportEntry[][] {
  const groups = new Map<string, ReportEntry[]>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.message, entry.path, entry.constraint, entry.shape]);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()];
}

function entryLine(entry: ReportEntry): string {
  const parts = [entry.severity === 'error' ? 'ERROR  ' : 'warning', describePosition(entry.position)];
  if (entry.focusNode !== undefined && entry.focusNode !== entry.record) parts.push(entry.focusNode);
  else if (entry.record !== undefined) parts.push(`<${entry.record}>`);
  if (entry.path !== undefined) parts.push(entry.path);
  if (entry.value !== undefined) parts.push(`= ${entry.value}`);
  return `${parts.join('  ')}: ${entry.message}`;
}

/** A SHACL ValidationReport, each result with where it came from in the input. */
function turtleReport(outcome: RunOutcome): string {
  const quads: RDF.Quad[] = [];
  const add = (s: RDF.Quad_Subject, p: string, o: RDF.Quad_Object): void => {
    quads.push(DataFactory.quad(s, DataFactory.namedNode(p), o));
  };
  const report = DataFactory.blankNode('report');
  add(report, RDFNS.type, DataFactory.namedNode(SH.ValidationReport));
  add(report, SH.conforms, DataFactory.literal(String(!outcome.report.some((e) => e.severity === 'error')), DataFactory.namedNode(XSD.boolean)));
  outcome.report.forEach((entry, i) => {
    const result = DataFactory.blankNode(`r${i}`);
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
  });
  const writer = new Writer({ prefixes: { sh: SH.$base, cgr: REPORT.$base, xsd: XSD.$base } });
  writer.addQuads(quads);
  let text = '';
  writer.end((_error, result: string) => {
    text = result;
  });
  return text;
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
