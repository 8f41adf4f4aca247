import { describe, expect, it } from 'vitest';
import type { HarvestSelection, HarvestVisibility } from '../../../src/ports/harvest-feed.js';
import { SqliteAccessStore } from '../../../src/store/sqlite-access-store.js';
import { SqliteHarvestFeed } from '../../../src/store/sqlite-harvest-feed.js';
import { SqliteRecordStore } from '../../../src/store/sqlite-record-store.js';
import { putTurtle } from '../../helpers/records.js';
import { tempDir } from '../../helpers/temp-dir.js';

const AUDIT = { actor: 'test', action: 'policy.set' };
const ALL: HarvestVisibility = { datasets: ['a', 'b'], shown: [], hidden: [] };
const iri = (name: string): string => `http://example.org/${name}`;

/** A store whose clock reads the times given, one per write, in order. */
function fixture(): { dir: string; store: SqliteRecordStore; access: SqliteAccessStore; feed: SqliteHarvestFeed; at: (time: string) => void } {
  const dir = tempDir();
  let now = '2024-01-01T00:00:00.000Z';
  const store = SqliteRecordStore.open(dir, { clock: { now: () => now } });
  store.ensureOrganisation('org', 'Org');
  store.ensureDataset('a', { organisation: 'org', title: 'A' });
  store.ensureDataset('b', { organisation: 'org', title: 'B' });
  const access = SqliteAccessStore.open(dir, { clock: { now: () => now } });
  const feed = SqliteHarvestFeed.open(dir);
  return { dir, store, access, feed, at: (time) => { now = time; } };
}

const put = (name: string, dataset: string, value = '1'): ReturnType<typeof putTurtle> =>
  putTurtle(iri(name), dataset, `ex:${name} crm:P102_has_title "${name} ${value}" .`);

function listed(feed: SqliteHarvestFeed, selection: Partial<HarvestSelection> = {}, after = 0, limit = 100): string[] {
  return feed.page({ visibility: ALL, ...selection }, { after, limit, content: false, total: false }).entries.map((entry) => entry.iri.slice(19));
}

