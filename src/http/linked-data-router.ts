import { Router, type Request, type Response } from 'express';
import oxigraph from 'oxigraph';
import { BadRequestError, GoneError, NotAcceptableError, NotFoundError } from '../domain/errors.js';
import type { StoredRecord } from '../domain/record.js';
import type { RecordStore } from '../ports/record-store.js';
import { createHash } from 'node:crypto';
import type { ChannelView, PublicationPolicy } from '../access/publication-policy.js';
import { visibleTermIndex } from '../access/visible-term-index.js';
import type { TermIndex } from '../ports/term-index.js';
import { principalOf } from './auth.js';
import { GRAPH_FORMATS, HTML } from '../sparql/result-formats.js';
import { TOPICS, topicIri, type Topic } from '../terms/topics.js';
import { RDF, SKOS } from '../vocab/vocabularies.js';
import { conceptPage, describedPage, MAX_TOP_CONCEPTS, recordPage, termListPage } from '../web/record-page.js';
import { acceptedType } from './accepted-type.js';

export interface LinkedDataRouterOptions {
  readonly records: RecordStore;
  readonly index: TermIndex;
  readonly policy: PublicationPolicy;
  /** Brings the term index up to date with the change log. */
  readonly catchUp: () => Promise<void>;
  readonly baseIri: string;
  /**
   * Statements about an IRI that is no record but is described inside records (a concept or place
   * a mapping minted in an object's record), by the graph (record) that holds them, from the
   * SPARQL index: N-Triples per record IRI. Without it, such an IRI answers 404.
   */
  readonly describe?: (iri: string) => Promise<ReadonlyMap<string, string>>;
}

/**
 * Dereferencing: `GET {base}id/...` answers with the record of that IRI, by content
 * negotiation: an HTML page for people (a concept's page shows its labels, hierarchy, matches
 * and list), or its graph as Turtle (the default), N-Triples, JSON-LD or RDF/XML. A deleted
 * record answers 410, an unknown IRI 404 (and so does one the policy does not publish to the
 * caller). A digest of the answer is its ETag.
 */
export function linkedDataRouter(options: LinkedDataRouterOptions): Router {
  const router = Router();
  router.get(/^\/id\/.+/, async (req, res) => {
    const iri = `${options.baseIri}${req.path.slice(1)}`;
    const topic = TOPICS.find((candidate) => topicIri(options.baseIri, candidate.key) === iri);
    if (topic !== undefined) {
      sendTopic(req, res, iri, topic);
      return;
    }
    // A browser asks for an IRI with non-ASCII characters (…/café) in its URI form (…/caf%C3%A9);
    // escapes in lower case (%c3%a9) are the same URI (RFC 3986, 6.2.2.1), minted ones are upper.
    const stored = options.records.getRecord(iri) ?? (iri.includes('%')
      ? options.records.getRecord(upperEscapes(iri)) ?? options.records.getRecord(iriOfUri(iri))
      : undefined);
    const view = options.policy.view(principalOf(req), 'linked-data');
    // Before any answer: a 404 for a record the public may not see is no answer for a reader's token either.
    varyByPrincipal(req, res);
    if (stored === undefined && options.describe !== undefined) {
      // Mappings mint with ENCODE_FOR_URI, whose escapes are upper case.
      for (const form of new Set([iri, upperEscapes(iri)])) {
        const described = await describedInRecords(form, options, view);
        if (described !== undefined) {
          sendDescribed(req, res, form, described);
          return;
        }
      }
    }
    // An unpublished record answers as an unknown one: its existence is not published either.
    // (Its own IRI: a record's own policy is kept under that, not under the URI form asked for.)
    if (stored === undefined || !view.sees(stored.dataset, stored.iri)) throw new NotFoundError(`There is no record <${iri}>.`);
    if (stored.deleted) throw new GoneError(`The record <${iri}> was deleted.`);
    const nquads = view.content(stored) ?? '';
    const record = nquads === stored.nquads ? stored : { ...stored, nquads };
    const mediaType = negotiate(req);
    if (mediaType === HTML && (record.kind === 'concept' || record.kind === 'term-list')) await options.catchUp();
    sendAnswer(req, res, mediaType, mediaType === HTML ? page(record, visibleTermIndex(options.index, view)) : graphText(record, mediaType));
  });
  return router;
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
 * Sends the answer with a digest of what is sent as its ETag, or 304. A digest of the full record
 * would let anyone test guesses of a restricted value, and a concept page changes with its
 * related concepts and the policy.
 */
function sendAnswer(req: Request, res: Response, mediaType: string, body: string): void {
  if (mediaType === RDF_XML) checkXml(body);
  res.setHeader('ETag', `"${contentTag(body)}"`);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  send(res, mediaType, body);
}

const RDF_XML = 'application/rdf+xml';

/**
 * Refuses RDF/XML that is no XML: a text with a control character XML 1.0 cannot hold (a
 * spreadsheet's vertical tab), or a property IRI that ends in no XML name (`…/vocab/`,
 * `urn:isbn:123`), which the writer turns into an element without a local name.
 */
function checkXml(body: string): void {
  // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u.exec(body);
  const unnamed = /<([A-Za-z_][\w.-]*):[\s/>]/.exec(body);
  const why = control !== null
    ? `a text in it holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which XML cannot hold`
    : unnamed === null ? undefined : 'a property IRI in it does not end in a name XML allows';
  if (why !== undefined) throw new NotAcceptableError(RDF_XML, GRAPH_FORMATS.map((f) => f.mediaType).filter((type) => type !== RDF_XML), `This record cannot be written as RDF/XML: ${why}`);
}

/** What the records this channel publishes say about `iri`, and which records; undefined when none do. */
async function describedInRecords(iri: string, options: LinkedDataRouterOptions, view: ChannelView): Promise<{ ntriples: string; records: string[] } | undefined> {
  if (!/^[^\s<>"{}|^`\\]+$/u.test(iri) || options.describe === undefined) return undefined;
  const byRecord = await options.describe(iri);
  const records: string[] = [];
  let ntriples = '';
  for (const [record, statements] of byRecord) {
    const stored = options.records.getRecord(record);
    if (stored === undefined || stored.deleted || !view.sees(stored.dataset, record)) continue;
    records.push(record);
    ntriples += statements;
  }
  return records.length === 0 ? undefined : { ntriples, records };
}

/** An IRI described inside records: its statements (each once) as a page or in an RDF syntax. */
function sendDescribed(req: Request, res: Response, iri: string, described: { ntriples: string; records: string[] }): void {
  const mediaType = negotiate(req);
  const store = new oxigraph.Store();
  store.load(described.ntriples, { format: 'application/n-triples' });
  sendAnswer(req, res, mediaType, mediaType === HTML
    ? describedPage(iri, store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() }), described.records)
    : store.dump({ format: mediaType, from_graph_name: oxigraph.defaultGraph() }));
}

function page(record: StoredRecord, index: TermIndex): string {
  if (record.kind === 'concept') {
    const found = index.concepts([record.iri]).get(record.iri);
    if (found !== undefined) {
      const links = ['broader', 'narrower', 'related'] as const;
      const related = index.prefLabels(links.flatMap((field) => found.doc[field]));
      const list = index.lists().find((candidate) => candidate.id === found.list);
      return conceptPage(found.doc, related, list);
    }
  }
  if (record.kind === 'term-list') {
    const list = index.lists().find((candidate) => candidate.iri === record.iri);
    if (list !== undefined) {
      const top = index.topConcepts(list.id, MAX_TOP_CONCEPTS);
      return termListPage(list, top, index.prefLabels(top.iris));
    }
  }
  return recordPage(record);
}

/** A digest of what is sent. */
function contentTag(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 32);
}

