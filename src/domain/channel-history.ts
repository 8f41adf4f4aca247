import type { Channel } from './publication-policy.js';

/** A `policy` entry of a record's change log: what that change took from the record and gave it. */
export interface PolicyStep {
  readonly seq: number;
  /** Undefined for an entry written before the change log recorded them (schema 3 and 4). */
  readonly withdrawn: readonly Channel[] | undefined;
  readonly granted: readonly Channel[] | undefined;
}

/**
 * The channels a record had just after its change-log entry `seq`, worked back from the channels
 * it has now through the policy entries that came after: before a change, the record had what it
 * had after it, less what the change granted, plus what it withdrew. Undefined when one of those
 * entries does not say (an older entry): the caller then judges by the policy of now.
 *
 * `later` holds the record's policy entries; those at or before `seq` are ignored.
 */
export function channelsAt(now: readonly Channel[], later: readonly PolicyStep[], seq: number): Set<Channel> | undefined {
  const channels = new Set<Channel>(now);
  const steps = later.filter((step) => step.seq > seq).sort((a, b) => b.seq - a.seq);
  for (const step of steps) {
    if (step.withdrawn === undefined || step.granted === undefined) return undefined;
    for (const channel of step.granted) channels.delete(channel);
    for (const channel of step.withdrawn) channels.add(channel);
  }
  return channels;
}
