import type { ChannelView } from '../access/publication-policy.js';
import type { StoredRecord } from '../domain/record.js';
import type { RecordStore } from '../ports/record-store.js';

/** What records say of an IRI that is no record of its own: their statements (N-Triples), and which records. */
export interface Described {
  readonly ntriples: string;
  readonly records: readonly string[];
}

/**
 * The document at an IRI under the base, as one principal sees it through linked data: its own
 * record, or what other records say of it, and its hash resources (`iri#rood`), which a client
 * asks for by `iri` (it keeps the fragment to itself). Records carry the content the view shows.
 */
export interface LinkedDataDocument {
  /** The IRI in the form its records have it (see `uriForms`). */
  readonly iri: string;
  readonly record?: StoredRecord;
  /** Only when the IRI has no record of its own. */
  readonly described?: Described;
  /** The live records of its hash resources, in IRI order. */
  readonly hashes: readonly StoredRecord[];
}

export interface DocumentSources {
  readonly records: RecordStore;
  /**
   * Statements about an IRI that is no record but is described inside records (a concept or place
   * a mapping minted in an object's record), by the graph (record) that holds them, from the
   * SPARQL index: N-Triples per record IRI. Without it, such an IRI answers 404.
   */
  readonly describe?: (iri: string) => Promise<ReadonlyMap<string, string>>;
}

/**
 * The document at `iri` as `view` shows it; `gone` when what the view would show of it was
 * deleted; undefined when there is none. A record the view does not show counts as none, so an
 * unpublished record's existence is not published either.
 */
export async function findDocument(iri: string, sources: DocumentSources, view: ChannelView): Promise<LinkedDataDocument | 'gone' | undefined> {
  const shown = (record: StoredRecord): boolean => view.sees(record.dataset, record.iri);
  const forms = uriForms(iri);
  for (const form of forms) {
    // A record's own policy is kept under its own IRI, not under the form asked for.
    const stored = sources.records.getRecord(form);
    const shownRecord = stored !== undefined && shown(stored) ? stored : undefined;
    const shownHashes = sources.records.hashRecords(form).filter(shown);
    if (shownRecord === undefined && shownHashes.length === 0) continue;
    const record = shownRecord?.deleted === false ? shownContent(shownRecord, view) : undefined;
    const hashes = shownHashes.filter((hash) => !hash.deleted).map((hash) => shownContent(hash, view));
    const described = shownRecord === undefined ? await describedInRecords(form, sources, view) : undefined;
    if (record === undefined && hashes.length === 0 && described === undefined) return 'gone';
    return { iri: form, ...(record === undefined ? {} : { record }), ...(described === undefined ? {} : { described }), hashes };
  }
  for (const form of forms) {
    const described = await describedInRecords(form, sources, view);
    if (described !== undefined) return { iri: form, described, hashes: [] };
  }
  return undefined;
}

/**
 * The forms a record's IRI may have of the one asked for, in the order looked for: as asked; with
 * its escapes in upper case, as minted ones are (ENCODE_FOR_URI writes them so), since escapes in
 * lower case are the same URI (RFC 3986, 6.2.2.1); and the IRI of a browser's URI form (…/caf%C3%A9
 * for …/café).
 */
export function uriForms(iri: string): string[] {
  return iri.includes('%') ? [...new Set([iri, upperEscapes(iri), iriOfUri(iri)])] : [iri];
}

/**
 * The IRI a URI stands for (RFC 3987, 3.2): percent-encoded UTF-8 of characters beyond ASCII
 * decoded, every other escape (`%2F`, `%20`) kept.
 */
function iriOfUri(uri: string): string {
  return uri.replace(/(?:%[89A-Fa-f][0-9A-Fa-f])+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}

/** Percent-escapes in upper case, as every URI producer should write them (RFC 3986, 2.1). */
function upperEscapes(uri: string): string {
  return uri.replace(/%[0-9a-fA-F]{2}/g, (escape) => escape.toUpperCase());
}

/** The record with the content the view shows of it (restricted properties left out). */
function shownContent(record: StoredRecord, view: ChannelView): StoredRecord {
  const nquads = view.content(record) ?? '';
  return nquads === record.nquads ? record : { ...record, nquads };
}

/** What the records this view shows say about `iri`, and which records; undefined when none do. */
async function describedInRecords(iri: string, sources: DocumentSources, view: ChannelView): Promise<Described | undefined> {
  if (!/^[^\s<>"{}|^`\\]+$/u.test(iri) || sources.describe === undefined) return undefined;
  const byRecord = await sources.describe(iri);
  const records: string[] = [];
  let ntriples = '';
  for (const [record, statements] of byRecord) {
    const stored = sources.records.getRecord(record);
    if (stored === undefined || stored.deleted || !view.sees(stored.dataset, record)) continue;
    records.push(record);
    ntriples += statements;
  }
  return records.length === 0 ? undefined : { ntriples, records };
}
