import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { createGunzip } from 'node:zlib';
import type * as RDF from '@rdfjs/types';
import type { NewDataset } from '../domain/record.js';
import { DataFactory } from 'n3';
import { datasetName, termListIdProblem } from '../domain/dataset-id.js';
import { ConflictError, InvalidInputError } from '../domain/errors.js';
import type { PutRecord, RecordWrite } from '../domain/record.js';
import type { RecordStore } from '../ports/record-store.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { LoadProgress } from '../ingest/rdf-loader.js';
import { RDF_SYNTAXES, syntaxOfFile, type RdfSyntax } from '../ingest/rdf-formats.js';
import { readRdfFile } from '../ingest/rdf-reader.js';
import { readCsv } from '../ingest/sources/csv-reader.js';
import { readXlsx } from '../ingest/sources/xlsx-reader.js';
import { describePosition } from '../ingest/sources/source-item.js';
import { nquadsStatements } from '../rdf/nquads-statements.js';
import { preparePut } from '../rdf/prepare-put.js';
import { RDF as RDFNS, SKOS, SKOS_LABELS } from '../vocab/vocabularies.js';
import { geonamesConcepts } from './geonames-concepts.js';
import { sheetConcepts, type SheetRow } from './sheet-concepts.js';
import { wikidataConcepts } from './wikidata-concepts.js';
import { skosConcepts } from './skos-concepts.js';
import { StagedGraph, type SkosGraph } from './staged-graph.js';
import {
  defaultMetadata, mergeMetadata, metadataOf, metadataQuads, type TermListMetadata, type TermListMetadataInput,
} from './term-list-metadata.js';
import { Hierarchy } from './hierarchy-check.js';
import { listed } from './listed.js';
import { resolveTopic, TOPICS } from './topics.js';

/**
 * How a term-list file is read: SKOS (in the RDF syntax its extension tells, or in the one named),
 * a spreadsheet by the convention, a GeoNames or a Wikidata JSON dump.
 */
export const TERM_FORMATS = ['skos', 'sheet', 'geonames', 'wikidata', 'turtle', 'ntriples', 'nquads', 'trig', 'rdfxml', 'jsonld'] as const;
export type TermFormat = (typeof TERM_FORMATS)[number];

export interface TermImportRequest {
  /** A local file. */
  readonly file: string;
  /** How the file is named in messages. */
  readonly source: string;
  /** The term list's id; its dataset has the same id. */
  readonly list: string;
  /** Organisation and first publication policy of the list's dataset, should the import create it. */
  readonly newDataset?: Omit<NewDataset, 'id'>;
  /** Default: by the file's extension (.csv, .xlsx: sheet; .txt: geonames; RDF extensions: skos). An RDF syntax: SKOS in it. */
  readonly format?: TermFormat;
  /** For a GeoNames dump: its `alternateNamesV2.txt`, for names per language. */
  readonly alternateNames?: string;
  readonly baseIri: string;
  /** Metadata to set; what it leaves out keeps its stored value. */
  readonly metadata?: TermListMetadataInput;
  /**
   * The datasets whose ids a message may name to whoever asked (those they may read, and the
   * published ones); undefined: all (the command line). Another organisation's unpublished
   * dataset is "another dataset".
   */
  readonly namedDatasets?: readonly string[] | undefined;
}

export interface TermImportSummary {
  readonly list: string;
  readonly listIri: string;
  readonly concepts: number;
  readonly labels: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Concepts of the previous version the file no longer holds. */
  readonly deleted: number;
  readonly warnings: readonly string[];
  readonly durationMs: number;
}


/**
 * Imports a term list from a file, as a whole or not at all: the list record and every concept
 * record go into one record-store transaction, and concepts of the list the file no longer
 * holds are marked deleted in it. Any problem in the file (a syntax error, a row without an
 * id) is an InvalidInputError naming where, and leaves the stored list as it was.
 */
