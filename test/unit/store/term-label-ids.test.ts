import { describe, expect, it } from 'vitest';
import { LABEL_ID, slotLabels } from '../../../src/store/term-label-ids.js';

const fields = (slot: number) => ({
  kind: (slot >> LABEL_ID.kindShift) & 3,
  code: (slot >> LABEL_ID.languageShift) & 1023,
  length: (slot >> LABEL_ID.lengthShift) & LABEL_ID.maxLength,
  ordinal: slot & LABEL_ID.maxOrdinal,
});
const label = (kind: number, code: number, norm: string) => ({ kind, code, language: `l${code}`, label: norm.toUpperCase(), norm });

describe('slotLabels', () => {
  it('puts kind, language and length in the slot, and numbers labels equal in those', () => {
    const slotted = slotLabels([label(0, 3, 'kast'), label(1, 3, 'kist'), label(1, 3, 'koot'), label(2, 1000, 'x'.repeat(300))]);
    expect(slotted.map(([slot]) => fields(slot))).toEqual([
      { kind: 0, code: 3, length: 4, ordinal: 0 },
      { kind: 1, code: 3, length: 4, ordinal: 0 },
      { kind: 1, code: 3, length: 4, ordinal: 1 },
      { kind: 2, code: 1000, length: 127, ordinal: 0 },
    ]);
    expect(slotted[1]?.slice(1)).toEqual(['l3', 'KIST', 'kist']);
    // The slot fits between the concept's 28 bits and the list's 10.
    expect(Math.max(...slotted.map(([slot]) => slot))).toBeLessThan(2 ** (LABEL_ID.listShift - LABEL_ID.slotShift));
  });

  it('counts the 65th label equal in kind, language and length as one character longer', () => {
    const slotted = slotLabels(Array.from({ length: 66 }, (_, i) => label(1, 2, `w${String(i).padStart(2, '0')}`)));
    expect(new Set(slotted.map(([slot]) => slot)).size).toBe(66);
    expect(slotted.slice(0, 64).every(([slot]) => fields(slot).length === 3)).toBe(true);
    expect(slotted.slice(64).map(([slot]) => fields(slot))).toEqual([
      { kind: 1, code: 2, length: 4, ordinal: 0 },
      { kind: 1, code: 2, length: 4, ordinal: 1 },
    ]);
  });

  it('gives the longest labels shorter lengths when the longer ones are full, and leaves out what does not fit', () => {
    const long = 'x'.repeat(LABEL_ID.maxLength + 10);
    const slotted = slotLabels(Array.from({ length: 66 }, () => label(0, 1, long)));
    expect(new Set(slotted.map(([slot]) => slot)).size).toBe(66);
    expect(slotted.slice(64).map(([slot]) => fields(slot).length)).toEqual([126, 126]);
    // 128 lengths of 64 labels each; one more of the same kind and language has no slot.
    const full = slotLabels(Array.from({ length: 128 * 64 + 1 }, () => label(2, 5, 'y')));
    expect(full).toHaveLength(128 * 64);
    expect(new Set(full.map(([slot]) => slot)).size).toBe(128 * 64);
  });
});
