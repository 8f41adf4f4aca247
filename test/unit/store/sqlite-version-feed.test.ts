import { describe, expect, it, onTestFinished } from 'vitest';
import { SqliteAccessStore } from '../../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../../src/store/sqlite-record-store.js';
import { SqliteVersionFeed } from '../../../src/store/sqlite-version-feed.js';
import { putTurtle } from '../../helpers/records.js';
import { tempDir } from '../../helpers/temp-dir.js';

const ex = (name: string): string => `http://example.org/${name}`;
const put = (name: string, dataset: string, value: string) => putTurtle(ex(name), dataset, `<${name}> <p> "${value}" .`);

/** A store with dataset `a` (a few records, each through several versions) among many records of `b`. */
async function history(dir: string): Promise<SqliteRecordStore> {
  const store = SqliteRecordStore.open(dir);
  store.writeBatch([await put('a1', 'a', 'one'), await put('a2', 'a', 'one')], { createDatasets: [{ id: 'a' }, { id: 'b' }] }); // 1, 2
  store.writeBatch(await Promise.all(Array.from({ length: 20 }, (_, i) => put(`b${i}`, 'b', 'x')))); // 3–22
  store.writeBatch([await put('a1', 'a', 'two')]); // 23
  store.writeBatch([{ op: 'delete', iri: ex('a2') }]); // 24
  store.writeBatch([await put('a2', 'a', 'three')]); // 25
  return store;
}

/** The history above and a feed on it, both closed when the test finishes. */
async function opened(): Promise<{ dir: string; store: SqliteRecordStore; feed: SqliteVersionFeed }> {
  const dir = tempDir();
  const store = await history(dir);
  const feed = SqliteVersionFeed.open(dir);
  onTestFinished(() => {
  });
  return { dir, store, feed };
}

describe('SqliteVersionFeed', () => {
  it('gives a dataset\'s entries in log order, each with the content of its version', async () => {
    const { feed } = await opened();
    const entries = feed.changes('a', 0, 100);
    expect(entries.map((e) => [e.seq, e.iri, e.version, e.op])).toEqual([
      [1, ex('a1'), 1, 'create'], [2, ex('a2'), 1, 'create'], [23, ex('a1'), 2, 'update'], [24, ex('a2'), 2, 'delete'], [25, ex('a2'), 3, 'create'],
    ]);
    expect(entries.map((e) => /"(\w+)"/.exec(e.nquads)?.[1] ?? '')).toEqual(['one', 'one', 'two', '', 'three']);
    expect(entries.every((e) => e.dataset === 'a' && /^\d{4}-\d{2}-\d{2}T/.test(e.at))).toBe(true);
  });

  it('answers the same whichever table it walks first', async () => {
    const { feed } = await opened();
    // After 0, 25 entries of the log against 2 records of `a`: it walks the records; after 23,
    // 2 entries of the log: it walks the log. Both give the dataset's entries in order, paged.
    expect(feed.changes('a', 0, 2).map((e) => e.seq)).toEqual([1, 2]);
    expect(feed.changes('a', 2, 2).map((e) => e.seq)).toEqual([23, 24]);
    expect(feed.changes('a', 23, 10).map((e) => e.seq)).toEqual([24, 25]);
    expect(feed.changes('a', 25, 10)).toEqual([]);
    expect(feed.changes('b', 21, 10).map((e) => e.iri)).toEqual([ex('b19')]);
    expect(feed.changes('nothing', 0, 10)).toEqual([]);
  });

  it('gives a policy entry the content of the version current then', async () => {
    const { dir, store, feed } = await opened();
    const access = SqliteAccessStore.open(dir);
    access.setRecordPolicy(ex('a1'), { channels: [] }, { actor: 'test', action: 'policy.record.set' }); // 26, at version 2
    store.writeBatch([await put('a1', 'a', 'four')]); // 27
    const [policy, update] = feed.changes('a', 25, 10);
    expect(policy).toMatchObject({ seq: 26, op: 'policy', version: 2 });
    expect(policy?.nquads).toContain('"two"');
    expect(update).toMatchObject({ seq: 27, op: 'update', version: 3 });
    expect(update?.nquads).toContain('"four"');
    access.close();
  });

  it('says how far each dataset\'s log reached', async () => {
    const { store, feed } = await opened();
    store.ensureDataset('empty');
    expect(feed.activity('a')).toMatchObject({ lastSeq: 25, entries: 5 });
    expect(feed.activity('empty')).toBeUndefined();
    const all = feed.activities();
    expect([...all.keys()].sort()).toEqual(['a', 'b']);
    expect(all.get('b')).toMatchObject({ lastSeq: 22, entries: 20 });
    expect(all.get('a')?.lastAt).toBe(feed.changes('a', 24, 1)[0]?.at);
    expect(feed.head()).toBe(25);
  });

  it('reads a snapshot of the live records that later writes do not change and that does not hold them up', async () => {
    const { store, feed } = await opened();
    const snapshot = feed.snapshot('a');
    expect(snapshot.activity).toMatchObject({ lastSeq: 25, entries: 5 });
    const records = snapshot.records();
    expect(records.next().value).toMatchObject({ iri: ex('a1'), dataset: 'a' });
    // Writes land while the snapshot is open, and another reader sees them.
    store.writeBatch([{ op: 'delete', iri: ex('a2') }, await put('a3', 'a', 'new')]);
    expect(feed.activity('a')?.lastSeq).toBe(27);
    expect([...records].map((record) => [record.iri, /"(\w+)"/.exec(record.nquads)?.[1]])).toEqual([[ex('a2'), 'three']]);
    snapshot.close();
    const later = feed.snapshot('a');
    expect([...later.records()].map((record) => record.iri)).toEqual([ex('a1'), ex('a3')]);
    later.close();
  });

  it('closes a snapshot read only in part', async () => {
    const { feed } = await opened();
    const snapshot = feed.snapshot('b');
    const records = snapshot.records();
    records.next();
    expect(() => { snapshot.close(); }).not.toThrow();
    const unread = feed.snapshot('b');
    expect(() => { unread.close(); }).not.toThrow();
  });
});
