import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { ROOT } from './cli.js';
import { putTurtle } from './records.js';
import { startTestServer, type TestServer } from './test-server.js';

const CATALOG = join(ROOT, 'vocabularies/catalog');

/** A shipped catalog entry and the loopback endpoint it is pointed at, and the server that uses it. */
export interface RemoteCatalog {
  /** The server whose /sparql stands in for the remote source. */
  readonly remote: TestServer;
  /** The server with the catalog entry, as clients use it. */
  readonly server: TestServer;
  close(): Promise<void>;
}

/**
 * Runs a shipped catalog entry (`{entry}.ttl` with `{entry}-search.rq` and `{entry}-lookup.rq`)
 * against a loopback SPARQL endpoint that holds `records` (IRI → Turtle, after `prefixes`) in
 * dataset `dataset`, in place of the source's real endpoint `endpoint` (as the entry writes it).
 */
export async function startRemoteCatalog(dir: string, options: {
  readonly entry: string; readonly endpoint: string; readonly dataset: string; readonly prefixes: string; readonly records: Readonly<Record<string, string>>;
}): Promise<RemoteCatalog> {
  const remoteData = join(dir, 'remote');
  const store = SqliteRecordStore.open(remoteData);
  try {
    const puts = await Promise.all(Object.entries(options.records).map(([iri, turtle]) => putTurtle(iri, options.dataset, options.prefixes + turtle)));
    store.writeBatch(puts, { createDatasets: [{ id: options.dataset }] });
  } finally {
    store.close();
  }
  const remote = await startTestServer(remoteData);
  const catalog = join(dir, 'catalog');
  mkdirSync(catalog);
  for (const query of [`${options.entry}-search.rq`, `${options.entry}-lookup.rq`]) copyFileSync(join(CATALOG, query), join(catalog, query));
  const entry = `${options.entry}.ttl`;
  writeFileSync(join(catalog, entry), readFileSync(join(CATALOG, entry), 'utf8').replace(options.endpoint, `<${remote.url}/sparql>`));
  const server = await startTestServer(join(dir, 'data'), { catalog });
  return {
    remote, server,
    close: async () => {
      await server.close();
      await remote.close();
    },
  };
}
