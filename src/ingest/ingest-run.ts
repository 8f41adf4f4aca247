import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { datasetName } from '../domain/dataset-id.js';
import type { NewDataset } from '../domain/record.js';
import { AppError, ConflictError } from '../domain/errors.js';
import type { PutRecord } from '../domain/record.js';
import type { IngestRunStore, NotedRecord, RunSummary } from '../ports/ingest-run-store.js';
import type { RecordStore } from '../ports/record-store.js';
import type { ShapeValidator } from '../ports/shape-validator.js';
import { getMapping } from './mapping/mapping-catalog.js';
import { MappingPipeline } from './mapping/mapping-pipeline.js';
import { ChunkMapper, ValidationClock, type ChunkMapping, type MappedChunk, type PreparedOutcome } from './chunk-mapper.js';
import { MapPool } from './map-pool.js';
import type { LoadProgress } from './rdf-loader.js';
import type { ReportEntry } from './report-entry.js';
import { ReportLog } from './report-log.js';
import type { CsvDialect } from './sources/csv-reader.js';
import { itemLimits, type ItemLimits } from './sources/item-limits.js';
import { openSource } from './sources/open-source.js';
import { describePosition, type SourceHandle, type SourceItem } from './sources/source-item.js';

export interface IngestRequest {
  /** A local file, or an http(s) URL (downloaded first; an LDES is crawled). */
  readonly input: string;
  /** How the input is named in the run record and reports (a file name, an upload name, a URL). */
  readonly source: string;
  readonly dataset: string;
  /** Organisation and first publication policy of the dataset, should the run create it. */
  readonly newDataset?: Omit<NewDataset, 'id'>;
  readonly mapping: string;
  readonly replace: boolean;
  /** Validate and report only: nothing is written, no run is recorded. */
  readonly dryRun: boolean;
  readonly baseIri: string;
  readonly batchSize: number;
  /**
   * Worker threads that map, validate and canonicalise items when the input has at least
   * POOL_MIN_ITEMS of them; 1 does everything on the calling thread. Default: the machine's
   * cores, at most 4.
   */
  readonly threads?: number;
  /** How large a JSON item may be, to be mapped by a worker or at all; by default from the heap (itemLimits). */
  readonly itemLimits?: ItemLimits;
  /**
   * The datasets whose ids the report may name (those the submitter may read, and the published
   * ones); undefined: all (the command line). Another organisation's unpublished dataset is
   * "another dataset" in the report.
   */
  readonly namedDatasets?: readonly string[] | undefined;
  /** A run already recorded as queued (HTTP uploads); otherwise one is created. */
  readonly runId?: string;
  /** Told the run's id as soon as it is recorded (the CLI marks it interrupted on Ctrl-C). */
  readonly onRun?: (runId: string) => void;
}

export interface IngestDependencies {
  readonly records: RecordStore;
  readonly runs: IngestRunStore;
  readonly validator: (profile: string) => Promise<ShapeValidator>;
  readonly progress?: LoadProgress;
}

export interface IngestResult {
  readonly runId: string | undefined;
  readonly status: 'succeeded' | 'failed';
  readonly summary: RunSummary;
  /** Every report entry, on disk: the caller reads it and then closes it. */
  readonly report: ReportLog;
  readonly error?: string;
}

/**
 * Items mapped together: the mapping's CONSTRUCT is parsed and planned once per batch
 * (ConstructRunner.runBatch). 250 rows of `collection-csv` cost about as much a row as 1,000.
 */
const MAP_BATCH_ITEMS = 250;
/**
 * JSON and RDF items (a UiTdatabank event, an LDES member) are many times a row: 250 of them in
 * one batch filled a worker's capped heap, and 1,200 UiTdatabank events took 106 s on two workers
 * (90 % garbage collection) against 14 s on one thread. In batches of 25 they take 9 s.
 */
const MAP_BATCH_DOCUMENTS = 25;

