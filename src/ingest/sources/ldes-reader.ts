import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { TextDecoder } from 'node:util';
import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import { DataFactory, Parser, Writer } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { AppError, InvalidInputError } from '../../domain/errors.js';
import { LDES, RDF as RDFNS, TREE } from '../../vocab/vocabularies.js';
import type { DocumentLoader } from '../mapping/json-lift.js';
import { locateInText, n3ErrorLine, n3SyntaxMessage, xmlSyntaxError } from '../rdf-error-locator.js';
import { fetchFailure } from './fetch-source.js';
import { parseJsonAt } from './json-error-locator.js';
import { lineItem } from './json-item.js';
import { itemLimits, megabytes, type ItemLimits } from './item-limits.js';
import type { SourceHandle, SourceItem } from './source-item.js';
import { DecodeTransform } from './text-encoding.js';


export interface LdesOptions {
  /** Resolves the JSON-LD contexts of pages and members; never fetches one. */
  readonly loader: DocumentLoader;
  /** Resolves relative IRIs in a local file. */
  readonly baseIri: string;
  /** How the input is named in reports: the URL or the file name by default. */
  readonly name?: string;
  /** Fetches pages (tests pass their own); the global fetch by default. */
  readonly fetch?: typeof fetch;
  /** How large a page (parsed whole) and a member may be; by default from the heap (itemLimits). */
  readonly itemLimits?: ItemLimits;
  /** At most this many pages are fetched; a stream with more is refused. */
  readonly maxPages?: number;
}

/** How a page is written, and so how its members are found. */
type PageFormat = 'jsonld' | 'ndjson' | 'turtle' | 'ntriples' | 'nquads' | 'trig' | 'rdfxml';

const N3_FORMAT: Readonly<Record<Exclude<PageFormat, 'jsonld' | 'ndjson' | 'rdfxml'>, string>> = {
  turtle: 'text/turtle', ntriples: 'application/n-triples', nquads: 'application/n-quads', trig: 'application/trig',
};
const BY_EXTENSION: Readonly<Record<string, PageFormat>> = {
  '.json': 'jsonld', '.jsonld': 'jsonld', '.ndjson': 'ndjson', '.jsonl': 'ndjson',
  '.ttl': 'turtle', '.nt': 'ntriples', '.nq': 'nquads', '.trig': 'trig', '.rdf': 'rdfxml', '.xml': 'rdfxml', '.owl': 'rdfxml',
};
/** Media types of pages, most specific first (NDJSON before JSON). */
const BY_MEDIA_TYPE: ReadonlyArray<readonly [RegExp, PageFormat]> = [
  [/^application\/(x-)?(ndjson|jsonl|jsonlines)$/, 'ndjson'], [/^application\/(ld\+)?json$|\+json$/, 'jsonld'],
  [/^text\/turtle$/, 'turtle'], [/^application\/n-triples$/, 'ntriples'], [/^application\/n-quads$/, 'nquads'], [/^application\/trig$/, 'trig'],
  [/^application\/rdf\+xml$/, 'rdfxml'],
];
const ACCEPT = 'application/ld+json, application/json;q=0.9, text/turtle;q=0.8, application/n-quads;q=0.7, application/n-triples;q=0.7, application/trig;q=0.6, application/rdf+xml;q=0.5';
const PAGE_TIMEOUT_MS = 2 * 60_000;
const DEFAULT_MAX_PAGES = 10_000;

/**
 * Opens a Linked Data Event Stream for a mapping. `source` is an http(s) URL of the stream or of
 * one of its pages, or a local file: JSON lines of members (each line one member with its own
 * @context, as LDES clients save them), or one page (JSON-LD, Turtle, N-Triples, N-Quads, TriG).
 *
 * Members of an NDJSON input are `json` items as they are; members of a page are `rdf` items:
 * the page is turned into RDF (JSON-LD with `loader`, which never fetches a context) and each
 * `tree:member` gets its own triples, its blank nodes and the nodes it refers to that the page
 * describes, but no other member and none of the stream's own structure. Positions name the
 * page and the member IRI.
 *
 * From a URL the crawl follows every `tree:relation` (of any type, to its `tree:node`) and
 * `tree:view`, visiting each page once (http and https only). Pages are fetched as the items are
 * read, kept in a temporary folder so that a second read sees the same stream without fetching
 * again, and removed by `dispose`. An HTTP error, a page that is not JSON-LD or RDF, malformed
 * JSON (with line and column) or more than `maxPages` pages is an InvalidInputError naming the page.
 * Relations in a local file are not followed.
 */
