import type * as RDF from '@rdfjs/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import oxigraph from 'oxigraph';
import SHACLValidator from 'rdf-validate-shacl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAccessStore } from '../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { DCAT, DCTERMS, FOAF, RDF as RDFNS, STANDARDS, VOID } from '../../src/vocab/vocabularies.js';
import { ROOT } from '../helpers/cli.js';
import { statusOf } from '../helpers/conditional-get.js';
import { expectIsomorphic } from '../helpers/isomorphism.js';
import { putTurtle } from '../helpers/records.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { importFixtureList, TERMS_BASE as BASE } from '../helpers/term-lists.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const CATALOG = `${BASE}catalog`;
const dataset = (id: string): string => `${CATALOG}#dataset-${id}`;
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';
const IN_COPYRIGHT = 'http://rightsstatements.org/vocab/InC/1.0/';

describe('the DCAT-AP catalogue', () => {
  const temp = sharedTempDir('catalog-http-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  const url = (path: string): string => `${server.url}${path}`;
  const admin = async (method: string, path: string, body: unknown): Promise<void> => {
    const response = await fetch(url(path), {
      method, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };
  const catalog = async (accept = 'text/turtle'): Promise<{ response: Response; text: string }> => {
    const response = await fetch(url('/catalog'), { headers: { accept } });
    expect(response.status).toBe(200);
    return { response, text: await response.text() };
  };
  const turtle = async (): Promise<RDF.Quad[]> => new Parser({ baseIRI: CATALOG }).parse((await catalog()).text);
  const objects = (quads: readonly RDF.Quad[], subject: string, predicate: string): string[] =>
    quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object.value).sort();

  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    const access = SqliteAccessStore.open(data);
    try {
      access.createOrganisation('msk', 'Museum voor Schone Kunsten Gent', { actor: 'test', action: 'organisation.create' });
      const object = (id: string, n: number) => putTurtle(`${BASE}id/object/${id}/${n}`, id, `<${BASE}id/object/${id}/${n}> a crm:E22_Human-Made_Object ; rdfs:label "Werk ${n}"@nl .`);
      const create = (id: string, policy: 'open' | 'private' = 'open') => ({ createDatasets: [{ id, organisation: 'msk', title: `Collectie ${id}`, policy }] });
      records.writeBatch([await object('msk-open', 1), await object('msk-open', 2), await object('msk-open', 3)], create('msk-open'));
      records.writeBatch([await object('msk-ldes', 1)], create('msk-ldes'));
      records.writeBatch([await object('msk-private', 1)], create('msk-private', 'private'));
      records.writeBatch([await object('msk-one', 1), await object('msk-one', 2)], create('msk-one', 'private'));
      await importFixtureList(records, 'materialen', { name: { nl: 'Materialen', en: 'Materials' }, description: { nl: 'Materialen van objecten.' } });
    } finally {
      access.close();
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
    await admin('PUT', '/api/datasets/msk-open/policy', { channels: ['sparql', 'linked-data', 'oai', 'ldes', 'dumps'], rights: CC0 });
    await admin('PUT', `/api/datasets/msk-open/records/policy?iri=${encodeURIComponent(`${BASE}id/object/msk-open/3`)}`, { channels: ['linked-data'] });
    await admin('PUT', '/api/datasets/msk-ldes/policy', { channels: ['ldes'], rights: IN_COPYRIGHT });
    // A private dataset with one record published in a dump.
    await admin('PUT', `/api/datasets/msk-one/records/policy?iri=${encodeURIComponent(`${BASE}id/object/msk-one/2`)}`, { channels: ['dumps'] });
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  it('lists every published dataset and term list, and no other', async () => {
    const quads = await turtle();
    expect(objects(quads, CATALOG, DCAT.dataset)).toEqual([dataset('materialen'), dataset('msk-ldes'), dataset('msk-one'), dataset('msk-open')]);
    expect(quads.some((q) => q.object.value.includes('msk-private') || q.subject.value.includes('msk-private'))).toBe(false);
  });

  it('gives each dataset one distribution per channel that publishes it, and only those', async () => {
    const quads = await turtle();
    const distributions = (id: string): string[] => objects(quads, dataset(id), DCAT.distribution).map((iri) => iri.slice(dataset(id).length + 1));
    expect(distributions('msk-open')).toEqual(['dumps', 'ldes', 'oai', 'sparql']);
    expect(distributions('msk-ldes')).toEqual(['ldes']);
    expect(distributions('msk-one')).toEqual(['dumps']);
    expect(distributions('materialen')).toEqual(['dumps', 'graphql', 'ldes', 'oai', 'sparql']);

    const open = dataset('msk-open');
    expect(objects(quads, `${open}-dumps`, DCAT.downloadURL)).toEqual([`${BASE}dumps/msk-open.nq.gz`]);
    expect(objects(quads, `${open}-dumps`, DCAT.mediaType)).toEqual(['https://www.iana.org/assignments/media-types/application/n-quads']);
    expect(objects(quads, `${open}-ldes`, DCAT.accessURL)).toEqual([`${BASE}ldes/msk-open`]);
    expect(objects(quads, `${open}-ldes`, DCTERMS.conformsTo)).toEqual([STANDARDS.ldes]);
    expect(objects(quads, `${open}-sparql`, DCAT.accessURL)).toEqual([`${BASE}sparql`]);
    expect(objects(quads, `${open}-oai`, DCAT.accessURL)).toEqual([`${BASE}oai?verb=ListRecords&metadataPrefix=oai_dc&set=msk%3Amsk-open`]);
    expect(objects(quads, `${CATALOG}#service-sparql`, DCAT.servesDataset)).toEqual([dataset('materialen'), open]);
  });

  it('says who publishes each dataset, under which licence or rights, when it last changed and how large it is', async () => {
    const quads = await turtle();
    const open = dataset('msk-open');
    const [publisher] = objects(quads, open, DCTERMS.publisher);
    expect(objects(quads, publisher ?? '', FOAF.name)).toEqual(['Museum voor Schone Kunsten Gent']);
    expect(objects(quads, open, DCTERMS.title)).toEqual(['Collectie msk-open']);
    expect(objects(quads, `${open}-dumps`, DCTERMS.license)).toEqual([CC0]);
    expect(objects(quads, CC0, RDFNS.type)).toEqual([DCTERMS.LicenseDocument]);
    expect(objects(quads, `${dataset('msk-ldes')}-ldes`, DCTERMS.rights)).toEqual([IN_COPYRIGHT]);
    expect(objects(quads, open, DCTERMS.modified)[0]).toMatch(/^\d{4}-\d\d-\d\dT/);
    // One of its three records is withheld from the dump its size is counted by.
    expect(objects(quads, open, VOID.entities)).toEqual(['2']);
    expect(objects(quads, open, VOID.triples)).toEqual(['4']);
    expect(objects(quads, dataset('msk-one'), VOID.entities)).toEqual(['1']);
    expect(objects(quads, dataset('materialen'), DCTERMS.title)).toEqual(['Materialen', 'Materials']);
    expect(objects(quads, dataset('materialen'), DCTERMS.description)).toEqual(['Materialen van objecten.']);
    expect(objects(quads, dataset('materialen'), VOID.rootResource)).toEqual([`${BASE}id/term-list/materialen`]);
  });

  it('meets DCAT-AP 3.0: mandatory properties, cardinalities and ranges', async () => {
    const shapes = new Parser().parse(readFileSync(join(ROOT, 'fixtures/dcat-ap/dcat-ap-3-constraints.ttl'), 'utf8'));
    const report = await new SHACLValidator(new Store(shapes)).validate(new Store(await turtle()));
    expect(report.results.map((result) => `${result.focusNode.value} ${result.path.value}: ${result.message.map((m) => m.value).join(' ')}`)).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  it('serves the same graph as Turtle, JSON-LD, RDF/XML and N-Triples', async () => {
    const expected = await turtle();
    const jsonText = (await catalog('application/ld+json')).text;
    const nquads = await jsonld.toRDF(JSON.parse(jsonText) as object, { format: 'application/n-quads' });
    await expectIsomorphic(new Parser({ format: 'application/n-quads' }).parse(nquads as unknown as string), expected);
    const xml = await catalog('application/rdf+xml');
    expect(xml.response.headers.get('content-type')).toBe('application/rdf+xml; charset=utf-8');
    const store = new oxigraph.Store();
    store.load(xml.text, { format: 'application/rdf+xml', base_iri: CATALOG });
    const fromXml = new Parser({ format: 'application/n-quads' }).parse(store.dump({ format: 'application/n-quads' }));
    // oxigraph keeps typed values in canonical form only.
    expect(fromXml).toHaveLength(expected.length);
    await expectIsomorphic(new Parser({ format: 'application/n-triples' }).parse((await catalog('application/n-triples')).text), expected);
  });

  it('links to distributions that answer', async () => {
    const quads = await turtle();
    const links = quads.filter((q) => q.predicate.value === DCAT.downloadURL || (q.predicate.value === DCAT.accessURL && /\/(ldes\/|oai\?)/.test(q.object.value)));
    expect(links.length).toBeGreaterThan(4);
    for (const link of links) {
      const response = await fetch(link.object.value.replace(BASE, `${server.url}/`));
      expect(response.status, link.object.value).toBe(200);
      const body = Buffer.from(await response.arrayBuffer()).toString('latin1');
      // OAI-PMH answers its errors with 200: the set must be one the provider has.
      if (link.object.value.includes('/oai?')) expect(body, link.object.value).toContain('<ListRecords>');
    }
  });

  it('is tagged, and changes with the policies', async () => {
    const { response } = await catalog();
    const etag = response.headers.get('etag') ?? '';
    expect(await statusOf(url('/catalog'), { 'if-none-match': etag, accept: 'text/turtle' })).toBe(304);
    await admin('PUT', '/api/datasets/msk-ldes/policy', { channels: ['linked-data'] });
    expect(await statusOf(url('/catalog'), { 'if-none-match': etag, accept: 'text/turtle' })).toBe(200);
    expect(objects(await turtle(), CATALOG, DCAT.dataset)).not.toContain(dataset('msk-ldes'));
  });
});
