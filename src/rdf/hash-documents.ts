import type { RecordKind } from '../domain/record-kind.js';
import type { DocumentRecord } from '../ports/record-store.js';
import { reach, withoutProperties } from './restrict-properties.js';

/** Whether records of `kind` are never cut off, whatever leads to them: concepts and term lists. */
export function neverCutOff(kind: RecordKind): boolean {
  return kind === 'concept' || kind === 'term-list';
}

/**
 * The hash IRIs of the document at `document` (no fragment) that only `restricted` properties
 * lead to in `dataset`, from the document's records (`DocumentRecords.documentRecords`, a deleted own one as it last was):
 * those of the dataset, whoever may see each (a withheld person's record still says what its
 * restricted property led to). Every channel and the store judge by this, so they agree.
 *
 * Concepts and term lists are never cut off: a list's concepts (`…/kleuren#rood`) are terms in
 * their own right, which the term index publishes on their own, and a restricted `skos:narrower`
 * hides the statement, not the narrower terms.
 */
export function cutOffIn(document: string, records: readonly DocumentRecord[], dataset: string, restricted: readonly string[]): Set<string> {
  if (restricted.length === 0) return new Set();
  const parts = records.filter((record) => record.dataset === dataset);
  const own = parts.find((part) => part.iri === document);
  return cutOffHashes(
    own === undefined ? undefined : { original: own.nquads, shown: withoutProperties(own.nquads, restricted) },
    parts.filter((part) => part !== own).map((part) => ({
      iri: part.iri, original: part.nquads, shown: withoutProperties(part.nquads, restricted), root: neverCutOff(part.kind),
    })),
    `${document}#`,
  );
}

/** A part of a document: a record as stored, and as a view shows it (restricted properties left out). */
export interface DocumentPart {
  readonly iri: string;
  readonly original: string;
  readonly shown: string;
  /** A part where the document starts, whatever refers to it: never cut off. */
  readonly root?: boolean;
}

/**
 * The hash IRIs (`prefix…`) of a document that only restricted properties reach: the full
 * content of its records (`own`, the record at the document's IRI, and its hash records) reaches
 * them, and what the view shows of them no longer does. Reached is from where the document
 * starts: its own record, the hash records nothing in it refers to, and the `root` ones. A hash record only a
 * cut-off one led to is cut off with it, a cycle included; hash records only a cycle of their own
 * reaches stay, as no restriction hides them. IRIs of no live record count too (a deleted
 * `#birth` whose old versions a feed still holds).
 */
export function cutOffHashes(own: Omit<DocumentPart, 'iri'> | undefined, hashes: readonly DocumentPart[], prefix: string): Set<string> {
  const changed = (own !== undefined && own.shown !== own.original) || hashes.some((hash) => hash.shown !== hash.original);
  if (!changed) return new Set();
  const original = new Map(hashes.map((hash) => [hash.iri, hashObjects(hash.original, prefix, hash.iri)]));
  const shown = new Map(hashes.map((hash) => [hash.iri, hash.shown === hash.original ? original.get(hash.iri) ?? [] : hashObjects(hash.shown, prefix, hash.iri)]));
  const ownOriginal = own === undefined ? [] : hashObjects(own.original, prefix);
  const referred = new Set([...ownOriginal, ...[...original.values()].flat()]);
  const roots = hashes.filter((hash) => hash.root === true || !referred.has(hash.iri)).map((hash) => hash.iri);
  const before = reach([...ownOriginal, ...roots], original);
  const after = reach([...(own === undefined ? [] : own.shown === own.original ? ownOriginal : hashObjects(own.shown, prefix)), ...roots], shown);
  return new Set([...before].filter((iri) => !after.has(iri)));
}

/**
 * The hash IRIs (`prefix…`) a record's statements refer to, but `self`, read from its canonical
 * N-Quads line by line: a subject and a predicate hold no space, so the object starts after the
 * second one (a document of 80,000 hash records is judged in a tenth of the time a parser takes).
 */
function hashObjects(nquads: string, prefix: string, self?: string): string[] {
  const marker = ` <${prefix}`;
  if (!nquads.includes(marker)) return [];
  const out: string[] = [];
  let start = 0;
  while (start < nquads.length) {
    const end = nquads.indexOf('\n', start);
    const lineEnd = end === -1 ? nquads.length : end;
    const subjectEnd = nquads.indexOf(' ', start);
    const objectStart = nquads.indexOf(' ', subjectEnd + 1) + 1;
    if (subjectEnd !== -1 && objectStart > 0 && objectStart < lineEnd && nquads.startsWith(`<${prefix}`, objectStart)) {
      const iri = nquads.slice(objectStart + 1, nquads.indexOf('>', objectStart));
      if (iri !== self) out.push(iri);
    }
    start = lineEnd + 1;
  }
  return out;
}
