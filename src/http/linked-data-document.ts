import oxigraph from 'oxigraph';
import { Parser, Writer, type Quad } from 'n3';
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
 * The document at `iri` as `view` shows it, from records: its own, or its hash resources'; `gone`
 * when what the view would show of it was deleted; undefined when there is none. A record the
 * view does not show counts as none, so an unpublished record's existence is not published
 * either. Then `describedDocument` looks for what other records say of it.
 *
 * The hash resources are those of the IRI's own dataset when it has a record (another
 * organisation's `…#x` never speaks in this document), and each gives only what it says about
 * itself (and its blank nodes). One that only a property the view restricts led to is left out
 * with that property (a birth event under a restricted `heeftGeboorte`).
 */
export function findDocument(iri: string, records: RecordStore, view: ChannelView): LinkedDataDocument | 'gone' | undefined {
  for (const form of uriForms(iri)) {
    // A record's own policy is kept under its own IRI, not under the form asked for.
    const stored = records.getRecord(form);
    const own = stored !== undefined && view.sees(stored.dataset, stored.iri) ? stored : undefined;
    // Which hash resources there are and whose, before any is read: the view decides, not the time taken.
    const refs = records.hashRecordRefs(form).filter((ref) => view.sees(ref.dataset, ref.iri) && (own === undefined || ref.dataset === own.dataset));
    if (own === undefined && refs.length === 0) continue;
    const record = own?.deleted === false ? shownContent(own, view) : undefined;
    // A hash resource only a property the view restricts led to goes with it (ChannelView.cutOff).
    const hashes = refs.filter((ref) => !ref.deleted && !view.cutOff(ref.iri, ref.dataset)).flatMap((ref) => {
      const hash = records.getRecord(ref.iri);
      return hash === undefined ? [] : [aboutItself(shownContent(hash, view))];
    });
    if (record === undefined && hashes.length === 0 && own !== undefined && own.deleted) return 'gone';
    if (record === undefined && hashes.length === 0) return refs.length > 0 && refs.every((ref) => ref.deleted) ? 'gone' : undefined;
    return { iri: form, ...(record === undefined ? {} : { record }), hashes };
  }
  return undefined;
}

/** What the records the view shows say about `iri` (an IRI no record of its own is): undefined when none do. */
export async function describedDocument(iri: string, sources: DocumentSources, view: ChannelView): Promise<LinkedDataDocument | undefined> {
  for (const form of uriForms(iri)) {
    const described = await describedInRecords(form, sources, view);
    if (described !== undefined) return { iri: form, described, hashes: [] };
  }
  return undefined;
}

/**
 * A hash record with only what it says about itself, and about the blank nodes that reaches:
 * a record is named by its subject, and statements of it about other subjects (another
 * organisation's record among them) do not belong in the document of this IRI.
 */
function aboutItself(record: StoredRecord): StoredRecord {
  const quads = new Parser({ format: 'N-Quads' }).parse(record.nquads);
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value;
    const own = bySubject.get(key);
    if (own === undefined) bySubject.set(key, [q]);
    else own.push(q);
  }
  const kept: Quad[] = [];
  const queue = [record.iri];
  const seen = new Set(queue);
  while (queue.length > 0) {
    for (const q of bySubject.get(queue.pop() ?? '') ?? []) {
      kept.push(q);
      const key = q.object.termType === 'BlankNode' ? `_:${q.object.value}` : undefined;
      if (key !== undefined && !seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    }
  }
  if (kept.length === quads.length) return record;
  return { ...record, nquads: new Writer({ format: 'N-Quads' }).quadsToString(kept) };
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
  if (!isIri(iri) || sources.describe === undefined) return undefined;
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

/** Whether `text` is an IRI SPARQL takes (RFC 3987 as oxigraph checks it): `?a=%ZZ` is none, and no record's. */
function isIri(text: string): boolean {
  try {
    oxigraph.namedNode(text);
    return true;
  } catch {
    return false;
  }
}
