import { join } from 'node:path';
import { DataFactory } from 'n3';
import oxigraph from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PutRecord } from '../../src/domain/record.js';
import { nquadsStatements } from '../../src/rdf/nquads-statements.js';
import { SqliteAccessStore } from '../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { canonicalGraph, parseRdf } from '../helpers/isomorphism.js';
import { oaiPmhHarvest, type HarvestedRecord } from '../helpers/oai-harvester.js';
import { resumptionToken, text } from '../helpers/oai-responses.js';
import { putTurtle } from '../helpers/records.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { missingXmlTools } from '../helpers/xml-tools.js';

/**
 * A real harvester, Debian's `oai_pmh` (libhttp-oai-perl), harvests 10,050 records over
 * loopback, following resumption tokens, selectively by set and datestamps, and incrementally
 * after deletions, updates and withdrawals; what it got is compared with what the store holds.
 */
const BASE = 'http://data.example.be/';
const P102 = 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title';
const COLLECTIONS = [
  // dataset, organisation, batches of [time, records]
  { dataset: 'collectie-a', organisation: 'museum-a', batches: [['2024-01-10T09:00:00.000Z', 2000], ['2024-01-10T09:00:01.000Z', 2000], ['2024-01-10T09:00:02.000Z', 2000]] },
  { dataset: 'collectie-b', organisation: 'museum-a', batches: [['2024-01-11T10:00:00.000Z', 1000], ['2024-01-11T10:00:01.000Z', 1000], ['2024-01-11T10:00:02.000Z', 1000]] },
  { dataset: 'collectie-c', organisation: 'museum-c', batches: [['2024-01-12T11:00:00.000Z', 1000]] },
] as const;
const makerIri = (n: number): string => `${BASE}id/agent/makers/m${n % 40}`;
const materialIri = (n: number): string => `${BASE}id/concept/materialen/c${n % 10}`;
const objectIri = (dataset: string, n: number): string => `${BASE}id/object/${dataset}/${n}`;

/** What the store holds of a record, as a harvester should see it. */
interface Expected {
  readonly identifier: string;
  readonly datestamp: string;
  readonly deleted: boolean;
  readonly sets: string[];
}