export async function openLdes(source: string, options: LdesOptions): Promise<SourceHandle> {
  if (/^https?:\/\//i.test(source)) return new LdesCrawl(source, options);
  const format = BY_EXTENSION[extname(source).toLowerCase()];
  if (format === undefined) {
    throw new InvalidInputError(`${basename(source)} is not an LDES this server reads; give JSON lines of members (.ndjson), a JSON-LD page (.jsonld, .json) or an RDF page (.ttl, .nt, .nq, .trig, .rdf).`, { file: basename(source) });
  }
  try {
    await stat(source);
  } catch {
    throw new InvalidInputError(`${source} does not exist.`, { file: basename(source) });
  }
  const name = options.name ?? basename(source);
  return {
    name,
    items: () => pageItems({ file: source, format, url: name }, options.baseIri, options.loader, options.itemLimits ?? itemLimits()),
    dispose: () => Promise.resolve(),
  };
}

/** A page as kept on disk: where it came from (for positions and as base IRI), and its syntax. */
interface StoredPage {
  readonly url: string;
  readonly file: string;
  readonly format: PageFormat;
}

interface ParsedPage {
  readonly members: readonly SourceItem[];
  readonly links: readonly string[];
}

/** The crawl of one stream from a URL, shared by every read of the handle. */
class LdesCrawl implements SourceHandle {
  readonly name: string;
  private readonly pages: StoredPage[] = [];
  private readonly queue: string[] = [];
  private readonly seen = new Set<string>();
  private readonly fetch: typeof fetch;
  private readonly maxPages: number;
  private directory: string | undefined;
  /** Fetches happen one at a time, in crawl order, however many reads are under way. */
  private turn: Promise<unknown> = Promise.resolve();

  private readonly limits: ItemLimits;

  constructor(readonly start: string, private readonly options: LdesOptions) {
    this.name = options.name ?? start;
    this.limits = options.itemLimits ?? itemLimits();
    this.fetch = options.fetch ?? fetch;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.enqueue(start);
  }

  async *items(): AsyncGenerator<SourceItem> {
    for (let index = 0; ; index++) {
      const next = await this.page(index);
      if (next === undefined) return;
      if (next.parsed) yield* next.parsed.members;
      else yield* pageItems(next.page, this.options.baseIri, this.options.loader, this.limits);
    }
  }

  async dispose(): Promise<void> {
    if (this.directory !== undefined) await rm(this.directory, { recursive: true, force: true });
    this.directory = undefined;
  }

  /** The page at `index` of the crawl: stored already, or fetched now (with its members parsed). */
  private page(index: number): Promise<{ page: StoredPage; parsed?: ParsedPage } | undefined> {
    const result = this.turn.then(async () => {
      const stored = this.pages[index];
      if (stored) return { page: stored };
      const url = this.queue.shift();
      if (url === undefined) return undefined;
      try {
        return await this.fetchPage(url);
      } catch (error) {
        this.queue.unshift(url);
        throw error;
      }
    });
    this.turn = result.catch(() => undefined);
    return result;
  }

  private async fetchPage(url: string): Promise<{ page: StoredPage; parsed?: ParsedPage }> {
    if (this.pages.length >= this.maxPages) {
      throw new InvalidInputError(`The LDES ${this.start} has more than ${this.maxPages} pages, the limit; <${url}> was not read.`, { file: url, maxPages: this.maxPages });
    }
    const { finalUrl, format, body } = await download(url, this.fetch, this.limits.whole);
    this.seen.add(finalUrl);
    this.directory ??= await mkdtemp(join(tmpdir(), 'cultuurgraaf-ldes-'));
    const page: StoredPage = { url: finalUrl, format, file: join(this.directory, `page-${this.pages.length + 1}`) };
    await writeFile(page.file, body);
    const parsed = format === 'ndjson' ? undefined : await parsePage(body, page, this.options.loader);
    for (const link of parsed?.links ?? []) this.enqueue(link);
    this.pages.push(page);
    return parsed === undefined ? { page } : { page, parsed };
  }

  /** Queues a page once; only http(s), and a fragment names the same page. */
  private enqueue(link: string): void {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    url.hash = '';
    if (this.seen.has(url.href)) return;
    this.seen.add(url.href);
    this.queue.push(url.href);
  }
}

/** The most a downloaded page of JSON lines may have (it is kept in memory once, then read line by line). */
const MAX_LINES_PAGE_BYTES = 256 * 1024 * 1024;

/** Fetches one page, refusing what is not a page (HTTP errors, other media types, too large). */
async function download(url: string, fetchPage: typeof fetch, maxBytes: number): Promise<{ finalUrl: string; format: PageFormat; body: string }> {
  let response: Response;
  try {
    response = await fetchPage(url, { headers: { accept: ACCEPT }, redirect: 'follow', signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
  } catch (error) {
    throw new InvalidInputError(`The LDES page ${url} could not be fetched: ${fetchFailure(error, PAGE_TIMEOUT_MS)}`, { file: url });
  }
  if (!response.ok) {
    await discard(response);
    throw new InvalidInputError(`The LDES page ${url} answered ${response.status} ${response.statusText}.`, { file: url, status: response.status });
  }
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const format = BY_MEDIA_TYPE.find(([pattern]) => pattern.test(mediaType))?.[1];
  if (format === undefined) {
    await discard(response);
    throw new InvalidInputError(
      `The LDES page ${url} is ${mediaType === '' ? 'of no content type' : mediaType}, not JSON-LD, Turtle, N-Triples, N-Quads, TriG or RDF/XML.`,
      { file: url, contentType: mediaType },
    );
  }
  // A page of JSON lines is read line by line from its file; any other is parsed whole.
  const body = decodeUtf8(await readLimited(response, url, format === 'ndjson' ? MAX_LINES_PAGE_BYTES : maxBytes, format !== 'ndjson'), url);
  return { finalUrl: response.url === '' ? url : response.url, format, body };
}

/** Frees the connection of a response whose body is not read; a body that fails to cancel changes nothing. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** Pages are UTF-8 (JSON and the RDF syntaxes require it); anything else is refused, never replaced. */
function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InvalidInputError(`${source} is not UTF-8 text.`, { file: source });
  }
}

async function readLimited(response: Response, url: string, maxBytes: number, parsedWhole: boolean): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    // Node's web streams are async iterable; the DOM typings (which graphql-yoga's fetch types
    // pull in) do not say so.
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) {
        throw new InvalidInputError(`The LDES page ${url} is larger than ${megabytes(maxBytes, 'down')}, the most a page ${parsedWhole ? 'may have: it is parsed whole; give the members as JSON lines (.ndjson) instead' : 'of JSON lines is downloaded with'}.`, { file: url });
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/** The items of a stored page or a local file. */
async function* pageItems(page: StoredPage, baseIri: string, loader: DocumentLoader, limits: ItemLimits): AsyncGenerator<SourceItem> {
  if (page.format === 'ndjson') {
    yield* memberLines(page, limits);
    return;
  }
  const { size } = await stat(page.file);
  if (size > limits.whole) {
    throw new InvalidInputError(`${page.url} is ${megabytes(size, 'up')}, larger than the ${megabytes(limits.whole, 'down')} a page may have (it is parsed whole); give the members as JSON lines (.ndjson) instead.`, { file: page.url });
  }
  const text = decodeUtf8(await readFile(page.file), page.url);
  const base = /^https?:\/\//i.test(page.url) ? page.url : baseIri;
  yield* (await parsePage(text, page, loader, base)).members;
}

/**
 * JSON lines, each one member with its own @context: streamed, as the mapping's JSON-LD lift reads
 * them. A member too large to map whole is passed on unread (the run rejects it).
 */
async function* memberLines(page: StoredPage, limits: ItemLimits): AsyncGenerator<SourceItem> {
  const lines = createInterface({ input: createReadStream(page.file).pipe(new DecodeTransform('utf-8', page.url)), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    const item = lineItem(text, { source: page.url, line }, limits);
    const id = typeof item.value === 'object' && item.value !== null ? (item.value as Record<string, unknown>)['@id'] : undefined;
    yield typeof id === 'string' ? { ...item, position: { ...item.position, id } } : item;
  }
}

/** Parses a JSON-LD or RDF page into its members (as RDF items) and the pages it links to. */
async function parsePage(text: string, page: StoredPage, loader: DocumentLoader, base = page.url): Promise<ParsedPage> {
  const quads = page.format === 'jsonld' ? await jsonLdQuads(parseJsonAt(text, page.url, 1), page.url, base, loader)
    : page.format === 'rdfxml' ? await rdfXmlQuads(text, page.url, base) : rdfQuads(text, page, base);
  return splitPage(quads, page.url);
}

async function jsonLdQuads(document: unknown, source: string, base: string, loader: DocumentLoader): Promise<RDF.Quad[]> {
  let nquads: string;
  try {
    nquads = await jsonld.toRDF(document as jsonld.JsonLdDocument, { format: 'application/n-quads', base, documentLoader: loader }) as unknown as string;
  } catch (error) {
    const cause = rootCause(error);
    throw new InvalidInputError(`${source} is not JSON-LD this server reads: ${(cause ?? (error as Error)).message}`, { file: source });
  }
  return new Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(nquads);
}

/**
 * An RDF/XML page's quads, by the parser that never resolves external entities. Its blank nodes
 * are numbered in document order, so every read of a page gives the same items.
 */
async function rdfXmlQuads(text: string, source: string, base: string): Promise<RDF.Quad[]> {
  let anonymous = 0;
  const dataFactory: RDF.DataFactory = { ...DataFactory, blankNode: (name?: string) => DataFactory.blankNode(name ?? `rdfxml${++anonymous}`) };
  const parser = new RdfXmlParser({ baseIRI: base, dataFactory });
  const quads: RDF.Quad[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('data', (quad: RDF.Quad) => quads.push(quad));
      parser.on('error', reject);
      parser.on('end', resolve);
      parser.end(text);
    });
  } catch (error) {
    throw xmlSyntaxError(source, error as Error) ?? new InvalidInputError(`${source}: ${(error as Error).message}`, { file: source });
  }
  return quads;
}