/**
 * The IRI a URI stands for (RFC 3987, 3.2): percent-encoded UTF-8 of characters beyond ASCII
 * decoded, every other escape (`%2F`, `%20`) kept.
 */
export function iriOfUri(uri: string): string {
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

/** `?format=` of the links on the pages, for browsers, which cannot choose what they accept. */
const FORMAT_PARAMETER: Readonly<Record<string, string>> = {
  turtle: 'text/turtle', ntriples: 'application/n-triples', jsonld: 'application/ld+json', rdfxml: 'application/rdf+xml', html: HTML,
};

/** The media type to answer in: `?format=`, else an RDF syntax or HTML as the client accepts; 406 otherwise. */
function negotiate(req: Request): string {
  const asked = typeof req.query.format === 'string' ? req.query.format : undefined;
  if (asked !== undefined) {
    const mediaType = FORMAT_PARAMETER[asked];
    if (mediaType === undefined) throw new BadRequestError(`Unknown format "${asked}"; known: ${Object.keys(FORMAT_PARAMETER).join(', ')}.`);
    return mediaType;
  }
  const offered = [...GRAPH_FORMATS.map((f) => f.mediaType), HTML];
  // A client that asks for plain JSON gets JSON-LD, which is JSON (and says so in its type).
  const choice = acceptedType(req, [...offered, 'application/json']);
  if (choice === false) throw new NotAcceptableError(req.get('accept') ?? '', [...offered, 'application/json']);
  return choice === 'application/json' ? 'application/ld+json' : choice;
}

/** The record's graph in an RDF syntax, serialised by oxigraph. */
function graphText(record: StoredRecord, mediaType: string): string {
  const store = new oxigraph.Store();
  store.load(record.nquads, { format: 'application/n-quads' });
  return store.dump({ format: mediaType, from_graph_name: oxigraph.namedNode(record.iri) });
}

/** A topic (terms/topics.ts) is not a record: it is described from the code, as a SKOS concept. */
function sendTopic(req: Request, res: Response, iri: string, topic: Topic): void {
  res.setHeader('Vary', 'Accept');
  const mediaType = negotiate(req);
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
