import { describe, expect, it } from 'vitest';
import type { HarvestEntry, HarvestFeed, HarvestSelection } from '../../../../src/ports/harvest-feed.js';
import { ListScan } from '../../../../src/publish/oai/list-scan.js';
import type { OaiContext } from '../../../../src/publish/oai/oai-context.js';

/** A feed of `size` entries (seq 1..size) that records every page it is asked for. */
function fakeFeed(size: number): { feed: HarvestFeed; calls: Array<{ after: number; limit: number; total: boolean }> } {
  const calls: Array<{ after: number; limit: number; total: boolean }> = [];
  const entry = (seq: number): HarvestEntry => ({
    seq, iri: `http://ex.org/${seq}`, dataset: 'd', kind: 'object', at: '2024-01-01T00:00:00.000Z', deleted: false, visible: true, nquads: '',
  });
  const feed: HarvestFeed = {
    datasets: () => [],
    earliest: () => undefined,
    page: (_selection, { after, limit, total }) => {
      calls.push({ after, limit, total });
      const entries: HarvestEntry[] = [];
      for (let seq = after + 1; seq <= size && entries.length < limit; seq++) entries.push(entry(seq));
      return { entries, total: total ? size : undefined };
    },
    entry: () => undefined,
    content: () => undefined,
    close: () => undefined,
  };
  return { feed, calls };
}

const SELECTION: HarvestSelection = { visibility: { datasets: ['d'], shown: [], hidden: [] } };

function scan(size: number, after: number, keep: (seq: number) => boolean): { scan: ListScan<number>; calls: ReturnType<typeof fakeFeed>['calls'] } {
  const { feed, calls } = fakeFeed(size);
  const context = { feed, pageSize: 10 } as unknown as OaiContext;
  return { scan: new ListScan(context, SELECTION, after, after === 0, (entry) => (keep(entry.seq) ? entry.seq : undefined)), calls };
}

function drain(list: ListScan<number>): number[] {
  const items: number[] = [];
  for (let item = list.next(); item !== undefined; item = list.next()) items.push(item);
  return items;
}

describe('ListScan', () => {
  it('hands out one page, reading no more than the page and one entry to know the list goes on', () => {
    const { scan: list, calls } = scan(1000, 0, () => true);
    expect(drain(list)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(list.more()).toBe(true);
    expect(list.position).toBe(10);
    expect(list.total).toBe(1000);
    expect(calls).toEqual([{ after: 0, limit: 11, total: true }]);
  });

  it('resumes from a position and ends with the list', () => {
    const { scan: list, calls } = scan(25, 20, () => true);
    expect(drain(list)).toEqual([21, 22, 23, 24, 25]);
    expect(list.more()).toBe(false);
    expect(list.total).toBeUndefined();
    expect(calls).toEqual([{ after: 20, limit: 11, total: false }]);
  });

  it('issues no resumption token when only entries the format declines remain, so no response comes back empty', () => {
    // Items 1..10 fill the page; 11..30 are declined: the list ends here.
    const { scan: list } = scan(30, 0, (seq) => seq <= 10);
    expect(drain(list)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(list.more()).toBe(false);
    // One more item at the end: the token skips the declined entries before it.
    const { scan: longer } = scan(31, 0, (seq) => seq <= 10 || seq === 31);
    drain(longer);
    expect(longer.more()).toBe(true);
    expect(longer.position).toBe(30);
  });

  it('passes over entries the format declines, page by page', () => {
    const { scan: list, calls } = scan(1000, 0, (seq) => seq % 7 === 0);
    expect(drain(list)).toEqual([7, 14, 21, 28, 35, 42, 49, 56, 63, 70]);
    expect(list.position).toBe(70);
    expect(calls.map((call) => call.after)).toEqual([0, 11, 22, 33, 44, 55, 66]);
  });

  it('ends a page early rather than scanning far past its first item', () => {
    const { scan: list } = scan(10_000, 0, (seq) => seq === 3 || seq > 5000);
    expect(drain(list)).toEqual([3]);
    expect(list.position).toBeLessThanOrEqual(103);
    expect(list.more()).toBe(true);
    // The token points just before the next item, however far it is.
    expect(list.position).toBe(5000);
  });

  it('issues no token when a page ends early and only declined entries follow, however many', () => {
    // A resumed response would hold nothing: OAI-PMH has no empty list (noRecordsMatch is for arguments that select none).
    const { scan: list } = scan(5_000, 0, (seq) => seq === 3);
    expect(drain(list)).toEqual([3]);
    expect(list.more()).toBe(false);
  });

  it('keeps looking until it finds a first item or the list ends', () => {
    expect(drain(scan(10_000, 0, (seq) => seq === 9_999).scan)).toEqual([9_999]);
    expect(drain(scan(500, 0, () => false).scan)).toEqual([]);
  });
});
