import { z } from 'zod';
import { BadRequestError, NotFoundError } from '../domain/errors.js';
import type { IndexedList, TermHit, TermIndex } from '../ports/term-index.js';
import { dutchFirst, preferredValue, type ConceptDoc, type LanguageValue } from '../terms/concept-doc.js';
import { normalizeLabel } from '../terms/label-text.js';
import { displayName } from '../terms/term-list-metadata.js';
import { SKOS } from '../vocab/vocabularies.js';

/** The entity type every concept has; lists are types too, so a query can ask for one list. */
const CONCEPT_TYPE = { id: SKOS.Concept, name: 'Concept' } as const;
/** Candidates returned per query when the query does not say. */
const DEFAULT_LIMIT = 10;
/** A candidate this sure, and clearly ahead of the next, is a match. */
const MATCH_SCORE = 100;
/** Candidates a query may ask for; more are cut to this (the spec asks only for a positive number). */
const MAX_LIMIT = 100;
/**
 * Queries in one batch, and characters in one query: a batch is answered in one go, and the
 * server answers nothing else meanwhile. OpenRefine sends 10 at a time.
 */
export const MAX_BATCH = 200;
export const MAX_QUERY_LENGTH = 1_000;
/** Words of a cell that the fallback search (any of its words) looks for. */
const MAX_FALLBACK_WORDS = 20;
/** Candidates re-scored by property constraints, so that one with the value is found among homonyms. */
const CONSTRAINED_CANDIDATES = 500;

/** Properties a query may constrain on and data extension may fetch: id, name, and where the value comes from. */
const PROPERTIES = [
  { id: 'prefLabel', name: 'preferred label', text: (doc: ConceptDoc) => doc.prefLabel },
  { id: 'altLabel', name: 'alternative label', text: (doc: ConceptDoc) => doc.altLabel },
  { id: 'definition', name: 'definition', text: (doc: ConceptDoc) => doc.definition },
  { id: 'scopeNote', name: 'scope note', text: (doc: ConceptDoc) => doc.scopeNote },
  { id: 'notation', name: 'notation', text: (doc: ConceptDoc) => doc.notation.map((value) => ({ value, language: '' })) },
  { id: 'broader', name: 'broader concept', link: (doc: ConceptDoc) => doc.broader },
  { id: 'narrower', name: 'narrower concept', link: (doc: ConceptDoc) => doc.narrower },
  { id: 'related', name: 'related concept', link: (doc: ConceptDoc) => doc.related },
  { id: 'exactMatch', name: 'exact match', link: (doc: ConceptDoc) => doc.exactMatch },
  { id: 'closeMatch', name: 'close match', link: (doc: ConceptDoc) => doc.closeMatch },
  { id: 'broadMatch', name: 'broader match', link: (doc: ConceptDoc) => doc.broadMatch },
  { id: 'narrowMatch', name: 'narrower match', link: (doc: ConceptDoc) => doc.narrowMatch },
  { id: 'relatedMatch', name: 'related match', link: (doc: ConceptDoc) => doc.relatedMatch },
] as const;
type Property = (typeof PROPERTIES)[number];

const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.object({ id: z.string() })]);
const querySchema = z.object({
  // Required by the spec's query schema: a query without one (or a batch wrapped in {"queries": ...}) is a mistake to name.
  query: z.string({ error: (issue) => (issue.input === undefined ? 'every query needs "query", the text to match' : undefined) })
    .max(MAX_QUERY_LENGTH, `a query is at most ${MAX_QUERY_LENGTH.toLocaleString('en')} characters: it is text from one cell`),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  limit: z.coerce.number().int().min(1).transform((limit) => Math.min(limit, MAX_LIMIT)).optional(),
  type_strict: z.enum(['any', 'all', 'should']).optional(),
  properties: z.array(z.object({ pid: z.string(), v: z.union([propertyValue, z.array(propertyValue)]) })).optional(),
});
/** A batch of reconciliation queries, as W3C Reconciliation Service API 0.2 defines it. */
export const queryBatchSchema = z.record(z.string(), querySchema)
  .refine((batch) => Object.keys(batch).length <= MAX_BATCH, `a batch holds at most ${MAX_BATCH} queries; send more batches`);
export type QueryBatch = z.infer<typeof queryBatchSchema>;

const extendSchema = z.object({ ids: z.array(z.string()), properties: z.array(z.object({ id: z.string() })) });
export type ExtendQuery = z.infer<typeof extendSchema>;

export interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly score: number;
  readonly match: boolean;
  readonly type: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

