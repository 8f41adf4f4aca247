import { Router, type Request, type Response } from 'express';
import oxigraph from 'oxigraph';
import { BadRequestError, GoneError, NotAcceptableError, NotFoundError } from '../domain/errors.js';
import { createHash } from 'node:crypto';
import type { ChannelView, PublicationPolicy } from '../access/publication-policy.js';
import { visibleTermIndex } from '../access/visible-term-index.js';
import type { TermIndex } from '../ports/term-index.js';
import { principalOf } from './auth.js';
import { GRAPH_FORMATS, HTML } from '../sparql/result-formats.js';
import { TOPICS, topicIri, type Topic } from '../terms/topics.js';
import { RDF, SKOS } from '../vocab/vocabularies.js';
import { conceptPage } from '../web/record-page.js';
import { acceptedType } from './accepted-type.js';
import { askedIris, type AskedIri } from './asked-iri.js';
import { describedDocument, findDocument, type DocumentSources, type LinkedDataDocument } from './linked-data-document.js';
import { linkedDataPage } from './linked-data-page.js';

export interface LinkedDataRouterOptions extends DocumentSources {
  readonly index: TermIndex;
  readonly policy: PublicationPolicy;
  /** Brings the term index up to date with the change log. */
  readonly catchUp: () => Promise<void>;
  readonly baseIri: string;
}

/**
 * Dereferencing: `GET {base}id/...` answers with the document of that IRI (linked-data-document.ts),
 * by content negotiation: an HTML page for people (a concept's page shows its labels, hierarchy,
 * matches and list), or its graph as Turtle (the default), N-Triples, JSON-LD or RDF/XML. The
 * document of an IRI describes its hash resources (`…#rood`) too. A query string is part of the
 * IRI, but for `format`, which chooses the syntax. What was deleted answers 410, an unknown IRI 404
 * (and so does one the policy does not publish to the caller). A digest of the answer is its ETag.
 */
export function linkedDataRouter(options: LinkedDataRouterOptions): Router {
  const router = Router();
  const built = new BuiltDocuments();
  router.get(/^\/id\/.+/, async (req, res) => {
    const view = options.policy.view(principalOf(req), 'linked-data');
    // The change log's head before anything is read: a document kept is of the records as they were then.
    const head = options.records.head();
    // Before any answer: a 404 for a record the public may not see is no answer for a reader's token either.
    varyByPrincipal(req, res);
    // The IRIs the URL may stand for (the URL as it is first: the IRI a 404 names), each looked
    // for among records first, so that a `?format=` link never waits for the SPARQL index ...
    const asked: AskedIri[] = [];
    let gone: string | undefined;
    for (const candidate of askedIris(requestTarget(req), options.baseIri)) {
      asked.push(candidate);
      const topic = TOPICS.find((known) => topicIri(options.baseIri, known.key) === candidate.iri);
      if (topic !== undefined) {
        sendTopic(req, res, candidate, topic);
        return;
      }
      const kept = built.get(view, head, candidate.iri, () => negotiate(req, candidate.format));
      if (kept !== undefined) {
        sendAnswer(req, res, kept.mediaType, kept.body, kept.tag);
        return;
      }
      const document = findDocument(candidate.iri, options.records, view);
      if (document === 'gone') gone ??= candidate.iri;
      else if (document !== undefined) {
        const { mediaType, body } = await renderAnswer(req, candidate.format, document, options, view);
        const tag = answerTag(document, mediaType, body);
        // renderAnswer never gives RDF/XML that is no XML, so what is kept is fit for any later client.
        if (document.hashes.length >= KEPT_FROM) built.set(view, head, candidate.iri, { mediaType, body, tag });
        sendAnswer(req, res, mediaType, body, tag);
        return;
      }
    }
    // ... then in what other records say of it (also of a deleted record's IRI).
    for (const candidate of asked) {
      const document = await describedDocument(candidate.iri, options, view);
      if (document !== undefined) {
        const { mediaType, body } = await renderAnswer(req, candidate.format, document, options, view);
        sendAnswer(req, res, mediaType, body, answerTag(document, mediaType, body));
        return;
      }
    }
    if (gone !== undefined) throw new GoneError(`The record <${gone}> was deleted.`);
    const whole = asked[0]?.iri ?? '';
    throw new NotFoundError(`There is no record <${whole}>${whole.includes('?')
      ? ': a query string is part of the IRI, and format (?format=turtle) is the only parameter read here' : ''}.`);
  });
  return router;
}

/** The request's target as path and query, also when a client sends it in absolute form (`GET http://host/id/…`, as to a proxy). */
function requestTarget(req: Request): string {
  const target = req.originalUrl;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return target;
  }
}

/**
 * What caches need to know before anything is negotiated (a 406 carries it too): the answer
 * varies by Accept and Authorization, and a principal may see more than the public, so what
 * is sent to one never goes into a shared cache.
 */
