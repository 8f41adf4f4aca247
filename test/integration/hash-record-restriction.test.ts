import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordWrite } from '../../src/domain/record.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { waitFor } from '../helpers/cli.js';
import { expectIsomorphic } from '../helpers/isomorphism.js';
import { LdesHarvester } from '../helpers/ldes-harvester.js';
import { putTurtle } from '../helpers/records.js';
import { publishedGraphs } from '../helpers/sparql-quads.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

/**
 * A hash IRI stored as a record of its own (as `cultuurgraaf load` stores every subject) is part
 * of its document: when only a restricted property of the person's record leads to it, no
 * channel publishes it, and a change of the person's record that cuts it off or brings it back
 * reaches every feed (docs/access.md).
 */
const BASE = 'http://data.example.be/';
const DATASET = 'personen';
const PERSON = `${BASE}id/agent/${DATASET}/p1`;
const ADRES = `${PERSON}#adres`;
const GEO = `${PERSON}#geo`;
const VRIEND = `${PERSON}#vriend`;
const SCHEMA = 'https://schema.org/';
const ROOT = `${BASE}ldes/${DATASET}`;

/** What only each record holds, so finding it means the record was published. */
const STREET = 'Hashstraat 9';
const PLACE = 'Geheime plek';
const FRIEND = 'Open vriend';

/** The person, leading to the address by `link`. */
const person = (link: string): Promise<RecordWrite> => putTurtle(PERSON, DATASET, `@prefix schema: <${SCHEMA}> .
<${PERSON}> a schema:Person ; schema:name "Persoon" ; ${link} <${ADRES}> ; schema:knows <${VRIEND}> .`);

describe('hash records only a restricted property leads to', () => {
  const temp = sharedTempDir('hash-restriction-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  let reader = '';
  const locate = (target: string): string => target.replace(BASE, `${server.url}/`);

  const request = async (path: string, init: { method?: string; token?: string; accept?: string; body?: unknown } = {}): Promise<Response> => fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
      ...(init.accept === undefined ? {} : { accept: init.accept }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = async (path: string, token?: string, accept?: string): Promise<string> => {
    const response = await request(path, { ...(token === undefined ? {} : { token }), ...(accept === undefined ? {} : { accept }) });
    expect(response.status, path).toBe(200);
    return response.text();
  };
  const dump = async (token?: string): Promise<string> => {
    const response = await request(`/dumps/${DATASET}.nq.gz`, token === undefined ? {} : { token });
    expect(response.status).toBe(200);
    return gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
  };
  const sparql = async (): Promise<string> => {
    const response = await server.query('SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }', 'application/sparql-results+json');
    expect(response.status).toBe(200);
    return response.text();
  };
  const oai = (): Promise<string> => text('/oai?verb=ListRecords&metadataPrefix=rdf');
  const ldes = (): Promise<string> => text(`/ldes/${DATASET}?after=0`, undefined, 'application/n-quads');
  const document = (token?: string): Promise<string> => text(PERSON.replace(BASE, '/'), token, 'application/n-triples');
  const write = (writes: RecordWrite[]): void => {
    const records = SqliteRecordStore.open(data);
    try {
      records.writeBatch(writes);
    } finally {
      records.close();
    }
  };
  /** Whether the OAI-PMH answer gives the record as deleted. */
  const deletedInOai = (body: string, iri: string): boolean => body.includes(`<header status="deleted"><identifier>${iri}</identifier>`);

  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      records.ensureOrganisation('msk', 'MSK');
      records.writeBatch([
        await person('schema:address'),
        await putTurtle(ADRES, DATASET, `<${ADRES}> <${SCHEMA}streetAddress> "${STREET}" ; <${SCHEMA}geo> <${GEO}> .`),
        await putTurtle(GEO, DATASET, `<${GEO}> <${SCHEMA}name> "${PLACE}" .`),
        await putTurtle(VRIEND, DATASET, `<${VRIEND}> <${SCHEMA}name> "${FRIEND}" .`),
      ], { createDatasets: [{ id: DATASET, organisation: 'msk' }] });
    } finally {
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
    const policy = await request(`/api/datasets/${DATASET}/policy`, {
      method: 'PUT', token: TEST_ADMIN_TOKEN, body: { channels: ['sparql', 'linked-data', 'oai', 'ldes', 'dumps'], restrictedProperties: [`${SCHEMA}address`] },
    });
    expect(policy.status).toBe(200);
    const token = await request('/api/tokens', { method: 'POST', token: TEST_ADMIN_TOKEN, body: { role: 'reader', organisation: 'msk' } });
    reader = ((await token.json()) as { token: string }).token;
  }, 60_000);
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const harvester = new LdesHarvester(ROOT, { locate: (target) => locate(target) });

  it('are published on no channel, and neither is what only they lead to; the rest of the document is', async () => {
    for (const [channel, body] of [['sparql', await sparql()], ['dumps', await dump()], ['oai', await oai()], ['ldes', await ldes()], ['linked data', await document()]] as const) {
      expect(body, channel).toContain(FRIEND);
      expect(body, channel).not.toContain(STREET);
      expect(body, channel).not.toContain(PLACE);
    }
    // OAI-PMH names them as deleted, as it does a withdrawn record.
    const harvest = await oai();
    expect(deletedInOai(harvest, ADRES) && deletedInOai(harvest, GEO)).toBe(true);
    expect(deletedInOai(harvest, VRIEND)).toBe(false);
    // The LDES rebuilds the dataset as SPARQL serves it.
    await harvester.sync();
    await expectIsomorphic(harvester.dataset(), await publishedGraphs(server, PERSON));
  });

  it('are seen whole by the dataset\'s organisation', async () => {
    for (const [channel, body] of [['dumps', await dump(reader)], ['linked data', await document(reader)]] as const) {
      expect(body, channel).toContain(STREET);
      expect(body, channel).toContain(PLACE);
    }
  });

  it('come back on every channel when the person\'s record leads to them another way, and go again, with a deletion and a tombstone', async () => {
    write([await person('schema:knows')]);
    // The index follows the change log (the server looks every 250 ms).
    await waitFor(async () => ((await sparql()).includes(`"${SCHEMA}knows"},"o":{"type":"uri","value":"${ADRES}"`) ? true : undefined));
    for (const [channel, body] of [['sparql', await sparql()], ['dumps', await dump()], ['oai', await oai()], ['ldes', await ldes()], ['linked data', await document()]] as const) {
      expect(body, channel).toContain(STREET);
      expect(body, channel).toContain(PLACE);
    }
    await harvester.sync();
    const published = await publishedGraphs(server, PERSON);
    expect(published.some((q) => q.object.value === STREET)).toBe(true);
    await expectIsomorphic(harvester.dataset(), published);

    write([await person('schema:address')]);
    await waitFor(async () => ((await sparql()).includes(`"${SCHEMA}knows"},"o":{"type":"uri","value":"${ADRES}"`) ? undefined : true));
    for (const [channel, body] of [['sparql', await sparql()], ['dumps', await dump()], ['linked data', await document()]] as const) {
      expect(body, channel).not.toContain(STREET);
      expect(body, channel).not.toContain(PLACE);
    }
    const harvest = await oai();
    expect(deletedInOai(harvest, ADRES) && deletedInOai(harvest, GEO)).toBe(true);
    // A harvester that had them drops them at their tombstones.
    await harvester.sync();
    const after = await publishedGraphs(server, PERSON);
    expect(after.some((q) => q.object.value === STREET)).toBe(false);
    await expectIsomorphic(harvester.dataset(), after);
  });
});
