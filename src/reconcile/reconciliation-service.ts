import { z } from 'zod';
import { describeIssues } from '../domain/schema-issues.js';
import { BadRequestError, NotFoundError } from '../domain/errors.js';
import type { IndexedList, LookupField, TermHit, TermIndex } from '../ports/term-index.js';
import { definitionOf, dutchFirst, preferredValue, type ConceptDoc, type LanguageValue } from '../terms/concept-doc.js';
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
/**
 * Candidates re-scored by property constraints, so that one with the value is found among
 * homonyms; and candidates a query without text finds by each of its values.
 */
const CONSTRAINED_CANDIDATES = 500;
/**
 * Properties whose value names one concept (SKOS: a notation identifies a concept in its scheme,
 * an exact match says two concepts can be used interchangeably), so that a query of a
 * notation or an IRI alone finds concepts by them. The others only narrow candidates down.
 */
const IDENTIFYING: readonly LookupField[] = ['notation', 'exactMatch'];
/** A concept found by a notation or exact match of a query, but not by its text. */
const UNNAMED_SCORE = 60;

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
  query: z.string().max(MAX_QUERY_LENGTH, `a query is at most ${MAX_QUERY_LENGTH.toLocaleString('en')} characters: it is text from one cell`).optional(),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  limit: z.coerce.number().int().min(1).transform((limit) => Math.min(limit, MAX_LIMIT)).optional(),
  type_strict: z.enum(['any', 'all', 'should']).optional(),
  properties: z.array(z.object({ pid: z.string(), v: z.union([propertyValue, z.array(propertyValue)]) })).optional(),
}).superRefine((query, context) => {
  if (query.query !== undefined) return;
  // The spec asks for "query" or "properties" (at least one); a query with neither (or a batch
  // wrapped in {"queries": ...}) is a mistake to name, and so are properties that find nothing.
  if (query.properties === undefined || query.properties.length === 0) {
    context.addIssue({ code: 'custom', path: ['query'], message: 'every query needs "query", the text to match, or "properties" to find concepts by' });
  } else if (!query.properties.some(({ pid }) => IDENTIFYING.some((id) => id === propertyOf(pid)?.id))) {
    context.addIssue({
      code: 'custom', path: ['properties'],
      message: `without "query", a query needs a property that identifies a concept, ${IDENTIFYING.join(' or ')}; it has ${query.properties.map(({ pid }) => `"${pid}"`).join(', ')}`,
    });
  }
});
/** A batch of reconciliation queries, as W3C Reconciliation Service API 0.2 defines it. */
export const queryBatchSchema = z.record(z.string(), querySchema)
  .refine((batch) => Object.keys(batch).length <= MAX_BATCH, `a batch holds at most ${MAX_BATCH} queries; send more batches`);
export type QueryBatch = z.infer<typeof queryBatchSchema>;

const extendSchema = z.object({ ids: z.array(z.string()), properties: z.array(z.object({ id: z.string() })) });
export type ExtendQuery = z.infer<typeof extendSchema>;

/**
 * A concept a query found, before its property constraints: how well, and whether exactly (by a
 * whole label, or by a value that names it), which a match needs.
 */
interface Found {
  readonly concept: ConceptDoc;
  readonly list: string;
  readonly name: string;
  readonly score: number;
  readonly exact: boolean;
}

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
 * A query without text finds the concepts that have one of its notations or exact matches (100).
 *
 * `identifierSpace` is the one URI every service of this installation declares (`{base}reconcile`,
 * see manifest()); `serviceUrl` is where this service answers.
 */
export class ReconciliationService {
  constructor(
    private readonly index: TermIndex,
    private readonly serviceUrl: string,
    private readonly identifierSpace: string,
    private readonly list?: IndexedList,
  ) {}