function varyByPrincipal(req: Request, res: Response): void {
  res.setHeader('Vary', 'Accept, Authorization');
  if (req.get('authorization') !== undefined) res.setHeader('Cache-Control', 'private');
}

/**
 * Sends the answer with a digest of what is sent as its ETag (`tag`, when given, is a digest of
 * the same content), or 304. A digest of the full record would let anyone test guesses of a
 * restricted value, and a concept page changes with its related concepts and the policy.
 */
function sendAnswer(req: Request, res: Response, mediaType: string, body: string, tag = contentTag(body)): void {
  res.setHeader('ETag', `"${tag}"`);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  send(res, mediaType, body);
}

const RDF_XML = 'application/rdf+xml';

/**
 * Why RDF/XML written by oxigraph is no XML, if it is not: a text with a control character XML
 * 1.0 cannot hold (a spreadsheet's vertical tab), or a property IRI that ends in no XML name
 * (`…/vocab/`, `urn:isbn:123`), which the writer turns into an element without a local name.
 */
function xmlProblem(body: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u.exec(body);
  const unnamed = /<([A-Za-z_][\w.-]*):[\s/>]/.exec(body);
  return control !== null
    ? `a text in it holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot hold`
    : unnamed === null ? undefined : 'a property IRI in it does not end in a name XML allows';
}

/** A digest of what is sent. */
function contentTag(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 32);
}

/**
 * The ETag of a document's answer. A page is its own digest. Written as RDF, blank nodes get new
 * labels each time, so the answer's digest would change on every request: its digest is that of
 * the content shown instead (canonical N-Quads, as the view leaves them) and the syntax.
 */
function answerTag(document: LinkedDataDocument, mediaType: string, body: string): string {
  if (mediaType === HTML) return contentTag(body);
  const shown = [document.record, ...document.hashes].map((record) => record?.nquads ?? '').join('\n');
  return contentTag(`${mediaType}\n${shown}\n${document.described?.ntriples ?? ''}`);
}

/** `?format=` of the links on the pages, for browsers, which cannot choose what they accept. */
const FORMAT_PARAMETER: Readonly<Record<string, string>> = {
  turtle: 'text/turtle', ntriples: 'application/n-triples', jsonld: 'application/ld+json', rdfxml: 'application/rdf+xml', html: HTML,
};

/** The media type to answer in: the `format` asked for, else an RDF syntax or HTML as the client accepts; 406 otherwise. */
function negotiate(req: Request, format: string | undefined): string {
  if (format !== undefined) {
    const mediaType = Object.hasOwn(FORMAT_PARAMETER, format) ? FORMAT_PARAMETER[format] : undefined;
    if (mediaType === undefined) throw new BadRequestError(`Unknown format "${format}"; known: ${Object.keys(FORMAT_PARAMETER).join(', ')}.`);
    return mediaType;
  }
  const choice = acceptedAnswer(req, OFFERED);
  if (choice === undefined) throw new NotAcceptableError(req.get('accept') ?? '', OFFERED);
  return choice;
}

/** An RDF syntax, HTML, and plain JSON (answered as JSON-LD, which is JSON and says so in its type). */
const OFFERED = [...GRAPH_FORMATS.map((f) => f.mediaType), HTML, 'application/json'];

function acceptedAnswer(req: Request, offered: readonly string[]): string | undefined {
  const choice = acceptedType(req, offered);
  if (choice === false) return undefined;
  return choice === 'application/json' ? 'application/ld+json' : choice;
}

/**
 * The document in the media type negotiated. A record RDF/XML cannot hold goes in the next
 * syntax the client accepts (`application/rdf+xml, text/turtle;q=0.5` gets Turtle); without
 * one, or when `?format=rdfxml` named it, the answer is the 406 that says why. So RDF/XML that is
 * no XML never leaves here.
 */
async function renderAnswer(
  req: Request, format: string | undefined, document: LinkedDataDocument, options: LinkedDataRouterOptions, view: ChannelView,
): Promise<{ mediaType: string; body: string }> {
  const mediaType = negotiate(req, format);
  const body = await render(document, mediaType, options, view);
  const why = mediaType === RDF_XML ? xmlProblem(body) : undefined;
  if (why === undefined) return { mediaType, body };
  const next = format === undefined ? acceptedAnswer(req, OFFERED.filter((type) => type !== RDF_XML)) : undefined;
  if (next === undefined || next === RDF_XML) {
    throw new NotAcceptableError(RDF_XML, GRAPH_FORMATS.map((f) => f.mediaType).filter((type) => type !== RDF_XML), `This record cannot be written as RDF/XML: ${why}`);
  }
  return { mediaType: next, body: await render(document, next, options, view) };
}

