import type { ChannelView } from '../../access/publication-policy.js';
import type { VersionChange } from '../../ports/version-feed.js';

/** A record version as the event stream publishes it: its content, or a tombstone. */
export type LdesMember =
  | { readonly kind: 'version'; readonly seq: number; readonly record: string; readonly at: string; readonly nquads: string }
  | { readonly kind: 'tombstone'; readonly seq: number; readonly record: string; readonly at: string };

/**
 * What the stream publishes of each change-log entry, by the policy as it is now:
 * - a create or update of a record the view sees is a version, without restricted properties;
 *   of a record it does not see, nothing;
 * - a delete is a tombstone when the view sees the record, else nothing (it never saw a version);
 * - a `policy` entry (the record's publication may have changed) is a version when the view sees
 *   the record; when it does not, a tombstone if that change withdrew the record from the ldes
 *   channel (whoever holds it learns to drop it), else nothing: a record the stream never
 *   published is not announced, not even by its IRI.
 * Policies have no history, so earlier entries are judged by today's policy too: a record hidden
 * now shows no content anywhere in the stream, and its `policy` entry is where it ends.
 */
export function ldesMembers(changes: readonly VersionChange[], view: ChannelView): LdesMember[] {
  const members: LdesMember[] = [];
  for (const change of changes) {
    const base = { seq: change.seq, record: change.iri, at: change.at };
    if (change.op === 'delete') {
      if (view.sees(change.dataset, change.iri)) members.push({ kind: 'tombstone', ...base });
      continue;
    }
    const nquads = view.content({ iri: change.iri, dataset: change.dataset, nquads: change.nquads });
    if (nquads !== undefined) members.push({ kind: 'version', ...base, nquads });
    else if (change.op === 'policy' && (change.withdrawn === undefined || change.withdrawn.includes('ldes'))) members.push({ kind: 'tombstone', ...base });
  }
  return members;
}
