import { z } from 'zod';
import { describeIssues } from './schema-issues.js';
import { BadRequestError } from './errors.js';
import { COMMON_RIGHTS, lookupRights } from './rights-statements.js';

/** The channels data leaves the server through. Each asks the PublicationPolicy service. */
export const CHANNELS = ['sparql', 'graphql', 'linked-data', 'oai', 'europeana', 'ldes', 'dumps'] as const;
export type Channel = typeof CHANNELS[number];

/** How a new dataset starts: `open` publishes on every channel but europeana; `private` on none. */
export const DEFAULT_POLICIES = ['open', 'private'] as const;
export type DefaultPolicy = typeof DEFAULT_POLICIES[number];

/** A dataset's publication policy. */
export interface DatasetPolicy {
  readonly channels: readonly Channel[];
  /** A rightsstatements.org or Creative Commons IRI; undefined when none was set. */
  readonly rights: string | undefined;
  /** Properties that never leave through public channels (a reader of the dataset's organisation still sees them). */
  readonly restrictedProperties: readonly string[];
}

/** A record's own channels, replacing its dataset's. */
export interface RecordPolicy {
  readonly channels: readonly Channel[];
}

export function initialPolicy(kind: DefaultPolicy): DatasetPolicy {
  return {
    channels: kind === 'open' ? CHANNELS.filter((channel) => channel !== 'europeana') : [],
    rights: undefined,
    restrictedProperties: [],
  };
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;

const policyBody = z.object({
  channels: z.array(z.string()),
  rights: z.string().nullable().optional(),
  restrictedProperties: z.array(z.string()).optional(),
}).strict();

const recordPolicyBody = z.object({ channels: z.array(z.string()) }).strict();

/** How a policy's fields are named to whoever gives them: JSON fields over HTTP, options on the command line. */
export interface PolicyFieldNames {
  readonly rights: string;
  readonly restrictedProperties: string;
}

const JSON_FIELDS: PolicyFieldNames = { rights: 'rights', restrictedProperties: 'restrictedProperties' };

/**
 * Reads a policy document (`{channels, rights?, restrictedProperties?}`), naming every problem,
 * each under the field's name in `names`: an unknown channel, a rights IRI that is no real
 * statement or licence (with the list of valid ones), a property that is no IRI, or the europeana
 * channel without a statement Europeana accepts.
 */
export function parsePolicy(value: unknown, names: PolicyFieldNames = JSON_FIELDS): DatasetPolicy {
  const parsed = policyBody.safeParse(value);
  if (!parsed.success) throw new BadRequestError(`The policy is not valid: ${describeIssues(parsed.error)}. Expected {"channels": [...], "rights": IRI, "restrictedProperties": [IRI, ...]}.`);
  const channels = checkChannels(parsed.data.channels);
  const rights = parsed.data.rights ?? undefined;
  if (rights !== undefined) {
    const found = lookupRights(rights);
    if ('problem' in found) {
      throw new BadRequestError(`${names.rights}: ${found.problem} Valid statements include: ${COMMON_RIGHTS.join(', ')} (and the other Creative Commons versions and ports).`, {
        validRights: COMMON_RIGHTS,
      });
    }
    if (channels.includes('europeana') && !found.statement.europeana) {
      throw new BadRequestError(`${names.rights}: Europeana does not accept ${rights}; choose another statement or leave out the europeana channel.`);
    }
  } else if (channels.includes('europeana')) {
    throw new BadRequestError(`The europeana channel needs a rights statement: set ${names.rights} to a rightsstatements.org or Creative Commons IRI.`, {
      validRights: COMMON_RIGHTS,
    });
  }
  const restrictedProperties = [...new Set(parsed.data.restrictedProperties ?? [])];
  const notIri = restrictedProperties.filter((property) => !IRI.test(property));
  if (notIri.length > 0) throw new BadRequestError(`${names.restrictedProperties} must be absolute IRIs; not: ${notIri.map((p) => JSON.stringify(p)).join(', ')}.`);
  return { channels, rights, restrictedProperties };
}

export function parseRecordPolicy(value: unknown): RecordPolicy {
  const parsed = recordPolicyBody.safeParse(value);
  if (!parsed.success) throw new BadRequestError(`The record policy is not valid: ${describeIssues(parsed.error)}. Expected {"channels": [...]}.`);
  return { channels: checkChannels(parsed.data.channels) };
}

/** Channel names from a comma-separated list or an array, checked. */
export function checkChannels(values: readonly string[]): Channel[] {
  const unknown = values.filter((value) => !isChannel(value));
  if (unknown.length > 0) {
    throw new BadRequestError(`Unknown channel${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => JSON.stringify(c)).join(', ')}; the channels are ${CHANNELS.join(', ')}.`);
  }
  // In the canonical order, each once.
  return CHANNELS.filter((channel) => values.includes(channel));
}

const SCHEMA_ORG = /^https?:\/\/schema\.org\//;

export function withSchemaOrgTwins(properties: readonly string[]): readonly string[] {
  const twins = properties.flatMap((property) => (SCHEMA_ORG.test(property)
    ? [property.replace(SCHEMA_ORG, property.startsWith('https:') ? 'http://schema.org/' : 'https://schema.org/')]
    : []));
  return twins.length === 0 ? properties : [...new Set([...properties, ...twins])];
}


/**
 * What of a dataset's records a channel may publish, and what of each record: the view every
 * channel serves. Pure; the PublicationPolicy service and the SPARQL index's workers build one
 * from the store.
 */
export class PolicySnapshot {
  /** Each dataset's restricted properties with their schema.org twins (see `restricted`). */
  private readonly restrictedByDataset = new Map<string, readonly string[]>();

  constructor(
    private readonly datasets: ReadonlyMap<string, DatasetPolicy & { readonly organisation: string }>,
    private readonly records: ReadonlyMap<string, RecordPolicy & { readonly dataset: string }>,
  ) {
    for (const [dataset, policy] of datasets) this.restrictedByDataset.set(dataset, withSchemaOrgTwins(policy.restrictedProperties));
  }

  organisation(dataset: string): string | undefined {
    return this.datasets.get(dataset)?.organisation;
  }

  /** Every dataset's id. */
  datasetIds(): string[] {
    return [...this.datasets.keys()];
  }

  /** Every record with channels of its own, with its dataset. */
  recordPolicies(): Array<{ iri: string; dataset: string; channels: readonly Channel[] }> {
    return [...this.records].map(([iri, own]) => ({ iri, dataset: own.dataset, channels: own.channels }));
  }

  /** The channels that may publish the record: its own if it has them, else its dataset's. */
  channels(dataset: string, iri?: string): readonly Channel[] {
    // A record's own channels were set in its dataset; they say nothing of an IRI in another.
    const own = iri === undefined ? undefined : this.records.get(iri);
    return (own?.dataset === dataset ? own.channels : undefined) ?? this.datasets.get(dataset)?.channels ?? [];
  }

  /** Whether `channel` may publish the record (its own channels if it has them, else its dataset's). */
  publishes(channel: Channel, dataset: string, iri?: string): boolean {
    return this.channels(dataset, iri).includes(channel);
  }

  /** Whether `channel` may publish any record of the dataset: its own channels, or a record's. */
  publishesAny(channel: Channel, dataset: string): boolean {
    if (this.publishes(channel, dataset)) return true;
    for (const own of this.records.values()) {
      if (own.dataset === dataset && own.channels.includes(channel)) return true;
    }
    return false;
  }

  /**
   * The properties that never leave the dataset through public channels. A schema.org property
   * counts under both its IRIs: data uses `http://schema.org/` and `https://schema.org/` alike
   * (schema.org treats them as one), and restricting `https://schema.org/birthDate` must not
   * leave a birth date stated with `http://schema.org/birthDate` published.
   */
  restricted(dataset: string): readonly string[] {
    return this.restrictedByDataset.get(dataset) ?? [];
  }

  /** The dataset's rights statement; undefined when its policy has none. */
  rights(dataset: string): string | undefined {
    return this.datasets.get(dataset)?.rights;
  }
}
