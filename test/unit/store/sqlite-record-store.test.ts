import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../src/domain/errors.js';
import { StaleWriteError } from '../../../src/ports/record-store.js';
import { initialPolicy } from '../../../src/domain/publication-policy.js';
import { SqliteAccessStore } from '../../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../../src/store/sqlite-record-store.js';
import { putTurtle } from '../../helpers/records.js';
import { tempDir } from '../../helpers/temp-dir.js';

function openStore(): SqliteRecordStore {
  const store = SqliteRecordStore.open(tempDir());
  store.ensureDataset('museum');
  return store;
}

const painting = (title: string): Promise<Awaited<ReturnType<typeof putTurtle>>> =>
  putTurtle('http://example.org/p1', 'museum', `ex:p1 a crm:E22_Human-Made_Object ; crm:P102_has_title "${title}"@nl .`);

describe('SqliteRecordStore', () => {
  it('creates a record with version 1, a history entry and one change-log entry', async () => {
    const store = openStore();
    const result = store.writeBatch([await painting('De oestereetster')]);
    expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 0, lastSeq: 1 });
    const record = store.getRecord('http://example.org/p1');
    expect(record).toMatchObject({ dataset: 'museum', kind: 'object', version: 1, deleted: false, triples: 2 });
    expect(record?.nquads).toContain('<http://example.org/p1> <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> "De oestereetster"@nl <http://example.org/p1> .');
    expect(store.history('http://example.org/p1')).toHaveLength(1);
    expect(store.changesSince(0, 10)).toMatchObject([{ seq: 1, iri: 'http://example.org/p1', op: 'create', version: 1 }]);
    store.close();
  });

  it('stamps the changes of a batch that ran into another second with the time it commits, when harvesters can see them', async () => {
    let now = Date.parse('2026-11-22T10:00:00.900Z');
    const store = SqliteRecordStore.open(tempDir(), { clock: { now: () => new Date(now).toISOString() } });
    store.ensureDataset('museum');
    const first = await painting('De oestereetster');
    const second = await putTurtle('http://example.org/p2', 'museum', 'ex:p2 a crm:E22_Human-Made_Object .');
    // A lazy batch, as a term import writes: the clock moves on while it is written.
    store.writeBatch((function* writes() {
      yield first;
      now += 1500;
      yield second;
    })());
    expect(store.changesSince(0, 10).map((change) => change.at)).toEqual(['2026-11-22T10:00:02.400Z', '2026-11-22T10:00:02.400Z']);
    expect(store.getRecord('http://example.org/p1')?.updatedAt).toBe('2026-11-22T10:00:02.400Z');
    // Within one second nothing is stamped again.
    now = Date.parse('2026-11-22T10:00:05.100Z');
    store.writeBatch([await putTurtle('http://example.org/p3', 'museum', 'ex:p3 a crm:E22_Human-Made_Object .')]);
    expect(store.changesSince(2, 10).map((change) => change.at)).toEqual(['2026-11-22T10:00:05.100Z']);
    store.close();
  });

  it('refuses to write into a dataset another organisation created after the writer was let in', async () => {
    const store = openStore();
    store.ensureOrganisation('org-a', 'A');
    store.ensureOrganisation('org-b', 'B');
    // The writer was allowed to create "museum-2" in org-a; org-b created it first.
    store.ensureDataset('museum-2', { organisation: 'org-b' });
    const put = await putTurtle('http://example.org/p9', 'museum-2', 'ex:p9 a crm:E22_Human-Made_Object .');
    expect(() => store.writeBatch([put], { createDatasets: [{ id: 'museum-2', organisation: 'org-a' }] }))
      .toThrow(ConflictError);
    expect(() => store.writeBatch([put], { createDatasets: [{ id: 'museum-2', organisation: 'org-a' }] }))
      .toThrow('Dataset "museum-2" belongs to organisation "org-b", not "org-a"; nothing was written.');
    expect(store.getRecord('http://example.org/p9')).toBeUndefined();
    // Without an organisation named, an existing dataset is simply used.
    expect(store.writeBatch([put], { createDatasets: [{ id: 'museum-2' }] })).toMatchObject({ created: 1 });
    store.close();
  });

  it('writes identical content again without a new version or change-log entry', async () => {
    const store = openStore();
    store.writeBatch([await painting('De oestereetster')]);
    const again = store.writeBatch([await painting('De oestereetster')]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, lastSeq: 1 });
    expect(store.getRecord('http://example.org/p1')?.version).toBe(1);
    expect(store.head()).toBe(1);
    store.close();
  });

  it('versions changed content and keeps the history', async () => {
    const store = openStore();
    store.writeBatch([await painting('Oestereetster')]);
    store.writeBatch([await painting('De oestereetster')]);
    expect(store.getRecord('http://example.org/p1')?.version).toBe(2);
    const history = store.history('http://example.org/p1');
    expect(history.map((v) => v.version)).toEqual([1, 2]);
    expect(history[0]?.nquads).toContain('"Oestereetster"@nl');
    expect(store.changesSince(0, 10).map((c) => c.op)).toEqual(['create', 'update']);
    store.close();
  });

  it('rolls back the whole batch when one write fails', async () => {
    const store = openStore();
    const good = await putTurtle('http://example.org/a', 'museum', 'ex:a rdfs:label "a" .');
    const bad = await putTurtle('http://example.org/b', 'no-such-dataset', 'ex:b rdfs:label "b" .');
    expect(() => store.writeBatch([good, bad])).toThrow(NotFoundError);
    expect(store.getRecord('http://example.org/a')).toBeUndefined();
    expect(store.head()).toBe(0);
    store.close();
  });

  it('refuses an IRI that a live record of another dataset holds, naming both', async () => {
    const store = openStore();
    store.ensureDataset('archive');
    store.writeBatch([await painting('x')]);
    const other = await putTurtle('http://example.org/p1', 'archive', 'ex:p1 rdfs:label "y" .');
    expect(() => store.writeBatch([other])).toThrow(ConflictError);
    expect(() => store.writeBatch([other])).toThrow(/dataset "museum"/);
    store.close();
  });

  it('keeps a deleted record its dataset\'s: another dataset cannot take its IRI, and with it its history', async () => {
    const store = openStore();
    store.ensureDataset('archive');
    store.writeBatch([await painting('x')]);
    store.writeBatch([{ op: 'delete', iri: 'http://example.org/p1' }]);
    const other = await putTurtle('http://example.org/p1', 'archive', 'ex:p1 rdfs:label "y" .');
    expect(() => store.writeBatch([other])).toThrow(ConflictError);
    expect(() => store.writeBatch([other])).toThrow('<http://example.org/p1> was a record of dataset "museum" (deleted); it can be written to that dataset only, not to "archive".');
    expect(store.getRecord('http://example.org/p1')).toMatchObject({ dataset: 'museum', deleted: true });
    expect(store.writeBatch([await painting('z')])).toMatchObject({ created: 1 });
    store.close();
  });

  it('marks a record deleted, logs the deletion, and re-creates it as a new version', async () => {
    const store = openStore();
    store.writeBatch([await painting('x')]);
    expect(store.writeBatch([{ op: 'delete', iri: 'http://example.org/p1' }])).toMatchObject({ deleted: 1 });
    expect(store.getRecord('http://example.org/p1')).toMatchObject({ deleted: true, version: 2, nquads: '' });
    expect(store.countRecords()).toBe(0);
    expect(store.writeBatch([{ op: 'delete', iri: 'http://example.org/p1' }])).toMatchObject({ deleted: 0, unchanged: 1 });
    expect(store.writeBatch([await painting('x')])).toMatchObject({ created: 1 });
    expect(store.getRecord('http://example.org/p1')).toMatchObject({ deleted: false, version: 3 });
    expect(store.changesSince(0, 10).map((c) => c.op)).toEqual(['create', 'delete', 'create']);
    store.close();
  });

  it('rejects a batch prepared against an older change-log head', async () => {
    const store = openStore();
    store.writeBatch([await painting('x')]);
    const stale = await painting('y');
    expect(() => store.writeBatch([stale], { expectedHead: 0 })).toThrow(StaleWriteError);
    expect(store.getRecord('http://example.org/p1')?.version).toBe(1);
    expect(store.writeBatch([await painting('y')], { expectedHead: 1 })).toMatchObject({ updated: 1 });
    store.close();
  });

  it('finds the records of an IRI\'s hash resources, deleted ones included, and no others', async () => {
    const store = openStore();
    const iris = ['http://example.org/kleuren', 'http://example.org/kleuren#rood', 'http://example.org/kleuren#blauw', 'http://example.org/kleuren#',
      'http://example.org/kleuren/geel', 'http://example.org/kleurenpalet#wit', 'http://example.org/kleuren$', 'http://example.org/kleuren?v=2#rood'];
    store.writeBatch(await Promise.all(iris.map((iri) => putTurtle(iri, 'museum', `<${iri}> a skos:Concept .`))));
    store.writeBatch([{ op: 'delete', iri: 'http://example.org/kleuren#blauw' }]);
    expect(store.hashRecordRefs('http://example.org/kleuren').map((record) => [record.iri, record.deleted])).toEqual([
      ['http://example.org/kleuren#', false], ['http://example.org/kleuren#blauw', true], ['http://example.org/kleuren#rood', false],
    ]);
    expect(store.hashRecordRefs('http://example.org/kleuren?v=2').map((record) => record.iri)).toEqual(['http://example.org/kleuren?v=2#rood']);
    expect(store.hashRecordRefs('http://example.org/kleuren#rood')).toEqual([]);
    store.close();
  });

  it('counts records and triples per dataset and kind', async () => {
    const store = openStore();
    store.ensureDataset('terms');
    store.writeBatch([
      await painting('x'),
      await putTurtle('http://example.org/c1', 'terms', 'ex:c1 a skos:Concept ; skos:prefLabel "hout"@nl .'),
      await putTurtle('http://example.org/c2', 'terms', 'ex:c2 a skos:Concept ; skos:prefLabel "brons"@nl .'),
    ]);
    expect(store.stats()).toEqual([
      { dataset: 'museum', kind: 'object', records: 1, triples: 2, deleted: 0 },
      { dataset: 'terms', kind: 'concept', records: 2, triples: 4, deleted: 0 },
    ]);
    store.close();
  });

  it('creates datasets in the default organisation, and refuses an unknown organisation', () => {
    const store = openStore();
    expect(store.getDataset('museum')).toMatchObject({ organisation: 'default', title: 'museum' });
    expect(() => store.ensureDataset('x', { organisation: 'nobody' })).toThrow(/Organisation "nobody" does not exist/);
    store.ensureOrganisation('msk', 'MSK Gent');
    expect(store.ensureDataset('msk-collectie', { organisation: 'msk', title: 'Collectie' })).toMatchObject({ organisation: 'msk' });
    store.close();
  });

  it('remembers projection positions and settings across reopening', () => {
    const dir = tempDir();
    const store = SqliteRecordStore.open(dir);
    store.setProjectionSeq('terms', 42);
    store.setSetting('base-iri', 'http://example.org/');
    store.close();
    const reopened = SqliteRecordStore.open(dir);
    expect(reopened.projectionSeq('terms')).toBe(42);
    expect(reopened.projectionSeq('never')).toBe(0);
    expect(reopened.getSetting('base-iri')).toBe('http://example.org/');
    reopened.close();
  });

  it('logs a policy entry of each hash record a change of its document cuts off or brings back, in a dataset with restricted properties', async () => {
    const dir = tempDir();
    const store = SqliteRecordStore.open(dir);
    const access = SqliteAccessStore.open(dir);
    store.ensureDataset('museum');
    store.ensureDataset('open');
    access.setPolicy('museum', { ...initialPolicy('open'), restrictedProperties: ['http://example.org/birth'] }, { actor: 'test', action: 'policy.set' });
    const person = (link: string, dataset = 'museum'): Promise<Awaited<ReturnType<typeof putTurtle>>> => putTurtle('http://example.org/p', dataset, `ex:p ${link} <http://example.org/p#b> .`);
    const birth = (dataset = 'museum'): Promise<Awaited<ReturnType<typeof putTurtle>>> => putTurtle('http://example.org/p#b', dataset, 'ex:p\\#b rdfs:label "1853" .');
    const entries = (since: number): Array<{ iri: string; op: string }> => store.changesSince(since, 100).map(({ iri, op }) => ({ iri, op }));

    // Written together: each has an entry of its own, and no other.
    let head = store.head();
    store.writeBatch([await person('ex:knows'), await birth()]);
    expect(entries(head)).toEqual([{ iri: 'http://example.org/p', op: 'create' }, { iri: 'http://example.org/p#b', op: 'create' }]);
    // The person now leads to the birth only through the restricted property: the birth is judged again.
    head = store.head();
    store.writeBatch([await person('ex:birth')]);
    expect(entries(head)).toEqual([{ iri: 'http://example.org/p', op: 'update' }, { iri: 'http://example.org/p#b', op: 'policy' }]);
    // Another change that leaves it cut off: nothing more.
    head = store.head();
    store.writeBatch([await putTurtle('http://example.org/p', 'museum', 'ex:p ex:birth <http://example.org/p#b> ; rdfs:label "P" .')]);
    expect(entries(head)).toEqual([{ iri: 'http://example.org/p', op: 'update' }]);
    // Deleting the person does not publish the birth: the person's record as it last was still
    // says what only its restricted property led to.
    head = store.head();
    store.writeBatch([{ op: 'delete', iri: 'http://example.org/p' }]);
    expect(entries(head)).toEqual([{ iri: 'http://example.org/p', op: 'delete' }]);
    expect(store.documentRecords('http://example.org/p').map(({ iri }) => iri)).toEqual(['http://example.org/p', 'http://example.org/p#b']);
    // A new person that leads to it openly brings it back.
    head = store.head();
    store.writeBatch([await person('ex:knows')]);
    expect(entries(head)).toEqual([{ iri: 'http://example.org/p', op: 'create' }, { iri: 'http://example.org/p#b', op: 'policy' }]);
    expect(store.history('http://example.org/p#b')).toHaveLength(1);

    // Without restricted properties nothing is ever logged but the writes.
    store.writeBatch([await putTurtle('http://example.org/q', 'open', 'ex:q ex:birth <http://example.org/q#b> .'), await putTurtle('http://example.org/q#b', 'open', 'ex:q\\#b rdfs:label "1" .')]);
    head = store.head();
    store.writeBatch([await putTurtle('http://example.org/q', 'open', 'ex:q ex:knows <http://example.org/q#b> .')]);
    expect(entries(head)).toEqual([{ iri: 'http://example.org/q', op: 'update' }]);
    access.close();
    store.close();
  });

  it('logs the policy entry of a hash record the batch cuts off also when the batch changes that record too', async () => {
    const dir = tempDir();
    const store = SqliteRecordStore.open(dir);
    const access = SqliteAccessStore.open(dir);
    store.ensureDataset('museum');
    access.setPolicy('museum', { ...initialPolicy('open'), restrictedProperties: ['http://example.org/birth'] }, { actor: 'test', action: 'policy.set' });
    const person = (link: string): ReturnType<typeof putTurtle> => putTurtle('http://example.org/p', 'museum', `ex:p ${link} <http://example.org/p#b> .`);
    const birth = (label: string): ReturnType<typeof putTurtle> => putTurtle('http://example.org/p#b', 'museum', `ex:p\\#b rdfs:label "${label}" .`);
    store.writeBatch([await person('ex:knows'), await birth('1853')]);
    // Its update entry is judged by the document now (cut off: no version); a harvester that had
    // the birth needs the policy entry's tombstone.
    const head = store.head();
    store.writeBatch([await person('ex:birth'), await birth('1854')]);
    expect(store.changesSince(head, 100).map(({ iri, op }) => ({ iri, op }))).toEqual([
      { iri: 'http://example.org/p', op: 'update' }, { iri: 'http://example.org/p#b', op: 'update' }, { iri: 'http://example.org/p#b', op: 'policy' },
    ]);
    access.close();
    store.close();
  });

  it('reads no document for a write that changes nothing', async () => {
    const dir = tempDir();
    const store = SqliteRecordStore.open(dir);
    const access = SqliteAccessStore.open(dir);
    store.ensureDataset('museum');
    access.setPolicy('museum', { ...initialPolicy('open'), restrictedProperties: ['http://www.w3.org/2004/02/skos/core#definition'] }, { actor: 'test', action: 'policy.set' });
    const writes = [
      await putTurtle('http://example.org/l', 'museum', 'ex:l a skos:ConceptScheme .'),
      await putTurtle('http://example.org/l#a', 'museum', 'ex:l\\#a a skos:Concept ; skos:definition "a" ; skos:broader ex:l\\#b .'),
      await putTurtle('http://example.org/l#b', 'museum', 'ex:l\\#b a skos:Concept ; skos:definition "b" .'),
    ];
    store.writeBatch(writes);
    const read: string[] = [];
    const documentRecords = store.documentRecords;
    Object.defineProperty(store, 'documentRecords', { value: (document: string) => { read.push(document); return documentRecords(document); } });
    store.writeBatch(writes);
    expect(read).toEqual([]);
    access.close();
    store.close();
  });
});