/**
 * Inputs with fewer items are mapped on the calling thread: starting workers (each loads the
 * mapping and the shapes) costs about a second, which a small input does not win back.
 */
const POOL_MIN_ITEMS = 1_000;

/** How long a running run's heartbeat counts as alive for the --replace lock; it beats four times as often. */
export const HEARTBEAT_MS = 2 * 60_000;

/**
 * One ingest run: the input is first read whole to catch syntax and encoding errors (nothing is
 * written when there is one), then each item is mapped, validated and written in batch
 * transactions; a rejected item writes nothing and gets report entries. With `replace`, live
 * records of the dataset the run did not see are deleted at the end. The run, its counts and its
 * report are recorded.
 */
export async function runIngest(request: IngestRequest, deps: IngestDependencies): Promise<IngestResult> {
  const started = performance.now();
  const stages = new StageTimes();
  const mapping = getMapping(request.mapping);
  const clock = new ValidationClock(await deps.validator(mapping.profile));
  const pipeline = MappingPipeline.open(mapping, { baseIri: request.baseIri, dataset: request.dataset, validator: clock.validator });
  const runId = request.dryRun ? undefined : request.runId ?? randomUUID();
  if (runId !== undefined) {
    if (request.replace && deps.runs.activeRuns(request.dataset, HEARTBEAT_MS).some((run) => run.id !== runId)) {
      throw new ConflictError(`Another ingest run into "${request.dataset}" is busy; a --replace run must run alone.`, { dataset: request.dataset });
    }
    if (request.runId === undefined) {
      deps.runs.create({ id: runId, dataset: request.dataset, mapping: mapping.name, source: request.source, replace: request.replace, status: 'running' });
    } else {
      deps.runs.start(runId);
    }
    request.onRun?.(runId);
  }
  const run = new RunState(request, deps, runId, stages);
  // The heartbeat also beats while the input is checked or a chunk is mapped, when nothing is
  // written: a run whose heartbeat stops has stopped (IngestRunStore shows it interrupted).
  const heartbeat = runId === undefined ? undefined : setInterval(() => { run.beat(); }, HEARTBEAT_MS / 4);
  heartbeat?.unref();
  let handle: SourceHandle | undefined;
  let mapper: ChunkMapping | undefined;
  try {
    let dialect: CsvDialect | undefined;
    const limits = request.itemLimits ?? itemLimits();
    handle = await openSource(mapping.input, request.input, {
      baseIri: request.baseIri, name: request.source, loader: pipeline.loader, onDialect: (d) => { dialect = d; }, itemLimits: limits,
    });
    deps.progress?.start(`checking ${request.source}`, 0, 'records');
    const checked = performance.now();
    const total = await countItems(handle.items());
    stages.checking += performance.now() - checked;
    deps.progress?.start(`ingesting ${request.source}`, total, 'records');
    const threads = request.threads ?? defaultThreads();
    let headers: readonly string[] | undefined;
    const openMapper = async (): Promise<ChunkMapping> => {
      if (threads <= 1 || total < POOL_MIN_ITEMS) return new ChunkMapper(pipeline, request.dataset, clock);
      return MapPool.open({ mapping: mapping.name, baseIri: request.baseIri, dataset: request.dataset, ...(headers === undefined ? {} : { headers }) }, threads);
    };
    // An item too large for a worker's heap is mapped here, between the pool's chunks.
    let here: ChunkMapper | undefined;
    // Chunks are mapped ahead (by the pool, in parallel) and applied in input order.
    const inFlight: { readonly items: readonly SourceItem[]; readonly mapped: Promise<MappedChunk>; readonly here: boolean }[] = [];
    const applyNext = async (): Promise<void> => {
      const next = inFlight.shift();
      if (next === undefined) return;
      const waitedFor = performance.now();
      const chunk = await next.mapped;
      // On the calling thread the chunk was mapped right here, and its stages already say so.
      if (!next.here) stages.waiting += performance.now() - waitedFor;
      run.apply(next.items, chunk);
      deps.progress?.advance(next.items.length);
    };
    const submit = async (items: readonly SourceItem[], onThisThread = false): Promise<void> => {
      if (mapper === undefined) {
        mapper = await openMapper();
        run.threads = mapper.threads;
      }
      const chosen = onThisThread && mapper.threads > 0 ? (here ??= new ChunkMapper(pipeline, request.dataset, clock)) : mapper;
      const mapped = chosen.map(items);
      // Awaited in order by applyNext; a failure must not count as unhandled before then.
      mapped.catch(() => undefined);
      inFlight.push({ items, mapped, here: chosen.threads === 0 });
      // Mapped here while the pool maps on: done before reading on, so reading time is reading.
      if (chosen !== mapper) await mapped.catch(() => undefined);
      while (inFlight.length >= mapper.capacity) await applyNext();
    };
    let chunk: SourceItem[] = [];
    let waited = performance.now();
    for await (const item of handle.items()) {
      stages.reading += performance.now() - waited;
      if (headers === undefined && item.kind === 'row') {
        headers = Object.keys(item.values);
        run.report.push(...pipeline.useHeaders(headers, { source: item.position.source, line: 1 }));
      }
      if (sizeOf(item) > limits.worker) {
        // Mapped alone on this thread, after the items before it.
        if (chunk.length > 0) await submit(chunk);
        chunk = [];
        await submit([item], true);
        waited = performance.now();
        continue;
      }
      chunk.push(item);
      if (chunk.length >= (item.kind === 'row' ? MAP_BATCH_ITEMS : MAP_BATCH_DOCUMENTS)) {
        await submit(chunk);
        chunk = [];
      }
      waited = performance.now();
    }
    if (chunk.length > 0) await submit(chunk);
    while (inFlight.length > 0) await applyNext();
    run.flush();
    if (request.replace && !request.dryRun) run.deleteUnseen();
    run.noteCreatedDataset();
    const summary = run.summary(performance.now() - started, dialect);
    if (runId !== undefined) deps.runs.finish(runId, { status: 'succeeded', summary, report: run.report });
    return { runId, status: 'succeeded', summary, report: run.report };
  } catch (error) {
    const message = error instanceof AppError ? error.message : `ingest failed: ${(error as Error).message}`;
    // Batches written before the failure may have made the dataset; a store that cannot say so
    // must not hide the failure itself.
    try {
      run.noteCreatedDataset();
    } catch {
      // The failure is what the run reports.
    }
    const summary = run.summary(performance.now() - started, undefined);
    if (runId !== undefined) deps.runs.finish(runId, { status: 'failed', summary, report: run.report, error: message });
    if (!(error instanceof AppError)) {
      run.report.close();
      throw error;
    }
    return { runId, status: 'failed', summary, report: run.report, error: message };
  } finally {
    clearInterval(heartbeat);
    await mapper?.close();
    await handle?.dispose();
  }
}