export async function importTermList(request: TermImportRequest, deps: { records: RecordStore; progress?: LoadProgress; clock?: Clock }): Promise<TermImportSummary> {
  const started = performance.now();
  const { list, records } = { list: request.list, records: deps.records };
  const idProblem = termListIdProblem(list);
  if (idProblem !== undefined) throw new InvalidInputError(`"${list}" cannot be a term list id: ${idProblem}.`);
  checkListDataset(records, list);
  const stored = storedList(records, list);
  const format = request.format ?? formatOfFile(request.file, request.source);
  if (request.alternateNames !== undefined && format !== 'geonames') {
    throw new InvalidInputError(`Alternate names go with a GeoNames dump only, and ${request.source} is read as ${format}; the list "${list}" is left as it was.`);
  }
  deps.progress?.start(`reading ${request.source}`, 0, 'records');
  let staging: StagedGraph | undefined;
  try {
  let listIri: string;
  let fileMetadata: TermListMetadata | undefined;
  let concepts: Iterable<{ readonly iri: string; readonly quads: readonly RDF.Quad[]; readonly where?: string }>;
  let count: number;
  // Filled while the concepts are read, which for SKOS is during the loop below.
  let errors: readonly string[] = [];
  let warnings: readonly string[] = [];
  if (format === 'geonames' || format === 'wikidata') {
    listIri = stored?.iri ?? `${request.baseIri}id/term-list/${list}`;
    const content = format === 'geonames'
      ? { ...await geonamesConcepts(request.file, request.source, listIri, request.alternateNames), warnings: [] }
      : await wikidataConcepts(request.file, request.source, listIri);
    failOn(content.errors, request.source);
    warnings = content.warnings;
    concepts = content.concepts;
    count = content.concepts.length;
  } else if (format === 'sheet') {
    listIri = stored?.iri ?? `${request.baseIri}id/term-list/${list}`;
    const rows = await readSheet(request.file, request.source);
    const content = sheetConcepts(rows, listIri, `${request.baseIri}id/concept/${list}/`);
    // A CSV row with values past the header has most often shifted them: its labels would land in the wrong columns.
    failOn([...rows.flatMap((row) => (row.unreadable === undefined ? [] : [`${describePosition(row.position)}: the row ${row.unreadable}`])), ...content.errors], request.source);
    concepts = content.concepts;
    count = content.concepts.length;
    // Cells of a workbook beyond the header's columns, which no column takes (they cannot have shifted).
    warnings = rows.filter((row) => row.beyondHeader).map((row) => `${describePosition(row.position)} has values in columns without a header; those values are not imported`);
  } else {
    // The graph is staged on disk, and each concept's record is made from it in turn.
    staging = new StagedGraph();
    const graph = staging;
    const syntax = (RDF_SYNTAXES as readonly string[]).includes(format) ? format as RdfSyntax : syntaxOfFile(request.file, request.source);
    await readRdfFile(request.file, { syntax, baseIri: request.baseIri, name: request.source }, (q) => {
      graph.add(q);
    });
    graph.seal();
    const schemes = schemesOf(graph);
    if (schemes.length > 1) {
      throw new InvalidInputError(`${request.source} describes ${schemes.length} concept schemes (${schemes.map((s) => `<${s}>`).join(', ')}); import each into a list of its own.`);
    }
    const [scheme] = schemes;
    if (stored && scheme !== undefined && scheme !== stored.iri) {
      throw new InvalidInputError(`${request.source} describes the concept scheme <${scheme}>, but the list "${list}" is <${stored.iri}>.`);
    }
    listIri = stored?.iri ?? scheme ?? `${request.baseIri}id/term-list/${list}`;
    if (scheme !== undefined) fileMetadata = metadataOf(scheme, graph.quads(DataFactory.namedNode(scheme)));
    const content = skosConcepts(graph, listIri);
    concepts = content.concepts;
    count = content.count;
    errors = content.errors;
    warnings = content.warnings;
  }
  if (count === 0) {
    // A Wikidata dump's .json reads as JSON-LD, which finds no concepts in it.
    const hint = request.format === undefined && format === 'skos' && await looksLikeWikidata(request.file)
      ? '; it looks like a Wikidata entity dump: import it with --format wikidata (over HTTP, the format field)'
      : '';
    throw new InvalidInputError(`${request.source} holds no concepts${hint}; the list "${list}" is left as it was.`);
  }

  // What the file's concept scheme states replaces the stored value (a community keeps its
  // version and title in the file); what the request states replaces both.
  const fromFile = fileMetadata === undefined ? {} : statedMetadata(fileMetadata, stored?.metadata);
  const described = withTopics(mergeMetadata(mergeMetadata(stored?.metadata ?? defaultMetadata(list), fromFile), request.metadata ?? {}), request.baseIri);
  deps.progress?.start(`preparing ${request.source}`, count + 1, 'records');
  // Prepared records wait on disk (large lists would not fit in memory) until the one transaction.
  staging ??= new StagedGraph();
  const prepared = staging;
  const kept = new Set<string>();
  const before = new Set(records.liveRecords(list, 'concept'));
  // Whether the concepts change: a new one, a changed one, or one that goes.
  let changed = stored === undefined;
  const hierarchy = new Hierarchy();
  const duplicates: string[] = [];
  // Where each concept is in the file (a sheet's row), for a concept that turns out to belong to another list.
  const whereOf = new Map<string, string>();
  let labels = 0;
  for (const concept of concepts) {
    if (kept.has(concept.iri)) {
      duplicates.push(`<${concept.iri}> is described more than once; a list holds each concept once`);
      continue;
    }
    const put = await preparePut(concept.iri, list, concept.quads);
    if (!changed) changed = !before.has(concept.iri) || records.getRecord(concept.iri)?.hash !== put.hash;
    prepared.stage(put);
    kept.add(concept.iri);
    if (concept.where !== undefined) whereOf.set(concept.iri, concept.where);
    hierarchy.add(concept.iri, concept.quads);
    labels += concept.quads.filter((q) => q.subject.value === concept.iri && SKOS_LABELS.has(q.predicate.value)).length;
    deps.progress?.advance(1);
  }
  failOn([...errors, ...duplicates], request.source);
  const gone = [...before].filter((iri) => !kept.has(iri));
  // A list whose concepts change is modified now, unless the file or the request says when.
  const modified = fromFile.modified ?? request.metadata?.modified ?? (changed || gone.length > 0 ? (deps.clock ?? systemClock).now() : undefined);
  const metadata = modified === undefined ? described : { ...described, modified };
  prepared.stage(await preparePut(listIri, list, metadataQuads(listIri, metadata)));
  warnings = [...warnings, ...hierarchy.problems(kept, new Set(gone))];
  deps.progress?.start(`writing ${list}`, 0, 'records');
  function* writes(): Generator<RecordWrite> {
    yield* prepared.staged<PutRecord>();
    for (const iri of gone) yield { op: 'delete', iri };
  }
  let result;
  try {
    result = records.writeBatch(writes(), { createDatasets: [{ ...request.newDataset, id: list }] });
  } catch (error) {
    if (error instanceof ConflictError) throw conflictsOf(records, request, [listIri, ...kept], new Map([...whereOf, [listIri, 'the list itself']])) ?? error;
    throw error;
  }
  return {
    list, listIri, concepts: kept.size, labels,
    created: result.created, updated: result.updated, unchanged: result.unchanged, deleted: result.deleted,
    warnings: [...warnings], durationMs: Math.round(performance.now() - started),
  };
  } finally {
    staging?.close();
  }
}

