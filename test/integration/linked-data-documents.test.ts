import { join } from 'node:path';
import { request } from 'node:http';
import { DataFactory } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PutRecord } from '../../src/domain/record.js';
import { preparePut } from '../../src/rdf/prepare-put.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { statusOf } from '../helpers/conditional-get.js';
import { TERMS_BASE as BASE } from '../helpers/term-lists.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const OBJECT = `${BASE}id/object/msk/1979-C`;
const PERSON = `${BASE}id/persoon/P-0100`;
const NAME = 'http://schema.org/name';
const BIRTH = 'https://data.vlaanderen.be/ns/persoon#heeftGeboorte';
const BIG = `${BASE}id/groot`;

// What another dataset or a restricted property may not put into the document of an IRI, and
// the request targets and query strings dereferencing reads.
describe('the document of an IRI under policies', () => {
  const temp = sharedTempDir('linked-data-documents-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    const node = (iri: string) => DataFactory.namedNode(iri);
    try {
      records.ensureOrganisation('msk', 'MSK');
      records.ensureOrganisation('ander', 'Another organisation');
      records.writeBatch([
        await preparePut(OBJECT, 'msk', [DataFactory.quad(node(OBJECT), node(NAME), DataFactory.literal('Echte titel', 'nl'))]),
        // `load` splits a Turtle file by subject: the birth event is a record of its own.
        await preparePut(PERSON, 'msk', [DataFactory.quad(node(PERSON), node(NAME), DataFactory.literal('Jan')), DataFactory.quad(node(PERSON), node(BIRTH), node(`${PERSON}#geboorte`))]),
        await preparePut(`${PERSON}#geboorte`, 'msk', [DataFactory.quad(node(`${PERSON}#geboorte`), node('http://schema.org/startDate'), DataFactory.literal('1950-03-04'))]),
      ], { createDatasets: [{ id: 'msk', organisation: 'msk' }] });
      // A document of 520 hash resources (kept once built), one with a character XML cannot hold.
      records.writeBatch(await Promise.all(Array.from({ length: 520 }, (_, i) => preparePut(`${BIG}#h${i}`, 'msk', [
        DataFactory.quad(node(`${BIG}#h${i}`), node(NAME), DataFactory.literal(i === 7 ? 'fout\u0001teken' : `deel ${i}`)),
      ]))));
      // Another organisation's dataset holds a record under MSK's object's IRI, with a fragment.
      records.writeBatch([
        await preparePut(`${OBJECT}#x`, 'ander', [DataFactory.quad(node(OBJECT), node(NAME), DataFactory.literal('Vervalste titel', 'nl'))]),
      ], { createDatasets: [{ id: 'ander', organisation: 'ander' }] });
    } finally {
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
    const put = await fetch(`${server.url}/api/datasets/msk/policy`, {
      method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channels: ['sparql', 'linked-data'], restrictedProperties: [BIRTH] }),
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });
  const get = async (iri: string): Promise<string> => (await fetch(`${server.url}/${iri.slice(BASE.length)}`, { headers: { accept: 'application/n-triples' } })).text();

  it('falls back from RDF/XML to a syntax the client also accepts for a large kept document, after a client that accepts RDF/XML only', async () => {
    const ask = (accept: string): Promise<Response> => fetch(`${server.url}/${BIG.slice(BASE.length)}`, { headers: { accept } });
    expect((await ask('application/rdf+xml')).status).toBe(406);
    const fallback = await ask('application/rdf+xml, text/turtle;q=0.5');
    expect([fallback.status, fallback.headers.get('content-type')?.split(';')[0]]).toEqual([200, 'text/turtle']);
    expect(await fallback.text()).toContain('deel 519');
  });

  it("does not let another dataset's record say things about a record's own IRI in its document", async () => {
    expect(await get(OBJECT)).not.toContain('Vervalste titel');
  });

  it('leaves out a hash record only a restricted property led to, as for one inside the record (docs/access.md)', async () => {
    const text = await get(PERSON);
    expect(text).not.toContain(BIRTH);
    expect(text).not.toContain('1950-03-04');
  });

  const status = async (path: string): Promise<number> => (await fetch(`${server.url}${path}`, { headers: { accept: 'text/turtle' } })).status;

  it('reads a query string as part of the IRI: a malformed one names no record, a stray & is none, and format only names a syntax', async () => {
    const path = `/${OBJECT.slice(BASE.length)}`;
    expect(await status(`${path}?a=%ZZ`)).toBe(404);
    expect(await status(`${path}?a=[x]`)).toBe(404);
    expect(await status(`${path}?format=turtle&`)).toBe(200);
    expect(await status(`${path}?&format=ntriples`)).toBe(200);
    expect(await status(`${path}?format=__proto__`)).toBe(400);
  });

  it('answers a request target in absolute form, as one sent to a proxy', async () => {
    const { hostname: host, port } = new URL(server.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host, port, method: 'GET', path: `${server.url}/${OBJECT.slice(BASE.length)}`, headers: { accept: 'application/n-triples' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
        res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); });
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Echte titel');
  });

  it('keeps a document of many hash resources once built, until a record or a policy changes', async () => {
    const LIST = `${BASE}id/groot`;
    const label = 'http://www.w3.org/2004/02/skos/core#prefLabel';
    const concept = (i: number, text: string) => preparePut(`${LIST}#c${i}`, 'msk', [DataFactory.quad(DataFactory.namedNode(`${LIST}#c${i}`), DataFactory.namedNode(label), DataFactory.literal(text, 'nl'))]);
    const write = async (puts: Array<Promise<PutRecord>>): Promise<void> => {
      const records = SqliteRecordStore.open(data);
      try {
        records.writeBatch(await Promise.all(puts));
      } finally {
        records.close();
      }
    };
    await write(Array.from({ length: 600 }, (_, i) => concept(i, `Term ${i}`)));
    const first = await get(LIST);
    expect(first.match(/skos\/core#prefLabel/g)).toHaveLength(600);
    expect(await get(LIST)).toBe(first);
    // A changed record is in the next answer.
    await write([concept(7, 'Zevende term')]);
    expect(await get(LIST)).toContain('"Zevende term"@nl');
    // So is a changed policy.
    const policy = async (restricted: string[]): Promise<void> => {
      const answer = await fetch(`${server.url}/api/datasets/msk/policy`, {
        method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channels: ['sparql', 'linked-data'], restrictedProperties: restricted }),
      });
      expect(answer.status).toBe(200);
    };
    await policy([BIRTH, label]);
    try {
      expect(await get(LIST)).not.toContain('Zevende term');
    } finally {
      await policy([BIRTH]);
    }
  });

  it('gives a record with blank nodes the same ETag on every request, so a conditional GET answers 304', async () => {
    const iri = `${BASE}id/object/msk/met-maat`;
    const dimension = DataFactory.blankNode('maat');
    const records = SqliteRecordStore.open(data);
    try {
      records.writeBatch([await preparePut(iri, 'msk', [
        DataFactory.quad(DataFactory.namedNode(iri), DataFactory.namedNode('http://www.cidoc-crm.org/cidoc-crm/P43_has_dimension'), dimension),
        DataFactory.quad(dimension, DataFactory.namedNode('http://www.cidoc-crm.org/cidoc-crm/P90_has_value'), DataFactory.literal('42')),
      ])]);
    } finally {
      records.close();
    }
    const path = `${server.url}/${iri.slice(BASE.length)}`;
    for (const accept of ['text/turtle', 'application/ld+json', 'application/rdf+xml']) {
      const [first, second] = await Promise.all([fetch(path, { headers: { accept } }), fetch(path, { headers: { accept } })]);
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe(second.headers.get('etag'));
      expect(await statusOf(path, { accept, 'if-none-match': first.headers.get('etag') ?? '' })).toBe(304);
    }
  });
});
