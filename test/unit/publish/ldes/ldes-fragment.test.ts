import { describe, expect, it } from 'vitest';
import { ChannelView } from '../../../../src/access/publication-policy.js';
import { ANONYMOUS } from '../../../../src/domain/principal.js';
import { initialPolicy, PolicySnapshot } from '../../../../src/domain/publication-policy.js';
import { readFragment } from '../../../../src/publish/ldes/ldes-fragment.js';
import type { VersionChange, VersionFeed } from '../../../../src/ports/version-feed.js';
import { NO_DOCUMENTS } from '../../../helpers/document-records.js';

const view = new ChannelView(new PolicySnapshot(new Map([['d', { ...initialPolicy('open'), organisation: 'o' }]]), new Map()), ANONYMOUS, 'ldes', NO_DOCUMENTS);

/** A feed over a list of entries (of dataset d), as the store would page them. */
function feedOf(entries: readonly VersionChange[]): VersionFeed {
  return {
    changes: (dataset, after, limit) => entries.filter((entry) => entry.dataset === dataset && entry.seq > after).slice(0, limit),
    activity: () => undefined,
    activities: () => new Map(),
    snapshot: () => { throw new Error('not used'); },
    policySteps: () => new Map(),
    head: () => entries.length,
    close: () => undefined,
  };
}

const entry = (seq: number, at: string): VersionChange => ({
  seq, iri: `http://example.org/r${seq}`, dataset: 'd', version: 1, op: 'create', at, withdrawn: undefined, granted: undefined, nquads: `<http://example.org/r${seq}> <http://example.org/p> "x" <http://example.org/r${seq}> .\n`,
});

describe('LDES fragments', () => {
  const feed = feedOf([entry(1, '2026-01-01T00:00:00.000Z'), entry(2, '2026-01-01T00:00:01.000Z'), entry(4, '2026-01-01T00:00:02.000Z'), entry(7, '2026-01-01T00:00:03.000Z')]);

  it('closes a full fragment once an entry follows it, pointing at the next one and its first time', () => {
    const fragment = readFragment(feed, view, 'd', 0, 2);
    expect(fragment.members.map((member) => member.seq)).toEqual([1, 2]);
    expect(fragment.next).toEqual({ after: 2, from: '2026-01-01T00:00:02.000Z' });
    expect(readFragment(feed, view, 'd', 2, 2).next).toBeUndefined();
  });

  it('leaves a fragment open while it is not full, or full with nothing after it yet', () => {
    expect(readFragment(feed, view, 'd', 4, 2)).toMatchObject({ after: 4, next: undefined });
    expect(readFragment(feed, view, 'd', 2, 2).members.map((member) => member.seq)).toEqual([4, 7]);
    expect(readFragment(feed, view, 'd', 7, 2).members).toEqual([]);
  });
});
