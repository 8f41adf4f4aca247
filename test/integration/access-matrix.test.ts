import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { DataFactory } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePut } from '../../src/rdf/prepare-put.js';
import { SqliteAccessStore } from '../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { importTermList } from '../../src/terms/term-import.js';
import { CRM, RDF, SKOS } from '../../src/vocab/vocabularies.js';
import { ROOT } from '../helpers/cli.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

/**
 * The enforcement matrix of the publication policy: every channel that exists × {a published
 * record, an unpublished record, a restricted property} × {anonymous, a reader of the owning
 * organisation, an editor of another organisation}. Each cell asserts that a value only that
 * item holds is visible, or is not.
 */
const BASE = 'http://data.example.be/';
const SCHEMA = 'https://schema.org/';
const CRM_NS = CRM.$base;
const PUBLISHED = `${BASE}id/object/msk-open/1`;
const UNPUBLISHED = `${BASE}id/object/msk-private/2`;
const PERSON = `${BASE}id/agent/msk-open/p1`;
const BRONS = `${BASE}id/concept/materialen/brons`;
const HIDDEN_CONCEPT = `${BASE}id/concept/verborgen/geheimhout`;
const HIDDEN_LIST = `${BASE}id/term-list/verborgen`;
const MATERIALEN = `${BASE}id/term-list/materialen`;
/** A concept in a dataset that is no term list: the term index holds it all the same. */
const PRIVATE_CONCEPT = `${BASE}id/concept/msk-private/geheimconcept`;
const EMAIL = `${BASE}id/concept/materialen/email`;

/** What only each item holds, so finding it anywhere means the item leaked. */
const MARKS = {
  published: 'Zichtbaar werk',
  unpublished: 'Geheim werk',
  restricted: 'Geheimstraat 1',
} as const;
type Item = keyof typeof MARKS;
type Who = 'anonymous' | 'reader' | 'otherEditor';

const namedNode = (iri: string) => DataFactory.namedNode(iri);
/** What makes an object go to Europeana: an object type and an image. */
const europeanaReady = (iri: string) => [
  DataFactory.quad(namedNode(iri), namedNode(`${CRM_NS}P2_has_type`), namedNode('http://vocab.getty.edu/aat/300033618')),
  DataFactory.quad(namedNode(iri), namedNode('http://xmlns.com/foaf/0.1/depiction'), namedNode(`${iri}.jpg`)),
];
const literal = (value: string, language?: string) => DataFactory.literal(value, language);
const blankNode = (label: string) => DataFactory.blankNode(label);
const quad = DataFactory.quad.bind(DataFactory);

