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

  /** The source a term IRI belongs to: the one with the longest of its IRI prefixes. */
  sourceOf(iri: string): RemoteTermSource | undefined {
    let best: { source: RemoteTermSource; length: number } | undefined;
    for (const source of this.sources) {
      for (const prefix of source.uriPrefixes) {
        if (iri.startsWith(prefix) && prefix.length > (best?.length ?? -1)) best = { source, length: prefix.length };
      }
    }
    return best?.source;
  }

  /** The last known status of a source; undefined until it was first asked. */
  status(source: RemoteTermSource): { isAvailable: boolean; lastChecked: string } | undefined {
    const status = this.statuses.get(source.iri);
    return status === undefined ? undefined : { isAvailable: status.isAvailable, lastChecked: status.lastChecked };
  }

  /** Every term the source's search query returns (at most its own LIMIT), in the order it gave them. */
  search(source: RemoteTermSource, query: string, timeoutMs: number): Promise<RemoteAnswer> {
    const bound = bind(source.searchQuery, 'query', DataFactory.literal(query));
    return this.ask(source, `search\u0000${query}`, () => this.generator.stringify(bound), timeoutMs);
  }

  /**
   * The terms of these IRIs, each IRI with the answer that holds it (or says why not). They are
   * asked in one request, the lookup query with `VALUES ?uri { … }`, as the Network of Terms does;
   * but a query that limits or skips solutions (a LIMIT or OFFSET of its own or of a sub-select)
   * would share them among all the IRIs and leave known terms out, so such a query is asked once
   * per IRI, a few at a time, all within `timeoutMs`. IRIs that are not IRIs are not asked for.
   */
  async lookup(source: RemoteTermSource, iris: readonly string[], timeoutMs: number): Promise<ReadonlyMap<string, RemoteAnswer>> {
    const asked = [...new Set(iris.filter(isAbsoluteIri))].sort();
    if (asked.length === 0) return new Map();
    if (!slices(source.lookupQuery)) {
      const answer = await this.lookupTogether(source, asked, timeoutMs);
      return new Map(asked.map((iri) => [iri, answer]));
    }
    const deadline = Date.now() + timeoutMs;
    const timedOut: RemoteAnswer = { kind: 'timeout', message: `Source timed out after ${timeoutMs}ms` };
    // One request an IRI: a lookup of thousands must not become thousands of requests to someone's endpoint.
    const tooMany: RemoteAnswer = {
      kind: 'error',
      message: `This source is asked one IRI at a time (its lookup query limits its results), at most ${MAX_SEPARATE_LOOKUPS} in one lookup; look the others up in another`,
    };
    const answers = await inParallel(asked.slice(0, MAX_SEPARATE_LOOKUPS), MAX_PARALLEL_LOOKUPS, async (iri) => {
      const left = deadline - Date.now();
      if (left <= 0) return timedOut;
      const answer = await this.lookupTogether(source, [iri], left);
      // The time limit is the client's, not what was left of it when this IRI's turn came.
      return answer.kind === 'timeout' ? timedOut : answer;
    });
    return new Map(asked.map((iri, i) => [iri, i >= MAX_SEPARATE_LOOKUPS ? tooMany : answers[i] ?? timedOut]));
  }

  /** The terms of these IRIs, asked in one request. */
  private lookupTogether(source: RemoteTermSource, iris: readonly string[], timeoutMs: number): Promise<RemoteAnswer> {
    const bound = withValues(source.lookupQuery, 'uri', iris.map((iri) => DataFactory.namedNode(iri)));
    return this.ask(source, `lookup\u0000${iris.join(' ')}`, () => this.generator.stringify(bound), timeoutMs);
  }

  private async ask(source: RemoteTermSource, key: string, sparql: () => string, timeoutMs: number): Promise<RemoteAnswer> {
    const cacheKey = `${source.iri}\u0000${key}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined && cached.until > Date.now()) return cached.answer;
    const status = this.statuses.get(source.iri);
    if (status !== undefined && status.openUntil > Date.now()) {
      return { kind: 'error', message: `Source ${source.iri} failed ${status.failures} times in a row; it is asked again after ${new Date(status.openUntil).toISOString()}` };
    }
    const { answer, sourcesFault } = await this.fetchTerms(source, sparql, timeoutMs);
    // What the client chose (a time limit too short for any source) or what went wrong here says nothing about the source.
    if (answer.kind === 'terms' || (sourcesFault && (answer.kind === 'error' || timeoutMs >= MIN_TELLING_TIMEOUT_MS))) this.record(source, answer);
    if (answer.kind === 'terms') {
      if (this.cache.size >= (this.options.cacheEntries ?? 1_000)) this.cache.delete(this.cache.keys().next().value ?? '');
      this.cache.set(cacheKey, { until: Date.now() + (this.options.cacheMs ?? 10 * 60_000), answer });
    }
    return answer;
  }

  /** Asks each source `ASK {}` and records whether it answered within `timeoutMs`. */
  async check(timeoutMs: number): Promise<void> {
    await Promise.all(this.sources.map(async (source) => {
      const { answer } = await this.withTimeout(source, timeoutMs, async (fetch) => {
        await this.engine.queryBoolean('ASK {}', { sources: [{ type: 'sparql', value: source.endpoint }], fetch });
        return { kind: 'terms' as const, terms: [], related: new Map<string, LanguageValue[]>() };
      });
      this.record(source, answer);
    }));
  }

  private fetchTerms(source: RemoteTermSource, sparql: () => string, timeoutMs: number): Promise<{ answer: RemoteAnswer; sourcesFault: boolean }> {
    return this.withTimeout(source, timeoutMs, async (fetch) => {
      const stream = await this.engine.queryQuads(sparql(), { sources: [{ type: 'sparql', value: source.endpoint }], fetch });
      return { kind: 'terms', ...terms(await stream.toArray()) };
    });
  }

  /**
   * Runs `work` with a fetch that stops at `timeoutMs`, turning what goes wrong into an answer.
   * `sourcesFault` says whether the source was asked at all: a failure before that (a query our
   * side could not make) is none of the source's doing.
   */
  private async withTimeout(
    source: RemoteTermSource, timeoutMs: number, work: (fetch: typeof globalThis.fetch) => Promise<RemoteAnswer>,
  ): Promise<{ answer: RemoteAnswer; sourcesFault: boolean }> {
    const controller = new AbortController();
    const timer = setTimeout(() => { controller.abort(); }, timeoutMs);
    let asked = false;
    // An answer that broke off (the connection closed halfway): Comunica may have read a part of it.
    let brokenOff: Error | undefined;
    const authorization = source.credentials === undefined ? undefined : `Basic ${Buffer.from(source.credentials).toString('base64')}`;
    const timedFetch: typeof globalThis.fetch = async (input, init) => {
      asked = true;
      const headers = new Headers(init?.headers);
      if (authorization !== undefined) headers.set('authorization', authorization);
      const response = await globalThis.fetch(input, { ...init, headers, signal: controller.signal });
      // Comunica reports a failed request without its status; say it here.
      if (!response.ok) throw new Error(`answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      return endingQuietly(response, controller.signal, (error) => { brokenOff ??= error; });
    };
    const timedOut = new Promise<RemoteAnswer>((resolve) => {
      controller.signal.addEventListener('abort', () => { resolve({ kind: 'timeout', message: `Source timed out after ${timeoutMs}ms` }); });
    });
    try {
      const answer = await Promise.race([work(timedFetch), timedOut]);
      if (brokenOff !== undefined) throw brokenOff;
      if (answer.kind !== 'terms') await this.engine.invalidateHttpCache(source.endpoint);
      return { answer, sourcesFault: asked };
    } catch (thrown) {
      // Comunica remembers a source it failed to reach; the next request must try it afresh.
      await this.engine.invalidateHttpCache(source.endpoint);
      if (controller.signal.aborted && brokenOff === undefined) return { answer: { kind: 'timeout', message: `Source timed out after ${timeoutMs}ms` }, sourcesFault: asked };
      // Whatever Comunica made of a truncated answer, the break is what went wrong.
      const error = brokenOff === undefined ? thrown : new Error(`its answer broke off: ${brokenOff.message}`);
      const message = withoutCredentials((error as Error).message);
      return {
        answer: { kind: 'error', message: `Source ${source.iri} ${message.includes('answered HTTP') ? '' : 'could not be asked: '}${message}`.replace('  ', ' ') },
        sourcesFault: asked,
      };
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

/**
 * The response with a body that ends, rather than fails: when a request times out, or a check
 * gives up on an answer nobody reads (an HTML page where SPARQL results belong), or the source
 * closes the connection halfway, the body's stream fails while Comunica may no longer listen to
 * the stream it made of it; an 'error' event there, with no listener, would end the whole
 * process. A failure that is not our own abort goes to `onBreak`, so the request still fails.
 */
function endingQuietly(response: Response, signal: AbortSignal, onBreak: (error: Error) => void): Response {
  const body = response.body;
  if (body === null) return response;
  const reader = body.getReader();
  const quiet = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        if (!signal.aborted) onBreak(error instanceof Error ? error : new Error(String(error)));
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const wrapped = new Response(quiet, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(wrapped, 'url', { value: response.url });
  return wrapped;
}

/** A request that times out sooner than this says more about the client's patience than about the source. */
const MIN_TELLING_TIMEOUT_MS = 1_000;
/** Requests at once to one source, for a lookup asked IRI by IRI: enough to be quick, few enough to be polite. */
const MAX_PARALLEL_LOOKUPS = 4;
/** IRIs one lookup asks a source for one by one; the others get a ServerError value that says so. */
export const MAX_SEPARATE_LOOKUPS = 50;

/**
 * Whether a query limits or skips solutions anywhere: its own LIMIT or OFFSET, or a sub-select's.
 * IRIs bound together by VALUES would share that LIMIT, where the query's author meant it per term.
 */
function slices(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(slices);
  if (node === null || typeof node !== 'object' || typeof (node as Partial<RDF.Term>).termType === 'string') return false;
  const query = node as { type?: string; limit?: number; offset?: number };
  if (query.type === 'query' && (query.limit !== undefined || query.offset !== undefined)) return true;
  return Object.values(node).some(slices);
}

/** `work` for every item, at most `width` at once; the results in the items' order. */
async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/**
 * The query with every use of ?`variable` replaced by `term`, in its parsed form. A sub-select's
 * projection keeps the variable (a constant cannot be projected); it is then just unbound there.
 */
function bind(query: sparqljs.ConstructQuery, variable: string, term: RDF.Term): sparqljs.ConstructQuery {
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (node === null || typeof node !== 'object') return node;
    const maybeTerm = node as Partial<RDF.Term>;
    if (maybeTerm.termType === 'Variable' && maybeTerm.value === variable) return term;
    if (typeof maybeTerm.termType === 'string') return node;
    const isSelect = (node as { queryType?: string }).queryType === 'SELECT';
    // A projected variable stays; an expression projected `AS` another variable is bound inside.
    const projection = (items: unknown): unknown => (Array.isArray(items)
      ? (items as unknown[]).map((item): unknown => ((item as Partial<RDF.Term>).termType === undefined ? replace(item) : item))
      : items);
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, isSelect && key === 'variables' ? projection(value) : replace(value)]));
  };
  return replace(query) as sparqljs.ConstructQuery;
}