/**
 * Sets a term list's metadata (what `input` leaves out keeps its value), creating the list,
 * without concepts yet, when it does not exist. Returns the list's IRI and new metadata.
 */
export async function setTermListMetadata(
  records: RecordStore, list: string, baseIri: string, input: TermListMetadataInput, newDataset: Omit<NewDataset, 'id'> = {},
): Promise<{ iri: string; metadata: TermListMetadata }> {
  const idProblem = termListIdProblem(list);
  if (idProblem !== undefined) throw new InvalidInputError(`"${list}" cannot be a term list id: ${idProblem}.`);
  checkListDataset(records, list);
  const stored = storedList(records, list);
  const iri = stored?.iri ?? `${baseIri}id/term-list/${list}`;
  const metadata = withTopics(mergeMetadata(stored?.metadata ?? defaultMetadata(list), input), baseIri);
  records.writeBatch([await preparePut(iri, list, metadataQuads(iri, metadata))], { createDatasets: [{ ...newDataset, id: list }] });
  return { iri, metadata };
}

/** The list record a dataset holds, with its metadata. */
export function storedList(records: RecordStore, list: string): { iri: string; metadata: TermListMetadata } | undefined {
  const [iri] = records.liveRecords(list, 'term-list');
  const record = iri === undefined ? undefined : records.getRecord(iri);
  if (iri === undefined || record === undefined) return undefined;
  return { iri, metadata: metadataOf(iri, nquadsStatements(record.nquads)) };
}