/** Characters of an item's JSON or N-Quads text, where known: what mapping it takes grows with. */
function sizeOf(item: SourceItem): number {
  return item.kind === 'json' ? item.size ?? 0 : item.kind === 'rdf' ? item.nquads.length : 0;
}

/** The machine's cores, at most 4: mapping scales with cores, the main thread's writes do not. */
function defaultThreads(): number {
  return Math.min(availableParallelism(), 4);
}

/** The first pass: counts the items, and throws on the first syntax or encoding error. */
async function countItems(items: AsyncIterable<SourceItem>): Promise<number> {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- only counted
  for await (const _item of items) count++;
  return count;
}

/** Where a run last described a record, and the hash of that description. */
interface Seen {
  readonly source: string;
  readonly hash: string | undefined;
}

class RunState {
  readonly report = new ReportLog();
  /** Worker threads the run mapped on (0: the calling thread). */
  threads = 0;
  private readonly counts = { items: 0, records: 0, created: 0, updated: 0, unchanged: 0, rejectedItems: 0, rejectedRecords: 0, deleted: 0 };
  private batch: PutRecord[] = [];
  private noted: NotedRecord[] = [];
  /** Records of this run not yet written, by IRI, with where they came from and their hash. */
  private readonly pending = new Map<string, Seen>();
  /** In a dry run nothing is recorded: duplicates are found here instead. */
  private readonly dryRunSeen = new Map<string, Seen>();
  private accepted = 0;
  /** Rejected items whose records are not known (the lift failed): --replace cannot tell what they stand for. */
  private rejectedUnknown = 0;
  /** Whether the dataset existed when the run started. */
  private readonly datasetExisted: boolean;