  manifest(): Record<string, unknown> {
    const types = this.list === undefined ? [CONCEPT_TYPE] : [listType(this.list)];
    return {
      versions: ['0.2'],
      name: this.list === undefined ? 'cultuurgraaf termennetwerk' : `cultuurgraaf: ${displayName(this.list.metadata, this.list.id)}`,
      // The ids are whole IRIs, from any namespace (a list of Wikidata items, GeoNames places and
      // minted concepts alike), not names within one: spec 0.2 makes identifierSpace the prefix
      // ids live under, and OpenRefine takes a column whose identifierSpace is Wikidata's
      // namespace for Wikidata ids (Q42). So every service here declares one space of its own,
      // the same for all lists, as they hold the same kind of id (and /reconcile extends them all).
      identifierSpace: this.identifierSpace,
      // Property ids are SKOS's local names (prefLabel): that prefix makes them SKOS's IRIs.
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
    if (!parsed.success) throw new BadRequestError(`The queries are not a reconciliation query batch: ${describeIssues(parsed.error)}`);
    return Object.fromEntries(Object.entries(parsed.data).map(([key, query]) => [key, { result: this.candidates(query) }]));
  }

  suggestEntities(prefix: string, cursor: number): { result: Array<{ id: string; name: string; description?: string; notable: Array<{ id: string; name: string }> }> } {
    const lists = this.listsById();
    const found = this.index.search({ query: prefix, mode: 'prefix', limit: DEFAULT_LIMIT, offset: cursor, ...this.scope() });
    return {
      result: found.hits.map((hit) => ({
        id: hit.concept.iri, name: preferredValue(hit.concept.prefLabel) ?? hit.match.label, ...description(hit.concept),
        notable: typesOf(hit.list, lists),
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
    if (!parsed.success) throw new BadRequestError(`The extend query is not valid: ${describeIssues(parsed.error)}`);
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
    const text = query.query?.trim() ?? '';
    if (text === '' && query.properties === undefined) return [];
    const lists = this.listsById();
    // An empty type is none (OpenRefine sends "" for "reconcile against no particular type").
    const types = (query.type === undefined ? [] : Array.isArray(query.type) ? query.type : [query.type]).filter((type) => type !== '');
    const wantedLists = types.filter((type) => type !== CONCEPT_TYPE.id);
    const scope = wantedLists.length === 0 ? this.scope() : { lists: wantedLists };
    // A list is named by its IRI or its id, as on /reconcile.
    if (this.list !== undefined && wantedLists.some((type) => type !== this.list?.iri && type !== this.list?.id)) return [];
    const limit = query.limit ?? DEFAULT_LIMIT;
    const constraints = (query.properties ?? []).flatMap(({ pid, v }) => {
      const property = propertyOf(pid);
      return property === undefined ? [] : [{ property, wanted: (Array.isArray(v) ? v : [v]).map((value) => (typeof value === 'object' ? value.id : String(value)).toLowerCase()) }];
    });
    // Property constraints can reorder candidates: rank more than asked, then cut. At least two,
    // whatever the limit: whether the first is a match depends on the one after it.
    const ranked = Math.max(limit, 2);
    const searched = text === '' ? [] : this.search(text, constraints.length === 0 ? ranked : Math.max(ranked * 5, CONSTRAINED_CANDIDATES), scope);
    // The concepts a cell's notation or exact match names that its text did not find (a misspelt
    // name): candidates too, never a match, as their name is not the cell's.
    const byText = new Set(searched.map((candidate) => candidate.concept.iri));
    const found = text === ''
      ? this.lookup(constraints, scope, true)
      : [...searched, ...this.lookup(constraints, scope, false).filter((candidate) => !byText.has(candidate.concept.iri))];
    const linked = this.index.prefLabels(found.flatMap(({ concept }) => PROPERTIES.flatMap((p) => ('link' in p ? p.link(concept) : []))));
    const scored = found.map((candidate) => {
      let score = candidate.score;
      for (const { property, wanted } of constraints) {
        const have = values(property, candidate.concept, linked).flatMap((v) => ('str' in v ? [v.str] : [v.id, v.name])).map((v) => v.toLowerCase());
        if (!wanted.some((w) => have.includes(w))) score /= 2;
      }
      return { ...candidate, score };
    }).sort((a, b) => b.score - a.score);
    return scored.slice(0, limit).map(({ concept, list, name, score, exact }, i) => ({
      id: concept.iri,
      name,
      ...description(concept),
      score,
      // Sure only when exact and no other candidate is as good, nor has the cell's text as a label
      // of any kind (an alternative label, 95) unless a property constraint ruled it out; without
      // text, when no other concept has every value asked for.
      match: i === 0 && score >= MATCH_SCORE - 5 && exact && (scored[1]?.score ?? 0) < score
        && !scored.slice(1).some((other) => other.exact && other.score >= MATCH_SCORE - 5),
      type: typesOf(list, lists),
    }));
  }

  /**
   * Concepts a cell names: those with a label every word of the cell starts a word of. A cell
   * says more than a label as often as not ("olieverf op doek, ingelijst", "Sint-Niklaas
   * (Oost-Vlaanderen)"): without such a concept, those with a label any of the cell's words
   * (of three letters or more) starts a word of, scored by the share of the cell's words their
   * label has. Those are never a match.
   */
  private search(text: string, limit: number, scope: { lists?: string[] }): Found[] {
    const found = this.index.search({ query: text, mode: 'prefix', limit, offset: 0, ...scope });
    const named = (hit: TermHit, score: number): Found => ({
      concept: hit.concept, list: hit.list, name: preferredValue(hit.concept.prefLabel) ?? hit.match.label, score, exact: hit.match.how === 'exact',
    });
    if (found.hits.length > 0) return found.hits.map((hit) => named(hit, hit.score));
    const words = [...new Set(normalizeLabel(text).split(' ').filter((word) => word.length >= 3))].slice(0, MAX_FALLBACK_WORDS);
    if (words.length < 2) return [];
    const any = this.index.search({ query: words.map((word) => `"${word}"*`).join(' OR '), mode: 'raw', limit: limit * 5, offset: 0, ...scope });
    return any.hits.map((hit) => {
      const labelWords = normalizeLabel(hit.match.label).split(' ');
      const share = words.filter((word) => labelWords.some((w) => w.startsWith(word))).length / words.length;
      // Below the score of a label that has every word (at most 80 for a word match).
      return named(hit, Math.round(Math.min(hit.score, 80) * share * 0.75));
    }).sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /**
   * Concepts with one of a query's notations or exact matches (the values of the constraints on
   * them), each once: for a query without text (`named`), 100 and exact; for one whose text did
   * not find them, UNNAMED_SCORE. The query's other constraints re-score them.
   */
  private lookup(constraints: ReadonlyArray<{ property: Property; wanted: readonly string[] }>, scope: { lists?: string[] }, named: boolean): Found[] {
    const found = new Map<string, Found>();
    for (const { property, wanted } of constraints) {
      const field = IDENTIFYING.find((id) => id === property.id);
      if (field === undefined) continue;
      for (const { doc, list } of this.index.lookup({ field, values: wanted, limit: CONSTRAINED_CANDIDATES, ...scope })) {
        if (!found.has(doc.iri)) {
          found.set(doc.iri, { concept: doc, list, name: preferredValue(doc.prefLabel) ?? doc.notation[0] ?? doc.iri, score: named ? MATCH_SCORE : UNNAMED_SCORE, exact: named });
        }
      }
    }
    return [...found.values()];
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

function typesOf(id: string, lists: ReadonlyMap<string, IndexedList>): Array<{ id: string; name: string }> {
  const list = lists.get(id);
  return list === undefined ? [CONCEPT_TYPE] : [CONCEPT_TYPE, listType(list)];
}

/** The property a constraint's `pid` names: by its id or its SKOS IRI. */
function propertyOf(pid: string): Property | undefined {
  return PROPERTIES.find((p) => p.id === pid || `${SKOS.$base}${p.id}` === pid);
}

function listType(list: IndexedList): { id: string; name: string } {
  return { id: list.iri, name: displayName(list.metadata, list.id) };
}


function description(doc: ConceptDoc): { description?: string } {
  const text = preferredValue(definitionOf(doc));
  return text === undefined ? {} : { description: text };
}

