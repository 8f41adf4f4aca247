import type { RecordFeed } from '../ports/record-store.js';
import type { TermIndex } from '../ports/term-index.js';

/** Change-log entries read per transaction of the index. */
const PAGE = 5_000;

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
  for (;;) {
    const seq = index.seq();
    const page = feed.changedOfKinds(seq, PAGE, ['concept', 'term-list']);
    if (page.head === seq) return applied;
    index.apply(page.records, page.head);
    applied += page.records.length;
  }
}
