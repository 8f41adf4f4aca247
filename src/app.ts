import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { ServeConfig } from './config/config.js';
import { createHttpApp } from './http/create-http-app.js';
import { problemType } from './http/problem-response.js';
import { OperationalError } from './domain/operational-error.js';
import { loadDemo } from './ingest/demo-loader.js';
import { IngestQueue } from './ingest/ingest-queue.js';
import { describedInRecords } from './sparql/described-in-records.js';
import { OxigraphPool } from './sparql/oxigraph-pool.js';
import { ServiceDescription } from './sparql/service-description.js';
import { SparqlUpdateService } from './sparql/sparql-update-service.js';
import { resolveBaseIri } from './store/base-iri.js';
import { PublicationPolicy } from './access/publication-policy.js';
import { TokenService } from './access/token-service.js';
import { systemClock } from './ports/clock.js';
import { SqliteAccessStore } from './store/sqlite-access-store.js';
import { SqliteIngestRunStore } from './store/sqlite-ingest-run-store.js';
import { ServerLock } from './store/server-lock.js';
import { SqliteRecordStore } from './store/sqlite-record-store.js';
import { SqliteHarvestFeed } from './store/sqlite-harvest-feed.js';
import { oaiMetadataFormats } from './publish/oai/oai-formats.js';
import { edmOaiFormat } from './publish/europeana/edm-oai-format.js';
import { SqliteVersionFeed } from './store/sqlite-version-feed.js';
import { SqliteTermIndex } from './store/sqlite-term-index.js';
import { TermIndexFollower } from './terms/term-index-follower.js';
import { SparqlTermSources } from './terms/sparql-term-source.js';
import { loadTermSourceCatalog } from './terms/term-source-catalog.js';
import { packageRoot } from './paths.js';
import { join } from 'node:path';
import { readdirSync, rmSync } from 'node:fs';

/** How long a remote term source has to answer its status check. */
const SOURCE_CHECK_TIMEOUT_MS = 10_000;

/** How often the change log is checked for writes by other processes (`load` beside the server). */
const CHANGE_POLL_MS = 250;

export interface RunningServer {
  /** The URL the server listens on, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly port: number;
  readonly baseIri: string;
  /** Resolves once the SPARQL index has been built and serves. */
  readonly indexReady: Promise<void>;
  /** Stops accepting connections, lets requests in flight finish, stops the index and closes the store. */
  close(): Promise<void>;
}

/**
 * Uploads (ingest and term-list imports over HTTP) live only while their run or import does, in
 * this server. What a server killed mid-run left behind belongs to nothing now: up to
 * --max-upload each, it would fill the disk over restarts.
 */
function removeLeftUploads(folder: string, logger: Logger): void {
  let left: string[];
  try {
    left = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of left) rmSync(join(folder, name), { recursive: true, force: true });
  if (left.length > 0) logger.warn({ folder, uploads: left.length }, 'removed uploads left by runs of a server that stopped before they ended');
}