  constructor(
    private readonly request: IngestRequest, private readonly deps: IngestDependencies, private readonly runId: string | undefined,
    private readonly stages: StageTimes,
  ) {
    this.datasetExisted = deps.records.getDataset(request.dataset) !== undefined;
  }

  /**
   * A dataset the run created is said so in the report, with who owns it and where it is
   * published: `--dataset msk-colectie` for msk-collectie makes one at once, published openly.
   */
  noteCreatedDataset(): void {
    if (this.datasetExisted || this.request.dryRun) return;
    const dataset = this.deps.records.getDataset(this.request.dataset);
    if (dataset === undefined) return;
    const published = this.request.newDataset?.policy === 'private' ? 'published on no channel (policy private)' : 'published on every channel but europeana (policy open)';
    this.report.push({
      severity: 'warning', position: { source: this.request.source },
      message: `the dataset "${dataset.id}" did not exist: this run created it, in organisation "${dataset.organisation}", ${published}; `
        + 'if you meant another dataset, `cultuurgraaf stats` lists them and `cultuurgraaf policy set` changes where this one is published',
    });
  }

  /** Stores a mapped chunk of items, in order, and adds the time its mapping took. */
  apply(items: readonly SourceItem[], chunk: MappedChunk): void {
    this.stages.mapping += chunk.times.mapping;
    this.stages.validating += chunk.times.validating;
    this.stages.preparing += chunk.times.preparing;
    for (const [i, item] of items.entries()) {
      const outcome = chunk.outcomes[i];
      if (outcome === undefined) throw new Error('the mapping gave no outcome for an item');
      this.item(item, outcome);
    }
  }

