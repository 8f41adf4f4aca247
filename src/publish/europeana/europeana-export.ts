import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { Zip, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';
import { ChannelView } from '../../access/publication-policy.js';
import { NotFoundError } from '../../domain/errors.js';
import { ANONYMOUS } from '../../domain/principal.js';
import type { PolicySnapshot } from '../../domain/publication-policy.js';
import type { FeedRecord, RecordStore } from '../../ports/record-store.js';
import { mapToEdm, type EdmOutcome } from './edm-mapping.js';
import type { EdmType } from './edm-model.js';
import { edmXml } from './edm-xml.js';
import { metadataTier, type MetadataTier, type TierAssessment } from './metadata-tier.js';
import { PublishedLabels } from '../oai/published-labels.js';
import { drained } from '../drained.js';
import { ReportWriter } from './report-writer.js';
import { DocumentJudge } from '../../access/document-judge.js';

/** One heritage object in the readiness report. */
export interface ReadinessEntry {
  readonly iri: string;
  readonly title: string | undefined;
  /** Whether the export holds it. */
  readonly ready: boolean;
  /** Why it is not exported: Europeana's minimum it misses, or the policy that withholds it. */
  readonly reasons: readonly string[];
  /** The metadata tier it reaches (of the EDM it would get); undefined when the policy withholds it. */
  readonly tier: TierAssessment | undefined;
  readonly edmType: EdmType | undefined;
  readonly edmTypeReason: string | undefined;
}

/** What a dataset's records would give Europeana, record by record. */
export interface ReadinessReport {
  readonly dataset: string;
  readonly dataProvider: string;
  readonly provider: string;
  /** The dataset's rights statement (its publication policy). */
  readonly rights: string | undefined;
  /** Whether the dataset's policy publishes on the europeana channel at all. */
  readonly published: boolean;
  readonly counts: { readonly objects: number; readonly ready: number; readonly notReady: number; readonly withheld: number };
  /** How many exported records reach each metadata tier. */
  readonly tiers: Readonly<Record<MetadataTier, number>>;
  /** The reasons records are not exported, with how many each. */
  readonly reasons: ReadonlyArray<{ readonly reason: string; readonly records: number }>;
  readonly records: readonly ReadinessEntry[];
}

/** The result of writing the package. */
export interface ExportSummary {
  readonly exported: number;
  readonly notReady: number;
  readonly tiers: Readonly<Record<MetadataTier, number>>;
  readonly reasons: ReadinessReport['reasons'];
  readonly counts: ReadinessReport['counts'];
  /** The organisation's name, as `edm:dataProvider`. */
  readonly dataProvider: string;
}

/** A dataset's heritage objects read on a connection of their own, closed by the reader. */
export interface ObjectSnapshot {
  records(): Iterable<FeedRecord>;
  close(): void;
}

export interface EuropeanaExportOptions {
  readonly records: RecordStore;
  /**
   * Opens the dataset's objects on a read connection of their own (a server's: an export that
   * waits for a slow client must not keep the store's main connection busy, which would refuse
   * every write meanwhile). Without it they are read from `records`, as the CLI does.
   */
  readonly openObjects?: (dataset: string) => ObjectSnapshot;
  /** `edm:provider`: the aggregator that delivers the data to Europeana. */
  readonly provider: string;
}

/** A mapped object: its outcome, or the policy's refusal. */
type Mapped = { readonly iri: string; readonly withheld: true } | { readonly iri: string; readonly withheld: false; readonly outcome: EdmOutcome };

/**
 * The Europeana channel: a dataset's heritage objects as EDM records, one RDF/XML file per
 * record in a zip (the package Europeana's Metis ingests), and the readiness report that says
 * which records are left out and why, and the metadata tier each reaches. It publishes what the
 * europeana channel of the publication policy allows, less the restricted properties; contextual
 * classes take their labels only from records that channel also publishes.
 */
export class EuropeanaExport {
  private readonly judge: DocumentJudge;

  constructor(private readonly options: EuropeanaExportOptions) {
    this.judge = new DocumentJudge(options.records);
  }

  /**
   * The readiness report: each record as the public view of the europeana channel would export
   * it. Records that view withholds are listed (with that reason) only when `view` is their
   * owner's: a reader or editor of the dataset's organisation, or an admin.
   */
  report(dataset: string, view: ChannelView): ReadinessReport {
    const records: ReadinessEntry[] = [];
    const summary = this.readiness(dataset, view, (entry) => { records.push(entry); });
    return { ...summary, records };
  }

  /** The same report written to `output` as it is made (a large dataset's report is not held in memory). */
  async writeReport(dataset: string, view: ChannelView, output: Writable): Promise<void> {
    const writer = new ReportWriter(output);
    const pending: ReadinessEntry[] = [];
    let summary: Omit<ReadinessReport, 'records'> | undefined;
    // The mapping is synchronous: entries are handed over in batches, waiting for the output between them.
    const entries = this.readinessEntries(dataset, view);
    try {
      for (let next = entries.next(); ; next = entries.next()) {
        if (next.done === true) {
          summary = next.value;
          break;
        }
        pending.push(next.value);
        if (pending.length >= 200) for (const entry of pending.splice(0)) await writer.entry(entry);
        if (output.destroyed) return;
      }
    } finally {
      // Ends the read (and its snapshot) when the client went away half-way.
      entries.return(undefined as never);
    }
    for (const entry of pending) await writer.entry(entry);
    await writer.close(summary);
  }

  private readiness(dataset: string, view: ChannelView, onEntry: (entry: ReadinessEntry) => void): Omit<ReadinessReport, 'records'> {
    const entries = this.readinessEntries(dataset, view);
    for (let next = entries.next(); ; next = entries.next()) {
      if (next.done === true) return next.value;
      onEntry(next.value);
    }
  }

  /** Each record's entry, then the totals. */
  private *readinessEntries(dataset: string, view: ChannelView): Generator<ReadinessEntry, Omit<ReadinessReport, 'records'>> {
    const { dataProvider } = this.dataset(dataset);
    const published = new ChannelView(view.policies, ANONYMOUS, 'europeana', this.judge);
    const tally = new Tally();
    for (const mapped of this.map(dataset, published, { includeWithheld: view.privileged(dataset), dataProvider })) yield tally.add(entryOf(mapped));
    return {
      dataset, dataProvider, provider: this.options.provider,
      rights: view.policies.rights(dataset),
      published: view.policies.publishesAny('europeana', dataset),
      ...tally.summary(),
    };
  }

  /**
   * Writes the zip of the dataset's ready records to `output` as it maps them, in bounded memory
   * (each record is compressed as it is added, and the loop waits while the output is full). What it holds is what the public view
   * of the europeana channel publishes, whoever asks: the package goes to Europeana.
   */
  async writeZip(dataset: string, policies: PolicySnapshot, output: Writable, onEntry?: (entry: ReadinessEntry) => Promise<void> | void): Promise<ExportSummary> {
    const { dataProvider } = this.dataset(dataset);
    const view = new ChannelView(policies, ANONYMOUS, 'europeana', this.judge);
    // Each record is compressed (by Node's zlib) as it is added, and the zip writer hands the
    // bytes over at once: the output's own buffer is the only queue, and the loop waits while it is full.
    const state: { failure: Error | undefined; closed: boolean } = { failure: undefined, closed: false };
    const finished = new Promise<void>((resolve, reject) => {
      output.on('close', () => {
        state.closed = true;
        resolve();
      });
      output.on('finish', resolve);
      output.on('error', (error: Error) => {
        state.failure = error;
        reject(error);
      });
    });
    finished.catch(() => undefined);
    // The zip writer hands over headers and data in small pieces: pass them on in blocks.
    let block: Uint8Array[] = [];
    let blockBytes = 0;
    const flush = (): void => {
      if (blockBytes > 0) output.write(Buffer.concat(block, blockBytes));
      block = [];
      blockBytes = 0;
    };
    const zip = new Zip((error, chunk, final) => {
      if (error !== null) {
        state.failure = error;
        output.destroy(error);
        return;
      }
      block.push(chunk);
      blockBytes += chunk.length;
      if (blockBytes >= 64 * 1024 || final) flush();
      if (final) output.end();
    });
    const stopped = (): boolean => state.failure !== undefined || state.closed;
    const names = new Set<string>();
    const tally = new Tally();
    for (const mapped of this.map(dataset, view, { includeWithheld: false, dataProvider })) {
      // The reader went away (a client that disconnected) or the output failed: stop mapping.
      if (stopped()) break;
      const entry = tally.add(entryOf(mapped));
      await onEntry?.(entry);
      if (!entry.ready || mapped.withheld) continue;
      addDeflated(zip, entryName(mapped.iri, names), edmXml(mapped.outcome.record));
      if (output.writableNeedDrain) await drained(output);
    }
    if (state.failure !== undefined) throw state.failure;
    if (!state.closed) zip.end();
    await finished;
    const { counts, tiers, reasons } = tally.summary();
    return { exported: counts.ready, notReady: counts.notReady, tiers, reasons, counts, dataProvider };
  }

  /** The dataset's organisation's name; NotFoundError for an unknown dataset. */
  private dataset(id: string): { dataProvider: string } {
    const found = this.options.records.getDataset(id);
    if (found === undefined) throw new NotFoundError(`There is no dataset "${id}".`);
    const organisation = this.options.records.listOrganisations().find((candidate) => candidate.id === found.organisation);
    return { dataProvider: organisation?.name ?? found.organisation };
  }

  /** Each heritage object of the dataset mapped to EDM, in the order the store holds them. */
  private *map(dataset: string, view: ChannelView, { includeWithheld, dataProvider }: { includeWithheld: boolean; dataProvider: string }): Generator<Mapped> {
    const datasetRights = view.policies.rights(dataset);
    // Makers, concepts and places recur from record to record: read each once (within bounds).
    const records = this.options.records;
    const published = new PublishedLabels({
      content: (iri) => {
        const stored = records.getRecord(iri);
        return stored === undefined || stored.deleted ? undefined : stored;
      },
    }, view);
    const linked = (iri: string): string | undefined => published.content(iri);
    const snapshot: ObjectSnapshot = this.options.openObjects?.(dataset)
      ?? { records: () => this.options.records.iterateRecords(dataset, 'object'), close: () => undefined };
    try {
      for (const stored of snapshot.records()) {
        const nquads = view.content(stored);
        if (nquads === undefined) {
          if (includeWithheld) yield { iri: stored.iri, withheld: true };
          continue;
        }
        yield {
          iri: stored.iri, withheld: false,
          outcome: mapToEdm({ iri: stored.iri, nquads, datasetRights, dataProvider, provider: this.options.provider, linked }),
        };
      }
    } finally {
      snapshot.close();
    }
  }
}

/** Why a withheld record is not exported. */
const WITHHELD = 'the publication policy does not publish it on the europeana channel';

/** A mapped record as the readiness report lists it. */
function entryOf(mapped: Mapped): ReadinessEntry {
  if (mapped.withheld) {
    return { iri: mapped.iri, title: undefined, ready: false, tier: undefined, edmType: undefined, edmTypeReason: undefined, reasons: [WITHHELD] };
  }
  const { record, problems } = mapped.outcome;
  const title = record.providedCho.properties.find((property) => property.element === 'dc:title' || property.element === 'dc:description');
  return {
    iri: mapped.iri, title: title === undefined || 'resource' in title.value ? undefined : title.value.value,
    ready: problems.length === 0, reasons: problems, tier: metadataTier(record), edmType: record.type, edmTypeReason: record.typeReason,
  };
}

/** The report's counts, tiers and reasons, kept as entries pass. */
class Tally {
  private objects = 0;
  private ready = 0;
  private withheld = 0;
  private readonly tiers: Record<MetadataTier, number> = { 0: 0, A: 0, B: 0, C: 0 };
  private readonly reasons = new Map<string, number>();

  add(entry: ReadinessEntry): ReadinessEntry {
    this.objects += 1;
    if (entry.ready) {
      this.ready += 1;
      this.tiers[entry.tier?.tier ?? '0'] += 1;
    }
    if (entry.tier === undefined) this.withheld += 1;
    for (const reason of entry.reasons) this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    return entry;
  }

  summary(): Pick<ReadinessReport, 'counts' | 'tiers' | 'reasons'> {
    return {
      counts: { objects: this.objects, ready: this.ready, notReady: this.objects - this.ready - this.withheld, withheld: this.withheld },
      tiers: { ...this.tiers },
      reasons: [...this.reasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason, records]) => ({ reason, records })),
    };
  }
}

/**
 * Adds a file to the zip, deflated by Node's zlib (several times faster than a deflater in
 * JavaScript): fflate's streaming zip takes any entry that gives its size, CRC and method.
 */
function addDeflated(zip: Zip, filename: string, text: string): void {
  const data = Buffer.from(text, 'utf8');
  const entry: ZipInputFile = { filename, size: data.length, crc: crc32(data), compression: 8, mtime: new Date() };
  zip.add(entry);
  // A record is a few kilobytes: a 4 KB window compresses it as well as the default 32 KB, faster.
  entry.ondata?.(null, deflateRawSync(data, { level: 6, windowBits: 12, memLevel: 7 }), true);
}

/** A file name for the record: its IRI without the scheme, safe on every file system, unique in the zip. */
export function entryName(iri: string, taken: Set<string>): string {
  let base = iri.replace(/^[a-z]+:\/\//i, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  if (base.length > 120) base = `${base.slice(0, 100)}_${createHash('sha256').update(iri).digest('hex').slice(0, 12)}`;
  let name = `${base}.xml`;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}.xml`;
  taken.add(name);
  return name;
}
