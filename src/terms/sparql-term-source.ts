import type * as RDF from '@rdfjs/types';
import { QueryEngine } from '@comunica/query-sparql';
import { DataFactory } from 'n3';
import sparqljs from 'sparqljs';
import { isAbsoluteIri } from '../domain/iri.js';
import { RDF as RDFNS, SKOS } from '../vocab/vocabularies.js';
import { conceptDoc, type ConceptDoc, type LanguageValue } from './concept-doc.js';
import type { RemoteTermSource } from './term-source-catalog.js';

/** What a remote source answered: terms, with the preferred labels of the terms they link to; or why not. */
export type RemoteAnswer =
  | { readonly kind: 'terms'; readonly terms: readonly ConceptDoc[]; readonly related: ReadonlyMap<string, readonly LanguageValue[]> }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

export interface SparqlTermSourceOptions {
  /** Answers kept per source and query, and for how long. */
  readonly cacheEntries?: number;
  readonly cacheMs?: number;
  /** Consecutive failures after which a source is not asked for `coolDownMs`. */
  readonly failuresToOpen?: number;
  readonly coolDownMs?: number;
}

interface Status {
  isAvailable: boolean;
  lastChecked: string;
  failures: number;
  openUntil: number;
}

/**
 * Searches and looks up terms at remote SPARQL endpoints, as their catalog entries say, through
 * Comunica (`@comunica/query-sparql`; with one SPARQL endpoint as its source it sends the whole
 * query there). The user's words and IRIs reach the query only as terms put into its parsed form
 * (sparqljs), so nothing they type can change the query; an IRI that is not one is not looked up.
 * Each request has its own time limit (TimeoutError), an answer is cached for a while, and a
 * source that keeps failing is left alone for a cool-down (a circuit breaker). Every request,
 * and `check` (an `ASK {}`, run on a timer by the server), updates the source's status.
 */
export class SparqlTermSources {
  private readonly cache = new Map<string, { readonly until: number; readonly answer: RemoteAnswer }>();
  private readonly statuses = new Map<string, Status>();
  private readonly generator = new sparqljs.Generator();
  private readonly engine = new QueryEngine();

  constructor(readonly sources: readonly RemoteTermSource[], private readonly options: SparqlTermSourceOptions = {}) {}

  /** The source a term IRI belongs to, by its IRI prefix. */
  sourceOf(iri: string): RemoteTermSource | undefined {
    return this.sources.find((source) => iri.startsWith(source.uriPrefix));
  }

  /** The last known status of a source; undefined until it was first asked. */
  status(source: RemoteTermSource): { isAvailable: boolean; lastChecked: string } | undefined {
    const status = this.statuses.get(source.iri);
    return status === undefined ? undefined : { isAvailable: status.isAvailable, lastChecked: status.lastChecked };
  }

  /** Every term the source's search query returns (at most its own LIMIT), in the order it gave them. */
  search(source: RemoteTermSource, query: string, timeoutMs: number): Promise<RemoteAnswer> {
    const bound = bind(source.searchQuery, 'query', DataFactory.literal(query));
    return this.ask(source, `search\u0000${query}`, this.generator.stringify(bound), timeoutMs);
  }

  async lookup(source: RemoteTermSource, iri: string, timeoutMs: number): Promise<RemoteAnswer> {
    if (!isAbsoluteIri(iri)) return { kind: 'terms', terms: [], related: new Map() };
    const bound = bind(source.lookupQuery, 'uri', DataFactory.namedNode(iri));
    return this.ask(source, `lookup\u0000${iri}`, this.generator.stringify(bound), timeoutMs);
  }