/**
 * The concept schemes a file describes: those it declares, else the ones its concepts are
 * `skos:inScheme` of (Getty's dumps name `aat:` that way without describing it).
 */
function schemesOf(graph: SkosGraph): string[] {
  const declared = graph.subjects(RDFNS.type, SKOS.ConceptScheme).filter((s) => s.termType === 'NamedNode').map((s) => s.value);
  if (declared.length > 0) return declared;
  return graph.objects(null, SKOS.inScheme).filter((o) => o.termType === 'NamedNode').map((o) => o.value);
}

/** A term list's dataset holds the list and its concepts only. */
function checkListDataset(records: RecordStore, list: string): void {
  const others = records.stats().filter((s) => s.dataset === list && s.records > s.deleted && s.kind !== 'concept' && s.kind !== 'term-list');
  if (others.length > 0) {
    throw new InvalidInputError(`The dataset "${list}" holds ${others.map((s) => `${s.records - s.deleted} ${s.kind} records`).join(' and ')}; a term list needs a dataset of its own.`);
  }
}

/** Whether a file (gzipped or not) starts as a Wikidata JSON dump does: entities with a type and a Q or P id. */
async function looksLikeWikidata(file: string): Promise<boolean> {
  let start = '';
  const bytes = createReadStream(file, { end: 65_535 });
  const text = file.toLowerCase().endsWith('.gz') ? bytes.pipe(createGunzip()) : bytes;
  try {
    for await (const chunk of text as AsyncIterable<Buffer>) {
      start += chunk.toString('utf8');
      if (start.length >= 65_536) break;
    }
  } catch {
    // A truncated gzip start or an unreadable file: what was read decides.
  } finally {
    bytes.destroy();
  }
  return /"type"\s*:\s*"(item|property)"/.test(start) && /"id"\s*:\s*"[QP]\d+"/.test(start);
}

function formatOfFile(file: string, source: string): TermFormat {
  const extension = extname(file.replace(/\.gz$/i, '')).toLowerCase();
  if (extension === '.csv' || extension === '.tsv' || extension === '.xlsx') return 'sheet';
  if (extension === '.txt') return 'geonames';
  try {
    syntaxOfFile(file);
    return 'skos';
  } catch {
    throw new InvalidInputError(`Cannot tell the format of ${source} from its extension (.csv, .tsv or .xlsx for a sheet; .txt for a GeoNames dump; .ttl, .nt, .nq, .trig, .rdf or .jsonld for SKOS); name it with --format (over HTTP, the format field): ${TERM_FORMATS.join(', ')}.`);
  }
}

