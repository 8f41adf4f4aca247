import { mayReadPrivate, type Principal } from '../domain/principal.js';
import type { Channel, PolicySnapshot } from '../domain/publication-policy.js';
import type { AccessStore } from '../ports/access-store.js';
import type { DocumentRecords } from '../ports/record-store.js';
import { cutOffIn, neverCutOff } from '../rdf/hash-documents.js';
import { withoutProperties } from '../rdf/restrict-properties.js';
import { documentOf } from '../domain/iri.js';

/** Documents whose cut-off hash records a view keeps, before it forgets them all. */
const KEPT_DOCUMENTS = 256;

/** A record as a channel is about to publish it. */
export interface PublishableRecord {
  readonly iri: string;
  readonly dataset: string;
  readonly nquads: string;
}

/** What of a record may be published: its content, or undefined when it may not be. */
export interface ContentView {
  content(record: PublishableRecord): string | undefined;
}

/**
 * What two channels may both publish: a record only when both publish it, and then without the
 * restricted properties of either (a channel that passes data on to another, as OAI-PMH's edm
 * format passes it on to Europeana).
 */
export function jointly(first: ContentView, second: ContentView): ContentView {
  return {
    content: (record) => {
      const once = first.content(record);
      return once === undefined ? undefined : second.content({ ...record, nquads: once });
    },
  };
}

/**
 * The one service every channel asks what it may publish: which datasets and records, and
 * what of each record. It reads the policies from the store and keeps them until any process
 * changes one (the store's policy generation moves), so a change takes effect on the next
 * request everywhere. The SPARQL index applies the same rules (`PolicySnapshot`) when it loads
 * records, since it serves the public view; see docs/access.md.
 */
export class PublicationPolicy {
  private snapshot: PolicySnapshot | undefined;
  private generation = -1;

  constructor(private readonly store: AccessStore, private readonly documents: DocumentRecords) {}

  /** What `principal` may see through `channel`, by the policies as they are now. */
  view(principal: Principal, channel: Channel): ChannelView {
    return new ChannelView(this.current(), principal, channel, this.documents);
  }

  /** The policies as they are now. */
  current(): PolicySnapshot {
    const generation = this.store.policyGeneration();
    if (this.snapshot === undefined || generation !== this.generation) {
      this.snapshot = this.store.policySnapshot();
      this.generation = generation;
    }
    return this.snapshot;
  }
}

/**
 * One principal's view of one channel, for the length of a request. It reads the documents of
 * hash records from `documents` as it goes, and keeps what it found for a few of them: a view
 * kept longer would not see their changes.
 */
export class ChannelView implements ContentView {
  /**
   * The documents judged so far, by dataset and document IRI: their concepts and term lists, never
   * cut off, and their cut-off hash IRIs once a record of another kind was asked about.
   */
  private readonly cutOffs = new Map<string, { readonly roots: ReadonlySet<string>; cut: ReadonlySet<string> | undefined }>();

  constructor(readonly policies: PolicySnapshot, readonly principal: Principal, readonly channel: Channel, private readonly documents: DocumentRecords) {}

  /** Whether the principal sees the dataset's data as its owner does (unpublished records and restricted properties). */
  privileged(dataset: string): boolean {
    const organisation = this.policies.organisation(dataset);
    return organisation !== undefined && mayReadPrivate(this.principal, { id: dataset, organisation });
  }

  /** Whether the record (or, without an IRI, the dataset as a whole) may be shown. */
  sees(dataset: string, iri?: string): boolean {
    return this.policies.publishes(this.channel, dataset, iri) || this.privileged(dataset);
  }

  /** Whether any record of the dataset may be shown: what lists of datasets and term lists show. */
  seesAny(dataset: string): boolean {
    return this.policies.publishesAny(this.channel, dataset) || this.privileged(dataset);
  }

  /** The properties to leave out of the dataset's records for this principal. */
  restricted(dataset: string): readonly string[] {
    return this.privileged(dataset) ? [] : this.policies.restricted(dataset);
  }

  /**
   * The record's content as this channel may publish it to this principal; undefined when it may
   * not. A hash record (`person#birth`) counts as part of its document's: when only a restricted
   * property of the document led to it, it is not published either (see `cutOff`).
   */
  content(record: PublishableRecord): string | undefined {
    if (!this.sees(record.dataset, record.iri)) return undefined;
    if (this.cutOff(record.iri, record.dataset)) return undefined;
    return withoutProperties(record.nquads, this.restricted(record.dataset));
  }

  /**
   * Whether `iri` is a hash IRI that only restricted properties of its document (the records of
   * the same dataset at its IRI without the fragment, and at the document's other hash IRIs) lead
   * to, as `cutOffIn` judges them, from the documents' records as they are now.
   */
  cutOff(iri: string, dataset: string): boolean {
    const document = documentOf(iri);
    const restricted = this.restricted(dataset);
    if (document === undefined || restricted.length === 0) return false;
    const key = `${dataset} ${document}`;
    let judged = this.cutOffs.get(key);
    if (judged === undefined) {
      // A term list's concepts are asked about one by one: judging the whole list for each would cost as much as reading it.
      const records = this.documents.documentRecords(document);
      const roots = new Set(records.filter((record) => record.dataset === dataset && record.iri !== document && neverCutOff(record.kind)).map((record) => record.iri));
      judged = { roots, cut: roots.has(iri) ? undefined : cutOffIn(document, records, dataset, restricted) };
      if (this.cutOffs.size >= KEPT_DOCUMENTS) this.cutOffs.clear();
      this.cutOffs.set(key, judged);
    }
    if (judged.roots.has(iri)) return false;
    judged.cut ??= cutOffIn(document, this.documents.documentRecords(document), dataset, restricted);
    return judged.cut.has(iri);
  }
}
