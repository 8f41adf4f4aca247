import type * as RDF from '@rdfjs/types';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordWrite } from '../../src/domain/record.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { statusOf } from '../helpers/conditional-get.js';
import { expectIsomorphic } from '../helpers/isomorphism.js';
import { LdesHarvester } from '../helpers/ldes-harvester.js';
import { putTurtle } from '../helpers/records.js';
import { publishedGraphs } from '../helpers/sparql-quads.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

/**
 * The acceptance test of the LDES: a harvester that follows a dataset's stream from its root
 * rebuilds the dataset exactly as the SPARQL endpoint serves it (both show the public view),
 * before and after updates, deletions, a record withdrawn by its policy and a property
 * restricted by the dataset's; and one that had followed it before catches up to the same.
 */
const BASE = 'http://data.example.be/';
const DATASET = 'ldes-a';
const RECORDS = 300;
const iri = (n: number): string => `${BASE}id/object/${DATASET}/${n}`;
const ROOT = `${BASE}ldes/${DATASET}`;
const SECRET = 'http://example.org/secret';

/** A record with what members must carry: blank nodes, a hash IRI of its own, a property to restrict later. */
function object(n: number, title: string): Promise<RecordWrite> {
  return putTurtle(iri(n), DATASET, `<${iri(n)}> a crm:E22_Human-Made_Object ;
  rdfs:label "${title}"@nl ;
  crm:P108i_was_produced_by [ a crm:E12_Production ; crm:P4_has_time-span [ rdfs:label "19${n % 100}" ] ] ;
  crm:P43_has_dimension <${iri(n)}#height> ;
  <${SECRET}> "geheim ${n}" .
<${iri(n)}#height> crm:P90_has_value "${n}" .`);
}

