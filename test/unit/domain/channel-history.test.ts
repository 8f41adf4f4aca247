import { describe, expect, it } from 'vitest';
import { channelsAt, type PolicyStep } from '../../../src/domain/channel-history.js';

describe('a record\'s channels at a point of its history', () => {
  const steps: PolicyStep[] = [
    { seq: 5, withdrawn: [], granted: ['ldes', 'oai'] },
    { seq: 9, withdrawn: ['oai'], granted: [] },
  ];

  it('follow from its channels now, worked back through the later policy entries', () => {
    expect(channelsAt(['sparql', 'ldes'], steps, 9)).toEqual(new Set(['sparql', 'ldes']));
    expect(channelsAt(['sparql', 'ldes'], steps, 7)).toEqual(new Set(['sparql', 'ldes', 'oai']));
    expect(channelsAt(['sparql', 'ldes'], steps, 5)).toEqual(new Set(['sparql', 'ldes', 'oai']));
    expect(channelsAt(['sparql', 'ldes'], steps, 4)).toEqual(new Set(['sparql']));
    expect(channelsAt(['sparql', 'ldes'], [...steps].reverse(), 1)).toEqual(new Set(['sparql']));
  });

  it('are unknown past an entry that did not record what it changed', () => {
    expect(channelsAt(['sparql'], [{ seq: 3, withdrawn: undefined, granted: undefined }], 2)).toBeUndefined();
    expect(channelsAt(['sparql'], [{ seq: 3, withdrawn: undefined, granted: undefined }], 3)).toEqual(new Set(['sparql']));
  });
});
