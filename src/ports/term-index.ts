import type { ChangedRecord } from './record-store.js';
import type { ConceptDoc, LanguageValue } from '../terms/concept-doc.js';
import type { TermListMetadata } from '../terms/term-list-metadata.js';

/** How a query is matched against labels. */
export type SearchMode =
  /** Every word of the query starts a word of the label (`sint nik` finds `Sint-Niklaas`). */
  | 'prefix'
  /** The query occurs anywhere in the label (`mail` finds `émail`). */
  | 'substring'
  /** The query is an SQLite FTS5 expression over the words of labels (`brons OR koper`, `"sint niklaas"`, `kop*`). */
  | 'raw';

export interface TermSearch {
  readonly query: string;
  readonly mode: SearchMode;
  /** Lists to search, by id or IRI; all when absent. */
  readonly lists?: readonly string[];
  /** Only lists about one of these topics (keys or IRIs). */
  readonly topics?: readonly string[];
  /** Only labels in these languages (untagged and `mul` labels always count); also the order of preference. */
  readonly languages?: readonly string[];
  readonly limit: number;
  readonly offset: number;
  /** What the search leaves out (a publication policy view's), counted out of the total too. */
  readonly exclude?: SearchExclusions;
}

/** Concepts and labels a search must not find: by dataset, by concept, and by label kind per dataset. */
export interface SearchExclusions {
  /** Datasets whose concepts are left out ... */
  readonly datasets: readonly string[];
  /** ... except these concepts (IRIs) of them. */
  readonly exceptConcepts: readonly string[];
  /** Concepts (IRIs) left out although their dataset is not. */
  readonly concepts: readonly string[];
  /** Labels of a kind in a dataset that do not match: `{dataset}:{kind}`, kind 0 prefLabel, 1 altLabel, 2 hiddenLabel. */
  readonly labelKinds: readonly string[];
}

/** The fields a concept can be looked up by: values that name one concept, not words of a label. */
export type LookupField = 'notation' | 'exactMatch';

/** Concepts by a value of theirs: a notation, or the IRI of a concept they are an exact match of. */
export interface TermLookup {
  readonly field: LookupField;
  /** The values to look for, any of them; compared without regard to case. */
  readonly values: readonly string[];
  /** Lists to look in, by id or IRI; all when absent. */
  readonly lists?: readonly string[];
  readonly limit: number;
  /** Concepts left out (their label kinds do not count here). */
  readonly exclude?: SearchExclusions;
}

/** Which label matched, and how well. */
export interface TermHit {
  readonly concept: ConceptDoc;
  /** The list's id. */
  readonly list: string;
  /** Higher is better; 0–100. */
  readonly score: number;
  readonly match: { readonly label: string; readonly language: string; readonly kind: 'prefLabel' | 'altLabel' | 'hiddenLabel'; readonly how: 'exact' | 'prefix' | 'word' | 'substring' };
}

export interface TermSearchResult {
  /** Concepts that match, over all pages. */
  readonly total: number;
  readonly hits: readonly TermHit[];
}

/** A term list as the index knows it. */
export interface IndexedList {
  readonly id: string;
  readonly iri: string;
  readonly metadata: TermListMetadata;
  readonly concepts: number;
}

/**
 * The term search index: the concepts and term lists of the record store, searchable by label.
 * Contract: it is a projection of the change log (`apply` takes changed records in log order,
 * `seq` says how far it got) and can be rebuilt from it; searches see whole applied batches;
 * ranking is exact before prefix before word before substring, prefLabel before altLabel before
 * hiddenLabel, then the order of `languages`.
 */
export interface TermIndex {
  /** Throws InvalidInputError when a raw query is not a valid expression. */
  search(request: TermSearch): TermSearchResult;
  /**
   * Concepts with one of `values` in `field`, at most `limit`, in the order the index took them
   * in, less those `exclude` leaves out; documents as `concepts` gives them.
   */
  lookup(request: TermLookup): Array<{ readonly doc: ConceptDoc; readonly list: string }>;
  /** Concepts by IRI, with `narrower` completed from the concepts that name them as broader; unknown IRIs are left out. */
  concepts(iris: readonly string[]): Map<string, { readonly doc: ConceptDoc; readonly list: string }>;
  /** The preferred labels of concepts, by IRI; unknown IRIs are left out. */
  prefLabels(iris: readonly string[]): Map<string, readonly LanguageValue[]>;
  /** The concepts of a list with no broader concept (its hierarchy's top), at most `limit`, and how many there are. */
  topConcepts(list: string, limit: number): { readonly iris: string[]; readonly total: number };
  lists(): IndexedList[];
  /** The last change-log entry applied. */
  seq(): number;
  /** Applies changed records of the kinds `concept` and `term-list`, in one transaction, and records `seq`. */
  apply(records: readonly ChangedRecord[], seq: number): void;
  /**
   * Runs `work` (calls of `apply`) as a bulk build into an emptied index, in which each record
   * comes at most once (the live records of one snapshot): the search structures are built once
   * at the end instead of record by record. A build interrupted half-way is completed when the index
   * is next opened; searches during the build may miss what it applied.
   */
  bulk<T>(work: () => T): T;
  close(): void;
}
