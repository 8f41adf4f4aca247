import { describe, expect, it } from 'vitest';
import { ChannelView } from '../../../../src/access/publication-policy.js';
import { ANONYMOUS } from '../../../../src/domain/principal.js';
import { PolicySnapshot, type Channel } from '../../../../src/domain/publication-policy.js';
import type { HarvestDataset } from '../../../../src/ports/harvest-feed.js';
import { visibilityOf } from '../../../../src/publish/oai/harvest-visibility.js';
import { datasetsInSet, setSpecOf, visibleSets } from '../../../../src/publish/oai/oai-sets.js';
import { SET_SPEC } from '../../../../src/publish/oai/oai-request.js';
import { NO_DOCUMENTS } from '../../../helpers/document-records.js';

const dataset = (id: string, organisation: string): HarvestDataset => ({ id, title: `Title ${id}`, organisation, organisationName: `Org ${organisation}`, rights: undefined });
const DATASETS = [dataset('a1', 'org-a'), dataset('a2', 'org-a'), dataset('b1', 'org-b'), dataset('c1', 'org-c')];

function view(channels: Record<string, Channel[]>, records: Record<string, { dataset: string; channels: Channel[] }> = {}): ChannelView {
  const policies = new PolicySnapshot(
    new Map(DATASETS.map((d) => [d.id, { channels: channels[d.id] ?? [], rights: undefined, restrictedProperties: [], organisation: d.organisation }])),
    new Map(Object.entries(records)),
  );
  return new ChannelView(policies, ANONYMOUS, 'oai', NO_DOCUMENTS);
}

describe('OAI-PMH sets', () => {
  it('put each dataset below its organisation, with valid setSpecs', () => {
    expect(setSpecOf(dataset('msk.collectie_1', 'msk-gent'))).toBe('msk-gent:msk.collectie_1');
    expect(SET_SPEC.test(setSpecOf(dataset('msk.collectie_1', 'msk-gent')))).toBe(true);
  });

  it('list only organisations and datasets the channel publishes something of', () => {
    const sets = visibleSets(DATASETS, view({ a2: ['oai'], b1: ['sparql'] }, { 'http://ex.org/c': { dataset: 'c1', channels: ['oai'] } }));
    expect(sets).toEqual([
      { spec: 'org-a', name: 'Org org-a' }, { spec: 'org-a:a2', name: 'Title a2' },
      { spec: 'org-c', name: 'Org org-c' }, { spec: 'org-c:c1', name: 'Title c1' },
    ]);
    expect(visibleSets(DATASETS, view({}))).toEqual([]);
  });

  it('select an organisation’s datasets or one dataset, and nothing for other specs', () => {
    expect(datasetsInSet('org-a', DATASETS)).toEqual(['a1', 'a2']);
    expect(datasetsInSet('org-a:a2', DATASETS)).toEqual(['a2']);
    expect(datasetsInSet('org-b:a2', DATASETS)).toEqual([]);
    expect(datasetsInSet('org-a:a2:x', DATASETS)).toEqual([]);
    expect(datasetsInSet('a1', DATASETS)).toEqual([]);
  });
});

describe('harvest visibility', () => {
  it('lists the datasets the view shows and the records that are exceptions either way', () => {
    const visibility = visibilityOf(view({ a1: ['oai'], a2: ['oai', 'sparql'], b1: ['sparql'] }, {
      'http://ex.org/hidden': { dataset: 'a1', channels: ['sparql'] },
      'http://ex.org/shown': { dataset: 'b1', channels: ['oai'] },
      'http://ex.org/same': { dataset: 'a2', channels: ['oai'] },
      'http://ex.org/still-hidden': { dataset: 'c1', channels: ['ldes'] },
    }));
    expect(visibility).toEqual({ datasets: ['a1', 'a2'], shown: [{ iri: 'http://ex.org/shown', dataset: 'b1' }], hidden: [{ iri: 'http://ex.org/hidden', dataset: 'a1' }] });
  });
});
