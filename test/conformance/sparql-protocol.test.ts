/**
 * The W3C SPARQL 1.1 Protocol test suite, driven by its own manifest: every entry becomes a
 * test that sends the manifest's HTTP requests to the real server on loopback and checks the
 * expected status class, result format and ASK answer.
 */
import { readFileSync } from 'node:fs';
import { DataFactory, Parser, Store, type Term } from 'n3';
import oxigraph from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const SUITE = new URL('./w3c-sparql11-protocol/', import.meta.url);
const MANIFEST = new URL('manifest.ttl', SUITE);

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  mf: 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#',
  ht: 'http://www.w3.org/2011/http#',
  hts: 'http://www.w3.org/2011/http-statusCodes#',
  cnt: 'http://www.w3.org/2011/content#',
  ut: 'http://www.w3.org/2009/sparql/tests/test-update#',
};

/**
 * Tests we skip, each with its reason. Empty: every test of the manifest runs. A test that
 * cannot pass here must be listed with a reason, never silently dropped.
 */
const SKIPPED: ReadonlyMap<string, string> = new Map();

const BOOLEAN_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml'];
const TABULAR_TYPES = [...BOOLEAN_TYPES, 'text/csv', 'text/tab-separated-values'];
const RDF_TYPES = ['application/rdf+xml', 'text/turtle', 'application/n-triples'];

interface ProtocolRequest {
  readonly path: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly expectedStatus: readonly string[];
  readonly expectedFormat: string | undefined;
  readonly expectedBoolean: boolean | undefined;
}

interface ProtocolTest {
  readonly id: string;
  readonly name: string;
  readonly graphData: ReadonlyArray<{ readonly file: URL; readonly graph: string }>;
  readonly requests: readonly ProtocolRequest[];
}

/** Reads the manifest into tests, in the order of mf:entries. */
function readManifest(): ProtocolTest[] {
  const store = new Store(new Parser({ baseIRI: MANIFEST.href }).parse(readFileSync(MANIFEST, 'utf8')));
  const one = (subject: Term, predicate: string): Term | undefined => store.getObjects(subject, DataFactory.namedNode(predicate), null)[0];
  const all = (subject: Term, predicate: string): Term[] => store.getObjects(subject, DataFactory.namedNode(predicate), null);
  const list = (head: Term | undefined): Term[] => {
    const items: Term[] = [];
    for (let node = head; node && node.value !== `${NS.rdf}nil`; node = one(node, `${NS.rdf}rest`)) {
      const first = one(node, `${NS.rdf}first`);
      if (first) items.push(first);
    }
    return items;
  };
  const manifest = DataFactory.namedNode(MANIFEST.href);
  return list(one(manifest, `${NS.mf}entries`)).map((entry) => {
    const action = one(entry, `${NS.mf}action`);
    const requests = list(action && one(action, `${NS.ht}requests`)).map((request): ProtocolRequest => {
      const response = one(request, `${NS.ht}resp`);
      const headers: Record<string, string> = {};
      for (const header of list(one(request, `${NS.ht}headers`))) {
        headers[one(header, `${NS.ht}fieldName`)?.value ?? ''] = one(header, `${NS.ht}fieldValue`)?.value ?? '';
      }
      const body = one(request, `${NS.ht}body`);
      const expectedBoolean = response && one(response, `${NS.mf}expectedBoolean`)?.value;
      return {
        path: one(request, `${NS.ht}absolutePath`)?.value ?? '/sparql/',
        method: one(request, `${NS.ht}methodName`)?.value ?? 'GET',
        headers,
        body: body && one(body, `${NS.cnt}chars`)?.value,
        expectedStatus: response ? all(response, `${NS.mf}expectedStatus`).map((s) => s.value.slice(NS.hts.length)) : [],
        expectedFormat: response && one(response, `${NS.mf}expectedFormat`)?.value,
        expectedBoolean: expectedBoolean === undefined ? undefined : expectedBoolean === 'true',
      };
    });
    return {
      id: entry.value.slice(entry.value.indexOf('#') + 1),
      name: one(entry, `${NS.mf}name`)?.value ?? entry.value,
      graphData: all(entry, `${NS.ut}graphData`).map((data) => ({
        file: new URL(one(data, `${NS.ut}graph`)?.value ?? ''),
        graph: one(data, `${NS.rdfs}label`)?.value ?? '',
      })),
      requests,
    };
  });
}

const TESTS = readManifest();
let server: TestServer;
const temp = sharedTempDir();

beforeAll(async () => {
  server = await startTestServer(temp.dir);
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

/** Puts a test's graph data in place: each file becomes the record named by its label. */
async function loadGraphData(test: ProtocolTest): Promise<void> {
  for (const { file, graph } of test.graphData) {
    const triples = readFileSync(file, 'utf8');
    await server.update(`DROP SILENT GRAPH <${graph}> ; INSERT DATA { GRAPH <${graph}> { ${triples} } }`);
  }
}

function statusClass(status: number): string {
  return `StatusCode${Math.floor(status / 100)}xx`;
}

async function checkResponse(response: Response, expected: ProtocolRequest): Promise<void> {
  const text = await response.text();
  expect(expected.expectedStatus, `status ${response.status}: ${text.slice(0, 300)}`).toContain(statusClass(response.status));
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (expected.expectedFormat === 'boolean') {
    expect(BOOLEAN_TYPES).toContain(contentType);
    const answer = contentType.endsWith('json')
      ? (JSON.parse(text) as { boolean: boolean }).boolean
      : /<boolean>\s*true\s*<\/boolean>/.test(text);
    if (expected.expectedBoolean !== undefined) expect(answer).toBe(expected.expectedBoolean);
  } else if (expected.expectedFormat === 'tabular') {
    expect(TABULAR_TYPES).toContain(contentType);
  } else if (expected.expectedFormat === 'RDF') {
    expect(RDF_TYPES).toContain(contentType);
    expect(() => oxigraph.parse(text, { format: contentType })).not.toThrow();
  }
}

describe('W3C SPARQL 1.1 Protocol', () => {
  it('reads every entry of the manifest', () => {
    expect(TESTS).toHaveLength(34);
    expect(TESTS.every((test) => test.requests.length > 0)).toBe(true);
  });

  for (const test of TESTS) {
    const skip = SKIPPED.get(test.id);
    it.skipIf(skip !== undefined)(`${test.id}: ${test.name}`, async () => {
      await loadGraphData(test);
      for (const request of test.requests) {
        const response = await fetch(`${server.url}${request.path}`, {
          method: request.method,
          headers: { ...request.headers, authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        await checkResponse(response, request);
      }
    });
  }
});
