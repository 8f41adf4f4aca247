import type * as RDF from '@rdfjs/types';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { AS, DCTERMS, LDES, PROV, RDF as RDFNS, SCHEMA, SKOS, TREE } from '../../src/vocab/vocabularies.js';
import { expectIsomorphic } from '../helpers/isomorphism.js';
import { LdesHarvester } from '../helpers/ldes-harvester.js';
import { putTurtle } from '../helpers/records.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { importFixtureList, TERMS_BASE as BASE } from '../helpers/term-lists.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const OBJECT = `${BASE}id/object/msk/1`;
const GONE = `${BASE}id/object/msk/2`;

describe('LDES over HTTP', () => {
  const temp = sharedTempDir('ldes-http-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  const url = (path: string): string => `${server.url}${path}`;
  const trig = async (path: string, headers: Record<string, string> = {}): Promise<{ response: Response; quads: RDF.Quad[] }> => {
    const response = await fetch(url(path), { headers: { accept: 'application/trig', ...headers } });
    return { response, quads: new Parser({ format: 'application/trig' }).parse(await response.text()) };
  };
  const has = (quads: readonly RDF.Quad[], s: string, p: string, o: string): boolean => quads.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value === o);

  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      await importFixtureList(records, 'materialen', { name: { nl: 'Materialen' } });
      records.writeBatch([
        await putTurtle(OBJECT, 'msk', `<${OBJECT}> a crm:E22_Human-Made_Object ; rdfs:label "Zicht op de Leie"@nl .`),
        await putTurtle(GONE, 'msk', `<${GONE}> a crm:E22_Human-Made_Object ; rdfs:label "Verdwenen werk"@nl .`),
      ], { createDatasets: [{ id: 'msk' }] });
      records.writeBatch([{ op: 'delete', iri: GONE }]);
      records.writeBatch([await putTurtle(`${BASE}id/object/geheim/1`, 'geheim', '<http://localhost:8080/id/object/geheim/1> rdfs:label "Geheim" .')], {
        createDatasets: [{ id: 'geheim', policy: 'private' }],
      });
    } finally {
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  it('describes the stream at its root: how members are ordered, versioned and deleted, and where its first fragment is', async () => {
    const { response, quads } = await trig('/ldes/msk');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('vary')).toBe('Accept');
    const stream = `${BASE}ldes/msk#stream`;
    expect(has(quads, stream, RDFNS.type, LDES.EventStream)).toBe(true);
    expect(has(quads, stream, LDES.timestampPath, PROV.generatedAtTime)).toBe(true);
    expect(has(quads, stream, LDES.sequencePath, SCHEMA.position)).toBe(true);
    expect(has(quads, stream, LDES.versionOfPath, DCTERMS.isVersionOf)).toBe(true);
    expect(has(quads, stream, LDES.versionDeleteObject, AS.Delete)).toBe(true);
    expect(has(quads, stream, TREE.view, `${BASE}ldes/msk`)).toBe(true);
    const relation = quads.find((q) => q.subject.value === `${BASE}ldes/msk` && q.predicate.value === TREE.relation)?.object;
    expect(quads.some((q) => q.subject.equals(relation) && q.predicate.value === TREE.node && q.object.value === `${BASE}ldes/msk?after=0`)).toBe(true);
  });

  it('publishes a version with its record as the named graph of the member, and a deletion as a tombstone', async () => {
    const { quads } = await trig('/ldes/msk?after=0');
    const members = quads.filter((q) => q.predicate.value === TREE.member).map((q) => q.object.value);
    expect(members).toHaveLength(3);
    const post = await fetch(`${server.url}/ldes/msk`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    // A client that starts at a fragment finds the stream's root (TREE, "Initialization").
    expect(has(quads, `${BASE}ldes/msk#stream`, TREE.view, `${BASE}ldes/msk`)).toBe(true);
    const versionsOf = (record: string): string[] => members.filter((member) => has(quads, member, DCTERMS.isVersionOf, record));
    const [version] = versionsOf(OBJECT);
    const content = quads.filter((q) => q.graph.value === version);
    expect(content.map((q) => [q.subject.value, q.object.value]).sort()).toEqual([
      [OBJECT, 'Zicht op de Leie'], [OBJECT, 'http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object'],
    ]);
    const [created, deleted] = versionsOf(GONE);
    expect(has(quads, deleted ?? '', RDFNS.type, AS.Delete)).toBe(true);
    expect(quads.some((q) => q.graph.value === deleted)).toBe(false);
    expect(has(quads, created ?? '', RDFNS.type, AS.Delete)).toBe(false);
    for (const member of members) {
      expect(quads.some((q) => q.subject.value === member && q.predicate.value === PROV.generatedAtTime && q.object.termType === 'Literal')).toBe(true);
    }
  });

  it('publishes a term list: its concept scheme and concepts, exactly', async () => {
    const harvester = new LdesHarvester(`${BASE}ldes/materialen`, { locate: (iri) => iri.replace(BASE, `${server.url}/`) });
    await harvester.sync();
    const records = SqliteRecordStore.open(data);
    try {
      const expected = [...records.iterateNQuads({ dataset: 'materialen' })].flatMap((nquads) => new Parser({ format: 'application/n-quads' }).parse(nquads));
      await expectIsomorphic(harvester.dataset(), expected);
      expect(expected.some((q) => q.object.value === SKOS.ConceptScheme)).toBe(true);
      expect(expected.some((q) => q.object.value === SKOS.Concept)).toBe(true);
    } finally {
      records.close();
    }
  });

  it('shows everyone the public view: a token changes nothing', async () => {
    const anonymous = await (await fetch(url('/ldes/msk?after=0'))).text();
    const admin = await (await fetch(url('/ldes/msk?after=0'), { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).text();
    expect(admin).toBe(anonymous);
    expect((await fetch(url('/ldes/geheim'), { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).status).toBe(404);
  });

  it('serves JSON-LD with the prefixes as its context, and N-Quads', async () => {
    const jsonld = await fetch(url('/ldes/msk?after=0'), { headers: { accept: 'application/ld+json' } });
    expect(jsonld.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const document = await jsonld.json() as { '@context': Record<string, string> };
    expect(document['@context'].ldes).toBe(LDES.$base);
    const nquads = await fetch(url('/ldes/msk?after=0'), { headers: { accept: 'application/n-quads' } });
    expect(nquads.headers.get('content-type')).toBe('application/n-quads; charset=utf-8');
    expect(await nquads.text()).toContain(`<${OBJECT}> <http://www.w3.org/2000/01/rdf-schema#label> "Zicht op de Leie"@nl <${BASE}ldes/msk/members/`);
  });

  it('answers what it cannot serve with a problem document', async () => {
    const problem = async (path: string, status: number, code: string, headers: Record<string, string> = {}): Promise<string> => {
      const response = await fetch(url(path), { headers });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = await response.json() as { code: string; detail: string };
      expect(body.code).toBe(code);
      return body.detail;
    };
    expect(await problem('/ldes/nonexistent', 404, 'NOT_FOUND')).toContain('/catalog');
    await problem('/ldes/geheim', 404, 'NOT_FOUND');
    expect(await problem('/ldes/msk?after=abc', 400, 'BAD_REQUEST')).toContain('after must be a change-log sequence number');
    await problem('/ldes/msk?after=-1', 400, 'BAD_REQUEST');
    await problem('/ldes/msk?after=1&after=2', 400, 'BAD_REQUEST');
    expect(await problem('/ldes/msk', 406, 'NOT_ACCEPTABLE', { accept: 'text/html' })).toContain('application/trig');
  });
});