async function readSheet(file: string, source: string): Promise<Array<SheetRow & { readonly beyondHeader: boolean; readonly unreadable?: string }>> {
  const rows: Array<SheetRow & { readonly beyondHeader: boolean; readonly unreadable?: string }> = [];
  const read = file.toLowerCase().endsWith('.xlsx') || isZip(file) ? readXlsx(file, source) : readCsv(file, undefined, source);
  for await (const row of read) {
    rows.push({ position: row.position, values: row.values, beyondHeader: row.beyondHeader === true && row.unreadable === undefined, ...(row.unreadable === undefined ? {} : { unreadable: row.unreadable }) });
  }
  return rows;
}

/** An XLSX workbook is a ZIP archive: an upload or a file named otherwise is still one. */
function isZip(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    closeSync(fd);
  }
}

function withTopics(metadata: TermListMetadata, baseIri: string): TermListMetadata {
  const topics = metadata.topics.map((topic) => {
    const iri = resolveTopic(baseIri, topic);
    if (iri === undefined) throw new InvalidInputError(`"${topic}" is not a topic; use one of ${TOPICS.map((t) => t.key).join(', ')} (or its IRI).`);
    return iri;
  });
  return { ...metadata, topics: [...new Set(topics)].sort() };
}

/**
 * The fields a file's concept scheme states: the others must not blank the stored ones. Names and
 * descriptions replace the stored ones per language (a file with only an English title keeps the
 * Dutch name given over the API). A `modified` equal to the stored one is the list's own,
 * exported and imported again: it does not hold the date back when the concepts changed.
 */
function statedMetadata(metadata: TermListMetadata, stored: TermListMetadata | undefined): TermListMetadataInput {
  const stated: { -readonly [K in keyof TermListMetadataInput]: TermListMetadataInput[K] } = Object.fromEntries(Object.entries(metadata).filter(([, value]) => {
    if (value === undefined) return false;
    if (Array.isArray(value)) return value.length > 0;
    return typeof value !== 'object' || Object.keys(value as object).length > 0;
  }));
  if (stored !== undefined) {
    if (stated.name !== undefined) stated.name = { ...stored.name, ...stated.name };
    if (stated.description !== undefined) stated.description = { ...stored.description, ...stated.description };
    if (stated.modified !== undefined && stated.modified === stored.modified) delete stated.modified;
  }
  return stated;
}

/**
 * The concepts of a file that are records of another dataset (another list, or any dataset
 * when deleted there), named with their place in the file: what a write refused with a
 * ConflictError ran into first, and the others like it. Undefined when there are none.
 */
function conflictsOf(records: RecordStore, { list, source, namedDatasets }: TermImportRequest, iris: readonly string[], whereOf: ReadonlyMap<string, string>): ConflictError | undefined {
  const conflicts: string[] = [];
  for (const iri of iris) {
    const existing = records.getRecord(iri);
    if (existing === undefined || existing.dataset === list) continue;
    const where = whereOf.get(iri);
    conflicts.push(`${where === undefined ? '' : `${where}: `}<${iri}> ${existing.deleted ? 'was' : 'is'} a record of ${datasetName(existing.dataset, namedDatasets)}${existing.deleted ? ' (deleted)' : ''}`);
  }
  if (conflicts.length === 0) return undefined;
  return new ConflictError(
    `${source} cannot be imported, nothing was changed: ${conflicts.length === 1 ? 'an IRI of it is' : `${conflicts.length} IRIs of it are`} another dataset's, `
    + `and a record stays in its dataset (give these concepts IRIs of their own, with exactMatch to the others): ${listed(conflicts, '; ')}.`,
    { problems: conflicts.slice(0, 100) },
  );
}

function failOn(errors: readonly string[], source: string): void {
  if (errors.length === 0) return;
  throw new InvalidInputError(`${source} cannot be imported, nothing was changed: ${listed(errors, '; ')}.`, { problems: errors.slice(0, 100) });
}
