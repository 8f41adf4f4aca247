import type { ChannelView } from '../../access/publication-policy.js';
import { channelsAt, type PolicyStep } from '../../domain/channel-history.js';
import type { VersionChange } from '../../ports/version-feed.js';
import { withoutProperties } from '../../rdf/restrict-properties.js';

/** A record version as the event stream publishes it: its content, or a tombstone. */
export type LdesMember =
  | { readonly kind: 'version'; readonly seq: number; readonly record: string; readonly at: string; readonly nquads: string }
  | { readonly kind: 'tombstone'; readonly seq: number; readonly record: string; readonly at: string };

/**
 * What the stream publishes of each change-log entry, by the channels the record had **then**:
 * its channels now, worked back through its later `policy` entries (`steps`, see
 * domain/channel-history.ts). So a fragment, once closed, never changes by a later policy change:
 * - a create or update of a record published on `ldes` then is a version; otherwise nothing;
 * - a delete is a tombstone when the record was published then, else nothing;
 * - a `policy` entry that granted `ldes`, or left every channel as it was (a change of restricted
 *   properties or rights), is a version with the content the record had; one that withdrew it is a
 *   tombstone; one that only granted or withdrew other channels, nothing.
 * A record never published on `ldes` is never named. Every version leaves out the properties the
 * dataset restricts now (a later restriction changes the fragments' content, and their URLs). A
 * hash record that only those lead to in its document (ChannelView.cutOff, judged on the document
 * now) has no versions, and its `policy` entries are tombstones: a closed fragment changes with
 * such a document, rather than publish what the restriction hides (docs/ldes.md).
 * An entry whose history is unknown (a policy entry older than schema 5) is judged by the policy
 * of now: a version when the view sees the record, a tombstone for its policy entry when not.
 */
export function ldesMembers(changes: readonly VersionChange[], view: ChannelView, steps: ReadonlyMap<string, readonly PolicyStep[]> = new Map()): LdesMember[] {
  const members: LdesMember[] = [];
  for (const change of changes) {
    const base = { seq: change.seq, record: change.iri, at: change.at };
    const now = view.policies.channels(change.dataset, change.iri);
    const history = steps.get(change.iri) ?? [];
    const after = channelsAt(now, history, change.seq);
    const before = change.op === 'policy' ? channelsAt(now, history, change.seq - 1) : after;
    if (after === undefined || before === undefined) {
      members.push(...judgedNow(change, view));
      continue;
    }
    const restricted = view.restricted(change.dataset);
    const content = (): string => withoutProperties(change.nquads, restricted);
    // A hash record only restricted properties of its document lead to (ChannelView.cutOff) is
    // not published: none of its versions, and a tombstone where its document's change cut it
    // off (the store logs a `policy` entry of it then).
    const cut = change.op !== 'delete' && view.cutOff(change.iri, change.dataset);
    if (change.op === 'delete') {
      if (after.has('ldes')) members.push({ kind: 'tombstone', ...base });
    } else if (change.op !== 'policy') {
      if (after.has('ldes') && !cut) members.push({ kind: 'version', ...base, nquads: content() });
    } else if (change.nquads === '') {
      // A policy change of a record that was deleted by then: its deletion said all there is.
    } else if (after.has('ldes')) {
      // Granted now, or still published and the entry may change its restricted properties (it
      // does not say): a version. A grant or withdrawal of other channels alone changes nothing here.
      const otherChannelsOnly = before.has('ldes') && change.granted !== undefined && change.withdrawn !== undefined
        && change.granted.length + change.withdrawn.length > 0;
      if (!otherChannelsOnly) members.push(cut ? { kind: 'tombstone', ...base } : { kind: 'version', ...base, nquads: content() });
    } else if (before.has('ldes')) {
      members.push({ kind: 'tombstone', ...base });
    }
  }
  return members;
}

/** An entry of unknown history, judged by the policy of now. */
function judgedNow(change: VersionChange, view: ChannelView): LdesMember[] {
  const base = { seq: change.seq, record: change.iri, at: change.at };
  if (change.op === 'delete') return view.sees(change.dataset, change.iri) ? [{ kind: 'tombstone', ...base }] : [];
  const nquads = change.nquads === '' ? undefined : view.content({ iri: change.iri, dataset: change.dataset, nquads: change.nquads });
  if (nquads !== undefined) return [{ kind: 'version', ...base, nquads }];
  return change.op === 'policy' && change.nquads !== '' && (change.withdrawn === undefined || change.withdrawn.includes('ldes')) ? [{ kind: 'tombstone', ...base }] : [];
}