/**
 * The W3C Reconciliation Service API (0.2) over the term lists, all of them or one: concepts are
 * the entities (their IRIs the identifiers), the concept type and each list are the types. Scores
 * come from the term index's ranking (100 for an exact preferred label); property constraints
 * (notation, broader, matches, labels) lower the score of candidates that do not have the value.
 */
export class ReconciliationService {
  constructor(private readonly index: TermIndex, private readonly serviceUrl: string, private readonly list?: IndexedList) {}

  manifest(): Record<string, unknown> {
    const types = this.list === undefined ? [CONCEPT_TYPE] : [listType(this.list)];
    return {
      versions: ['0.2'],
      name: this.list === undefined ? 'cultuurgraaf termennetwerk' : `cultuurgraaf: ${displayName(this.list.metadata, this.list.id)}`,
      identifierSpace: this.list === undefined ? SKOS.$base : identifierSpace(this.list, this.index),
      schemaSpace: SKOS.$base,
      defaultTypes: types,
      // Through the service, not the bare id: OpenRefine writes the link with encodeURI, which
      // would double an IRI's escapes (…/caf%25C3%25A9) and could make any IRI a link.
      view: { url: `${this.serviceUrl}/view?id={{id}}` },
      preview: { url: `${this.serviceUrl}/preview?id={{id}}`, width: 400, height: 120 },
      suggest: {
        entity: { service_url: this.serviceUrl, service_path: '/suggest/entity' },
        type: { service_url: this.serviceUrl, service_path: '/suggest/type' },
        property: { service_url: this.serviceUrl, service_path: '/suggest/property' },
      },
      extend: {
        propose_properties: { service_url: this.serviceUrl, service_path: '/extend/propose' },
        property_settings: [],
      },
    };
  }

  /** Answers a batch: one result list per query key, best candidate first. */
  reconcile(batch: unknown): Record<string, { result: Candidate[] }> {
    const parsed = queryBatchSchema.safeParse(batch);
    if (!parsed.success) throw new BadRequestError(`The queries are not a reconciliation query batch: ${issues(parsed.error)}`);
    return Object.fromEntries(Object.entries(parsed.data).map(([key, query]) => [key, { result: this.candidates(query) }]));
  }

  suggestEntities(prefix: string, cursor: number): { result: Array<{ id: string; name: string; description?: string; notable: Array<{ id: string; name: string }> }> } {
    const lists = this.listsById();
    const found = this.index.search({ query: prefix, mode: 'prefix', limit: DEFAULT_LIMIT, offset: cursor, ...this.scope() });
    return {
      result: found.hits.map((hit) => ({
        id: hit.concept.iri, name: preferredValue(hit.concept.prefLabel) ?? hit.match.label, ...description(hit.concept),
        notable: typesOf(hit, lists),
      })),
    };
  }

  suggestTypes(prefix: string): { result: Array<{ id: string; name: string }> } {
    const wanted = prefix.toLowerCase();
    const types = [CONCEPT_TYPE, ...this.allLists().map(listType)];
    return { result: types.filter((type) => type.name.toLowerCase().includes(wanted) || type.id.toLowerCase().startsWith(wanted)) };
  }

  suggestProperties(prefix: string): { result: Array<{ id: string; name: string }> } {
    const wanted = prefix.toLowerCase();
    return { result: PROPERTIES.filter((p) => p.id.toLowerCase().startsWith(wanted) || p.name.includes(wanted)).map(({ id, name }) => ({ id, name })) };
  }

  proposeProperties(type: string | undefined, limit: number | undefined): { type: string; properties: Array<{ id: string; name: string }> } {
    return { type: type ?? CONCEPT_TYPE.id, properties: PROPERTIES.slice(0, limit ?? PROPERTIES.length).map(({ id, name }) => ({ id, name })) };
  }

  /** Data extension: the values of the asked properties for each concept. */
  extend(query: unknown): { meta: Array<{ id: string; name: string; type?: { id: string; name: string } }>; rows: Record<string, Record<string, unknown[]>> } {
    const parsed = extendSchema.safeParse(query);
    if (!parsed.success) throw new BadRequestError(`The extend query is not valid: ${issues(parsed.error)}`);
    const properties = parsed.data.properties.map(({ id }) => {
      const property = PROPERTIES.find((p) => p.id === id);
      if (property === undefined) throw new BadRequestError(`There is no property "${id}"; the properties are ${PROPERTIES.map((p) => p.id).join(', ')}.`);
      return property;
    });
    // A service of one list extends only that list's concepts; others get no values, as unknown ids do.
    const docs = new Map([...this.index.concepts(parsed.data.ids)].filter(([, found]) => this.list === undefined || found.list === this.list.id));
    const linked = this.index.prefLabels([...docs.values()].flatMap(({ doc }) => properties.flatMap((p) => ('link' in p ? p.link(doc) : []))));
    const rows = Object.fromEntries(parsed.data.ids.map((id) => {
      const found = docs.get(id);
      return [id, Object.fromEntries(properties.map((property) => [property.id, found === undefined ? [] : values(property, found.doc, linked)]))];
    }));
    return {
      meta: properties.map((p) => ({ id: p.id, name: p.name, ...('link' in p ? { type: CONCEPT_TYPE } : {}) })),
      rows,
    };
  }