describe('SqliteHarvestFeed', () => {
  it('lists each record once, at its latest change, so a changed record moves to the end', async () => {
    const { store, feed } = fixture();
    store.writeBatch([await put('r1', 'a'), await put('r2', 'a'), await put('r3', 'b')]);
    store.writeBatch([await put('r1', 'a', '2')]);
    store.writeBatch([{ op: 'delete', iri: iri('r2') }]);
    expect(listed(feed)).toEqual(['r3', 'r1', 'r2']);
    const page = feed.page({ visibility: ALL }, { after: 0, limit: 2, content: true, total: true });
    expect(page.total).toBe(3);
    expect(page.entries).toMatchObject([
      { seq: 3, iri: iri('r3'), dataset: 'b', kind: 'resource', deleted: false, visible: true },
      { seq: 4, iri: iri('r1'), deleted: false },
    ]);
    expect(page.entries[1]?.nquads).toContain('"r1 2"');
    expect(listed(feed, {}, 4)).toEqual(['r2']);
    expect(feed.page({ visibility: ALL }, { after: 4, limit: 5, content: true, total: false }).entries[0]).toMatchObject({ deleted: true, nquads: '' });
    expect(listed(feed, {}, 5)).toEqual([]);
    feed.close();
    store.close();
  });

  it('selects by dataset and by the time of the latest change, from inclusive, before exclusive', async () => {
    const { store, feed, at } = fixture();
    at('2024-01-01T10:00:00.000Z');
    store.writeBatch([await put('r1', 'a')]);
    at('2024-01-02T10:00:00.500Z');
    store.writeBatch([await put('r2', 'b'), await put('r3', 'a')]);
    at('2024-01-03T00:00:00.000Z');
    store.writeBatch([await put('r1', 'a', 'again')]);
    expect(listed(feed, { datasets: ['a'] })).toEqual(['r3', 'r1']);
    expect(listed(feed, { datasets: [] })).toEqual([]);
    expect(listed(feed, { from: '2024-01-02T10:00:00.500Z' })).toEqual(['r2', 'r3', 'r1']);
    expect(listed(feed, { from: '2024-01-02T10:00:00.501Z' })).toEqual(['r1']);
    expect(listed(feed, { before: '2024-01-03T00:00:00.000Z' })).toEqual(['r2', 'r3']);
    expect(listed(feed, { from: '2024-01-01T00:00:00.000Z', before: '2024-01-02T00:00:00.000Z' })).toEqual([]);
    expect(feed.earliest()).toBe('2024-01-01T10:00:00.000Z');
    feed.close();
    store.close();
  });

  it('selects from a time also when the log\'s times do not grow with its numbers (a writer that took its time before another)', async () => {
    const { store, feed, at } = fixture();
    at('2024-01-05T00:00:00.000Z');
    store.writeBatch([await put('late', 'a')]);
    at('2024-01-02T00:00:00.000Z');
    store.writeBatch([await put('early', 'a')]);
    at('2024-01-06T00:00:00.000Z');
    store.writeBatch([await put('latest', 'a')]);
    expect(listed(feed, { from: '2024-01-04T00:00:00.000Z' })).toEqual(['late', 'latest']);
    expect(listed(feed, { from: '2024-01-01T00:00:00.000Z' })).toEqual(['late', 'early', 'latest']);
    expect(listed(feed, { from: '2024-01-07T00:00:00.000Z' })).toEqual([]);
    feed.close();
    store.close();
  });

  it('shows records by the visibility lists, and withdrawn ones only when a policy entry says they were published', async () => {
    const { store, access, feed } = fixture();
    store.writeBatch([await put('r1', 'a'), await put('r2', 'b'), await put('r3', 'b')]);
    const onlyA: HarvestVisibility = { datasets: ['a'], shown: [], hidden: [] };
    expect(listed(feed, { visibility: onlyA })).toEqual(['r1']);
    expect(feed.entry(iri('r2'), onlyA)).toBeUndefined();
    expect(listed(feed, { visibility: { datasets: ['a'], shown: [{ iri: iri('r3'), dataset: 'b' }], hidden: [{ iri: iri('r1'), dataset: 'a' }] } })).toEqual(['r3']);
    // Own channels set in another dataset say nothing of the record where it is now.
    expect(listed(feed, { visibility: { datasets: ['a'], shown: [{ iri: iri('r3'), dataset: 'c' }], hidden: [{ iri: iri('r1'), dataset: 'c' }] } })).toEqual(['r1']);

    // A policy change on b: its records were published before, so they are listed, as not visible.
    access.setPolicy('b', { channels: ['sparql'], rights: undefined, restrictedProperties: [] }, AUDIT);
    expect(listed(feed, { visibility: onlyA })).toEqual(['r1', 'r2', 'r3']);
    const withdrawn = feed.page({ visibility: onlyA }, { after: 0, limit: 10, content: false, total: true });
    expect(withdrawn.total).toBe(3);
    expect(withdrawn.entries.map((entry) => entry.visible)).toEqual([true, false, false]);
    expect(feed.entry(iri('r2'), onlyA)).toMatchObject({ seq: 4, visible: false, deleted: false });
    expect(feed.entry(iri('r2'), ALL)).toMatchObject({ seq: 4, visible: true });
    expect(feed.entry(iri('nothing'), ALL)).toBeUndefined();
    feed.close();
    access.close();
    store.close();
  });

  it('reads a live record’s content and its datasets with organisation and rights', async () => {
    const { store, access, feed } = fixture();
    store.writeBatch([await put('r1', 'a'), await put('r2', 'a')]);
    store.writeBatch([{ op: 'delete', iri: iri('r2') }]);
    access.setPolicy('a', { channels: ['oai'], rights: 'http://creativecommons.org/licenses/by/4.0/', restrictedProperties: [] }, AUDIT);
    expect(feed.content(iri('r1'))).toMatchObject({ dataset: 'a', nquads: expect.stringContaining('"r1 1"') as unknown });
    expect(feed.content(iri('r2'))).toBeUndefined();
    expect(feed.datasets().filter((dataset) => dataset.organisation === 'org')).toEqual([
      { id: 'a', title: 'A', organisation: 'org', organisationName: 'Org', rights: 'http://creativecommons.org/licenses/by/4.0/' },
      { id: 'b', title: 'B', organisation: 'org', organisationName: 'Org', rights: undefined },
    ]);
    feed.close();
    access.close();
    store.close();
  });
});