/** The document in its media type: its page, or its records' graphs and what others say of it as one graph. */
async function render(document: LinkedDataDocument, mediaType: string, options: LinkedDataRouterOptions, view: ChannelView): Promise<string> {
  if (mediaType === HTML) {
    if ([document.record, ...document.hashes].some((record) => record?.kind === 'concept' || record?.kind === 'term-list')) await options.catchUp();
    return linkedDataPage(document, visibleTermIndex(options.index, view));
  }
  const store = new oxigraph.Store();
  let graph: ReturnType<typeof store.query>;
  try {
    // Each load has blank nodes of its own; a record's statements are in its named graph, others' in the default one.
    for (const record of [document.record, ...document.hashes]) if (record !== undefined) store.load(record.nquads, { format: 'application/n-quads' });
    if (document.described !== undefined) store.load(document.described.ntriples, { format: 'application/n-triples' });
    // All of them as one graph, each statement once (copying them into a graph of their own is ten times slower).
    graph = store.query('CONSTRUCT WHERE { ?s ?p ?o }', { use_default_graph_as_union: true, results_format: mediaType });
  } finally {
    store.free();
  }
  if (typeof graph !== 'string') throw new Error('A CONSTRUCT with a results format answers text');
  return graph;
}

/**
 * Documents of this many hash resources or more are kept once built: a term list of 20,000 hash
 * concepts takes most of a second to gather and write, on the thread that answers every request.
 */
const KEPT_FROM = 500;
/** How many such documents are kept at once (each some MB), the oldest let go first. */
const KEPT_DOCUMENTS = 8;

interface KeptAnswer {
  readonly mediaType: string;
  readonly body: string;
  readonly tag: string;
}

/**
 * Built documents with many hash resources, by principal, IRI and media type, while the records
 * (the change log's head) and the policies (their snapshot) stay as they were when each was built.
 */
class BuiltDocuments {
  private readonly kept = new Map<string, KeptAnswer>();
  private policies: unknown;
  private head = -1;

  /** A document kept for this view and IRI, in the media type `negotiate` chooses (asked only when one is kept). */
  get(view: ChannelView, head: number, iri: string, negotiate: () => string): KeptAnswer | undefined {
    if (view.policies !== this.policies || head !== this.head) {
      this.kept.clear();
      this.policies = view.policies;
      this.head = head;
    }
    if (this.kept.size === 0) return undefined;
    let mediaType: string;
    try {
      mediaType = negotiate();
    } catch {
      // A 400 or 406 comes in its turn, from the document's own answer.
      return undefined;
    }
    return this.kept.get(key(view, iri, mediaType));
  }

  set(view: ChannelView, head: number, iri: string, answer: KeptAnswer): void {
    if (view.policies !== this.policies || head !== this.head) return;
    const oldest = this.kept.keys().next();
    if (this.kept.size >= KEPT_DOCUMENTS && oldest.done !== true) this.kept.delete(oldest.value);
    this.kept.set(key(view, iri, answer.mediaType), answer);
  }
}

/** Who sees a document, which, and how: a token's holder has a view of their own. */
function key(view: ChannelView, iri: string, mediaType: string): string {
  const principal = view.principal;
  const who = principal.kind === 'token' ? `token ${principal.id}` : principal.kind;
  return `${who}\n${mediaType}\n${iri}`;
}

/** A topic (terms/topics.ts) is not a record: it is described from the code, as a SKOS concept. */
function sendTopic(req: Request, res: Response, { iri, format }: AskedIri, topic: Topic): void {
  res.setHeader('Vary', 'Accept');
  const mediaType = negotiate(req, format);
  if (mediaType === HTML) {
    send(res, HTML, conceptPage({
      iri, prefLabel: [{ value: topic.name.nl, language: 'nl' }, { value: topic.name.en, language: 'en' }],
      altLabel: [], hiddenLabel: [], definition: [], scopeNote: [], notation: [], seeAlso: [], broader: [], narrower: [], related: [],
      exactMatch: topic.match === undefined ? [] : [topic.match], closeMatch: [], broadMatch: [], narrowMatch: [], relatedMatch: [],
    }, new Map(), undefined));
    return;
  }
  const store = new oxigraph.Store();
  const subject = oxigraph.namedNode(iri);
  const add = (predicate: string, object: oxigraph.Term): void => {
    store.add(oxigraph.triple(subject, oxigraph.namedNode(predicate), object));
  };
  add(RDF.type, oxigraph.namedNode(SKOS.Concept));
  add(SKOS.prefLabel, oxigraph.literal(topic.name.nl, 'nl'));
  add(SKOS.prefLabel, oxigraph.literal(topic.name.en, 'en'));
  if (topic.match !== undefined) add(SKOS.exactMatch, oxigraph.namedNode(topic.match));
  send(res, mediaType, store.dump({ format: mediaType, from_graph_name: oxigraph.defaultGraph() }));
}

function send(res: Response, mediaType: string, body: string): void {
  res.setHeader('Content-Type', `${mediaType}; charset=utf-8`);
  res.end(body);
}