  /** Where the view of a candidate is: its IRI, when it is an http(s) IRI of a concept this service offers. */
  view(id: string): string {
    this.offered(id);
    if (!/^https?:\/\//i.test(id)) throw new NotFoundError(`The concept <${id}> has no page to show: its IRI is not an http(s) URL.`);
    return id;
  }

  /** The HTML card OpenRefine shows for a candidate. */
  preview(id: string): { doc: ConceptDoc; list: IndexedList | undefined } {
    const found = this.offered(id);
    return { doc: found.doc, list: this.listsById().get(found.list) };
  }

  /** The concept `id` as this service offers it (one of its list's, for a one-list service); 404 otherwise. */
  private offered(id: string): { doc: ConceptDoc; list: string } {
    const found = this.index.concepts([id]).get(id);
    if (found === undefined || (this.list !== undefined && found.list !== this.list.id)) throw new NotFoundError(`There is no concept <${id}>.`);
    return found;
  }

  private candidates(query: z.infer<typeof querySchema>): Candidate[] {
    const text = query.query;
    if (text.trim() === '') return [];
    const lists = this.listsById();
    // An empty type is none (OpenRefine sends "" for "reconcile against no particular type").
    const types = (query.type === undefined ? [] : Array.isArray(query.type) ? query.type : [query.type]).filter((type) => type !== '');
    const wantedLists = types.filter((type) => type !== CONCEPT_TYPE.id);
    const scope = wantedLists.length === 0 ? this.scope() : { lists: wantedLists };
    // A list is named by its IRI or its id, as on /reconcile.
    if (this.list !== undefined && wantedLists.some((type) => type !== this.list?.iri && type !== this.list?.id)) return [];
    const limit = query.limit ?? DEFAULT_LIMIT;
    // Property constraints can reorder candidates: rank more than asked, then cut. At least two,
    // whatever the limit: whether the first is a match depends on the one after it.
    const ranked = Math.max(limit, 2);
    const hits = this.search(text, query.properties === undefined ? ranked : Math.max(ranked * 5, CONSTRAINED_CANDIDATES), scope);
    const linked = this.index.prefLabels(hits.flatMap(({ hit }) => PROPERTIES.flatMap((p) => ('link' in p ? p.link(hit.concept) : []))));
    const scored = hits.map(({ hit, score: found }) => {
      let score = found;
      for (const constraint of query.properties ?? []) {
        const property = PROPERTIES.find((p) => p.id === constraint.pid || `${SKOS.$base}${p.id}` === constraint.pid);
        if (property === undefined) continue;
        const wanted = (Array.isArray(constraint.v) ? constraint.v : [constraint.v]).map((v) => (typeof v === 'object' ? v.id : String(v)).toLowerCase());
        const have = values(property, hit.concept, linked).flatMap((v) => ('str' in v ? [v.str] : [v.id, v.name])).map((v) => v.toLowerCase());
        if (!wanted.some((w) => have.includes(w))) score /= 2;
      }
      return { hit, score };
    }).sort((a, b) => b.score - a.score);
    return scored.slice(0, limit).map(({ hit, score }, i) => ({
      id: hit.concept.iri,
      name: preferredValue(hit.concept.prefLabel) ?? hit.match.label,
      ...description(hit.concept),
      score,
      // Sure only when exact and no other candidate is as good, nor has the cell's text as a label
      // of any kind (an alternative label, 95) unless a property constraint ruled it out.
      match: i === 0 && score >= MATCH_SCORE - 5 && hit.match.how === 'exact' && (scored[1]?.score ?? 0) < score
        && !scored.slice(1).some((other) => other.hit.match.how === 'exact' && other.score >= MATCH_SCORE - 5),
      type: typesOf(hit, lists),
    }));
  }

  /**
   * Concepts a cell names: those with a label every word of the cell starts a word of. A cell
   * says more than a label as often as not ("olieverf op doek, ingelijst", "Sint-Niklaas
   * (Oost-Vlaanderen)"): without such a concept, those with a label any of the cell's words
   * (of three letters or more) starts a word of, scored by the share of the cell's words their
   * label has. Those are never a match.
   */
  private search(text: string, limit: number, scope: { lists?: string[] }): Array<{ hit: TermHit; score: number }> {
    const found = this.index.search({ query: text, mode: 'prefix', limit, offset: 0, ...scope });
    if (found.hits.length > 0) return found.hits.map((hit) => ({ hit, score: hit.score }));
    const words = [...new Set(normalizeLabel(text).split(' ').filter((word) => word.length >= 3))].slice(0, MAX_FALLBACK_WORDS);
    if (words.length < 2) return [];
    const any = this.index.search({ query: words.map((word) => `"${word}"*`).join(' OR '), mode: 'raw', limit: limit * 5, offset: 0, ...scope });
    return any.hits.map((hit) => {
      const labelWords = normalizeLabel(hit.match.label).split(' ');
      const share = words.filter((word) => labelWords.some((w) => w.startsWith(word))).length / words.length;
      // Below the score of a label that has every word (at most 80 for a word match).
      return { hit, score: Math.round(Math.min(hit.score, 80) * share * 0.75) };
    }).sort((a, b) => b.score - a.score).slice(0, limit);
  }

  private scope(): { lists?: string[] } {
    return this.list === undefined ? {} : { lists: [this.list.id] };
  }

  private allLists(): IndexedList[] {
    return this.list === undefined ? this.index.lists() : [this.list];
  }

  private listsById(): Map<string, IndexedList> {
    return new Map(this.index.lists().map((list) => [list.id, list]));
  }
}

/**
 * Where a list's concept IRIs live: the namespace its top concepts share (up to their last `/`
 * or `#` before their own part), as a scheme's IRI need not be one (`…/term-list/materialen/materialen` over
 * `…/concept/materialen/…`). Without top concepts: for a list whose concepts were minted here
 * (`{base}id/term-list/x`), `{base}id/concept/x/`; else the list's IRI.
 */
function identifierSpace(list: IndexedList, index: TermIndex): string {
  const { iris } = index.topConcepts(list.id, 50);
  const [first, ...others] = iris;
  if (first !== undefined) {
    let shared = first;
    for (const iri of others) while (!iri.startsWith(shared)) shared = shared.slice(0, -1);
    // A shared part that is a whole IRI (one top concept) ends with its own part, even one that
    // ends in `/`, as GeoNames' do (`https://sws.geonames.org/2802361/`).
    const own = iris.includes(shared) ? shared.replace(/[/#]$/, '') : shared;
    const end = Math.max(own.lastIndexOf('/'), own.lastIndexOf('#'));
    // A namespace: the host's own slash at least (GeoNames' is `https://sws.geonames.org/`).
    const hostEnd = own.indexOf('/', own.indexOf('//') + 2);
    if (hostEnd !== -1 && end >= hostEnd) return own.slice(0, end + 1);
  }
  const minted = `/id/term-list/${list.id}`;
  return list.iri.endsWith(minted) ? `${list.iri.slice(0, -minted.length)}/id/concept/${list.id}/` : list.iri;
}

function values(property: Property, doc: ConceptDoc, linked: ReadonlyMap<string, readonly LanguageValue[]>): Array<{ str: string } | { id: string; name: string }> {
  // Each text once, Dutch (and untagged) first: OpenRefine makes rows of the values after the first.
  if ('text' in property) return [...new Set(dutchFirst(property.text(doc)).map((v) => v.value))].map((str) => ({ str }));
  // A linked concept this service holds is one of its entities; any other IRI (a match in AAT or
  // Wikidata) is text, lest OpenRefine take it for an entity of this service.
  return property.link(doc).map((iri) => {
    const labels = linked.get(iri);
    return labels === undefined ? { str: iri } : { id: iri, name: preferredValue(labels) ?? iri };
  });
}

function typesOf(hit: TermHit, lists: ReadonlyMap<string, IndexedList>): Array<{ id: string; name: string }> {
  const list = lists.get(hit.list);
  return list === undefined ? [CONCEPT_TYPE] : [CONCEPT_TYPE, listType(list)];
}

function listType(list: IndexedList): { id: string; name: string } {
  return { id: list.iri, name: displayName(list.metadata, list.id) };
}


function description(doc: ConceptDoc): { description?: string } {
  const text = preferredValue(doc.definition) ?? preferredValue(doc.scopeNote);
  return text === undefined ? {} : { description: text };
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(the whole)'}: ${i.message}`).join('; ');
}