  private item(item: SourceItem, outcome: PreparedOutcome): void {
    this.counts.items++;
    const where = describePosition(item.position);
    if (item.kind === 'row') {
      // Missing fields, or values a spreadsheet holds beyond the header, are worth a word.
      const { warnings = [], unreadable } = item as { warnings?: readonly string[]; unreadable?: string };
      for (const warning of warnings) this.report.push({ severity: 'warning', position: item.position, message: `the row ${warning}` });
      // Values a CSV row holds beyond the header have shifted the others: nothing of it is stored.
      if (unreadable !== undefined) {
        this.reject(outcome.accepted ? outcome.records.map((r) => r.iri) : outcome.records, where, [{ severity: 'error', position: item.position, message: `the row ${unreadable}` }]);
        return;
      }
    } else if (item.kind === 'json') {
      // A key an object repeats: JSON keeps its last value only.
      for (const warning of item.warnings ?? []) this.report.push({ severity: 'warning', position: item.position, message: warning });
    }
    if (!outcome.accepted) {
      this.reject(outcome.records, where, outcome.problems);
      return;
    }
    for (const warning of outcome.warnings) this.report.push(warning);
    const checked = performance.now();
    const puts: PutRecord[] = [];
    const problems: ReportEntry[] = [];
    /** Records an earlier item of the run described otherwise, and where. */
    const replaced: Array<{ readonly iri: string; readonly earlier: string }> = [];
    for (const record of outcome.records) {
      const existing = this.deps.records.getRecord(record.iri);
      if (existing && existing.dataset !== this.request.dataset) {
        const other = datasetName(existing.dataset, this.request.namedDatasets);
        const message = existing.deleted ? `<${record.iri}> was a record of ${other} (deleted), and stays that dataset's` : `<${record.iri}> already belongs to ${other}`;
        problems.push({ severity: 'error', position: item.position, record: record.iri, message });
        continue;
      }
      const put = record.put;
      if (put === undefined) {
        problems.push({ severity: 'error', position: item.position, record: record.iri, message: record.error ?? 'the record could not be prepared' });
        continue;
      }
      // A keeper or maker on every row is described again and again: the same description is
      // written once, a different one is news and replaces it.
      const earlier = this.seenAt(record.iri);
      if (earlier?.hash === put.hash) continue;
      if (earlier !== undefined) replaced.push({ iri: record.iri, earlier: earlier.source });
      puts.push(put);
    }
    this.stages.preparing += performance.now() - checked;
    if (problems.length > 0) {
      this.reject(outcome.records.map((r) => r.iri), where, problems);
      return;
    }
    // Only an item that is stored replaces what an earlier one said.
    for (const { iri, earlier } of replaced) {
      this.report.push({
        severity: 'warning', position: item.position, record: iri,
        message: `${earlier} describes <${iri}> differently; this later description is kept`,
      });
      // Not written yet: the earlier description is dropped, so it never becomes a version of
      // its own (and a second run of the same input, storing the later one, changes nothing).
      if (this.pending.has(iri)) this.unbatch(iri);
    }
    // An item's records go into one batch, so a crash never keeps half of them.
    if (this.batch.length + puts.length > this.request.batchSize) this.flush();
    for (const put of puts) this.batch.push(put);
    for (const put of puts) {
      this.pending.set(put.iri, { source: where, hash: put.hash });
      this.noted.push({ iri: put.iri, outcome: 'stored', source: where, hash: put.hash });
    }
    this.counts.records += puts.length;
    this.accepted++;
  }

  /** Takes a record's description out of the batch not yet written. */
  private unbatch(iri: string): void {
    const before = this.batch.length;
    this.batch = this.batch.filter((put) => put.iri !== iri);
    this.counts.records -= before - this.batch.length;
    this.pending.delete(iri);
  }

  /** Records that the run is alive, with its counts so far. */
  beat(): void {
    if (!this.request.dryRun && this.runId !== undefined) this.deps.runs.touch(this.runId, this.counts);
  }

  /** Writes the pending batch in one transaction (nothing in a dry run). */
  flush(): void {
    if (this.batch.length === 0 && this.noted.length === 0) return;
    const started = performance.now();
    if (!this.request.dryRun && this.runId !== undefined) {
      if (this.batch.length > 0) {
        const result = this.deps.records.writeBatch(this.batch, { createDatasets: [{ ...this.request.newDataset, id: this.request.dataset }] });
        this.counts.created += result.created;
        this.counts.updated += result.updated;
        this.counts.unchanged += result.unchanged;
      }
      this.deps.runs.noteRecords(this.runId, this.noted);
      this.deps.runs.touch(this.runId, this.counts);
    } else {
      for (const [iri, seen] of this.pending) this.dryRunSeen.set(iri, seen);
    }
    this.batch = [];
    this.noted = [];
    this.pending.clear();
    this.stages.writing += performance.now() - started;
  }

