import { AppError } from '../domain/errors.js';
import type { PutRecord } from '../domain/record.js';
import type { ShapeValidator } from '../ports/shape-validator.js';
import { preparePut } from '../rdf/prepare-put.js';
import { getMapping } from './mapping/mapping-catalog.js';
import { MappingPipeline, type ItemOutcome } from './mapping/mapping-pipeline.js';
import type { ReportEntry } from './report-entry.js';
import type { SourceItem } from './sources/source-item.js';

/** A record of an accepted item, ready to write: its canonical form, or why it has none. */
export interface PreparedRecord {
  readonly iri: string;
  readonly put?: PutRecord;
  /** Why the record cannot be stored (a term the index cannot hold, blank nodes too complex). */
  readonly error?: string;
}

/** What became of one item, in plain data (it crosses threads). */
export type PreparedOutcome =
  | { readonly accepted: true; readonly records: readonly PreparedRecord[]; readonly warnings: readonly ReportEntry[] }
  | { readonly accepted: false; readonly records: readonly string[]; readonly problems: readonly ReportEntry[] };

/** Milliseconds spent per stage on a chunk, by the thread that mapped it. */
export interface StageMs {
  mapping: number;
  validating: number;
  preparing: number;
}

export interface MappedChunk {
  readonly outcomes: readonly PreparedOutcome[];
  readonly times: StageMs;
}

/** Maps chunks of items: on this thread (ChunkMapper) or in a pool of worker threads (MapPool). */
export interface ChunkMapping {
  /** Chunks worth having in flight at once. */
  readonly capacity: number;
  /** Worker threads that do the mapping; 0 for the calling thread. */
  readonly threads: number;
  map(items: readonly SourceItem[]): Promise<MappedChunk>;
  close(): Promise<void>;
}

/** Everything a thread needs to map a run's items; plain data. */
export interface MapperSetup {
  readonly mapping: string;
  readonly baseIri: string;
  readonly dataset: string;
  /** The table's header row, when the input is a table. */
  readonly headers?: readonly string[];
}

/**
 * Maps, validates and canonicalises chunks of items on the calling thread, timing each stage:
 * the work of an ingest run that does not touch the record store.
 */
export class ChunkMapper implements ChunkMapping {
  readonly capacity = 1;
  readonly threads = 0;

  /** `clock` must time the validator `pipeline` validates with. */
  constructor(private readonly pipeline: MappingPipeline, private readonly dataset: string, private readonly clock: ValidationClock) {}

  /** A mapper with a pipeline of its own (a worker thread's). */
  static async open(setup: MapperSetup, validators: (profile: string) => Promise<ShapeValidator>): Promise<ChunkMapper> {
    const mapping = getMapping(setup.mapping);
    const clock = new ValidationClock(await validators(mapping.profile));
    const pipeline = MappingPipeline.open(mapping, { baseIri: setup.baseIri, dataset: setup.dataset, validator: clock.validator });
    if (setup.headers !== undefined) pipeline.useHeaders(setup.headers, { source: '', line: 1 });
    return new ChunkMapper(pipeline, setup.dataset, clock);
  }

  async map(items: readonly SourceItem[]): Promise<MappedChunk> {
    const started = performance.now();
    const validatedBefore = this.clock.ms;
    const outcomes = await this.pipeline.mapBatch(items);
    const validating = this.clock.ms - validatedBefore;
    const mapping = performance.now() - started - validating;
    const prepared = performance.now();
    const ready: PreparedOutcome[] = [];
    for (const outcome of outcomes) ready.push(await prepareOutcome(outcome, this.dataset));
    return { outcomes: ready, times: { mapping, validating, preparing: performance.now() - prepared } };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A validator that adds the time of each validation to `ms`. */
export class ValidationClock {
  ms = 0;
  readonly validator: ShapeValidator;

  constructor(validator: ShapeValidator) {
    this.validator = {
      profile: validator.profile,
      validate: async (quads, context) => {
        const started = performance.now();
        try {
          return await validator.validate(quads, context);
        } finally {
          this.ms += performance.now() - started;
        }
      },
    };
  }
}

/** Canonicalises the records of an accepted item; a rejected one passes as it is. */
async function prepareOutcome(outcome: ItemOutcome, dataset: string): Promise<PreparedOutcome> {
  if (!outcome.accepted) return outcome;
  const records: PreparedRecord[] = [];
  for (const record of outcome.records) {
    try {
      records.push({ iri: record.iri, put: await preparePut(record.iri, dataset, record.quads) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      records.push({ iri: record.iri, error: error.message });
    }
  }
  return { accepted: true, records, warnings: outcome.warnings };
}