function rdfQuads(text: string, page: StoredPage, base: string): RDF.Quad[] {
  try {
    // Blank-node labels are the page's own, so every read of a page gives the same items.
    return new Parser({ format: N3_FORMAT[page.format as keyof typeof N3_FORMAT], baseIRI: base, blankNodePrefix: '' }).parse(text);
  } catch (error) {
    const format = N3_FORMAT[page.format as keyof typeof N3_FORMAT];
    const line = n3ErrorLine(error as Error);
    const location = line === undefined ? undefined : locateInText(text, format, base, line);
    const { message, ...where } = n3SyntaxMessage(page.url, error as Error, location);
    throw new InvalidInputError(message, { file: page.url, ...where });
  }
}

/**
 * Splits a page into its members. A member holds the triples about it, about its blank nodes
 * and about the other nodes it reaches that the page describes, and the triples of a named
 * graph named after it; it stops at other members and at the stream's own nodes (the
 * collection, the page, its relations).
 */
function splitPage(quads: readonly RDF.Quad[], source: string): ParsedPage {
  const bySubject = new Map<string, RDF.Quad[]>();
  const byGraph = new Map<string, RDF.Quad[]>();
  const memberKeys = new Set<string>();
  const structural = new Set<string>();
  const links: string[] = [];
  let mentionsTree = false;
  for (const quad of quads) {
    const subject = termKey(quad.subject);
    push(bySubject, subject, quad);
    if (quad.graph.termType !== 'DefaultGraph') push(byGraph, termKey(quad.graph), quad);
    const predicate = quad.predicate.value;
    const inTree = predicate.startsWith(TREE.$base) || predicate.startsWith(LDES.$base)
      || (predicate === RDFNS.type && (quad.object.value.startsWith(TREE.$base) || quad.object.value.startsWith(LDES.$base)));
    if (!inTree) continue;
    mentionsTree = true;
    structural.add(subject);
    if (predicate === TREE.member) {
      memberKeys.add(termKey(quad.object));
    } else if (predicate === TREE.relation) {
      structural.add(termKey(quad.object));
    } else if ((predicate === TREE.node || predicate === TREE.view) && quad.object.termType === 'NamedNode') {
      links.push(quad.object.value);
    }
  }
  if (!mentionsTree) {
    throw new InvalidInputError(`${source} is not an LDES page: it says nothing with the TREE or LDES vocabulary (no tree:member, tree:relation or tree:view).`, { file: source });
  }
  const writer = new Writer({ format: 'N-Quads' });
  const members = [...memberKeys].map((member): SourceItem => {
    const reached = new Set([member]);
    const queue = [member];
    const own = new Set<RDF.Quad>(byGraph.get(member));
    while (queue.length > 0) {
      for (const quad of bySubject.get(queue.pop() ?? '') ?? []) {
        own.add(quad);
        const target = termKey(quad.object);
        if (quad.object.termType === 'Literal' || reached.has(target) || memberKeys.has(target) || structural.has(target) || !bySubject.has(target)) continue;
        reached.add(target);
        queue.push(target);
      }
    }
    const id = member.startsWith('I:') ? member.slice(2) : undefined;
    return { kind: 'rdf', position: { source, ...(id === undefined ? {} : { id }) }, nquads: writer.quadsToString([...own]) };
  });
  return { members, links };
}

function push(map: Map<string, RDF.Quad[]>, key: string, quad: RDF.Quad): void {
  const list = map.get(key);
  if (list) list.push(quad);
  else map.set(key, [quad]);
}

function termKey(term: RDF.Term): string {
  return `${term.termType === 'BlankNode' ? 'B' : 'I'}:${term.value}`;
}


/** jsonld wraps a document loader's error in its own; the loader's AppError says what is wrong. */
function rootCause(error: unknown): AppError | undefined {
  for (let current: unknown = error; current instanceof Error; current = (current as { details?: { cause?: unknown } }).details?.cause) {
    if (current instanceof AppError) return current;
  }
  return undefined;
}
