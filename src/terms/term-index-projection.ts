import type { RecordFeed } from '../ports/record-store.js';
import type { TermIndex } from '../ports/term-index.js';

/** Change-log entries (or records) read per transaction of the index. */
const PAGE = 5_000;
const KINDS = ['concept', 'term-list'] as const;

/**
 * Keeps a term index in step with the record store: applies the concept and term-list records
 * changed since the index's last sequence number, page by page, each page in one transaction.
 * Safe to call again at any time; it returns how many records it applied.
 */
export function catchUpTermIndex(index: TermIndex, feed: RecordFeed): number {
  let applied = 0;
  if (index.seq() > feed.head()) {
    throw new Error(`The term index is ahead of the record store (${index.seq()} > ${feed.head()}); delete terms.sqlite in the data dir to rebuild it.`);
  }
  const follow = (): number => {
    for (;;) {
      const seq = index.seq();
      const page = feed.changedOfKinds(seq, PAGE, KINDS);
      if (page.head === seq) return applied;
      index.apply(page.records, page.head);
      applied += page.records.length;
    }
  };
  if (index.seq() === 0 && feed.head() > 0) {
    // A first build reads the live records once (not the whole log) and fills the search
    // structures at the end. Its position is recorded last: if it stops half-way, it starts over.
    index.bulk(() => {
      const head = feed.readKinds(KINDS, PAGE, (records) => {
        index.apply(records, 0);
        applied += records.length;
      });
      index.apply([], head);
    });
  }
  return follow();
}