describe('a harvest by Debian’s oai_pmh client', () => {
  const temp = sharedTempDir('oai-harvest-');
  const data = join(temp.dir, 'data');
  let server: TestServer | undefined;
  const url = (path: string): string => `${server?.url ?? ''}${path}`;
  let skip: string | undefined;

  /** Every record the store holds, in the order of its latest change-log entry, with its status for the public `oai` view. */
  const expected = (): Expected[] => {
    const store = SqliteRecordStore.open(data);
    const access = SqliteAccessStore.open(data, { readonly: true });
    const latest = new Map<string, { at: string; seq: number }>();
    for (const change of store.changesSince(0, 1_000_000)) latest.set(change.iri, { at: change.at, seq: change.seq });
    const policies = access.policySnapshot();
    const out = [...latest].sort(([, a], [, b]) => a.seq - b.seq).map(([identifier, { at }]) => {
      const record = store.getRecord(identifier);
      const dataset = store.getDataset(record?.dataset ?? '');
      return {
        identifier,
        datestamp: `${at.slice(0, 19)}Z`,
        deleted: record?.deleted === true || !policies.publishes('oai', record?.dataset ?? '', identifier),
        sets: [`${dataset?.organisation ?? ''}:${dataset?.id ?? ''}`],
      };
    });
    access.close();
    store.close();
    return out;
  };
  const headerOf = (record: HarvestedRecord): Expected => ({ identifier: record.identifier, datestamp: record.datestamp, deleted: record.deleted, sets: record.sets });
  const storedTitle = (iri: string, store: SqliteRecordStore): string =>
    [...nquadsStatements(store.getRecord(iri)?.nquads ?? '', iri)].find((statement) => statement.predicate.value === P102)?.object.value ?? '';

  beforeAll(async () => {
    skip = missingXmlTools();
    if (skip !== undefined) return;
    let now = '2024-01-09T08:00:00.000Z';
    const store = SqliteRecordStore.open(data, { clock: { now: () => now } });
    store.ensureOrganisation('museum-a', 'Museum A');
    store.ensureOrganisation('museum-c', 'Museum C');
    store.ensureDataset('makers', { organisation: 'museum-a', title: 'Makers' });
    store.ensureDataset('materialen', { organisation: 'museum-c', title: 'Materialen' });
    store.writeBatch(await Promise.all([
      ...Array.from({ length: 40 }, (_, n) => putTurtle(makerIri(n), 'makers', `<${makerIri(n)}> a crm:E21_Person ; skos:prefLabel "Maker ${n}"@nl .`)),
      ...Array.from({ length: 10 }, (_, n) => putTurtle(materialIri(n), 'materialen', `<${materialIri(n)}> a skos:Concept ; skos:prefLabel "materiaal ${n}"@nl .`)),
    ]));
    for (const { dataset, organisation, batches } of COLLECTIONS) {
      store.ensureDataset(dataset, { organisation, title: `Collectie ${dataset}` });
      let n = 0;
      for (const [time, size] of batches) {
        now = time;
        const puts: PutRecord[] = [];
        for (const end = n + size; n < end; n++) {
          const iri = objectIri(dataset, n);
          puts.push(await putTurtle(iri, dataset, `<${iri}> a crm:E22_Human-Made_Object ; crm:P102_has_title "Object ${dataset} ${n} é"@nl ;
            crm:P3_has_note "Beschrijving <${n}> & meer"@nl ;
            <http://www.w3.org/ns/adms#identifier> [ skos:notation "${dataset}-${n}" ] ;
            crm:P108i_was_produced_by [ crm:P14_carried_out_by <${makerIri(n)}> ;
              crm:P4_has_time-span [ <https://periodo.github.io/edtf-ontology/edtfo.ttl#hasEDTFDateTimeDescription> "${1800 + (n % 200)}" ] ] ;
            crm:P45_consists_of <${materialIri(n)}> .`));
        }
        store.writeBatch(puts);
      }
    }
    store.close();
    server = await startTestServer(data, { baseIri: BASE });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    temp.remove();
  });

  it('harvests all 10,050 records in oai_dc, page by page, as the store holds them', async (context) => {
    if (skip !== undefined) context.skip(skip);
    const first = await (await fetch(url('/oai?verb=ListRecords&metadataPrefix=oai_dc'))).text();
    expect(resumptionToken(first)).toMatchObject({ completeListSize: 10_050, cursor: 0 });
    const records = await oaiPmhHarvest(url('/oai'), ['-X', 'ListRecords', '--metadataPrefix', 'oai_dc']);
    expect(records).toHaveLength(10_050);
    expect(records.map(headerOf)).toEqual(expected());
    const store = SqliteRecordStore.open(data);
    for (const record of records.filter((r) => r.identifier.includes('/object/'))) {
      const n = Number(record.identifier.slice(record.identifier.lastIndexOf('/') + 1));
      expect(record.metadata).toContain(`<dc:title xml:lang="nl">${storedTitle(record.identifier, store)}</dc:title>`);
      expect(record.metadata).toContain(`<dc:creator xml:lang="nl">Maker ${n % 40}</dc:creator>`);
      expect(record.metadata).toContain(`<dc:format xml:lang="nl">materiaal ${n % 10}</dc:format>`);
      expect(record.metadata).toContain(`<dc:date>${1800 + (n % 200)}</dc:date>`);
      expect(record.metadata).toContain('<dc:description xml:lang="nl">Beschrijving &lt;');
    }
    store.close();
  }, 180_000);

  it('harvests a set between two datestamps in rdf, each record’s graph isomorphic to the stored one', async (context) => {
    if (skip !== undefined) context.skip(skip);
    // Without -X the client asks for ListRecords in oai_dc whatever --metadataPrefix says.
    const records = await oaiPmhHarvest(url('/oai'), [
      '-X', 'ListRecords', '--metadataPrefix', 'rdf', '--set', 'museum-a:collectie-b', '--from', '2024-01-11T10:00:01Z', '--until', '2024-01-11T10:00:01Z',
    ]);
    expect(records.map(headerOf)).toEqual(expected().filter((record) => record.sets[0] === 'museum-a:collectie-b' && record.datestamp === '2024-01-11T10:00:01Z'));
    expect(records).toHaveLength(1000);
    const store = SqliteRecordStore.open(data);
    for (const record of records) {
      const xml = /<rdf:RDF[\s\S]*<\/rdf:RDF>/.exec(record.metadata)?.[0] ?? '';
      const parsed = new oxigraph.Store();
      parsed.load(xml, { format: 'application/rdf+xml', base_iri: BASE });
      const harvested = parseRdf(parsed.dump({ format: 'application/n-quads', from_graph_name: oxigraph.defaultGraph() }), 'application/n-quads');
      const stored = parseRdf(store.getRecord(record.identifier)?.nquads ?? '', 'application/n-quads')
        .map((quad) => DataFactory.quad(quad.subject, quad.predicate, quad.object));
      expect(await canonicalGraph(harvested)).toBe(await canonicalGraph(stored));
    }
    store.close();
  }, 180_000);

  it('harvests headers of an organisation’s set for one day', async (context) => {
    if (skip !== undefined) context.skip(skip);
    const records = await oaiPmhHarvest(url('/oai'), ['-X', 'ListIdentifiers', '--metadataPrefix', 'oai_dc', '--set', 'museum-c', '--from', '2024-01-12', '--until', '2024-01-12']);
    expect(records.map(headerOf)).toEqual(expected().filter((record) => record.sets[0] === 'museum-c:collectie-c'));
    expect(records).toHaveLength(1000);
    expect(records.every((record) => record.metadata === '')).toBe(true);
  }, 120_000);

  it('harvests incrementally: deleted and withdrawn records as deleted, changed ones anew', async (context) => {
    if (skip !== undefined) context.skip(skip);
    const since = text(await (await fetch(url('/oai?verb=Identify'))).text(), 'responseDate') ?? '';
    const deleted = [1, 2, 3, 2500, 5999].map((n) => objectIri('collectie-a', n));
    const updated = [0, 1500, 2999].map((n) => objectIri('collectie-b', n));
    const withdrawn = [10, 20].map((n) => objectIri('collectie-c', n));
    const store = SqliteRecordStore.open(data);
    store.writeBatch([
      ...deleted.map((iri) => ({ op: 'delete' as const, iri })),
      ...await Promise.all(updated.map((iri) => putTurtle(iri, 'collectie-b', `<${iri}> a crm:E22_Human-Made_Object ; crm:P102_has_title "Herzien ${iri.slice(-4)}"@nl .`))),
    ]);
    store.close();
    const access = SqliteAccessStore.open(data);
    for (const iri of withdrawn) access.setRecordPolicy(iri, { channels: ['sparql'] }, { actor: 'test', action: 'policy.set' });
    access.close();

    const records = await oaiPmhHarvest(url('/oai'), ['-X', 'ListRecords', '--metadataPrefix', 'oai_dc', '--from', since]);
    const changed = new Set([...deleted, ...updated, ...withdrawn]);
    expect(records.map(headerOf)).toEqual(expected().filter((record) => changed.has(record.identifier)));
    expect(records.filter((record) => record.deleted).map((record) => record.identifier).sort()).toEqual([...deleted, ...withdrawn].sort());
    expect(records.filter((record) => record.deleted).every((record) => record.metadata === '')).toBe(true);
    for (const iri of updated) {
      expect(records.find((record) => record.identifier === iri)?.metadata).toContain(`<dc:title xml:lang="nl">Herzien ${iri.slice(-4)}</dc:title>`);
    }
    // Deletions are persistent: the whole list still holds every record.
    const first = await (await fetch(url('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc'))).text();
    expect(resumptionToken(first)?.completeListSize).toBe(10_050);
  }, 120_000);
});
