import { createHash } from 'node:crypto';
/**
 * Where the publication channels live, in one place: the routers serve these paths and the
 * catalogue links to them. `base` is the server's base IRI, ending in `/`.
 */

/** An LDES's root node (its view): `{base}ldes/{dataset}`. */
export function ldesViewUrl(base: string, dataset: string): string {
  return `${base}ldes/${encodeURIComponent(dataset)}`;
}

/** The event stream itself, described in its root node. */
export function ldesStreamIri(base: string, dataset: string): string {
  return `${ldesViewUrl(base, dataset)}#stream`;
}

/** The fragment holding the dataset's change-log entries after sequence number `after`. */
export function ldesFragmentUrl(base: string, dataset: string, after: number, restriction = ''): string {
  return `${ldesViewUrl(base, dataset)}?after=${after}${restriction === '' ? '' : `&restricted=${restriction}`}`;
}

/**
 * What a dataset's fragment URLs carry of its restricted properties: a closed fragment's members
 * leave out what the dataset restricts now, so a fragment of other restrictions is another
 * resource, and an immutable one stays what it was under its URL. '' when nothing is restricted.
 */
export function restrictionTag(restricted: readonly string[]): string {
  if (restricted.length === 0) return '';
  return createHash('sha256').update(`${RESTRICTION_RULES}\n${[...restricted].sort().join('\n')}`).digest('base64url').slice(0, 12);
}

/**
 * The version of what a restriction leaves out (rdf/restrict-properties.ts), part of the tag:
 * when the rules change, what the same properties leave out changes, and the fragments a cache
 * keeps as immutable must get other URLs. 2: the descriptions of other IRIs only a restricted
 * property led to, and what the subjects nothing refers to reach.
 */
const RESTRICTION_RULES = 2;

/** The member made of change-log entry `seq`: one per entry, so a policy entry's member is new to a client that saw the version before. */
export function ldesMemberIri(base: string, dataset: string, seq: number): string {
  return `${ldesViewUrl(base, dataset)}/members/${seq}`;
}

/** A dataset's N-Quads dump, gzipped. */
export function dumpUrl(base: string, dataset: string): string {
  return `${base}dumps/${encodeURIComponent(dataset)}.nq.gz`;
}

/** The DCAT-AP catalogue. */
export function catalogUrl(base: string): string {
  return `${base}catalog`;
}

/** The OAI-PMH endpoint. */
export function oaiUrl(base: string): string {
  return `${base}oai`;
}

/** A harvest of one OAI-PMH set (the provider's setSpec, src/publish/oai/oai-sets.ts) as Dublin Core. */
export function oaiSetUrl(base: string, setSpec: string): string {
  const query = new URLSearchParams({ verb: 'ListRecords', metadataPrefix: 'oai_dc', set: setSpec });
  return `${oaiUrl(base)}?${query.toString()}`;
}
