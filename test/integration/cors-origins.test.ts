import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** `--cors-origins` holds for every resource, GraphQL included (yoga has a CORS handling of its own). */
describe('CORS with a list of allowed origins', () => {
  const ALLOWED = 'https://museum.example';
  let dir: string;
  let server: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cors-'));
    server = await startTestServer(join(dir, 'data'), { corsOrigins: ALLOWED });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const graphql = (origin: string) => fetch(`${server.url}/graphql`, {
    method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ sources { uri } }' }),
  });

  it('lets an allowed origin read GraphQL, SPARQL and reconciliation answers', async () => {
    for (const response of [
      await graphql(ALLOWED),
      await fetch(`${server.url}/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: { origin: ALLOWED } }),
      await fetch(`${server.url}/reconcile`, { headers: { origin: ALLOWED } }),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('gives any other origin no CORS headers, on GraphQL too', async () => {
    const response = await graphql('https://elsewhere.example');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
