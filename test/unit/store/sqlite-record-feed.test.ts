import { describe, expect, it } from 'vitest';
import { SqliteRecordFeed } from '../../../src/store/sqlite-record-feed.js';
import { SqliteRecordStore } from '../../../src/store/sqlite-record-store.js';
import { putTurtle } from '../../helpers/records.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('SqliteRecordFeed', () => {
  it('reads a snapshot in chunks and reports the head it matches', async () => {
    const dir = tempDir();
    const store = SqliteRecordStore.open(dir);
    store.ensureDataset('d');
    const writes = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      putTurtle(`http://example.org/r${i}`, 'd', `<r${i}> <p> "a" ; <q> "b" .`)));
    store.writeBatch(writes);
    store.writeBatch([{ op: 'delete', iri: 'http://example.org/r0' }]);
    const feed = SqliteRecordFeed.open(dir);
    const chunks: Array<{ text: string; triples: number; iris: string[] }> = [];
    const head = feed.readSnapshot(5, (records, triples) => chunks.push({ text: records.map((r) => r.nquads).join(''), triples, iris: records.map((r) => r.iri) }));
    expect(head).toBe(11);
    expect(chunks.reduce((n, c) => n + c.triples, 0)).toBe(18);
    expect(chunks.every((c) => c.triples <= 6)).toBe(true);
    expect(chunks.map((c) => c.text).join('')).not.toContain('<http://example.org/r0>');
    expect(chunks.flatMap((c) => c.iris)).toEqual(Array.from({ length: 9 }, (_, i) => `http://example.org/r${i + 1}`));
    feed.close();
    store.close();
  });

  it('returns each changed record once with its latest content, null when deleted', async () => {
    const dir = tempDir();
    const store = SqliteRecordStore.open(dir);
    store.ensureDataset('d');
    store.writeBatch([await putTurtle('http://example.org/a', 'd', '<a> <p> "1" .')]);
    store.writeBatch([await putTurtle('http://example.org/a', 'd', '<a> <p> "2" .')]);
    store.writeBatch([await putTurtle('http://example.org/b', 'd', '<b> <p> "1" .')]);
    store.writeBatch([{ op: 'delete', iri: 'http://example.org/b' }]);
    const feed = SqliteRecordFeed.open(dir);
    const all = feed.changedSince(0, 100);
    expect(all.head).toBe(4);
    expect(all.records).toHaveLength(2);
    expect(all.records.find((r) => r.iri === 'http://example.org/a')?.nquads).toContain('"2"');
    expect(all.records.find((r) => r.iri === 'http://example.org/b')?.nquads).toBeNull();
    expect(feed.changedSince(1, 1)).toMatchObject({ head: 2 });
    expect(feed.changedSince(4, 100)).toMatchObject({ head: 4, records: [] });
    feed.close();
    store.close();
  });
});