  private async ask(source: RemoteTermSource, key: string, sparql: string, timeoutMs: number): Promise<RemoteAnswer> {
    const cacheKey = `${source.iri}\u0000${key}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined && cached.until > Date.now()) return cached.answer;
    const status = this.statuses.get(source.iri);
    if (status !== undefined && status.openUntil > Date.now()) {
      return { kind: 'error', message: `Source ${source.iri} failed ${status.failures} times in a row; it is asked again after ${new Date(status.openUntil).toISOString()}` };
    }
    const answer = await this.fetchTerms(source, sparql, timeoutMs);
    this.record(source, answer);
    if (answer.kind === 'terms') {
      if (this.cache.size >= (this.options.cacheEntries ?? 1_000)) this.cache.delete(this.cache.keys().next().value ?? '');
      this.cache.set(cacheKey, { until: Date.now() + (this.options.cacheMs ?? 10 * 60_000), answer });
    }
    return answer;
  }

  /** Asks each source `ASK {}` and records whether it answered within `timeoutMs`. */
  async check(timeoutMs: number): Promise<void> {
    await Promise.all(this.sources.map(async (source) => {
      const answer = await this.withTimeout(source, timeoutMs, async (fetch) => {
        await this.engine.queryBoolean('ASK {}', { sources: [{ type: 'sparql', value: source.endpoint }], fetch });
        return { kind: 'terms' as const, terms: [], related: new Map<string, LanguageValue[]>() };
      });
      this.record(source, answer);
    }));
  }

  private fetchTerms(source: RemoteTermSource, sparql: string, timeoutMs: number): Promise<RemoteAnswer> {
    return this.withTimeout(source, timeoutMs, async (fetch) => {
      const stream = await this.engine.queryQuads(sparql, { sources: [{ type: 'sparql', value: source.endpoint }], fetch });
      return { kind: 'terms', ...terms(await stream.toArray()) };
    });
  }

  /** Runs `work` with a fetch that stops at `timeoutMs`, turning what goes wrong into an answer. */
  private async withTimeout(source: RemoteTermSource, timeoutMs: number, work: (fetch: typeof globalThis.fetch) => Promise<RemoteAnswer>): Promise<RemoteAnswer> {
    const controller = new AbortController();
    const timer = setTimeout(() => { controller.abort(); }, timeoutMs);
    const timedFetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, { ...init, signal: controller.signal });
      // Comunica reports a failed request without its status; say it here.
      if (!response.ok) throw new Error(`answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      return response;
    };
    const timedOut = new Promise<RemoteAnswer>((resolve) => {
      controller.signal.addEventListener('abort', () => { resolve({ kind: 'timeout', message: `Source timed out after ${timeoutMs}ms` }); });
    });
    try {
      const answer = await Promise.race([work(timedFetch), timedOut]);
      if (answer.kind !== 'terms') await this.engine.invalidateHttpCache(source.endpoint);
      return answer;
    } catch (error) {
      // Comunica remembers a source it failed to reach; the next request must try it afresh.
      await this.engine.invalidateHttpCache(source.endpoint);
      if (controller.signal.aborted) return { kind: 'timeout', message: `Source timed out after ${timeoutMs}ms` };
      return { kind: 'error', message: `Source ${source.iri} ${(error as Error).message.includes('answered HTTP') ? '' : 'could not be asked: '}${(error as Error).message}`.replace('  ', ' ') };
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  private record(source: RemoteTermSource, answer: RemoteAnswer): void {
    const status = this.statuses.get(source.iri) ?? { isAvailable: true, lastChecked: '', failures: 0, openUntil: 0 };
    status.lastChecked = new Date().toISOString();
    status.isAvailable = answer.kind === 'terms';
    status.failures = answer.kind === 'terms' ? 0 : status.failures + 1;
    if (status.failures >= (this.options.failuresToOpen ?? 3)) status.openUntil = Date.now() + (this.options.coolDownMs ?? 30_000);
    this.statuses.set(source.iri, status);
  }
}

/** The query with every use of ?`variable` replaced by `term`, in its parsed form. */
function bind(query: sparqljs.ConstructQuery, variable: string, term: RDF.Term): sparqljs.ConstructQuery {
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (node === null || typeof node !== 'object') return node;
    const maybeTerm = node as Partial<RDF.Term>;
    if (maybeTerm.termType === 'Variable' && maybeTerm.value === variable) return term;
    if (typeof maybeTerm.termType === 'string') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, replace(value)]));
  };
  return replace(query) as sparqljs.ConstructQuery;
}

/** The concepts of a CONSTRUCT answer, in the order they first appear, and every subject's preferred labels. */
function terms(quads: readonly RDF.Quad[]): { terms: ConceptDoc[]; related: Map<string, LanguageValue[]> } {
  const bySubject = new Map<string, RDF.Quad[]>();
  for (const q of quads) {
    const list = bySubject.get(q.subject.value) ?? [];
    list.push(q);
    bySubject.set(q.subject.value, list);
  }
  const concepts: ConceptDoc[] = [];
  const related = new Map<string, LanguageValue[]>();
  for (const [subject, own] of bySubject) {
    related.set(subject, own.filter((q) => q.predicate.value === SKOS.prefLabel && q.object.termType === 'Literal')
      .map((q) => ({ value: q.object.value, language: q.object.termType === 'Literal' ? q.object.language : '' })));
    if (own.some((q) => q.predicate.value === RDFNS.type && q.object.value === SKOS.Concept)) concepts.push(conceptDoc(subject, own));
  }
  return { terms: concepts, related };
}
