import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { jointly, type ContentView, type PublicationPolicy } from '../../access/publication-policy.js';
import { MethodNotAllowedError, UnsupportedMediaTypeError } from '../../domain/errors.js';
import { actorOf } from '../../domain/principal.js';
import { principalOf } from '../../http/auth.js';
import { systemClock, type Clock } from '../../ports/clock.js';
import type { HarvestFeed } from '../../ports/harvest-feed.js';
import type { RecordStore } from '../../ports/record-store.js';
import { DatasetDirectory } from './dataset-directory.js';
import { visibilityOf } from './harvest-visibility.js';
import { getRecord } from './get-record.js';
import { identify } from './identify.js';
import { listMetadataFormats } from './list-metadata-formats.js';
import { listIdentifiers, listRecords } from './list-records.js';
import { listSets } from './list-sets.js';
import type { MetadataFormat, MetadataFormats } from './metadata-format.js';
import type { OaiContext, VerbHandler } from './oai-context.js';
import { datestamp } from './oai-dates.js';
import { ENVELOPE_END, envelopeStart, errorsXml } from './oai-envelope.js';
import { aboutSyntax } from './oai-error.js';
import { parseOaiRequest, type Verb } from './oai-request.js';
import { resumptionKey } from './resumption-key.js';
import { ResumptionTokens } from './resumption-token.js';
import { ResponseSink } from './response-sink.js';

export interface OaiRouterOptions {
  readonly feed: HarvestFeed;
  readonly policy: PublicationPolicy;
  readonly formats: MetadataFormats;
  /** Where the resumption-token key is kept (the record store's settings). */
  readonly settings: Pick<RecordStore, 'getSetting' | 'setSetting'>;
  readonly baseIri: string;
  readonly adminEmail: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Records or headers per list response (200). */
  readonly pageSize?: number;
  /** How long a resumption token stays valid (a day). */
  readonly tokenLifetimeMs?: number;
}

const FORM = 'application/x-www-form-urlencoded';
const DEFAULT_PAGE_SIZE = 200;
const DAY_MS = 86_400_000;

/** Verb to handler (section 4). */
const VERBS: Readonly<Record<Verb, VerbHandler>> = {
  Identify: identify,
  ListMetadataFormats: listMetadataFormats,
  ListSets: listSets,
  GetRecord: getRecord,
  ListIdentifiers: listIdentifiers,
  ListRecords: listRecords,
};

/**
 * The OAI-PMH 2.0 provider at `/oai` (GET, and POST with a form body). What it shows follows the
 * `oai` channel of the publication policy for the caller, as linked data does: anonymous
 * harvesters get the public view, a token of the owning organisation sees its own unpublished
 * records. Protocol errors are `<error>` elements in a 200 response; lists stream.
 */
export function oaiRouter(options: OaiRouterOptions): Router {
  const clock = options.clock ?? systemClock;
  let key: Buffer | undefined;
  const tokens = new ResumptionTokens(() => (key ??= resumptionKey(options.settings)), clock, options.tokenLifetimeMs ?? DAY_MS);
  const repository = {
    name: `cultuurgraaf (${new URL(options.baseIri).host})`,
    baseUrl: `${options.baseIri}oai`,
    adminEmail: options.adminEmail,
  };

  const handle = async (req: Request, res: Response): Promise<void> => {
    const parsed = parseOaiRequest(requestPairs(req));
    const principal = principalOf(req);
    const view = options.policy.view(principal, 'oai');
    const viewFor = (format: MetadataFormat): ContentView => (format.channel === undefined ? view : jointly(view, options.policy.view(principal, format.channel)));
    const context: OaiContext = {
      feed: options.feed, view, viewFor, viewer: actorOf(view.principal), visibility: visibilityOf(view),
      datasets: new DatasetDirectory(options.feed),
      formats: options.formats, tokens, repository, clock, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    };
    const outcome = 'errors' in parsed ? parsed : VERBS[parsed.verb](parsed.args, context);
    const request = 'errors' in outcome && aboutSyntax(outcome.errors) ? undefined : 'verb' in parsed ? parsed : undefined;

    res.status(200).type('text/xml; charset=utf-8');
    res.setHeader('Vary', 'Authorization');
    // What a principal sees may differ from what the public sees: never let a shared cache mix them.
    if (req.get('authorization') !== undefined) res.setHeader('Cache-Control', 'private');
    const out = new ResponseSink(res);
    try {
      await out.write(envelopeStart(datestamp(clock.now()), repository.baseUrl, request));
      if ('errors' in outcome) await out.write(errorsXml(outcome.errors));
      else await outcome.write(out);
      await out.write(ENVELOPE_END);
      await out.end();
    } catch (error) {
      // Nothing sent yet: the error handler answers with a problem document.
      if (!res.headersSent) throw error;
      // Part of the list is out: a response cut short is all that can tell the client.
      if (!out.clientGone) options.logger.error({ err: error }, 'an OAI-PMH response failed while it was being written');
      res.destroy(error instanceof Error ? error : undefined);
    }
  };

  const router = Router();
  router.get('/oai', handle);
  router.post('/oai', (req, _res, next) => {
    // A body of another type is refused; a POST without a body carries its arguments in the URL, if anywhere.
    // req.is answers null for a request without a body: only a body of another type is refused.
    if (req.headers['content-length'] !== '0' && req.headers['content-type'] !== undefined && req.is(FORM) === false) {
      throw new UnsupportedMediaTypeError(`OAI-PMH requests sent with POST must be ${FORM}.`);
    }
    next();
  }, express.text({ type: FORM, limit: '1mb' }), handle);
  router.all('/oai', (req) => {
    throw new MethodNotAllowedError(req.method, ['GET', 'POST']);
  });
  return router;
}

/** The request's key=value pairs in order, repeats kept: the URL's, and a POST's form body's. */
function requestPairs(req: Request): Array<[string, string]> {
  const query = req.originalUrl.indexOf('?');
  const pairs = [...new URLSearchParams(query === -1 ? '' : req.originalUrl.slice(query + 1))];
  if (req.method === 'POST' && typeof req.body === 'string') pairs.push(...new URLSearchParams(req.body));
  return pairs;
}
