import { describe, expect, it } from 'vitest';
import { ChannelView } from '../../../src/access/publication-policy.js';
import { ANONYMOUS, type Principal } from '../../../src/domain/principal.js';
import { initialPolicy, parsePolicy, PolicySnapshot } from '../../../src/domain/publication-policy.js';
import { lookupRights, RIGHTS_STATEMENTS } from '../../../src/domain/rights-statements.js';
import { NO_DOCUMENTS } from '../../helpers/document-records.js';

const reader = (organisation: string): Principal => ({ kind: 'token', id: 'tok_1', role: 'reader', organisation, termLists: [] });
const maintainer: Principal = { kind: 'token', id: 'tok_2', role: 'term-maintainer', organisation: undefined, termLists: ['lijst'] };

const snapshot = new PolicySnapshot(new Map([
  ['open', { ...initialPolicy('open'), restrictedProperties: ['https://schema.org/birthDate'], organisation: 'msk' }],
  ['closed', { ...initialPolicy('private'), organisation: 'msk' }],
  ['lijst', { ...initialPolicy('private'), organisation: 'default' }],
]), new Map([
  ['http://ex.org/closed/1', { dataset: 'closed', channels: ['linked-data'] as const }],
  ['http://ex.org/open/9', { dataset: 'open', channels: [] }],
]));
const RECORD = '<http://ex.org/open/1> <https://schema.org/birthDate> "1961" <http://ex.org/open/1> .\n<http://ex.org/open/1> <https://schema.org/name> "N" <http://ex.org/open/1> .\n';

describe('the publication policy', () => {
  it('starts open datasets on every channel but europeana, and private ones on none', () => {
    expect(initialPolicy('open').channels).toEqual(['sparql', 'graphql', 'linked-data', 'oai', 'ldes', 'dumps']);
    expect(initialPolicy('private').channels).toEqual([]);
  });

  it('lets a record\'s own channels replace its dataset\'s', () => {
    expect(snapshot.publishes('linked-data', 'closed', 'http://ex.org/closed/1')).toBe(true);
    expect(snapshot.publishes('sparql', 'closed', 'http://ex.org/closed/1')).toBe(false);
    expect(snapshot.publishes('linked-data', 'open', 'http://ex.org/open/9')).toBe(false);
    expect(snapshot.publishes('linked-data', 'open', 'http://ex.org/open/1')).toBe(true);
    expect(snapshot.publishesAny('linked-data', 'closed')).toBe(true);
    expect(snapshot.publishesAny('sparql', 'closed')).toBe(false);
    expect(snapshot.publishes('sparql', 'unknown-dataset')).toBe(false);
    // Own channels set in one dataset say nothing of the same IRI in another (a private one).
    expect(snapshot.publishes('linked-data', 'lijst', 'http://ex.org/closed/1')).toBe(false);
  });

  it('shows the public view to the public, and the whole record to the owning organisation', () => {
    const publicView = new ChannelView(snapshot, ANONYMOUS, 'linked-data', NO_DOCUMENTS);
    expect(publicView.content({ iri: 'http://ex.org/open/1', dataset: 'open', nquads: RECORD })).not.toContain('birthDate');
    expect(publicView.content({ iri: 'http://ex.org/closed/2', dataset: 'closed', nquads: RECORD })).toBeUndefined();
    const owner = new ChannelView(snapshot, reader('msk'), 'linked-data', NO_DOCUMENTS);
    expect(owner.content({ iri: 'http://ex.org/open/1', dataset: 'open', nquads: RECORD })).toBe(RECORD);
    expect(owner.sees('closed', 'http://ex.org/closed/2')).toBe(true);
    const other = new ChannelView(snapshot, reader('stam'), 'linked-data', NO_DOCUMENTS);
    expect(other.sees('closed', 'http://ex.org/closed/2')).toBe(false);
    expect(other.restricted('open')).toEqual(['https://schema.org/birthDate', 'http://schema.org/birthDate']);
    expect(new ChannelView(snapshot, maintainer, 'graphql', NO_DOCUMENTS).sees('lijst')).toBe(true);
    expect(new ChannelView(snapshot, maintainer, 'graphql', NO_DOCUMENTS).sees('closed')).toBe(false);
  });

  it('restricts a schema.org property under both its IRIs, http and https, as data uses both', () => {
    const twice = RECORD + '<http://ex.org/open/1> <http://schema.org/birthDate> "1961" <http://ex.org/open/1> .\n';
    const content = new ChannelView(snapshot, ANONYMOUS, 'linked-data', NO_DOCUMENTS).content({ iri: 'http://ex.org/open/1', dataset: 'open', nquads: twice });
    expect(content).toBe('<http://ex.org/open/1> <https://schema.org/name> "N" <http://ex.org/open/1> .\n');
  });

  it('reads policy documents, naming what is wrong', () => {
    expect(parsePolicy({ channels: ['dumps', 'sparql'], rights: null })).toEqual({ channels: ['sparql', 'dumps'], rights: undefined, restrictedProperties: [] });
    expect(() => parsePolicy({ channels: ['sparql'], restrictedProperties: ['birthDate'] })).toThrow(/absolute IRIs; not: "birthDate"/);
    expect(() => parsePolicy({ channels: 'sparql' })).toThrow(/channels: .*expected array/i);
    expect(() => parsePolicy({ channels: [], extra: 1 })).toThrow(/Unrecognized key/i);
  });
});

describe('rights statements', () => {
  it('knows the twelve rightsstatements.org statements and the Creative Commons licences Europeana lists', () => {
    const rs = [...RIGHTS_STATEMENTS.keys()].filter((iri) => iri.startsWith('http://rightsstatements.org/'));
    expect(rs).toHaveLength(12);
    expect(RIGHTS_STATEMENTS.get('http://rightsstatements.org/vocab/InC/1.0/')?.europeana).toBe(true);
    expect(RIGHTS_STATEMENTS.get('http://rightsstatements.org/vocab/UND/1.0/')?.europeana).toBe(false);
    expect(RIGHTS_STATEMENTS.has('http://creativecommons.org/licenses/by-nc-sa/2.0/be/')).toBe(true);
    expect(RIGHTS_STATEMENTS.has('http://creativecommons.org/licenses/by/4.0/be/')).toBe(false);
    expect(RIGHTS_STATEMENTS.has('http://creativecommons.org/publicdomain/zero/1.0/')).toBe(true);
  });

  it('names the published form of a statement written otherwise', () => {
    expect(lookupRights('https://creativecommons.org/licenses/by/4.0')).toEqual({ problem: expect.stringContaining('use http://creativecommons.org/licenses/by/4.0/') as unknown });
    expect(lookupRights('http://example.org/licence')).toEqual({ problem: expect.stringContaining('not a rightsstatements.org statement') as unknown });
  });
});
