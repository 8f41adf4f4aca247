import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/app.js';
import { parseConfig, serveSchema } from '../../src/config/config.js';
import { SqliteAccessStore } from '../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { putTurtle } from '../helpers/records.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const CSV = 'objectnummer;objectnaam;titel\n2024-001;schilderij;Zicht op de Leie\n';

async function call(server: { url: string }, method: string, path: string, token: string | undefined, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function upload(server: { url: string }, dataset: string, token: string): Promise<Response> {
  const form = new FormData();
  form.set('mapping', 'collection-csv');
  form.set('file', new Blob([CSV], { type: 'text/csv' }), 'objecten.csv');
  return fetch(`${server.url}/api/datasets/${dataset}/ingest`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

describe('tokens: roles, scopes and their lifecycle', () => {
  const temp = sharedTempDir('access-tokens-');
  let server: TestServer;
  const createToken = async (body: unknown): Promise<{ id: string; token: string }> => {
    const response = await call(server, 'POST', '/api/tokens', TEST_ADMIN_TOKEN, body);
    expect(response.status, await response.clone().text()).toBe(201);
    return await response.json() as { id: string; token: string };
  };

  beforeAll(async () => {
    server = await startTestServer(join(temp.dir, 'data'));
    for (const [id, name] of [['org-a', 'Organisation A'], ['org-b', 'Organisation B']]) {
      expect((await call(server, 'POST', '/api/organisations', TEST_ADMIN_TOKEN, { id, name })).status).toBe(201);
    }
    for (const [id, organisation] of [['data-a', 'org-a'], ['data-b', 'org-b']]) {
      expect((await call(server, 'POST', '/api/datasets', TEST_ADMIN_TOKEN, { id, organisation, title: id })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates a token shown once, uses it, revokes it, and refuses it on the very next request', async () => {
    const created = await createToken({ role: 'editor', organisation: 'org-a', description: 'collectiebeheer A' });
    expect(created.token).toMatch(/^cg_[A-Za-z0-9_-]{43}$/);
    const listed = await (await call(server, 'GET', '/api/tokens', TEST_ADMIN_TOKEN)).text();
    expect(listed).toContain(created.id);
    expect(listed).not.toContain(created.token);
    expect((await call(server, 'PUT', '/api/datasets/data-a/policy', created.token, { channels: ['sparql'] })).status).toBe(200);
    expect((await call(server, 'DELETE', `/api/tokens/${created.id}`, TEST_ADMIN_TOKEN)).status).toBe(200);
    const after = await call(server, 'PUT', '/api/datasets/data-a/policy', created.token, { channels: ['sparql'] });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await after.json()) as { detail: string }).detail).toContain('revoked');
    // A bad token is refused even where no token is needed, so a client notices.
    expect((await call(server, 'GET', '/sparql?query=ASK%7B%7D', created.token)).status).toBe(401);
  });

  it('refuses a token revoked by another process (the CLI) within a quarter of a second', async () => {
    const created = await createToken({ role: 'reader', organisation: 'org-a' });
    expect((await call(server, 'GET', '/api/datasets/data-a/policy', created.token)).status).toBe(200);
    const access = SqliteAccessStore.open(join(temp.dir, 'data'));
    try {
      access.revokeToken(created.id, { actor: 'cli', action: 'token.revoke', target: created.id });
    } finally {
      access.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await call(server, 'GET', '/api/datasets/data-a/policy', created.token)).status).toBe(401);
  });

  it('lists the datasets a token works on, with their policies', async () => {
    const reader = await createToken({ role: 'reader', organisation: 'org-b' });
    const listed = await (await call(server, 'GET', '/api/datasets', reader.token)).json() as Array<{ id: string; organisation: string; policy: { channels: string[] } }>;
    expect(listed.map((dataset) => dataset.id)).toEqual(['data-b']);
    expect(listed[0]?.policy.channels).toContain('sparql');
    const all = await (await call(server, 'GET', '/api/datasets', TEST_ADMIN_TOKEN)).json() as Array<{ id: string }>;
    expect(all.map((dataset) => dataset.id)).toEqual(expect.arrayContaining(['data-a', 'data-b']));
    expect((await call(server, 'GET', '/api/datasets', undefined)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const response = await call(server, 'POST', '/api/tokens', TEST_ADMIN_TOKEN, { role: 'reader', organisation: 'org-a', expiresAt: '2020-01-01' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('not in the future');
  });

  it('keeps an editor of organisation A out of organisation B: ingest, edit, policy, term lists (403)', async () => {
    const editor = await createToken({ role: 'editor', organisation: 'org-a' });
    expect((await upload(server, 'data-b', editor.token)).status).toBe(403);
    expect((await call(server, 'PUT', '/api/datasets/data-b/policy', editor.token, { channels: [] })).status).toBe(403);
    const update = await fetch(`${server.endpoint}?dataset=data-b`, {
      method: 'POST', headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/sparql-update' },
      body: 'INSERT DATA { <http://example.org/b/1> <http://purl.org/dc/terms/title> "B" }',
    });
    expect(update.status).toBe(403);
    expect((await call(server, 'POST', '/api/datasets', editor.token, { id: 'data-b2', organisation: 'org-b' })).status).toBe(403);
    expect((await call(server, 'PUT', '/api/term-lists/data-b', editor.token, { name: { nl: 'x' } })).status).toBe(403);
    // ... and lets it into its own.
    expect((await upload(server, 'data-a', editor.token)).status).toBe(202);
    const own = await fetch(`${server.endpoint}?dataset=data-a`, {
      method: 'POST', headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/sparql-update' },
      body: 'INSERT DATA { <http://example.org/a/1> <http://purl.org/dc/terms/title> "A" }',
    });
    expect(own.status, await own.clone().text()).toBe(200);
    // A new dataset an editor's update creates belongs to its organisation.
    await fetch(`${server.endpoint}?dataset=data-a-new`, {
      method: 'POST', headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/sparql-update' },
      body: 'INSERT DATA { <http://example.org/a/2> <http://purl.org/dc/terms/title> "A2" }',
    });
    const policy = await call(server, 'GET', '/api/datasets/data-a-new/policy', editor.token);
    expect(await policy.json()).toMatchObject({ organisation: 'org-a' });
  });

  it('does not name another organisation\'s unpublished dataset to a writer whose records run into it', async () => {
    const records = SqliteRecordStore.open(join(temp.dir, 'data'));
    try {
      records.writeBatch([await putTurtle('https://example.org/geheim/1', 'data-b', '<https://example.org/geheim/1> a skos:Concept ; skos:prefLabel "geheim"@nl .')]);
    } finally {
      records.close();
    }
    expect((await call(server, 'PUT', '/api/datasets/data-b/policy', TEST_ADMIN_TOKEN, { channels: [] })).status).toBe(200);
    const editor = await createToken({ role: 'editor', organisation: 'org-a' });
    const importList = (token: string): Promise<Response> => {
      const form = new FormData();
      form.set('file', new Blob(['id;prefLabel@nl\nhttps://example.org/geheim/1;één\n'], { type: 'text/csv' }), 'lijst.csv');
      return fetch(`${server.url}/api/term-lists/lijst-a/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    };
    expect((await call(server, 'POST', '/api/datasets', TEST_ADMIN_TOKEN, { id: 'lijst-a', organisation: 'org-a', title: 'Lijst A' })).status).toBe(201);
    const refused = await importList(editor.token);
    expect(refused.status).toBe(409);
    const detail = ((await refused.json()) as { detail: string }).detail;
    expect(detail).toContain('<https://example.org/geheim/1> is a record of another dataset');
    expect(detail).not.toContain('data-b');
    // An admin may read every dataset, and is told which.
    expect(((await (await importList(TEST_ADMIN_TOKEN)).json()) as { detail: string }).detail).toContain('is a record of dataset "data-b"');
    // Published, its id is in the catalog anyway: named.
    expect((await call(server, 'PUT', '/api/datasets/data-b/policy', TEST_ADMIN_TOKEN, { channels: ['sparql'] })).status).toBe(200);
    expect(((await (await importList(editor.token)).json()) as { detail: string }).detail).toContain('is a record of dataset "data-b"');
  });

  it('lets readers read and nothing more, and term maintainers edit only their lists', async () => {
    const reader = await createToken({ role: 'reader', organisation: 'org-a' });
    expect((await upload(server, 'data-a', reader.token)).status).toBe(403);
    expect((await call(server, 'PUT', '/api/datasets/data-a/policy', reader.token, { channels: [] })).status).toBe(403);
    expect((await call(server, 'GET', '/api/datasets/data-a/policy', reader.token)).status).toBe(200);
    const maintainer = await createToken({ role: 'term-maintainer', termLists: ['materialen-x'] });
    expect((await call(server, 'PUT', '/api/term-lists/materialen-x', maintainer.token, { name: { nl: 'Materialen' } })).status).toBe(200);
    expect((await call(server, 'PUT', '/api/term-lists/andere', maintainer.token, { name: { nl: 'Ander' } })).status).toBe(403);
    expect((await call(server, 'POST', '/api/tokens', maintainer.token, { role: 'admin' })).status).toBe(403);
  });

  it('checks roles and scopes of new tokens, naming what is wrong', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ role: 'owner' }, /"owner" is not a role; the roles are admin, editor, term-maintainer, reader/],
      [{ role: 'editor' }, /needs an organisation/],
      [{ role: 'term-maintainer' }, /needs the term lists/],
      [{ role: 'reader', organisation: 'nowhere' }, /Organisation "nowhere" does not exist/],
      [{ role: 'reader', organisation: 'org-a', expiresAt: 'tomorrow' }, /ISO 8601/],
    ];
    for (const [body, message] of cases) {
      const response = await call(server, 'POST', '/api/tokens', TEST_ADMIN_TOKEN, body);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(((await response.json()) as { detail: string }).detail).toMatch(message);
    }
  });

  it('validates rights statements against the real ones, listing the valid ones', async () => {
    const wrong = await call(server, 'PUT', '/api/datasets/data-a/policy', TEST_ADMIN_TOKEN, { channels: ['sparql'], rights: 'http://example.org/my-licence' });
    expect(wrong.status).toBe(400);
    const problem = await wrong.json() as { detail: string; validRights: string[] };
    expect(problem.detail).toContain('http://rightsstatements.org/vocab/InC/1.0/');
    expect(problem.validRights).toContain('http://creativecommons.org/licenses/by/4.0/');
    const https = await call(server, 'PUT', '/api/datasets/data-a/policy', TEST_ADMIN_TOKEN, { channels: ['sparql'], rights: 'https://creativecommons.org/licenses/by-sa/4.0/' });
    expect(((await https.json()) as { detail: string }).detail).toContain('use http://creativecommons.org/licenses/by-sa/4.0/');
    const europeana = await call(server, 'PUT', '/api/datasets/data-a/policy', TEST_ADMIN_TOKEN, { channels: ['europeana'] });
    expect(((await europeana.json()) as { detail: string }).detail).toContain('europeana channel needs a rights statement');
    const notForEuropeana = await call(server, 'PUT', '/api/datasets/data-a/policy', TEST_ADMIN_TOKEN, { channels: ['europeana'], rights: 'http://rightsstatements.org/vocab/UND/1.0/' });
    expect(((await notForEuropeana.json()) as { detail: string }).detail).toContain('Europeana does not accept');
    const channel = await call(server, 'PUT', '/api/datasets/data-a/policy', TEST_ADMIN_TOKEN, { channels: ['twitter'] });
    expect(((await channel.json()) as { detail: string }).detail).toContain('the channels are sparql, graphql, linked-data, oai, europeana, ldes, dumps');
    const ok = await call(server, 'PUT', '/api/datasets/data-a/policy', TEST_ADMIN_TOKEN, { channels: ['europeana', 'sparql'], rights: 'http://rightsstatements.org/vocab/InC/1.0/' });
    expect(await ok.json()).toMatchObject({ channels: ['sparql', 'europeana'], rights: 'http://rightsstatements.org/vocab/InC/1.0/' });
  });

  it('keeps the audit log for admins: who, what, when, from where', async () => {
    expect((await call(server, 'GET', '/api/audit', undefined)).status).toBe(401);
    const editor = await createToken({ role: 'editor', organisation: 'org-a' });
    expect((await call(server, 'GET', '/api/audit', editor.token)).status).toBe(403);
    const { entries } = await (await call(server, 'GET', '/api/audit?limit=1000', TEST_ADMIN_TOKEN)).json() as {
      entries: Array<{ actor: string; action: string; target?: string; ip?: string; at: string }>;
    };
    const actions = new Set(entries.map((entry) => entry.action));
    for (const action of ['organisation.create', 'dataset.create', 'token.create', 'token.revoke', 'policy.set', 'ingest.submit', 'sparql.update', 'term-list.describe']) {
      expect(actions, action).toContain(action);
    }
    // Over HTTP, every entry has the address; the one the test wrote as the CLI would has none.
    for (const entry of entries.filter((e) => e.actor !== 'cli')) {
      expect(entry.ip).toMatch(/127\.0\.0\.1/);
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
    expect(entries.find((entry) => entry.action === 'ingest.submit')?.actor).toMatch(/^token:tok_/);
  });

  it('audits a SPARQL Update under the datasets of the records it changed, naming them, not under ?dataset=', async () => {
    const sparqlUpdate = (token: string, text: string, query = ''): Promise<Response> => fetch(`${server.url}/sparql${query}`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/sparql-update' }, body: text,
    });
    const record = 'http://example.org/audit/stoel';
    const title = (value: string): string => `GRAPH <${record}> { <${record}> <http://purl.org/dc/terms/title> "${value}" }`;
    expect((await sparqlUpdate(TEST_ADMIN_TOKEN, `INSERT DATA { ${title('Stoel')} }`, '?dataset=data-a')).status).toBe(200);
    const editor = await createToken({ role: 'editor', organisation: 'org-a' });
    // No ?dataset=: it only says where new records go (the default dataset), and this changes one of data-a.
    const answer = await sparqlUpdate(editor.token, `DELETE DATA { ${title('Stoel')} } ; INSERT DATA { ${title('Zetel')} }`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ created: 0, updated: 1, deleted: 0, unchanged: 0, lastSeq: expect.any(Number) as unknown });
    const { entries } = await (await call(server, 'GET', `/api/audit?action=sparql.update&actor=token:${editor.id}`, TEST_ADMIN_TOKEN)).json() as {
      entries: Array<{ target?: string; details?: Record<string, unknown> }>;
    };
    expect(entries).toEqual([expect.objectContaining({ target: 'data-a', details: expect.objectContaining({ updated: 1, records: [record] }) as unknown })]);
    // An update that changes nothing names no record.
    expect((await sparqlUpdate(editor.token, `INSERT DATA { ${title('Zetel')} }`)).status).toBe(200);
    const again = await (await call(server, 'GET', `/api/audit?action=sparql.update&actor=token:${editor.id}`, TEST_ADMIN_TOKEN)).json() as {
      entries: Array<{ target?: string; details?: Record<string, unknown> }>;
    };
    expect(again.entries.map((entry) => entry.details?.records)).toEqual(expect.arrayContaining([[], [record]]));
  });

  it('sends the hardening headers', async () => {
    const response = await fetch(`${server.url}/sparql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('strict-transport-security')).not.toBeNull();
    // Browsers ignore HSTS over plain HTTP, but would send every asset request of the editor to https://.
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });
});

describe('hostile access', () => {
  const temp = sharedTempDir('access-hostile-');

  it('throttles a burst of 1,000 wrong tokens from one address', async () => {
    const server = await startTestServer(join(temp.dir, 'burst'), { authFailureLimit: 20 });
    try {
      const statuses: number[] = [];
      for (let batch = 0; batch < 20; batch++) {
        const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
          call(server, 'GET', '/sparql?query=ASK%7B%7D', `cg_wrong-${batch}-${i}-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`)));
        statuses.push(...answers.map((answer) => answer.status));
      }
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(20);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(980);
      const throttled = await call(server, 'GET', '/sparql?query=ASK%7B%7D', 'cg_yet-another');
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      // The address can still read without a token.
      expect((await call(server, 'GET', '/sparql?query=ASK%7B%7D', undefined)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('limits requests per address and per token, with 429 and Retry-After', async () => {
    const server = await startTestServer(join(temp.dir, 'limits'), { rateLimit: 5, tokenRateLimit: 3 });
    try {
      const anonymous = [];
      for (let i = 0; i < 7; i++) anonymous.push((await call(server, 'GET', '/reconcile', undefined)).status);
      expect(anonymous).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await call(server, 'GET', '/reconcile', undefined);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as { code: string }).code).toBe('TOO_MANY_REQUESTS');
      // The probes are never limited: a limited address must not make the server look down.
      expect([(await call(server, 'GET', '/health', undefined)).status, (await call(server, 'GET', '/ready', undefined)).status]).toEqual([200, 200]);
      const withToken = [];
      for (let i = 0; i < 4; i++) withToken.push((await call(server, 'GET', '/reconcile', TEST_ADMIN_TOKEN)).status);
      expect(withToken).toEqual([200, 200, 200, 429]);
    } finally {
      await server.close();
    }
  });

  it('counts per client behind a trusted proxy, and only then believes X-Forwarded-For', async () => {
    const behind = await startTestServer(join(temp.dir, 'proxy'), { rateLimit: 2, trustProxy: 'loopback' });
    const direct = await startTestServer(join(temp.dir, 'direct'), { rateLimit: 2 });
    try {
      const statuses = async (server: TestServer, client: string): Promise<number[]> => {
        const out = [];
        for (let i = 0; i < 3; i++) out.push((await fetch(`${server.url}/reconcile`, { headers: { 'x-forwarded-for': client } })).status);
        return out;
      };
      expect(await statuses(behind, '203.0.113.7')).toEqual([200, 200, 429]);
      expect(await statuses(behind, '203.0.113.8')).toEqual([200, 200, 429]);
      // Not trusted: the header is anyone's to write, so every request counts for the peer.
      expect(await statuses(direct, '203.0.113.7')).toEqual([200, 200, 429]);
      expect(await statuses(direct, '203.0.113.8')).toEqual([429, 429, 429]);
      await fetch(`${behind.url}/api/organisations`, {
        method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.4' },
        body: JSON.stringify({ id: 'via-proxy', name: 'Via proxy' }),
      });
      const access = SqliteAccessStore.open(join(temp.dir, 'proxy'));
      try {
        expect(access.auditLog({ limit: 10, action: 'organisation.create' })).toMatchObject([{ ip: '198.51.100.4' }]);
      } finally {
        access.close();
      }
    } finally {
      await behind.close();
      await direct.close();
    }
  });

  it('never writes a token into the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } });
    mkdirSync(join(temp.dir, 'none'), { recursive: true });
    const config = parseConfig(serveSchema, {
      dataDir: join(temp.dir, 'logs'), port: 0, host: '127.0.0.1', adminToken: TEST_ADMIN_TOKEN, catalog: join(temp.dir, 'none'), sourceCheckInterval: 0,
      rateLimit: 0, tokenRateLimit: 0, authFailureLimit: 0, logLevel: 'trace',
    });
    const server: RunningServer = await startServer(config, pino({ level: 'trace' }, sink));
    try {
      await server.indexReady;
      await call(server, 'POST', '/api/organisations', TEST_ADMIN_TOKEN, { id: 'org', name: 'Org' });
      const created = await (await call(server, 'POST', '/api/tokens', TEST_ADMIN_TOKEN, { role: 'editor', organisation: 'org' })).json() as { id: string; token: string };
      await call(server, 'PUT', '/api/datasets/none/policy', created.token, { channels: [] });
      await call(server, 'DELETE', `/api/tokens/${created.id}`, TEST_ADMIN_TOKEN);
      await call(server, 'GET', '/sparql?query=ASK%7B%7D', created.token);
      await call(server, 'GET', `/sparql?query=ASK%7B%7D&access_token=${created.token}`, undefined);
      await call(server, 'GET', '/sparql?query=ASK%7B%7D', 'cg_not-a-token-but-a-secret-all-the-same');
      await call(server, 'POST', '/graphql', undefined, { query: '{ sources { uri } }' });
    } finally {
      await server.close();
    }
    const log = lines.join('');
    expect(log).toContain('"path":"/api/tokens"');
    // Each request by its whole path, also one a mounted sub-app answered; never with its query string.
    expect(log).toContain('"method":"POST","path":"/graphql"');
    expect(log).toContain('"method":"GET","path":"/sparql","status"');
    expect(log).toContain('"status":201');
    expect(log).not.toContain(TEST_ADMIN_TOKEN);
    expect(log).not.toMatch(/cg_[A-Za-z0-9_-]{20,}/);
    expect(log).not.toContain('cg_not-a-token');
  });
});