  /**
   * Deletes the dataset's live records this run did not see. Never when no item was accepted,
   * nor when an item was rejected before its records were known: what it describes may be
   * stored, and deleting it would lose data because of a mistake in the input.
   */
  deleteUnseen(): void {
    if (this.runId === undefined) return;
    if (this.accepted === 0 || this.rejectedUnknown > 0) {
      const reason = this.accepted === 0
        ? 'no item was accepted'
        : `${this.rejectedUnknown} rejected item${this.rejectedUnknown === 1 ? '' : 's'} could not be mapped far enough to tell which records ${this.rejectedUnknown === 1 ? 'it describes' : 'they describe'}`;
      this.report.push({
        severity: 'error', position: { source: this.request.source },
        message: `${reason}, so --replace deleted nothing; fix the input or the mapping and run again`,
      });
      return;
    }
    const started = performance.now();
    // The mapping's name, as the run is recorded (getMapping checked it at the start and names a mapping by it).
    const mapping = this.request.mapping;
    // Each record is looked at once: the next batch starts after the last one deleted.
    for (let after = 0; ;) {
      const unseen = this.deps.runs.unseenRecords(this.runId, this.request.dataset, mapping, this.request.batchSize, after);
      if (unseen.length === 0) break;
      this.counts.deleted += this.deps.records.writeBatch(unseen.map(({ iri }) => ({ op: 'delete' as const, iri }))).deleted;
      after = unseen.at(-1)?.id ?? after;
    }
    this.stages.writing += performance.now() - started;
    const kept = this.deps.runs.unseenCount(this.runId, this.request.dataset);
    if (kept > 0) {
      this.report.push({
        severity: 'warning', position: { source: this.request.source },
        message: `${kept} record${kept === 1 ? '' : 's'} of dataset "${this.request.dataset}" that this input does not hold ${kept === 1 ? 'was' : 'were'} kept: `
          + `another mapping describes ${kept === 1 ? 'it' : 'them'} too, or no ingest run wrote ${kept === 1 ? 'it' : 'them'} (\`cultuurgraaf load\`, an edit); --replace with ${mapping} deletes only what ${mapping} alone describes`,
      });
    }
  }

  summary(durationMs: number, dialect: CsvDialect | undefined): RunSummary {
    return {
      ...this.counts,
      threads: this.threads,
      warnings: this.report.warnings,
      durationMs: Math.round(durationMs),
      stages: this.stages.rounded(),
      ...(dialect === undefined ? {} : { dialect: { encoding: dialect.encoding, delimiter: dialect.delimiter } }),
    };
  }

  private reject(records: readonly string[], where: string, problems: readonly ReportEntry[]): void {
    this.counts.rejectedItems++;
    if (records.length === 0) this.rejectedUnknown++;
    this.counts.rejectedRecords += records.length;
    for (const problem of problems) this.report.push(problem);
    // A rejected record was still seen: --replace keeps its stored version.
    for (const iri of records) this.noted.push({ iri, outcome: 'rejected', source: where });
  }

  /** Where this run last described the record, and the hash of that description, if it did. */
  private seenAt(iri: string): Seen | undefined {
    return this.pending.get(iri) ?? (this.runId === undefined || this.request.dryRun ? this.dryRunSeen.get(iri) : this.deps.runs.seenAt(this.runId, iri));
  }
}

/**
 * Where a run spent its time, in ms: the first pass over the input (checking), waiting for the
 * next item (reading), lift and CONSTRUCT (mapping), SHACL (validating), canonicalisation and
 * the checks before a write (preparing), the record store's transactions (writing), and the main
 * thread waiting for mapped chunks (waiting). With worker threads, mapping, validating and the
 * canonicalisation part of preparing are the sum over the workers, so stages may add up to
 * more than the run's duration.
 */
class StageTimes {
  checking = 0;
  reading = 0;
  mapping = 0;
  validating = 0;
  preparing = 0;
  writing = 0;
  /** The main thread waiting for worker threads to map the next chunk. */
  waiting = 0;

  rounded(): Record<string, number> {
    const { checking, reading, mapping, validating, preparing, writing, waiting } = this;
    return Object.fromEntries(Object.entries({ checking, reading, mapping, validating, preparing, writing, waiting }).map(([stage, ms]) => [stage, Math.round(ms)]));
  }
}