/**
 * The query with `VALUES ?variable { … }` at the start of its WHERE clause, and of every
 * sub-select that projects the variable, so the endpoint only looks at these values; the
 * query's text is left as the catalog wrote it.
 */
function withValues(query: sparqljs.ConstructQuery, variable: string, terms: readonly RDF.Term[]): sparqljs.ConstructQuery {
  const values = { type: 'values', values: terms.map((term) => ({ [`?${variable}`]: term })) } as unknown as sparqljs.ValuesPattern;
  // A sub-select that projects the variable itself (or `*`); one that makes it `AS` an expression
  // binds it there, where a VALUES of the same variable is not allowed.
  const projects = (select: { variables?: unknown[] }): boolean => {
    const items = (select.variables ?? []) as Array<{ termType?: string; value?: string; variable?: RDF.Term }>;
    if (items.some((item) => item.variable?.value === variable)) return false;
    return items.some((item) => item.termType === 'Wildcard' || (item.termType === 'Variable' && item.value === variable));
  };
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object' || typeof (node as Partial<RDF.Term>).termType === 'string') return node;
    const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)])) as { type?: string; queryType?: string; where?: unknown[]; variables?: unknown[] };
    if (copy.type === 'query' && copy.queryType === 'SELECT' && projects(copy)) copy.where = [values, ...(copy.where ?? [])];
    return copy;
  };
  const bound = visit(query) as sparqljs.ConstructQuery;
  return { ...bound, where: [values, ...(bound.where ?? [])] };
}

/** An error message with any `user:password@` of a URL taken out. */
function withoutCredentials(message: string): string {
  return message.replace(/(https?:\/\/)[^/\s@]*:[^/\s@]*@/gi, '$1***@');
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
