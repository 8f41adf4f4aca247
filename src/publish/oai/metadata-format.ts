import type { Text } from '../../rdf/record-graph.js';
import type { Channel } from '../../domain/publication-policy.js';
import type { RecordKind } from '../../domain/record-kind.js';
import type { HarvestDataset } from '../../ports/harvest-feed.js';
import { METADATA_PREFIX } from './oai-request.js';

/** A literal's text and language tag ('' when it has none). */
export type Label = Text;

/** Labels of records a record links to, read from those records as the channel publishes them. */
export interface LinkedLabels {
  /** The labels of the record with this IRI; empty when there is no such record or the channel does not publish it. */
  labels(iri: string): readonly Label[];
  /** The record's content as the channel publishes it (restricted properties left out); undefined when it does not. */
  content(iri: string): string | undefined;
}

/** A live record as the `oai` channel publishes it: what a metadata format renders. */
export interface OaiRecord {
  readonly iri: string;
  readonly kind: RecordKind;
  readonly dataset: HarvestDataset;
  /** Canonical N-Quads (the record's graph), restricted properties already left out. */
  readonly nquads: string;
  readonly linked: LinkedLabels;
}

/**
 * A metadata format the provider disseminates (section 3.4). Formats are data: the provider
 * lists, checks and renders whatever the registry holds.
 */
export interface MetadataFormat {
  readonly prefix: string;
  /** The URL of the XML schema the metadata validates against. */
  readonly schema: string;
  /** The XML namespace of the metadata's root element. */
  readonly namespace: string;
  /**
   * The metadata part's one element (no XML declaration), with `xmlns:xsi` and an
   * `xsi:schemaLocation` naming `schema`; undefined when the format cannot disseminate the
   * record. Never throws for a record it cannot take.
   */
  render(record: OaiRecord): string | undefined;
  /** Whether `render` gives metadata for the record, answered without rendering; without it, ListIdentifiers renders to find out. */
  disseminates?(record: OaiRecord): boolean;
  /** The only kinds of record the format can disseminate, so lists select them in SQL; undefined for any kind. */
  readonly kinds?: readonly RecordKind[];
  /**
   * A channel the format passes records on to (the edm format: `europeana`). It must publish a
   * record too, or the record is withdrawn in this format; its restrictions apply to the record
   * and to the labels of the records it links to.
   */
  readonly channel?: Channel;
}

/** The formats the provider serves, by prefix, in the order they were added. */
export class MetadataFormats {
  private readonly byPrefix = new Map<string, MetadataFormat>();

  constructor(formats: Iterable<MetadataFormat> = []) {
    for (const format of formats) this.add(format);
  }

  /** Adds a format; a prefix that is taken or not a valid metadataPrefix is a programming error. */
  add(format: MetadataFormat): this {
    if (!METADATA_PREFIX.test(format.prefix)) throw new Error(`"${format.prefix}" is not a valid metadataPrefix.`);
    if (this.byPrefix.has(format.prefix)) throw new Error(`The metadata format ${format.prefix} is registered twice.`);
    this.byPrefix.set(format.prefix, format);
    return this;
  }

  get(prefix: string): MetadataFormat | undefined {
    return this.byPrefix.get(prefix);
  }

  all(): MetadataFormat[] {
    return [...this.byPrefix.values()];
  }

  /** Whether `format` can disseminate the record, by its own cheap test or else by rendering it. */
  static disseminates(format: MetadataFormat, record: OaiRecord): boolean {
    return format.disseminates === undefined ? format.render(record) !== undefined : format.disseminates(record);
  }
}
