import { mkdirSync } from 'node:fs';
import { startServer, type RunningServer } from '../../src/app.js';
import { parseConfig, serveSchema } from '../../src/config/config.js';
import { silentLogger } from './silent-logger.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestServer extends RunningServer {
  readonly endpoint: string;
  /** POSTs a query as a form; returns the response. */
  query(query: string, accept?: string): Promise<Response>;
  /** POSTs an update with the admin token; throws unless 2xx. */
  update(update: string, params?: string): Promise<Response>;
  /** Waits until /ready answers 200. */
  waitReady(): Promise<void>;
}

/** Starts the real app (src/app.ts) on a loopback port chosen by the OS. */
export async function startTestServer(
  dataDir: string, overrides: Record<string, unknown> = {},
): Promise<TestServer> {
  // An empty catalog: no remote term sources unless a test gives a catalog.
  mkdirSync(`${dataDir}/no-catalog`, { recursive: true });
  const config = parseConfig(serveSchema, {
    // No remote term sources unless a test gives a catalog: tests never reach the internet.
    dataDir, port: 0, host: '127.0.0.1', adminToken: TEST_ADMIN_TOKEN, logLevel: 'silent', catalog: `${dataDir}/no-catalog`, sourceCheckInterval: 0,
    // Tests send bursts from one address; the rate-limit tests set their own limits.
    rateLimit: 0, tokenRateLimit: 0, authFailureLimit: 0, ...overrides,
  });
  const server = await startServer(config, silentLogger());
  await server.indexReady;
  const endpoint = `${server.url}/sparql`;
  const query = (text: string, accept = 'application/sparql-results+json'): Promise<Response> => fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
    body: new URLSearchParams({ query: text }),
  });
  const update = async (text: string, params = ''): Promise<Response> => {
    const response = await fetch(`${endpoint}${params}`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: text,
    });
    if (!response.ok) throw new Error(`update failed with ${response.status}: ${await response.text()}`);
    return response;
  };
  const waitReady = async (): Promise<void> => {
    for (let i = 0; i < 200; i++) {
      if ((await fetch(`${server.url}/ready`)).ok) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('server did not become ready');
  };
  return { ...server, close: () => server.close(), endpoint, query, update, waitReady };
}

/** Runs a SELECT and returns its bindings as plain objects of values. */
export async function select(server: TestServer, query: string): Promise<Array<Record<string, string>>> {
  const response = await server.query(query);
  if (!response.ok) throw new Error(`query failed with ${response.status}: ${await response.text()}`);
  const json = (await response.json()) as { results: { bindings: Array<Record<string, { value: string }>> } };
  return json.results.bindings.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.value])));
}

/** The single integer a `SELECT (COUNT(...) AS ?n)` query returns. */
export async function count(server: TestServer, query: string): Promise<number> {
  const [row] = await select(server, query);
  return Number(row?.n ?? Number.NaN);
}
