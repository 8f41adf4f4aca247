import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { PublicationPolicy } from '../access/publication-policy.js';
import type { TokenService } from '../access/token-service.js';
import type { DefaultPolicy } from '../domain/publication-policy.js';
import type { AccessStore } from '../ports/access-store.js';
import { accessRouter } from './access-router.js';
import { authentication, AuthFailureThrottle, rateLimits, type RateLimitOptions } from './auth.js';
import type { Logger } from 'pino';
import { NotFoundError } from '../domain/errors.js';
import type { RecordStore } from '../ports/record-store.js';
import type { TripleStore } from '../ports/triple-store.js';
import type { ServiceDescription } from '../sparql/service-description.js';
import type { SparqlUpdateService } from '../sparql/sparql-update-service.js';
import { catalogRouter } from '../publish/catalog/catalog-router.js';
import { dumpRouter } from '../publish/dumps/dump-router.js';
import { ldesRouter } from '../publish/ldes/ldes-router.js';
import type { PublicationOptions } from '../publish/publication-options.js';
import { graphqlApp, type GraphqlOptions } from '../graphql/graphql-app.js';
import { oaiRouter, type OaiRouterOptions } from '../publish/oai/oai-router.js';
import { assetsRouter } from './assets-router.js';
import { europeanaRouter } from './europeana-router.js';
import { healthRouter } from './health-router.js';
import { ingestRouter, type IngestRouterOptions } from './ingest-router.js';
import { problemHandler } from './problem-response.js';
import { markArrival, sinceArrival } from './request-timing.js';
import { linkedDataRouter, type LinkedDataRouterOptions } from './linked-data-router.js';
import { reconcileRouter } from './reconcile-router.js';
import { sparqlRouter } from './sparql-router.js';
import { termListsRouter, type TermListsRouterOptions } from './term-lists-router.js';

export interface HttpAppOptions {
  readonly records: RecordStore;
  readonly index: TripleStore;
  readonly updates: SparqlUpdateService;
  readonly serviceDescription: ServiceDescription;
  readonly logger: Logger;
  /** The SPARQL endpoint's own IRI (`<base>sparql`). */
  readonly endpoint: string;
  readonly access: AccessStore;
  readonly tokens: TokenService;
  readonly policy: PublicationPolicy;
  readonly defaultPolicy: DefaultPolicy;
  /** `*`, `none`, or a comma-separated list of origins. */
  readonly corsOrigins: string;
  /** Express's `trust proxy`: hops, `loopback`, or addresses; undefined trusts none. */
  readonly trustProxy: string | undefined;
  readonly rateLimits: RateLimitOptions;
  /** Called after a write outside the record store's usual paths (a policy change): projections should catch up. */
  readonly onChange: () => void;
  readonly queryTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxResultBytes: number;
  /** Uploads for ingest, and their runs. */
  readonly ingest: IngestRouterOptions;
  /** `edm:provider` of the Europeana export. */
  readonly europeanaProvider: string;
  /** The term index behind /graphql, and the term-list API. */
  readonly terms: GraphqlOptions & TermListsRouterOptions & Pick<LinkedDataRouterOptions, 'describe'>;
  /** The OAI-PMH provider at /oai. */
  readonly oai: Omit<OaiRouterOptions, 'logger'>;
  /** What LDES, the dumps and the catalogue read. */
  readonly publication: PublicationOptions;
}

/** The express application: one router per resource, one error handler. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy, req.ip (limits, throttling, audit) is the client's only if the proxy is trusted.
  if (options.trustProxy !== undefined) app.set('trust proxy', /^\d+$/.test(options.trustProxy) ? Number(options.trustProxy) : options.trustProxy);
  // Result bodies can be large; hashing each for an ETag costs more than it saves.
  app.set('etag', false);
  app.use(accessLog(options.logger));
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The pages and the query editor (YASGUI) style elements inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        // The server may well be reached over plain HTTP (docker, --host 0.0.0.0, a LAN): asking
        // browsers to upgrade would send the editor's scripts and queries to an https:// that is not there.
        upgradeInsecureRequests: null,
      },
    },
    // Linked data and the API are read by other sites' code: let them.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  }));
  app.use(corsPolicy(options.corsOrigins));
  // Probes ahead of the limits: a busy address (all clients behind one proxy) must not make a
  // load balancer or Docker think the server is down.
  app.use(healthRouter(options.records, options.index));
  app.use(authentication(options.tokens, new AuthFailureThrottle(options.rateLimits.failedAuth)));
  app.use(rateLimits(options.rateLimits));
  // The SPARQL router comes first: the busiest paths pass the fewest layers.
  app.use(sparqlRouter({
    index: options.index,
    updates: options.updates,
    serviceDescription: options.serviceDescription,
    endpoint: options.endpoint,
    queryTimeoutMs: options.queryTimeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    maxResultBytes: options.maxResultBytes,
    access: options.access,
  }));
  // Then GraphQL: collection tools search terms as their users type.
  const graphql = graphqlApp(options.terms);
  // Sources are named in the Accept-Language's language (unless a query's languages say otherwise), and a token
  // sees its own lists: a cache must tell them apart.
  app.use(graphql.graphqlEndpoint, varyOn('Accept-Language', 'Authorization'), graphql);
  app.use(accessRouter({
    access: options.access, records: options.records, tokens: options.tokens, policy: options.policy, defaultPolicy: options.defaultPolicy,
    onPolicyChange: options.onChange,
  }));
  app.use(ingestRouter(options.ingest));
  app.use(europeanaRouter({ records: options.records, feed: options.publication.feed, policy: options.policy, provider: options.europeanaProvider }));
  app.use(termListsRouter(options.terms));
  app.use(linkedDataRouter(options.terms));
  // Reconciliation answers what the token may see.
  app.use('/reconcile', varyOn('Authorization'));
  app.use(reconcileRouter(options.terms));
  app.use(ldesRouter(options.publication));
  app.use(dumpRouter(options.publication));
  app.use(catalogRouter(options.publication));
  app.use(oaiRouter({ ...options.oai, logger: options.logger }));
  app.use(assetsRouter());
  app.get('/', (_req, res) => {
    res.redirect(303, '/sparql');
  });
  app.use((req) => {
    throw new NotFoundError(`Nothing at ${req.method} ${req.path}.`);
  });
  app.use(problemHandler(options.logger));
  return app;
}

/**
 * CORS for every resource: which origins browsers may call from. Tokens travel in the
 * Authorization header, never in cookies, so allowing any origin lends a page no one's rights.
 */
function corsPolicy(origins: string): express.RequestHandler {
  if (origins === 'none') return (_req, _res, next) => { next(); };
  const list = origins.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  return cors({
    origin: list.includes('*') ? '*' : list,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Accept', 'Accept-Language', 'Authorization', 'Content-Type'],
    exposedHeaders: ['Location', 'Retry-After', 'Server-Timing'],
    maxAge: 86_400,
  });
}

/** One log line per request: method, path (never the query string, which may hold data), status, duration. */
function accessLog(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    markArrival(req);
    res.on('finish', () => {
      logger.info(
        // originalUrl: a sub-app (yoga at /graphql) leaves req.path relative to where it is mounted.
        { method: req.method, path: req.originalUrl.split('?', 1)[0], status: res.statusCode, ms: Math.round(sinceArrival(req) * 10) / 10 },
        'request',
      );
    });
    next();
  };
}

/** Adds the request headers an answer depends on to its Vary header. */
function varyOn(...headers: string[]): express.RequestHandler {
  return (_req, res, next) => {
    for (const header of headers) res.vary(header);
    next();
  };
}
