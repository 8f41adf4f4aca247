import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { NotFoundError } from '../domain/errors.js';
import type { RecordStore } from '../ports/record-store.js';
import type { TripleStore } from '../ports/triple-store.js';
import type { ServiceDescription } from '../sparql/service-description.js';
import type { SparqlUpdateService } from '../sparql/sparql-update-service.js';
import { graphqlApp, type GraphqlOptions } from '../graphql/graphql-app.js';
import { assetsRouter } from './assets-router.js';
import { healthRouter } from './health-router.js';
import { ingestRouter, type IngestRouterOptions } from './ingest-router.js';
import { problemHandler } from './problem-response.js';
import { markArrival, sinceArrival } from './request-timing.js';
import { linkedDataRouter } from './linked-data-router.js';
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
  readonly adminToken: string | undefined;
  readonly queryTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxResultBytes: number;
  /** Uploads for ingest, and their runs. */
  readonly ingest: IngestRouterOptions;
  /** The term index behind /graphql, and the term-list API. */
  readonly terms: GraphqlOptions & TermListsRouterOptions;
}

/** The express application: one router per resource, one error handler. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Result bodies can be large; hashing each for an ETag costs more than it saves.
  app.set('etag', false);
  app.use(accessLog(options.logger));
  // The SPARQL router comes first: the busiest path passes the fewest layers.
  app.use(sparqlRouter({
    index: options.index,
    updates: options.updates,
    serviceDescription: options.serviceDescription,
    endpoint: options.endpoint,
    queryTimeoutMs: options.queryTimeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    maxResultBytes: options.maxResultBytes,
    adminToken: options.adminToken,
  }));
  app.use(healthRouter(options.records, options.index));
  app.use(ingestRouter(options.ingest));
  app.use(termListsRouter(options.terms));
  app.use(linkedDataRouter(options.terms));
  app.use(reconcileRouter(options.terms));
  const graphql = graphqlApp(options.terms);
  app.use(graphql.graphqlEndpoint, graphql);
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

/** One log line per request: method, path (never the query string, which may hold data), status, duration. */
function accessLog(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    markArrival(req);
    res.on('finish', () => {
      logger.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(sinceArrival(req) * 10) / 10 },
        'request',
      );
    });
    next();
  };
}
