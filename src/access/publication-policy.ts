import { mayReadPrivate, type Principal } from '../domain/principal.js';
import type { Channel, PolicySnapshot } from '../domain/publication-policy.js';
import type { AccessStore } from '../ports/access-store.js';
import type { DocumentRecords } from '../ports/record-store.js';
import { withoutProperties } from '../rdf/restrict-properties.js';
import { DocumentJudge } from './document-judge.js';

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

  private readonly judge: DocumentJudge;

  constructor(private readonly store: AccessStore, documents: DocumentRecords) {
    this.judge = new DocumentJudge(documents);
  }

  /** What `principal` may see through `channel`, by the policies as they are now. */
  view(principal: Principal, channel: Channel): ChannelView {
    return new ChannelView(this.current(), principal, channel, this.judge);
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
 * One principal's view of one channel, for the length of a request. Hash records are judged as
 * part of their documents by `judge`, which the views of a server share.
 */
export class ChannelView implements ContentView {
  constructor(readonly policies: PolicySnapshot, readonly principal: Principal, readonly channel: Channel, private readonly judge: DocumentJudge) {}

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
    const restricted = this.restricted(record.dataset);
    if (this.judge.cutOff(record.iri, record.dataset, restricted)) return undefined;
    return withoutProperties(record.nquads, restricted);
  }

  /**
   * Whether `iri` is a hash IRI that only restricted properties of its document (the records of
   * the same dataset at its IRI without the fragment, and at the document's other hash IRIs) lead
   * to, as `cutOffIn` judges them, from the documents' records as they are now (`DocumentJudge`).
   */
  cutOff(iri: string, dataset: string): boolean {
    return this.judge.cutOff(iri, dataset, this.restricted(dataset));
  }
}