describe('replaying an LDES', () => {
  const temp = sharedTempDir('ldes-replay-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  const locate = (target: string): string => target.replace(BASE, `${server.url}/`);

  const admin = async (method: string, path: string, body: unknown): Promise<void> => {
    const response = await fetch(`${server.url}${path}`, {
      method, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };

  /** The dataset as the SPARQL endpoint serves it: its records' graphs. */
  const published = (): Promise<RDF.Quad[]> => publishedGraphs(server, `${BASE}id/object/${DATASET}/`);

  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      const writes = await Promise.all(Array.from({ length: RECORDS }, (_, n) => object(n, `Werk ${n}`)));
      records.writeBatch(writes, { createDatasets: [{ id: DATASET }] });
      // Another dataset's records never appear in this stream.
      records.writeBatch([await putTurtle(`${BASE}id/object/other/1`, 'other', `<${BASE}id/object/other/1> rdfs:label "Ander werk" .`)], { createDatasets: [{ id: 'other' }] });
    } finally {
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const early = new LdesHarvester(ROOT, { locate: (target) => locate(target) });

  it('rebuilds the dataset from the start, over a closed fragment and an open one', async () => {
    await early.sync();
    await expectIsomorphic(early.dataset(), await published());
    const fragments = early.fetched.filter((fetched) => fetched.url.includes('?after='));
    expect(fragments.map((fetched) => fetched.url)).toEqual([`${ROOT}?after=0`, `${ROOT}?after=250`]);
    expect(fragments[0]?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(fragments[1]?.cacheControl).toBe('public, max-age=60');
    expect(early.fetched[0]?.contentType).toBe('application/trig; charset=utf-8');
  });

  it('rebuilds it after updates, deletions, a withdrawn record and a restricted property, from the start and from where a harvester was', async () => {
    const records = SqliteRecordStore.open(data);
    try {
      records.writeBatch(await Promise.all([1, 2, 3, 4, 5].map((n) => object(n, `Werk ${n}, herzien`))));
      records.writeBatch([6, 7, 8].map((n) => ({ op: 'delete', iri: iri(n) })));
      // Two entries of one record in one batch share their time: the sequence orders them.
      records.writeBatch([await object(9, 'Werk 9, kort herzien'), { op: 'delete', iri: iri(9) }]);
      records.writeBatch([{ op: 'delete', iri: iri(10) }, await object(10, 'Werk 10, opnieuw')]);
    } finally {
      records.close();
    }
    await admin('PUT', `/api/datasets/${DATASET}/records/policy?iri=${encodeURIComponent(iri(11))}`, { channels: ['linked-data'] });
    await admin('PUT', `/api/datasets/${DATASET}/policy`, {
      channels: ['sparql', 'graphql', 'linked-data', 'oai', 'ldes', 'dumps'], restrictedProperties: [SECRET],
    });
    const later = SqliteRecordStore.open(data);
    try {
      later.writeBatch([await object(12, 'Werk 12, na het beleid')]);
    } finally {
      later.close();
    }

    const expected = await published();
    expect(expected.some((q) => q.graph.value === iri(11))).toBe(false);
    expect(expected.some((q) => q.predicate.value === SECRET)).toBe(false);
    expect(expected.filter((q) => q.graph.value === iri(10) && q.object.value === 'Werk 10, opnieuw')).toHaveLength(1);

    await early.sync();
    await expectIsomorphic(early.dataset(), expected);
    // The closed fragment was not fetched again: the harvester trusts ldes:immutable.
    expect(early.fetched.filter((fetched) => fetched.url === `${ROOT}?after=0`)).toHaveLength(1);

    const fresh = new LdesHarvester(ROOT, { locate });
    await fresh.sync();
    await expectIsomorphic(fresh.dataset(), expected);

    const jsonld = new LdesHarvester(ROOT, { locate, accept: 'application/ld+json' });
    await jsonld.sync();
    expect(jsonld.fetched[0]?.contentType).toBe('application/ld+json; charset=utf-8');
    await expectIsomorphic(jsonld.dataset(), expected);
    // Turtle has no named graphs: its members are version objects, renamed back to their records.
    const turtle = new LdesHarvester(ROOT, { locate, accept: 'text/turtle' });
    await turtle.sync();
    expect(turtle.fetched[0]?.contentType).toBe('text/turtle; charset=utf-8');
    await expectIsomorphic(turtle.dataset(), expected);
  });

  it('never sends a property restricted now, in any fragment, and ends a withdrawn record with a tombstone', async () => {
    let after = 0;
    const members11: string[] = [];
    for (let page = 0; page < 10; page++) {
      // The fragment's URL carries the dataset's restrictions; one asked for without them is redirected there.
      const asked = locate(`${ROOT}?after=${after}`);
      if (page === 0) {
        // Only the query changes, so the feed keeps whatever path a proxy serves it under.
        const redirect = await fetch(asked, { headers: { accept: 'application/n-quads' }, redirect: 'manual' });
        expect(redirect.status).toBe(302);
        expect(redirect.headers.get('location')).toMatch(/^\?after=0&restricted=/);
      }
      const response = await fetch(asked, { headers: { accept: 'application/n-quads' } });
      expect(response.redirected).toBe(true);
      const body = await response.text();
      expect(body).not.toContain('geheim');
      members11.push(...body.split('\n').filter((line) => line.includes(`<http://purl.org/dc/terms/isVersionOf> <${iri(11)}>`)));
      if (body.includes(`<${iri(11)}> <http://www.w3.org/2000/01/rdf-schema#label> "Werk 11"`)) members11.push('content');
      const next = /<[^>]+\?after=(\d+)(?:&restricted=[^>]*)?> \./.exec(body.split('\n').find((line) => line.includes('<https://w3id.org/tree#node>')) ?? '');
      if (next?.[1] === undefined) break;
      after = Number(next[1]);
    }
    // Record 11 was published, then withdrawn: its version stays where it was published, and a tombstone follows.
    expect(members11).toContain('content');
    const tail = await fetch(locate(`${ROOT}?after=250`), { headers: { accept: 'application/n-quads' } }).then((response) => response.text());
    const versionsOf11 = [...tail.matchAll(new RegExp(`^<([^>]+)> <http://purl.org/dc/terms/isVersionOf> <${iri(11)}>`, 'gm'))].map((match) => match[1]);
    expect(versionsOf11.some((member) => tail.includes(`<${member ?? ''}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/ns/activitystreams#Delete>`))).toBe(true);
  });

  it('answers 304 to a client that holds the fragment', async () => {
    const first = await fetch(locate(`${ROOT}?after=0`));
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(await statusOf(first.url, { 'if-none-match': etag ?? '' })).toBe(304);
    expect(await statusOf(first.url, { 'if-none-match': '"something else"' })).toBe(200);
  });
});
