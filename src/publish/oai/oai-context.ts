import type { ChannelView, ContentView } from '../../access/publication-policy.js';
import type { HarvestFeed, HarvestVisibility } from '../../ports/harvest-feed.js';
import type { DatasetDirectory } from './dataset-directory.js';
import type { Clock } from '../../ports/clock.js';
import type { MetadataFormat, MetadataFormats } from './metadata-format.js';
import type { OaiError } from './oai-error.js';
import type { OaiArguments } from './oai-request.js';
import type { ResumptionTokens } from './resumption-token.js';

/** What Identify says of the repository. */
export interface RepositoryDescription {
  readonly name: string;
  /** `{base IRI}oai`: the base URL of every request. */
  readonly baseUrl: string;
  readonly adminEmail: string;
}

/** Everything a verb needs to answer one request, for one principal. */
export interface OaiContext {
  readonly feed: HarvestFeed;
  readonly view: ChannelView;
  /** What a format may disseminate: the `oai` channel's view, joined with the format's own channel's. */
  readonly viewFor: (format: MetadataFormat) => ContentView;
  /** Who asks (an audit actor): resumption tokens are bound to it. */
  readonly viewer: string;
  readonly visibility: HarvestVisibility;
  readonly datasets: DatasetDirectory;
  readonly formats: MetadataFormats;
  readonly tokens: ResumptionTokens;
  readonly repository: RepositoryDescription;
  readonly clock: Clock;
  /** Records or headers per response of a list request. */
  readonly pageSize: number;
}

/** Where a verb writes its element, chunk by chunk; waits while the client reads slower than the repository writes. */
export interface XmlSink {
  write(xml: string): Promise<void>;
}

/**
 * A verb's answer: errors, or a writer of the verb's element (the envelope is the caller's).
 * Whether a request is an error is settled before anything is written.
 */
export type VerbOutcome =
  | { readonly errors: readonly OaiError[] }
  | { readonly write: (out: XmlSink) => Promise<void> };

export type VerbHandler = (args: OaiArguments, context: OaiContext) => VerbOutcome;