/** Composition root: wires the record store, the SPARQL index and the HTTP app by hand. */
export async function startServer(config: ServeConfig, logger: Logger): Promise<RunningServer> {
  // Read before anything opens: a broken catalog stops the start with nothing to undo.
  const remoteSources = new SparqlTermSources(await loadTermSourceCatalog(config.catalog ?? join(packageRoot(), 'vocabularies', 'catalog')));
  // Before anything of the data dir is touched: a second server would undo the first one's runs.
  const lock = ServerLock.acquire(config.dataDir);
  try {
    return await startLocked(config, logger, remoteSources, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startLocked(config: ServeConfig, logger: Logger, remoteSources: SparqlTermSources, lock: ServerLock): Promise<RunningServer> {
  const records = SqliteRecordStore.open(config.dataDir);
  const baseIri = resolveBaseIri(records, config.baseIri);
  const access = SqliteAccessStore.open(config.dataDir);
  if (config.demo && records.countRecords() === 0) await loadDemo(records, access, baseIri, logger);

  const index = new OxigraphPool({
    dataDir: config.dataDir,
    replicas: config.sparqlReplicas,
    logger,
    storeHead: () => records.head(),
  });
  let closing: Promise<void> | undefined;
  const indexReady = index.start();
  indexReady.catch((error: unknown) => {
    // Stopping during the build rejects it too; only a build that failed on its own is fatal.
    if (closing === undefined) logger.fatal({ err: error }, 'the SPARQL index could not be built');
  });

  // The term index follows the change log in a worker thread; this thread reads it.
  const termFollower = await TermIndexFollower.start(config.dataDir, logger);
  // The reader's statements are prepared before the worker starts writing: their FTS5 tables
  // are set up on a quiet file (once, in CI, setting them up during a first build failed).
  const termIndex = SqliteTermIndex.openReader(config.dataDir);
  termFollower.notify();
  const catchUpTerms = (): Promise<void> => termFollower.caughtUp(records.head());
  logger.info({ sources: remoteSources.sources.map((source) => source.iri) }, 'remote term sources');
  const checkSources = (): void => {
    remoteSources.check(SOURCE_CHECK_TIMEOUT_MS).catch((error: unknown) => { logger.warn({ err: error }, 'checking the remote term sources failed'); });
  };
  const sourceChecks = config.sourceCheckInterval > 0 && remoteSources.sources.length > 0 ? setInterval(checkSources, config.sourceCheckInterval * 1000) : undefined;
  sourceChecks?.unref();
  if (sourceChecks !== undefined) setTimeout(checkSources, 1_000).unref();

  const policy = new PublicationPolicy(access, records);
  const tokens = new TokenService(access, systemClock, config.adminToken);
  let seenHead = records.head();
  const poller = setInterval(() => {
    // Tokens another process (the CLI) created or revoked.
    tokens.refresh();
    const head = records.head();
    if (head !== seenHead) {
      seenHead = head;
      index.notifyChanges();
      termFollower.notify();
    }
  }, CHANGE_POLL_MS);
  poller.unref();

  const runs = SqliteIngestRunStore.open(config.dataDir);
  const abandoned = runs.abandonQueued('The server stopped before the run started; submit the input again.');
  if (abandoned > 0) logger.warn({ runs: abandoned }, 'ingest runs queued before the server last stopped never started; they are marked failed');
  removeLeftUploads(join(config.dataDir, 'uploads'), logger);
  const ingestQueue = new IngestQueue(config.dataDir, runs, logger, () => {
    index.notifyChanges();
    termFollower.notify();
  });
  const endpoint = `${baseIri}sparql`;
  const harvest = SqliteHarvestFeed.open(config.dataDir);
  const versions = SqliteVersionFeed.open(config.dataDir);
  const app = createHttpApp({
    records, index, logger, endpoint,
    updates: new SparqlUpdateService(records, index, config.queryTimeout, policy, config.defaultPolicy),
    serviceDescription: new ServiceDescription(endpoint),
    access, tokens, policy, defaultPolicy: config.defaultPolicy, corsOrigins: config.corsOrigins, trustProxy: config.trustProxy,
    onChange: () => {
      index.notifyChanges();
      termFollower.notify();
    },
    rateLimits: { perAddress: config.rateLimit, perToken: config.tokenRateLimit, failedAuth: config.authFailureLimit },
    queryTimeoutMs: config.queryTimeout,
    maxBodyBytes: config.maxBody,
    maxResultBytes: config.maxResult,
    europeanaProvider: config.europeanaProvider,
    ingest: {
      queue: ingestQueue, runs, records, access, defaultPolicy: config.defaultPolicy, dataDir: config.dataDir, baseIri,
      maxUploadBytes: config.maxUpload, batchSize: 1000,
    },
    terms: {
      index: termIndex, remote: remoteSources, baseIri, catchUp: catchUpTerms, records, dataDir: config.dataDir, maxUploadBytes: config.maxUpload,
      describe: describedInRecords(index, baseIri),
      access, policy, defaultPolicy: config.defaultPolicy,
    },
    oai: { feed: harvest, policy, formats: oaiMetadataFormats().add(edmOaiFormat(config.europeanaProvider)), settings: records, baseIri, adminEmail: config.oaiAdminEmail },
    publication: { records, feed: versions, policy, baseIri },
  });
  const server = await listen(withClientErrors(createServer(app)), config.port, config.host).catch(async (error: unknown) => {
    closing = Promise.resolve();
    clearInterval(poller);
    await ingestQueue.close();
    await index.close();
    await termFollower.close();
    termIndex.close();
    harvest.close();
    versions.close();
    runs.close();
    access.close();
    records.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, baseIri, dataDir: config.dataDir, replicas: config.sparqlReplicas }, 'cultuurgraaf listening');
  if (baseServedElsewhere(baseIri, port)) {
    logger.warn({ url, baseIri },
      `the base IRI ${baseIri} names this machine at another port than the server listens on (${url}): the links of pages, feeds and `
      + `the reconciliation manifest lead there. Serve at that address (--port ${new URL(baseIri).port || 80}), or give the address people use as `
      + '--base-iri at the first start of a new data dir (a data dir keeps the base IRI it was first given once it holds records).');
  }

  return {
    url, port, baseIri, indexReady,
    close: () => {
      closing ??= (async () => {
        clearInterval(poller);
        clearInterval(sourceChecks);
        await closeServer(server);
        await ingestQueue.close();
        await index.close();
        await termFollower.close();
        termIndex.close();
        harvest.close();
        versions.close();
        runs.close();
        access.close();
        records.close();
        lock.release();
      })();
      return closing;
    },
  };
}

const LISTEN_PROBLEMS: Readonly<Record<string, (port: number, host: string) => string>> = {
  EADDRINUSE: (port, host) => `Port ${port} on ${host} is already in use; stop the other server or pick another --port.`,
  EACCES: (port, host) => `No permission to listen on port ${port} on ${host}; use a port above 1023 (--port).`,
  EADDRNOTAVAIL: (_port, host) => `Address ${host} is not available on this machine (--host).`,
  ENOTFOUND: (_port, host) => `The host name ${host} is not known (--host); give an address of this machine, such as 127.0.0.1, or 0.0.0.0 for all.`,
  EAI_AGAIN: (_port, host) => `The host name ${host} could not be looked up (--host); give an address of this machine, such as 127.0.0.1, or 0.0.0.0 for all.`,
};

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const explain = error.code === undefined ? undefined : LISTEN_PROBLEMS[error.code];
      reject(explain ? new OperationalError(explain(port, host), { cause: error }) : error);
    });
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve(server);
    });
  });
}

