import type * as RDF from '@rdfjs/types';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAccessStore } from '../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { statusOf } from '../helpers/conditional-get.js';
import { expectIsomorphic } from '../helpers/isomorphism.js';
import { putTurtle } from '../helpers/records.js';
import { publishedGraphs } from '../helpers/sparql-quads.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { importFixtureList, TERMS_BASE as BASE } from '../helpers/term-lists.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const SCHEMA = 'https://schema.org/';
const OBJECT = `${BASE}id/object/msk-open/1`;
const PERSON = `${BASE}id/agent/msk-open/p1`;
const WITHHELD = `${BASE}id/object/msk-open/2`;
const LARGE = 20_000;

describe('dumps over HTTP', () => {
  const temp = sharedTempDir('dumps-http-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  let reader = '';
  const url = (path: string): string => `${server.url}${path}`;
  const admin = async (method: string, path: string, body: unknown): Promise<Response> => {
    const response = await fetch(url(path), {
      method, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const download = async (path: string, token?: string): Promise<{ response: Response; quads: RDF.Quad[] }> => {
    const response = await fetch(url(path), token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const nquads = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    return { response, quads: new Parser({ format: 'application/n-quads' }).parse(nquads) };
  };
  /** What the store holds of a dataset, whole. */
  const stored = (dataset: string): RDF.Quad[] => {
    const records = SqliteRecordStore.open(data);
    try {
      return [...records.iterateNQuads({ dataset })].flatMap((nquads) => new Parser({ format: 'application/n-quads' }).parse(nquads));
    } finally {
      records.close();
    }
  };

  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    const access = SqliteAccessStore.open(data);
    try {
      access.createOrganisation('msk', 'Museum voor Schone Kunsten Gent', { actor: 'test', action: 'organisation.create' });
      records.writeBatch([
        await putTurtle(OBJECT, 'msk-open', `<${OBJECT}> a crm:E22_Human-Made_Object ; rdfs:label "Zichtbaar werk"@nl .`),
        await putTurtle(WITHHELD, 'msk-open', `<${WITHHELD}> a crm:E22_Human-Made_Object ; rdfs:label "Achtergehouden werk"@nl .`),
        await putTurtle(PERSON, 'msk-open', `<${PERSON}> a <${SCHEMA}Person> ; <${SCHEMA}name> "Levende Kunstenaar" ;
          <${SCHEMA}birthDate> "1961-05-02" ; <${SCHEMA}address> [ <${SCHEMA}streetAddress> "Geheimstraat 1" ] .`),
      ], { createDatasets: [{ id: 'msk-open', organisation: 'msk' }] });
      records.writeBatch([await putTurtle(`${BASE}id/object/msk-private/1`, 'msk-private', `<${BASE}id/object/msk-private/1> rdfs:label "Geheim werk" .`)], {
        createDatasets: [{ id: 'msk-private', organisation: 'msk', policy: 'private' }],
      });
      await importFixtureList(records, 'materialen', { name: { nl: 'Materialen' } });
      // Large enough that a dump is still being sent when its client goes away.
      records.writeBatch(Array.from({ length: LARGE }, (_, i) => {
        const iri = `${BASE}id/object/groot/${i}`;
        return { op: 'put', iri, dataset: 'groot', kind: 'resource', nquads: `<${iri}> <${SCHEMA}description> "${randomBytes(150).toString('hex')}" <${iri}> .\n`, hash: `h${i}`, triples: 1 };
      }), { createDatasets: [{ id: 'groot' }] });
    } finally {
      access.close();
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
    await admin('PUT', '/api/datasets/msk-open/policy', {
      channels: ['sparql', 'linked-data', 'ldes', 'dumps'], restrictedProperties: [`${SCHEMA}birthDate`, `${SCHEMA}address`],
    });
    await admin('PUT', `/api/datasets/msk-open/records/policy?iri=${encodeURIComponent(WITHHELD)}`, { channels: ['linked-data'] });
    reader = ((await (await admin('POST', '/api/tokens', { role: 'reader', organisation: 'msk' })).json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  it('sends everyone the dataset as published: a gzipped N-Quads file, one named graph per record', async () => {
    const { response, quads } = await download('/dumps/msk-open.nq.gz');
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="msk-open.nq.gz"');
    expect(response.headers.get('cache-control')).toBe('public, no-cache');
    const published = [...await publishedGraphs(server, `${BASE}id/object/msk-open/`), ...await publishedGraphs(server, `${BASE}id/agent/msk-open/`)];
    await expectIsomorphic(quads, published);
    const values = quads.map((q) => q.object.value);
    expect(values).toContain('Zichtbaar werk');
    expect(values).toContain('Levende Kunstenaar');
    expect(values).not.toContain('1961-05-02');
    expect(values).not.toContain('Geheimstraat 1');
    expect(values).not.toContain('Achtergehouden werk');
  });

  it('sends the dataset\'s own organisation all of it', async () => {
    const { response, quads } = await download('/dumps/msk-open.nq.gz', reader);
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    await expectIsomorphic(quads, stored('msk-open'));
    const own = await download('/dumps/msk-private.nq.gz', reader);
    await expectIsomorphic(own.quads, stored('msk-private'));
  });

  it('dumps a term list', async () => {
    const { quads } = await download('/dumps/materialen.nq.gz');
    await expectIsomorphic(quads, stored('materialen'));
  });

  it('tags a dump by the dataset\'s change log, so a harvester skips one that did not change', async () => {
    const first = await fetch(url('/dumps/msk-open.nq.gz'));
    const etag = first.headers.get('etag') ?? '';
    const modified = first.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect(new Date(modified).getTime()).not.toBeNaN();
    expect(await statusOf(url('/dumps/msk-open.nq.gz'), { 'if-none-match': etag })).toBe(304);
    expect(await statusOf(url('/dumps/msk-open.nq.gz'), { 'if-modified-since': modified })).toBe(304);
    // What a token may see is another dump, with another tag.
    const privileged = await fetch(url('/dumps/msk-open.nq.gz'), { headers: { authorization: `Bearer ${reader}` } });
    expect(privileged.headers.get('etag')).not.toBe(etag);
    await privileged.arrayBuffer();

    const records = SqliteRecordStore.open(data);
    try {
      records.writeBatch([await putTurtle(`${BASE}id/object/msk-open/3`, 'msk-open', `<${BASE}id/object/msk-open/3> rdfs:label "Nieuw werk"@nl .`)]);
    } finally {
      records.close();
    }
    expect(await statusOf(url('/dumps/msk-open.nq.gz'), { 'if-none-match': etag })).toBe(200);
    const { response, quads } = await download('/dumps/msk-open.nq.gz');
    expect(response.headers.get('etag')).not.toBe(etag);
    expect(quads.map((q) => q.object.value)).toContain('Nieuw werk');
  });

  it('streams a large dump, and lets a client stop reading it half-way', async () => {
    const abort = new AbortController();
    const partial = await fetch(url('/dumps/groot.nq.gz'), { signal: abort.signal });
    const reader = partial.body?.getReader();
    expect((await reader?.read())?.done).toBe(false);
    abort.abort();
    await reader?.cancel().catch(() => undefined);
    const { quads } = await download('/dumps/groot.nq.gz');
    expect(quads).toHaveLength(LARGE);
    expect((await fetch(url('/health'))).status).toBe(200);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await fetch(url('/dumps/materialen.nq.gz'), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^".+"$/);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it('has no dump of what it does not publish, nor at other names', async () => {
    for (const path of ['/dumps/msk-private.nq.gz', '/dumps/nonexistent.nq.gz', '/dumps/msk-open.zip', '/dumps/msk-open.nq']) {
      const response = await fetch(url(path));
      expect(response.status, path).toBe(404);
      expect((await response.json() as { code: string }).code).toBe('NOT_FOUND');
    }
  });
});
