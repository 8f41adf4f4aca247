import type { PublicationPolicy } from '../access/publication-policy.js';
import type { RecordStore } from '../ports/record-store.js';
import type { VersionFeed } from '../ports/version-feed.js';

/** What the LDES, dump and catalogue routers read. */
export interface PublicationOptions {
  readonly records: RecordStore;
  readonly feed: VersionFeed;
  readonly policy: PublicationPolicy;
  /** The server's base IRI, ending in `/`. */
  readonly baseIri: string;
}
