import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { NewDataset } from '../domain/record.js';
import type * as RDF from '@rdfjs/types';
import { ConflictError } from '../domain/errors.js';
import type { RecordStore } from '../ports/record-store.js';
import { canonicalizeRecord } from '../rdf/canonical-record.js';
import { preparePut } from '../rdf/prepare-put.js';
import { inputFiles } from './input-files.js';
import { syntaxOfFile, type RdfSyntax } from './rdf-formats.js';
import { readRdfFile } from './rdf-reader.js';
import { PutSpill } from './put-spill.js';
import { RdfUnitGrouper } from './rdf-unit-grouper.js';

export interface LoadOptions {
  readonly dataset: string;
  /** Organisation and first publication policy of the dataset, should the load create it. */
  readonly newDataset?: Omit<NewDataset, 'id'>;
  readonly baseIri: string;
  /** Overrides the syntax the file extension implies. */
  readonly syntax?: RdfSyntax;
  readonly batchSize: number;
  readonly progress?: LoadProgress;
}

/** Receives progress by phase: bytes parsed per file, then records prepared, then records written. */
export interface LoadProgress {
  start(phase: string, total: number, unit: 'bytes' | 'records'): void;
  advance(amount: number): void;
}

export interface LoadSummary {
  readonly files: number;
  readonly quads: number;
  readonly records: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly batches: number;
  readonly lastSeq: number;
}

/**
 * Loads RDF files (or every RDF file in the directories given) into a dataset: each file is parsed and split into records (see
 * RdfUnitGrouper), checked for IRIs another dataset owns, put in canonical form and checked
 * against what the SPARQL index can store, then written in batches of `batchSize`, each one
 * transaction. A syntax error, a conflict or a record the index cannot store stops the load
 * before the first write; an interruption leaves whole batches only.
 */
export async function loadRdfFiles(store: RecordStore, paths: readonly string[], options: LoadOptions): Promise<LoadSummary> {
  const files = await inputFiles(paths);
  if (options.syntax === undefined) for (const file of files) syntaxOfFile(file);
  const units = new RdfUnitGrouper();
  const puts = new PutSpill();
  try {
    for (const file of files) {
      const { size } = await stat(file);
      options.progress?.start(`parsing ${basename(file)}`, size, 'bytes');
      const progress = options.progress;
      await readRdfFile(
        file,
        { syntax: options.syntax ?? syntaxOfFile(file), baseIri: options.baseIri, ...(progress ? { onBytes: (bytes: number) => { progress.advance(bytes); } } : {}) },
        (quad) => {
          units.add(quad);
        },
      );
    }

    // Every record is put in canonical form and checked before the first batch is written.
    options.progress?.start('preparing records', 0, 'records');
    const conflicts: string[] = [];
    for (const unit of units.units()) {
      const quads = unit.quads();
      const iri = unit.iri ?? (await orphanIri(quads, options.baseIri));
      const existing = store.getRecord(iri);
      if (existing && existing.dataset !== options.dataset) conflicts.push(`<${iri}> (dataset "${existing.dataset}"${existing.deleted ? ', deleted' : ''})`);
      if (conflicts.length === 0) puts.add(await preparePut(iri, options.dataset, quads));
      options.progress?.advance(1);
    }
    if (conflicts.length > 0) {
      const shown = conflicts.slice(0, 10).join(', ');
      throw new ConflictError(
        `${conflicts.length} record(s) in the input already belong to another dataset, so nothing was loaded: ${shown}${conflicts.length > 10 ? ', …' : ''}.`,
        { conflicts: conflicts.length },
      );
    }
    store.ensureDataset(options.dataset, options.newDataset);

    options.progress?.start('writing records', puts.count, 'records');
    const totals = { created: 0, updated: 0, unchanged: 0, batches: 0, lastSeq: store.head() };
    for (const batch of puts.batches(options.batchSize)) {
      const result = store.writeBatch(batch);
      totals.created += result.created;
      totals.updated += result.updated;
      totals.unchanged += result.unchanged;
      totals.batches++;
      totals.lastSeq = result.lastSeq;
      options.progress?.advance(batch.length);
    }
    return { files: files.length, quads: units.quadCount, records: puts.count, ...totals };
  } finally {
    units.close();
    puts.close();
  }
}

/** A blank-node structure without an IRI subject gets a stable IRI minted from its content. */
async function orphanIri(quads: readonly RDF.Quad[], baseIri: string): Promise<string> {
  const provisional = await canonicalizeRecord(`${baseIri}.well-known/genid/`, quads);
  return `${baseIri}.well-known/genid/${provisional.hash.slice(0, 32)}`;
}

