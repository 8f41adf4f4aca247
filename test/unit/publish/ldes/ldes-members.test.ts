import { describe, expect, it } from 'vitest';
import { ChannelView } from '../../../../src/access/publication-policy.js';
import { ANONYMOUS, type Principal } from '../../../../src/domain/principal.js';
import { initialPolicy, PolicySnapshot, type Channel } from '../../../../src/domain/publication-policy.js';
import type { ChangeOp } from '../../../../src/domain/record.js';
import { ldesMembers } from '../../../../src/publish/ldes/ldes-members.js';
import type { VersionChange } from '../../../../src/ports/version-feed.js';

const SECRET = 'http://example.org/secret';
const OPEN = 'http://example.org/open';
const HIDDEN = 'http://example.org/hidden';
const snapshot = new PolicySnapshot(
  new Map([['d', { ...initialPolicy('open'), restrictedProperties: [SECRET], organisation: 'org' }]]),
  new Map([[HIDDEN, { dataset: 'd', channels: ['linked-data'] as const }]]),
);
const view = (principal: Principal = ANONYMOUS): ChannelView => new ChannelView(snapshot, principal, 'ldes');

let seq = 0;
function change(iri: string, op: ChangeOp, withdrawn?: readonly Channel[]): VersionChange {
  seq++;
  const nquads = op === 'delete' ? '' : `<${iri}> <http://example.org/title> "v${seq}" <${iri}> .\n<${iri}> <${SECRET}> "s" <${iri}> .\n`;
  return { seq, iri, dataset: 'd', version: seq, op, at: `2026-01-01T00:00:0${seq % 10}.000Z`, nquads, withdrawn };
}

describe('what an LDES publishes of each change', () => {
  it('publishes versions of records it sees, without their restricted properties, and their deletions', () => {
    const members = ldesMembers([change(OPEN, 'create'), change(OPEN, 'update'), change(OPEN, 'policy'), change(OPEN, 'delete')], view());
    expect(members.map((member) => member.kind)).toEqual(['version', 'version', 'version', 'tombstone']);
    for (const member of members) expect(member.record).toBe(OPEN);
    const [first] = members;
    expect(first?.kind === 'version' ? first.nquads : '').toContain('"v');
    expect(members.map((member) => (member.kind === 'version' ? member.nquads : '')).join('')).not.toContain(SECRET);
  });

  it('shows nothing of a record it does not see, and ends it with a tombstone where a policy change withdrew it from the stream', () => {
    const members = ldesMembers([change(HIDDEN, 'create'), change(HIDDEN, 'update'), change(HIDDEN, 'policy', ['ldes', 'oai']), change(HIDDEN, 'delete')], view());
    expect(members).toEqual([{ kind: 'tombstone', seq: expect.any(Number) as number, record: HIDDEN, at: expect.any(String) as string }]);
    // A policy entry written before the log named what it withdrew counts as a withdrawal too.
    expect(ldesMembers([change(HIDDEN, 'policy')], view()).map((member) => member.kind)).toEqual(['tombstone']);
  });

  it('never announces a record it never published: a policy change that withdrew other channels, or none, shows nothing', () => {
    expect(ldesMembers([change(HIDDEN, 'create'), change(HIDDEN, 'policy', []), change(HIDDEN, 'policy', ['oai'])], view())).toEqual([]);
  });

  it('keeps the sequence number and time of each entry', () => {
    const entry = change(OPEN, 'create');
    expect(ldesMembers([entry], view())[0]).toMatchObject({ seq: entry.seq, at: entry.at });
  });
});