/** Waits for requests in flight, closing idle keep-alive connections at once and the rest after 10 s. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => { server.closeAllConnections(); }, 10_000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Answers a request Node refuses before the app sees it as the app answers errors, with a
 * problem document: headers past Node's limit (a long query by GET) get 431 saying to POST it,
 * a request that timed out 408, anything else 400; the connection is closed.
 */
function withClientErrors(server: Server): Server {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The answer is on its way (a second error of the same connection): let it go out.
    if (socket.writableEnded) return;
    // A kept-alive connection has carried earlier answers; this request's has not begun.
    if (socket.writable) {
      const [status, title, code, detail] = error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'The request line and headers are too large; send a long SPARQL query with POST (form or application/sparql-query) instead of GET.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request did not arrive in time.']
          : [400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP.'];
      const body = JSON.stringify({ type: problemType(code), title, status, detail, code });
      socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    socket.destroy(error);
  });
  return server;
}

/**
 * Whether the base IRI names this machine (localhost) at another port than the server listens
 * on: then every link of the pages, feeds and manifests leads to a port where nothing answers,
 * the usual result of `--port` without `--base-iri`. A base on another host is a proxy's.
 */
export function baseServedElsewhere(baseIri: string, port: number): boolean {
  const base = new URL(baseIri);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(base.hostname);
  const basePort = base.port === '' ? (base.protocol === 'https:' ? 443 : 80) : Number(base.port);
  return loopback && basePort !== port;
}
