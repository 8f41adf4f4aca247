import { describe, expect, it } from 'vitest';
import { ChannelView } from '../../../../src/access/publication-policy.js';
import { ANONYMOUS, type Principal } from '../../../../src/domain/principal.js';
import { initialPolicy, PolicySnapshot, type Channel } from '../../../../src/domain/publication-policy.js';
import type { ChangeOp } from '../../../../src/domain/record.js';
import { ldesMembers } from '../../../../src/publish/ldes/ldes-members.js';
import type { PolicyStep } from '../../../../src/domain/channel-history.js';
import type { VersionChange } from '../../../../src/ports/version-feed.js';
import { documentsOf, NO_DOCUMENTS } from '../../../helpers/document-records.js';

const SECRET = 'http://example.org/secret';
const OPEN = 'http://example.org/open';
const HIDDEN = 'http://example.org/hidden';
const snapshot = new PolicySnapshot(
  new Map([['d', { ...initialPolicy('open'), restrictedProperties: [SECRET], organisation: 'org' }]]),
  new Map([[HIDDEN, { dataset: 'd', channels: ['linked-data'] as const }]]),
);
const view = (principal: Principal = ANONYMOUS): ChannelView => new ChannelView(snapshot, principal, 'ldes', NO_DOCUMENTS);

let seq = 0;
function change(iri: string, op: ChangeOp, withdrawn?: readonly Channel[], granted?: readonly Channel[]): VersionChange {
  seq++;
  const nquads = op === 'delete' ? '' : `<${iri}> <http://example.org/title> "v${seq}" <${iri}> .\n<${iri}> <${SECRET}> "s" <${iri}> .\n`;
  return { seq, iri, dataset: 'd', version: seq, op, at: `2026-01-01T00:00:0${seq % 10}.000Z`, nquads, withdrawn, granted };
}

/** The policy entries among changes, as the feed hands them to ldesMembers. */
function stepsOf(changes: readonly VersionChange[]): Map<string, PolicyStep[]> {
  const steps = new Map<string, PolicyStep[]>();
  for (const entry of changes.filter((candidate) => candidate.op === 'policy')) {
    steps.set(entry.iri, [...(steps.get(entry.iri) ?? []), { seq: entry.seq, withdrawn: entry.withdrawn, granted: entry.granted }]);
  }
  return steps;
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
    // Policy entries older than schema 5 recorded no grants: their records are judged by the policy of now.
    const legacy = [change(HIDDEN, 'create'), change(HIDDEN, 'update'), change(HIDDEN, 'policy', ['ldes', 'oai']), change(HIDDEN, 'delete')];
    const members = ldesMembers(legacy, view(), stepsOf(legacy));
    expect(members).toEqual([{ kind: 'tombstone', seq: expect.any(Number) as number, record: HIDDEN, at: expect.any(String) as string }]);
    // A policy entry written before the log named what it withdrew counts as a withdrawal too.
    const older = [change(HIDDEN, 'policy')];
    expect(ldesMembers(older, view(), stepsOf(older)).map((member) => member.kind)).toEqual(['tombstone']);
  });

  it('never announces a record it never published: a policy change that withdrew other channels, or none, shows nothing', () => {
    const others = [change(HIDDEN, 'create'), change(HIDDEN, 'policy', [], []), change(HIDDEN, 'policy', ['oai'], [])];
    expect(ldesMembers(others, view(), stepsOf(others))).toEqual([]);
  });

  it('keeps the sequence number and time of each entry', () => {
    const entry = change(OPEN, 'create');
    expect(ldesMembers([entry], view())[0]).toMatchObject({ seq: entry.seq, at: entry.at });
  });

  describe('with the channel history the policy entries keep', () => {
    it('keeps what was published when it was: a record withdrawn later keeps its versions, and ends with a tombstone', () => {
      // HIDDEN is withdrawn from ldes now; before its policy entry it was published (the entry withdrew ldes).
      const changes = [change(HIDDEN, 'create'), change(HIDDEN, 'update'), change(HIDDEN, 'policy', ['ldes', 'sparql'], [])];
      const members = ldesMembers(changes, view(), stepsOf(changes));
      expect(members.map((member) => member.kind)).toEqual(['version', 'version', 'tombstone']);
      // Its versions leave out what the dataset restricts now.
      for (const member of members) if (member.kind === 'version') expect(member.nquads).not.toContain(SECRET);
    });

    it('never names a record that was not published: made and deleted while private, and withdrawn from nothing', () => {
      // OPEN is published now, because a policy entry granted ldes after it had been deleted.
      const changes = [change(OPEN, 'create'), change(OPEN, 'delete'), { ...change(OPEN, 'policy', [], ['ldes']), nquads: '' }];
      expect(ldesMembers(changes, view(), stepsOf(changes))).toEqual([]);
    });

    it('announces nothing for a policy change of other channels only, and a version for one that left the channels (restrictions)', () => {
      const changes = [change(OPEN, 'create'), change(OPEN, 'policy', [], ['europeana']), change(OPEN, 'policy', ['oai'], []), change(OPEN, 'policy', [], [])];
      expect(ldesMembers(changes, view(), stepsOf(changes)).map((member) => [member.kind, member.seq])).toEqual([
        ['version', changes[0]?.seq], ['version', changes[3]?.seq],
      ]);
    });

    it('publishes a record from the change that granted the channel, and its later versions', () => {
      const changes = [change(OPEN, 'create'), change(OPEN, 'policy', [], ['ldes']), change(OPEN, 'update')];
      expect(ldesMembers(changes, view(), stepsOf(changes)).map((member) => [member.kind, member.seq])).toEqual([
        ['version', changes[1]?.seq], ['version', changes[2]?.seq],
      ]);
    });
  });

  it('publishes no version of a hash record only a restricted property of its document leads to, and a tombstone at its policy entry', () => {
    const birth = `${OPEN}#birth`;
    const documents = documentsOf([
      { iri: OPEN, dataset: 'd', kind: 'agent', nquads: `<${OPEN}> <${SECRET}> <${birth}> <${OPEN}> .\n` },
      { iri: birth, dataset: 'd', kind: 'resource', nquads: `<${birth}> <http://example.org/title> "1853" <${birth}> .\n` },
    ]);
    const changes = [change(birth, 'create'), change(birth, 'update'), change(birth, 'policy', [], []), change(birth, 'delete')];
    const members = ldesMembers(changes, new ChannelView(snapshot, ANONYMOUS, 'ldes', documents), stepsOf(changes));
    expect(members.map((member) => member.kind)).toEqual(['tombstone', 'tombstone']);
    // Its organisation is not restricted: every version.
    expect(ldesMembers(changes, new ChannelView(snapshot, { kind: 'token', id: 't', role: 'reader', organisation: 'org', termLists: [] }, 'ldes', documents), stepsOf(changes))
      .map((member) => member.kind)).toEqual(['version', 'version', 'version', 'tombstone']);
  });
});
