import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/cli.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const LIMIT_MS = 2000;
/** A cartesian product over every triple four times: minutes of work at the data below. */
const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';

let server: TestServer;
const temp = sharedTempDir();

beforeAll(async () => {
  server = await startTestServer(temp.dir, { queryTimeout: LIMIT_MS });
  const triples = Array.from({ length: 300 }, (_, i) => `<http://example.org/s${i}> <http://example.org/p> ${i} .`).join('\n');
  await server.update(`INSERT DATA { ${triples} }`);
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

describe('a runaway query', () => {
  it('is stopped at the limit with 503, while simple queries keep answering', async () => {
    const started = performance.now();
    const runaway = server.query(RUNAWAY).then(async (response) => ({
      status: response.status, body: (await response.json()) as Record<string, unknown>, ms: performance.now() - started,
    }));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const simpleStarted = performance.now();
    const simple = await server.query('ASK { <http://example.org/s1> ?p ?o }');
    const simpleMs = performance.now() - simpleStarted;
    expect(simple.status).toBe(200);
    expect(await simple.json()).toMatchObject({ boolean: true });
    expect(simpleMs).toBeLessThan(1000);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    const result = await runaway;
    expect(result.status).toBe(503);
    expect(result.body).toMatchObject({ code: 'QUERY_TIMEOUT', limitMs: LIMIT_MS, status: 503 });
    expect(String(result.body.detail)).toMatch(/2000 ms \(--query-timeout\)/);
    expect(result.ms).toBeGreaterThanOrEqual(LIMIT_MS - 50);
    expect(result.ms).toBeLessThan(LIMIT_MS + 1500);
  });

  it('gets a fresh replica in place of the stopped one, and the index catches up', async () => {
    // The stopped replica leaves at once; its replacement appears and builds in the background.
    await waitFor(async () => {
      const ready = (await (await fetch(`${server.url}/ready`)).json()) as { status: string; replicas: Array<{ state: string }> };
      return ready.status === 'ready' && ready.replicas.length === 2 && ready.replicas.every((r) => r.state === 'serving') ? true : undefined;
    }, 30_000);
    await server.update('INSERT DATA { <http://example.org/after> <http://example.org/p> 1 }');
    for (let i = 0; i < 4; i++) {
      const response = await server.query('ASK { <http://example.org/after> ?p ?o }');
      expect(await response.json()).toMatchObject({ boolean: true });
    }
  });
});