describe('the publication policy on every channel', () => {
  const temp = sharedTempDir('access-matrix-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  const tokens: Record<Who, string | undefined> = { anonymous: undefined, reader: undefined, otherEditor: undefined };

  const headers = (who: Who, extra: Record<string, string> = {}): Record<string, string> => {
    const token = tokens[who];
    return token === undefined ? extra : { ...extra, authorization: `Bearer ${token}` };
  };
  const admin = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${server.url}${path}`, {
      method, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const graphql = async (who: Who, query: string): Promise<string> => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: headers(who, { 'content-type': 'application/json' }), body: JSON.stringify({ query }) });
    expect(response.status).toBe(200);
    return response.text();
  };
  const get = async (who: Who, path: string, accept: string): Promise<string> => {
    const response = await fetch(path.startsWith('http') ? path : `${server.url}${path}`, { headers: headers(who, { accept }) });
    return response.ok ? response.text() : `status ${response.status}`;
  };

  /** Per channel: what a principal is sent when asking for each item. */
  const CHANNELS: Record<string, Record<Item, (who: Who) => Promise<string>>> = {
    sparql: {
      // A query over everything: whatever the index serves, it returns.
      published: (who) => sparqlAll(who),
      unpublished: (who) => sparqlAll(who),
      restricted: (who) => sparqlAll(who),
    },
    graphql: {
      published: (who) => graphql(who, `{ lookup(uris: ["${PUBLISHED}", "${BRONS}"]) { result { ... on Term { prefLabel } } } terms(sources: ["${MATERIALEN}"], query: "brons") { result { ... on Terms { terms { prefLabel } } } } }`)
        .then((body) => (body.includes('brons') ? MARKS.published : body)),
      unpublished: (who) => graphql(who, `{ sources { uri name } lookup(uris: ["${HIDDEN_CONCEPT}"]) { result { __typename ... on Term { prefLabel } } } }`)
        .then((body) => (body.includes(HIDDEN_LIST) && body.includes('geheimhout') ? MARKS.unpublished : body)),
      restricted: (who) => graphql(who, `{ lookup(uris: ["${BRONS}"]) { result { ... on Term { definition } } } }`)
        .then((body) => (body.includes('Legering van koper en tin.') ? MARKS.restricted : body)),
    },
    'graphql (reconciliation)': {
      published: (who) => reconcile(who, 'brons').then((body) => (body.includes(BRONS) ? MARKS.published : body)),
      unpublished: (who) => reconcile(who, 'geheimhout').then((body) => (body.includes(HIDDEN_CONCEPT) ? MARKS.unpublished : body)),
      restricted: (who) => get(who, `/reconcile/materialen/preview?id=${encodeURIComponent(BRONS)}`, 'text/html')
        .then((body) => (body.includes('Legering van koper en tin.') ? MARKS.restricted : body)),
    },
    'linked-data': {
      published: (who) => get(who, PUBLISHED.replace(BASE, '/'), 'text/turtle'),
      unpublished: (who) => get(who, UNPUBLISHED.replace(BASE, '/'), 'text/turtle'),
      restricted: (who) => get(who, PERSON.replace(BASE, '/'), 'application/n-triples'),
    },
    // The zip goes to Europeana: the public view whoever asks. The report names a withheld record
    // to its owner, but never its content.
    europeana: {
      published: (who) => europeana(who, 'msk-open'),
      unpublished: async (who) => `${await europeana(who, 'msk-private')}\n${await europeana(who, 'msk-open')}`,
      // The maker's birth date is restricted: the edm:Agent would carry it as rdaGr2:dateOfBirth.
      restricted: (who) => europeana(who, 'msk-open').then((body) => (body.includes('1961-05-02') ? MARKS.restricted : body)),
    },
    // OAI-PMH answers as linked data does: the owner's organisation sees its own records whole.
    oai: {
      published: (who) => get(who, '/oai?verb=ListRecords&metadataPrefix=rdf', 'text/xml'),
      unpublished: (who) => get(who, '/oai?verb=ListRecords&metadataPrefix=rdf', 'text/xml'),
      restricted: (who) => get(who, '/oai?verb=ListRecords&metadataPrefix=rdf', 'text/xml'),
    },
    // The event streams are public and cached: the public view whoever asks.
    ldes: {
      published: (who) => ldes(who, 'msk-open'),
      unpublished: async (who) => `${await ldes(who, 'msk-private')}\n${await ldes(who, 'msk-open')}`,
      restricted: (who) => ldes(who, 'msk-open'),
    },
    dumps: {
      published: (who) => dump(who, 'msk-open'),
      unpublished: (who) => dump(who, 'msk-private'),
      restricted: (who) => dump(who, 'msk-open'),
    },
    'linked-data (concept page)': {
      published: (who) => get(who, BRONS.replace(BASE, '/'), 'text/html').then((body) => (body.includes('brons') ? MARKS.published : body)),
      unpublished: (who) => get(who, HIDDEN_CONCEPT.replace(BASE, '/'), 'text/html').then((body) => (body.includes('geheimhout') ? MARKS.unpublished : body)),
      restricted: (who) => get(who, BRONS.replace(BASE, '/'), 'text/html').then((body) => (body.includes('Legering van koper en tin.') ? MARKS.restricted : body)),
    },
  };

  /** What each principal may see: the public view, and the owner's organisation's reader sees its own data whole. */
  const publicView = {
    published: { anonymous: true, reader: true, otherEditor: true },
    unpublished: { anonymous: false, reader: false, otherEditor: false },
    restricted: { anonymous: false, reader: false, otherEditor: false },
  };
  const EXPECTED: Record<string, Record<Item, Record<Who, boolean>>> = {
    // The SPARQL index serves the public view to everyone (docs/access.md), and so does the Europeana package.
    sparql: publicView,
    europeana: publicView,
    ldes: publicView,
  };
  const ownerSees = {
    published: { anonymous: true, reader: true, otherEditor: true },
    unpublished: { anonymous: false, reader: true, otherEditor: false },
    restricted: { anonymous: false, reader: true, otherEditor: false },
  };
  for (const channel of Object.keys(CHANNELS)) EXPECTED[channel] ??= ownerSees;

  async function sparqlAll(who: Who): Promise<string> {
    const response = await fetch(server.endpoint, {
      method: 'POST',
      headers: headers(who, { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' }),
      body: new URLSearchParams({ query: 'SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }' }),
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  /** A dataset's Europeana zip (every file's text) and readiness report, as `who` gets them. */
  async function europeana(who: Who, dataset: string): Promise<string> {
    const zip = await fetch(`${server.url}/api/datasets/${dataset}/europeana`, { headers: headers(who) });
    const files = zip.ok ? await Promise.all(Object.values((await JSZip.loadAsync(Buffer.from(await zip.arrayBuffer()))).files).map((file) => file.async('string'))) : [`status ${zip.status}`];
    const report = await get(who, `/api/datasets/${dataset}/europeana/report`, 'application/json');
    return `${files.join('\n')}\n${report}`;
  }

  /** A dataset's event stream from its start, as N-Quads. */
  async function ldes(who: Who, dataset: string): Promise<string> {
    return get(who, `/ldes/${dataset}?after=0`, 'application/n-quads');
  }

  /** A dataset's dump, unzipped. */
  async function dump(who: Who, dataset: string): Promise<string> {
    const response = await fetch(`${server.url}/dumps/${dataset}.nq.gz`, { headers: headers(who) });
    return response.ok ? gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8') : `status ${response.status}`;
  }

  async function reconcile(who: Who, text: string): Promise<string> {
    const response = await fetch(`${server.url}/reconcile`, {
      method: 'POST', headers: headers(who, { 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({ queries: JSON.stringify({ q0: { query: text } }) }),
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    const access = SqliteAccessStore.open(data);
    try {
            access.createOrganisation('msk', 'Museum voor Schone Kunsten Gent', { actor: 'test', action: 'organisation.create' });
      access.createOrganisation('stam', 'STAM Gent', { actor: 'test', action: 'organisation.create' });
      const title = namedNode('http://www.cidoc-crm.org/cidoc-crm/P102_has_title');
      const address = blankNode('a');
      records.writeBatch([
        await preparePut(PUBLISHED, 'msk-open', [
          quad(namedNode(PUBLISHED), namedNode(RDF.type), namedNode(CRM['E22_Human-Made_Object'])),
          quad(namedNode(PUBLISHED), title, literal(MARKS.published, 'nl')),
          ...europeanaReady(PUBLISHED),
          quad(namedNode(PUBLISHED), namedNode(`${CRM_NS}P108i_was_produced_by`), blankNode('production')),
          quad(blankNode('production'), namedNode(`${CRM_NS}P14_carried_out_by`), namedNode(PERSON)),
        ]),
        await preparePut(PERSON, 'msk-open', [
          quad(namedNode(PERSON), namedNode(RDF.type), namedNode(`${SCHEMA}Person`)),
          quad(namedNode(PERSON), namedNode(`${SCHEMA}name`), literal('Levende Kunstenaar')),
          quad(namedNode(PERSON), namedNode(`${SCHEMA}birthDate`), literal('1961-05-02')),
          quad(namedNode(PERSON), namedNode(`${SCHEMA}address`), address),
          quad(address, namedNode(`${SCHEMA}streetAddress`), literal(MARKS.restricted)),
        ]),
      ], { createDatasets: [{ id: 'msk-open', organisation: 'msk' }] });
      records.writeBatch([
        await preparePut(UNPUBLISHED, 'msk-private', [
          quad(namedNode(UNPUBLISHED), namedNode(RDF.type), namedNode(CRM['E22_Human-Made_Object'])),
          quad(namedNode(UNPUBLISHED), title, literal(MARKS.unpublished, 'nl')),
          ...europeanaReady(UNPUBLISHED),
        ]),
        await preparePut(PRIVATE_CONCEPT, 'msk-private', [
          quad(namedNode(PRIVATE_CONCEPT), namedNode(RDF.type), namedNode(SKOS.Concept)),
          quad(namedNode(PRIVATE_CONCEPT), namedNode(SKOS.prefLabel), literal('Geheimconcept', 'nl')),
          quad(namedNode(PRIVATE_CONCEPT), namedNode(SKOS.notation), literal('G.1')),
        ]),
      ], { createDatasets: [{ id: 'msk-private', organisation: 'msk', policy: 'private' }] });
      await importTermList({
        file: join(ROOT, 'fixtures/terms/materialen.csv'), source: 'materialen.csv', list: 'materialen', baseIri: BASE,
        newDataset: { organisation: 'msk' }, metadata: { name: { nl: 'Materialen' } },
      }, { records });
      const hidden = join(temp.dir, 'verborgen.csv');
      writeFileSync(hidden, `id;prefLabel@nl;broader\ngeheimhout;geheimhout;${BRONS}\n`);
      await importTermList({
        file: hidden, source: 'verborgen.csv', list: 'verborgen', baseIri: BASE, newDataset: { organisation: 'msk' }, metadata: { name: { nl: 'Verborgen' } },
      }, { records });
    } finally {
      access.close();
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
    // Policies as a data steward sets them, over HTTP.
    await admin('PUT', '/api/datasets/msk-open/policy', {
      channels: ['sparql', 'graphql', 'linked-data', 'oai', 'europeana', 'ldes', 'dumps'],
      rights: 'http://creativecommons.org/publicdomain/zero/1.0/',
      restrictedProperties: [`${SCHEMA}birthDate`, `${SCHEMA}address`],
    });
    await admin('PUT', '/api/datasets/materialen/policy', { channels: ['graphql', 'linked-data', 'sparql'], restrictedProperties: [SKOS.definition] });
    await admin('PUT', '/api/datasets/verborgen/policy', { channels: [] });
    tokens.reader = ((await (await admin('POST', '/api/tokens', { role: 'reader', organisation: 'msk' })).json()) as { token: string }).token;
    tokens.otherEditor = ((await (await admin('POST', '/api/tokens', { role: 'editor', organisation: 'stam' })).json()) as { token: string }).token;
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  const cells = Object.keys(CHANNELS).flatMap((channel) => (Object.keys(MARKS) as Item[]).flatMap((item) =>
    (['anonymous', 'reader', 'otherEditor'] as Who[]).map((who) => [channel, item, who] as const)));
  it.each(cells)('%s: the %s item, asked by %s', async (channel, item, who) => {
    const seen = await CHANNELS[channel]?.[item](who);
    const visible = EXPECTED[channel]?.[item][who];
    if (visible) expect(seen).toContain(MARKS[item]);
    else expect(seen).not.toContain(MARKS[item]);
  });

  it('still shows what is not restricted of a record with restricted properties, and leaves out what only they led to', async () => {
    const turtle = await get('anonymous', PERSON.replace(BASE, '/'), 'application/n-triples');
    expect(turtle).toContain('Levende Kunstenaar');
    expect(turtle).not.toContain('1961-05-02');
    expect(turtle).not.toContain('streetAddress');
    const sparql = await sparqlAll('anonymous');
    expect(sparql).toContain('Levende Kunstenaar');
    expect(sparql).not.toContain('1961-05-02');
    expect(sparql).not.toContain('streetAddress');
    expect(await get('reader', PERSON.replace(BASE, '/'), 'application/n-triples')).toContain('1961-05-02');
  });

  it('hides concepts of private datasets that are no term list from the term APIs and concept pages', async () => {
    for (const who of ['anonymous', 'otherEditor'] as const) {
      expect(await reconcile(who, 'Geheimconcept')).not.toContain(PRIVATE_CONCEPT);
      expect(await graphql(who, `{ lookup(uris: ["${PRIVATE_CONCEPT}"]) { result { __typename } } }`)).toContain('NotFoundError');
      expect(await get(who, `/reconcile/preview?id=${encodeURIComponent(PRIVATE_CONCEPT)}`, 'text/html')).not.toContain('Geheimconcept');
    }
    expect(await reconcile('reader', 'Geheimconcept')).toContain(PRIVATE_CONCEPT);
    // Also when every term list is public and unrestricted, so only the private dataset is hidden.
    await admin('PUT', '/api/datasets/verborgen/policy', { channels: ['graphql', 'linked-data'] });
    await admin('PUT', '/api/datasets/materialen/policy', { channels: ['graphql', 'linked-data', 'sparql'] });
    try {
      expect(await reconcile('anonymous', 'Geheimconcept')).not.toContain(PRIVATE_CONCEPT);
      expect(await graphql('anonymous', `{ lookup(uris: ["${PRIVATE_CONCEPT}"]) { result { __typename } } }`)).toContain('NotFoundError');
    } finally {
      await admin('PUT', '/api/datasets/verborgen/policy', { channels: [] });
      await admin('PUT', '/api/datasets/materialen/policy', { channels: ['graphql', 'linked-data', 'sparql'], restrictedProperties: [SKOS.definition] });
    }
  });

  it('finds concepts by a notation alone only where the concept and its notation are shown', async () => {
    const byNotation = async (who: Who, notation: string): Promise<string> => {
      const response = await fetch(`${server.url}/reconcile`, {
        method: 'POST', headers: headers(who, { 'content-type': 'application/json' }), body: JSON.stringify({ q0: { properties: [{ pid: 'notation', v: notation }] } }),
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    expect(await byNotation('anonymous', 'M.1.1')).toContain(BRONS);
    expect(await byNotation('anonymous', 'G.1')).not.toContain(PRIVATE_CONCEPT);
    expect(await byNotation('reader', 'G.1')).toContain(PRIVATE_CONCEPT);
    await admin('PUT', '/api/datasets/materialen/policy', { channels: ['graphql', 'linked-data', 'sparql'], restrictedProperties: [SKOS.definition, SKOS.notation] });
    try {
      expect(await byNotation('anonymous', 'M.1.1')).not.toContain(BRONS);
      expect(await byNotation('reader', 'M.1.1')).toContain(BRONS);
    } finally {
      await admin('PUT', '/api/datasets/materialen/policy', { channels: ['graphql', 'linked-data', 'sparql'], restrictedProperties: [SKOS.definition] });
    }
  });

  it('finds a shown concept by its notation however many hidden ones with that notation come before it', async () => {
    const data = join(temp.dir, 'many-hidden');
    const records = SqliteRecordStore.open(data);
    const concept = (iri: string, label: string) => preparePut(iri, iri.includes('/geheim/') ? 'geheim' : 'open', [
      quad(namedNode(iri), namedNode(RDF.type), namedNode(SKOS.Concept)),
      quad(namedNode(iri), namedNode(SKOS.prefLabel), literal(label, 'nl')),
      quad(namedNode(iri), namedNode(SKOS.notation), literal('N.1')),
    ]);
    try {
      // Indexed first: 600 concepts of a private dataset, more than a lookup reads at once.
      records.writeBatch(await Promise.all(Array.from({ length: 600 }, (_, i) => concept(`${BASE}id/geheim/${i}`, `Geheim ${i}`))), {
        createDatasets: [{ id: 'geheim', policy: 'private' }],
      });
      records.writeBatch([await concept(`${BASE}id/open/1`, 'Open')], { createDatasets: [{ id: 'open' }] });
    } finally {
      records.close();
    }
    const own = await startTestServer(data);
    try {
      const response = await fetch(`${own.url}/reconcile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q0: { properties: [{ pid: 'notation', v: 'N.1' }] } }) });
      const answer = await response.json() as { q0: { result: Array<{ id: string; match: boolean }> } };
      expect(answer.q0.result.map((candidate) => [candidate.id, candidate.match])).toEqual([[`${BASE}id/open/1`, true]]);
    } finally {
      await own.close();
    }
  });

  it('restricts a link both ways: with broader restricted, a concept shows no narrower terms either', async () => {
    const METAAL = `${BASE}id/concept/materialen/metaal`;
    const narrower = `{ lookup(uris: ["${METAAL}"]) { result { ... on Term { narrower { uri } } } } }`;
    expect(await graphql('anonymous', narrower)).toContain(BRONS);
    await admin('PUT', '/api/datasets/materialen/policy', { channels: ['graphql', 'linked-data', 'sparql'], restrictedProperties: [SKOS.definition, SKOS.broader] });
    try {
      expect(await graphql('anonymous', narrower)).not.toContain(BRONS);
      expect(await get('anonymous', METAAL.replace(BASE, '/'), 'text/html')).not.toContain(BRONS);
      expect(await graphql('reader', narrower)).toContain(BRONS);
    } finally {
      await admin('PUT', '/api/datasets/materialen/policy', { channels: ['graphql', 'linked-data', 'sparql'], restrictedProperties: [SKOS.definition] });
    }
  });

  it('leaves links to hidden concepts out of the concepts that are shown', async () => {
    const lookup = `{ lookup(uris: ["${BRONS}"]) { result { ... on Term { narrower { uri } } } } }`;
    expect(await graphql('anonymous', lookup)).not.toContain(HIDDEN_CONCEPT);
    expect(await get('anonymous', BRONS.replace(BASE, '/'), 'text/html')).not.toContain('geheimhout');
    expect(await graphql('reader', lookup)).toContain(HIDDEN_CONCEPT);
  });

  it('counts a concept withheld by its own channels out of the search total, on every page', async () => {
    await admin('PUT', `/api/datasets/materialen/records/policy?iri=${encodeURIComponent(EMAIL)}`, { channels: ['linked-data'] });
    try {
      for (const offset of [0, 5]) {
        const body = await graphql('anonymous', `{ terms(sources: ["${MATERIALEN}"], query: "emai", offset: ${offset}) { result { ... on Terms { total terms { uri } } } } }`);
        expect(JSON.parse(body)).toMatchObject({ data: { terms: [{ result: { total: 0, terms: [] } }] } });
      }
      expect(await graphql('reader', `{ terms(sources: ["${MATERIALEN}"], query: "emai") { result { ... on Terms { total } } } }`)).toContain('"total":1');
      const count = async (who: Who): Promise<number> => (JSON.parse(await get(who, '/api/term-lists/materialen', 'application/json')) as { concepts: number }).concepts;
      expect(await count('anonymous')).toBe(await count('reader') - 1);
    } finally {
      await admin('DELETE', `/api/datasets/materialen/records/policy?iri=${encodeURIComponent(EMAIL)}`);
    }
  });

  it('gives a restricted view an ETag of its own, which tells nothing of what was left out', async () => {
    const etag = async (who: Who): Promise<string | null> => (await fetch(`${server.url}${PERSON.replace(BASE, '/')}`, { headers: headers(who, { accept: 'application/n-triples' }) })).headers.get('etag');
    const [anonymous, reader] = [await etag('anonymous'), await etag('reader')];
    expect(anonymous).toMatch(/^"[0-9a-f]{32}"$/);
    expect(reader).toMatch(/^"[0-9a-f]{32}"$/);
    expect(anonymous).not.toBe(reader);
    expect(anonymous?.slice(1, 17)).not.toBe(reader?.slice(1, 17));
  });

  it('answers an unpublished IRI as an unknown one, 404', async () => {
    const response = await fetch(`${server.url}${UNPUBLISHED.replace(BASE, '/')}`, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(MARKS.unpublished);
  });

  it('gives a SPARQL query that reaches for unpublished graphs nothing from them', async () => {
    const attempts = [
      `SELECT * FROM NAMED <${UNPUBLISHED}> WHERE { GRAPH ?g { ?s ?p ?o } }`,
      `SELECT * FROM <${UNPUBLISHED}> WHERE { ?s ?p ?o }`,
      `SELECT * WHERE { GRAPH <${UNPUBLISHED}> { ?s ?p ?o } }`,
      `SELECT * WHERE { GRAPH ?g { <${UNPUBLISHED}> ?p ?o } }`,
      `SELECT * WHERE { SERVICE <${server.endpoint}> { GRAPH <${UNPUBLISHED}> { ?s ?p ?o } } }`,
      `SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:1/sparql> { ?s ?p ?o } GRAPH <${UNPUBLISHED}> { ?s2 ?p2 ?o2 } }`,
      `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${PERSON}> { ?s ?p ?o } }`,
      `ASK { GRAPH ?g { ?s <${SCHEMA}birthDate> ?o } }`,
    ];
    for (const query of attempts) {
      const response = await fetch(server.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: query.startsWith('CONSTRUCT') ? 'application/n-triples' : 'application/sparql-results+json' },
        body: new URLSearchParams({ query }),
      });
      const body = await response.text();
      expect(body, query).not.toContain(MARKS.unpublished);
      expect(body, query).not.toContain('1961-05-02');
      expect(body, query).not.toContain(MARKS.restricted);
      if (query.startsWith('ASK')) expect(JSON.parse(body)).toMatchObject({ boolean: false });
    }
  });

  it('applies a policy change on every channel at once, through the change log', async () => {
    await admin('PUT', '/api/datasets/msk-private/policy', { channels: ['sparql', 'linked-data'] });
    expect(await sparqlAll('anonymous')).toContain(MARKS.unpublished);
    expect(await get('anonymous', UNPUBLISHED.replace(BASE, '/'), 'text/turtle')).toContain(MARKS.unpublished);
    // A record's own channels replace its dataset's.
    await admin('PUT', `/api/datasets/msk-private/records/policy?iri=${encodeURIComponent(UNPUBLISHED)}`, { channels: ['linked-data'] });
    expect(await sparqlAll('anonymous')).not.toContain(MARKS.unpublished);
    expect(await get('anonymous', UNPUBLISHED.replace(BASE, '/'), 'text/turtle')).toContain(MARKS.unpublished);
    await admin('DELETE', `/api/datasets/msk-private/records/policy?iri=${encodeURIComponent(UNPUBLISHED)}`);
    await admin('PUT', '/api/datasets/msk-private/policy', { channels: [] });
    expect(await sparqlAll('anonymous')).not.toContain(MARKS.unpublished);
    expect(await get('anonymous', UNPUBLISHED.replace(BASE, '/'), 'text/turtle')).toBe('status 404');
    const audit = await (await admin('GET', '/api/audit?action=policy.set')).json() as { entries: Array<{ actor: string; ip?: string; target: string }> };
    expect(audit.entries.filter((entry) => entry.target === 'msk-private')).toHaveLength(2);
    expect(audit.entries.every((entry) => entry.actor === 'admin-token' && entry.ip !== undefined)).toBe(true);
  });

  it('never announces a record the aggregator channels never published: a policy change does not make it a deletion or a tombstone', async () => {
    const everything = async (): Promise<string> => [
      await get('anonymous', '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc', 'text/xml'),
      await get('anonymous', '/ldes/msk-private?after=0', 'application/n-quads'),
    ].join('\n');
    // The private dataset publishes one record of its own on ldes and oai, so its stream and set exist.
    await admin('PUT', `/api/datasets/msk-private/records/policy?iri=${encodeURIComponent(PRIVATE_CONCEPT)}`, { channels: ['ldes', 'oai'] });
    try {
      // A change of the dataset's policy that publishes nothing more: a policy entry for each record.
      await admin('PUT', '/api/datasets/msk-private/policy', { channels: [], restrictedProperties: [`${SCHEMA}birthDate`] });
      const seen = await everything();
      expect(seen).toContain(PRIVATE_CONCEPT);
      expect(seen).not.toContain(UNPUBLISHED);
      // Withdrawing what was published is announced: the record shows as deleted, and as a tombstone.
      await admin('DELETE', `/api/datasets/msk-private/records/policy?iri=${encodeURIComponent(PRIVATE_CONCEPT)}`);
      const oai = await get('anonymous', `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(PRIVATE_CONCEPT)}`, 'text/xml');
      expect(oai).toContain('status="deleted"');
      expect(oai).not.toContain('Geheimconcept');
    } finally {
      await admin('DELETE', `/api/datasets/msk-private/records/policy?iri=${encodeURIComponent(PRIVATE_CONCEPT)}`).catch(() => undefined);
      await admin('PUT', '/api/datasets/msk-private/policy', { channels: [] });
    }
  });

  it('never publishes, when a dataset opens, a record that was made and deleted while it was private', async () => {
    const ghost = `${BASE}id/object/later-open/ghost`;
    const kept = `${BASE}id/object/later-open/kept`;
    const records = SqliteRecordStore.open(data);
    try {
      records.writeBatch([
        await preparePut(ghost, 'later-open', [quad(namedNode(ghost), namedNode(`${CRM_NS}P102_has_title`), literal('Spookwerk', 'nl'))]),
        await preparePut(kept, 'later-open', [quad(namedNode(kept), namedNode(`${CRM_NS}P102_has_title`), literal('Blijvend werk', 'nl'))]),
      ], { createDatasets: [{ id: 'later-open', organisation: 'msk', policy: 'private' }] });
      records.writeBatch([{ op: 'delete', iri: ghost }]);
    } finally {
      records.close();
    }
    await admin('PUT', '/api/datasets/later-open/policy', { channels: ['oai', 'ldes', 'dumps'] });
    const oai = await get('anonymous', '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=msk:later-open', 'text/xml');
    const ldes = await get('anonymous', '/ldes/later-open?after=0', 'application/n-quads');
    for (const body of [oai, ldes]) {
      expect(body).toContain(kept);
      expect(body).not.toContain(ghost);
    }
    expect(ldes).not.toContain('Spookwerk');
    expect(await get('anonymous', `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(ghost)}`, 'text/xml')).toContain('idDoesNotExist');
  });
});
