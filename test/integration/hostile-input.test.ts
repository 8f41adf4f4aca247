import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { count, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
const temp = sharedTempDir();

beforeAll(async () => {
  server = await startTestServer(temp.dir, { maxBody: '1mb', maxResult: '2kb' });
  await server.update('INSERT DATA { <http://example.org/keep> <http://example.org/p> "still here" }');
  const filler = Array.from({ length: 40 }, (_, i) => `<http://example.org/f${i}> <http://example.org/p> "filler ${i}" .`).join('\n');
  await server.update(`INSERT DATA { ${filler} }`);
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

/** After every hostile request the server must still answer, with its data intact. */
async function expectStillServing(): Promise<void> {
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
  expect(await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/keep> ?p ?o }')).toBe(1);
}

async function problem(response: Response): Promise<{ status: number; code: string; detail: string }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return { status: response.status, ...((await response.json()) as { code: string; detail: string }) };
}

/** Sends a body of `size` bytes with a raw client, as an attacker would, and reads the answer. */
function sendLargeBody(size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.endpoint);
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { 'content-type': 'application/sparql-query', 'content-length': size },
    }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); });
    });
    // The server may answer and close before the whole body is sent; that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('hostile input', () => {
  it('answers malformed SPARQL with 400 and the parser message', async () => {
    const { status, code, detail } = await problem(await server.query('SELECT ?x WHERE { ?x ?y } } }'));
    expect(status).toBe(400);
    expect(code).toBe('SPARQL_SYNTAX');
    expect(detail).toMatch(/line 1, column \d+/);
    await expectStillServing();
  });

  it('answers a 50 MB body with 413 without reading it all', async () => {
    const { status, body } = await sendLargeBody(50 * 1024 * 1024);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: 1024 * 1024 });
    await expectStillServing();
  });

  it('answers binary garbage with 400', async () => {
    for (const contentType of ['application/sparql-query', 'application/sparql-update', 'application/x-www-form-urlencoded']) {
      const response = await fetch(server.endpoint, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: 'Bearer test-admin-token-0123456789' },
        body: Buffer.concat([Buffer.from([0xff, 0xfe, 0xfd]), randomBytes(4096)]),
      });
      const { status, detail } = await problem(response);
      expect(status).toBe(400);
      expect(detail).toMatch(/not valid UTF-8|does not parse|missing|syntax/i);
    }
    await expectStillServing();
  });

  it('answers a wrong Content-Type with 415 naming the accepted ones', async () => {
    const response = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"ASK {}"}' });
    const { status, detail } = await problem(response);
    expect(status).toBe(415);
    expect(detail).toMatch(/application\/sparql-query/);
    await expectStillServing();
  });

  it('answers a body in an unsupported Content-Encoding with 415', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST', headers: { 'content-type': 'application/sparql-query', 'content-encoding': 'foo' }, body: 'ASK {}',
    });
    const { status, code } = await problem(response);
    expect(status).toBe(415);
    expect(code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await expectStillServing();
  });

  it('answers an update without a token with 401, and changes nothing', async () => {
    const response = await fetch(server.endpoint, {
      method: 'POST', headers: { 'content-type': 'application/sparql-update' }, body: 'DROP ALL',
    });
    const { status, code } = await problem(response);
    expect(status).toBe(401);
    expect(code).toBe('UNAUTHORIZED');
    await expectStillServing();
  });

  it('keeps injected text inside a literal, never executing it', async () => {
    await server.update('INSERT DATA { <http://example.org/x> <http://example.org/p> "x> } ; DROP ALL #" }');
    await expectStillServing();
    expect(await count(server, 'SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/x> ?p ?o }')).toBe(1);
  });

  it('refuses a query nested too deeply to parse safely, with 400', async () => {
    for (const nested of [
      `SELECT * WHERE ${'{ '.repeat(5000)}?s ?p ?o${' }'.repeat(5000)}`,
      `SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(900)}1${')'.repeat(900)}) }`,
    ]) {
      const { status, code, detail } = await problem(await server.query(nested));
      expect(status).toBe(400);
      expect(code).toBe('QUERY_TOO_COMPLEX');
      expect(detail).toMatch(/limit is 128/);
    }
    await expectStillServing();
  });

  it('refuses nesting hidden behind a less-than operator', async () => {
    const hidden = `SELECT * WHERE { ?s ?p ?o FILTER(?o<${'('.repeat(3000)}1${')'.repeat(3000)}&&1>0) }`;
    const { status, code } = await problem(await server.query(hidden));
    expect(status).toBe(400);
    expect(code).toBe('QUERY_TOO_COMPLEX');
    await expectStillServing();
  });

  it('refuses long flat chains (5,000 ||, UNIONs or IN values) that overflowed the engine, with 400, and keeps serving', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => i);
    for (const flat of [
      `SELECT * WHERE { ?s ?p ?o FILTER(${values.map((i) => `?o=${i}`).join('||')}) }`,
      `SELECT * WHERE { ${values.map((i) => `{ ?s ?p ${i} }`).join(' UNION ')} }`,
      `SELECT * WHERE { ?s ?p ?o FILTER(?o IN (${values.join(',')})) }`,
    ]) {
      const { status, code, detail } = await problem(await server.query(flat));
      expect(status).toBe(400);
      expect(code).toBe('QUERY_TOO_COMPLEX');
      expect(detail).toMatch(/the limit is 2,000\. For long lists of values use VALUES\.$/);
    }
    // The same values as VALUES are fine.
    expect((await server.query(`SELECT * WHERE { VALUES ?o { ${values.join(' ')} } ?s ?p ?o }`)).status).toBe(200);
    await expectStillServing();
  });

  it('refuses a GET whose percent-escapes are not UTF-8, as it refuses such a body, instead of reading replacement characters', async () => {
    const response = await fetch(`${server.url}/sparql?query=SELECT%20?x%20WHERE%20%7B%20BIND(%22%FF%22%20AS%20?x)%20%7D`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'BAD_REQUEST', detail: expect.stringMatching(/^The URL holds percent-escapes that are malformed or not UTF-8/) as unknown });
  });

  it('answers a GET too long for HTTP headers with a problem document that says to POST it', async () => {
    const long = `SELECT * WHERE { ?s ?p ?o FILTER(?o = "${'x'.repeat(20_000)}") }`;
    const response = await fetch(`${server.url}/sparql?query=${encodeURIComponent(long)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE', detail: expect.stringContaining('send a long SPARQL query with POST') as unknown });
    await expectStillServing();
  });

  it('refuses a result larger than --max-result, and keeps serving', async () => {
    const { status, code, detail } = await problem(await server.query('CONSTRUCT { ?s ?p ?o . ?s <http://example.org/again> ?o } WHERE { ?s ?p ?o }', 'text/turtle'));
    expect(status).toBe(400);
    expect(code).toBe('RESULT_TOO_LARGE');
    expect(detail).toMatch(/the limit of 2 KB \(--max-result\)/);
    // The limit is in bytes: 1,500 euro signs are 1,500 characters but 4,500 bytes.
    const euros = await problem(await server.query(`SELECT ?x WHERE { BIND("${'€'.repeat(1500)}" AS ?x) }`));
    expect([euros.status, euros.code]).toEqual([400, 'RESULT_TOO_LARGE']);
    await expectStillServing();
  });

  it('accepts nesting up to the limit', async () => {
    const nested = `ASK ${'{ '.repeat(120)}?s ?p ?o${' }'.repeat(120)}`;
    expect(await (await server.query(nested)).json()).toMatchObject({ boolean: true });
  });
});
