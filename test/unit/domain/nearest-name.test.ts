import { describe, expect, it } from 'vitest';
import { nearestName } from '../../../src/domain/nearest-name.js';

describe('the name a misspelling most likely means', () => {
  it('allows one letter off up to five letters, two up to ten, three beyond, in any case', () => {
    expect(nearestName('hoogt', ['hoogte', 'breedte'])).toBe('hoogte');
    expect(nearestName('hgt', ['hoogte'])).toBeUndefined();
    expect(nearestName('Vervaardigr', ['vervaardiger'])).toBe('vervaardiger');
    expect(nearestName('topc', ['topics'])).toBeUndefined();
    expect(nearestName('opschriftenn', ['opschrift'])).toBe('opschrift');
    expect(nearestName('opschriftennn', ['opschrift'])).toBeUndefined();
  });

  it('never compares names of fewer than four letters, and takes the nearest, the first of equals', () => {
    expect(nearestName('ID', ['d', 'id'])).toBeUndefined();
    expect(nearestName('rol', ['rol'])).toBeUndefined();
    expect(nearestName('titels', ['title', 'titel'])).toBe('titel');
    expect(nearestName('msk-colectie', ['stam-collectie', 'msk-collectie', 'msk-collecties'])).toBe('msk-collectie');
    expect(nearestName('tite', ['titel', 'title'])).toBe('titel');
  });
});
