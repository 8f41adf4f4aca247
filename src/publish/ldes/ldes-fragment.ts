import type { ChannelView } from '../../access/publication-policy.js';
import type { VersionFeed } from '../../ports/version-feed.js';
import { ldesMembers, type LdesMember } from './ldes-members.js';

/** How many change-log entries a fragment covers. */
export const FRAGMENT_SIZE = 250;

/**
 * One page of an event stream: the dataset's change-log entries after `after`, at most
 * `size` of them. Pages are cut by entries, not by members, so a page's bounds never move when
 * the policy hides or shows a record.
 */
export interface LdesFragment {
  readonly after: number;
  readonly members: readonly LdesMember[];
  /**
   * The page after this one, once this one is full and the log went on: it starts after entry
   * `after`, and no member from there on is older than `from`. Its presence closes this page.
   */
  readonly next: { readonly after: number; readonly from: string } | undefined;
}

/** Reads the fragment of `dataset` after sequence number `after`, as `view` may publish it. */
export function readFragment(feed: VersionFeed, view: ChannelView, dataset: string, after: number, size = FRAGMENT_SIZE): LdesFragment {
  // One entry more than the page holds tells whether the page is closed, and where the next starts.
  const changes = feed.changes(dataset, after, size + 1);
  const page = changes.slice(0, size);
  const first = changes[size];
  const last = page[page.length - 1];
  // The records' later policy entries tell what channels each had at its entries.
  const steps = feed.policySteps(page.map((change) => change.iri), after);
  return {
    after,
    members: ldesMembers(page, view, steps),
    next: first === undefined || last === undefined ? undefined : { after: last.seq, from: first.at },
  };
}
