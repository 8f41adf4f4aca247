import { describe, expect, it } from 'vitest';
import { restrictionTag } from '../../../src/publish/publication-urls.js';

describe('restrictionTag', () => {
  it('names the restricted properties, in any order, and the version of what a restriction leaves out', () => {
    expect(restrictionTag([])).toBe('');
    expect(restrictionTag(['https://schema.org/birthDate', 'http://schema.org/address'])).toBe(restrictionTag(['http://schema.org/address', 'https://schema.org/birthDate']));
    // Pinned: closed LDES fragments under a tag are immutable for a year. What the same properties
    // leave out changed with version 2 of the rules (descriptions of other IRIs), and with it the
    // tag; when the rules change again, this value must change with them.
    expect(restrictionTag(['https://schema.org/birthDate'])).toBe('_tNoKeAjJ0qX');
  });
});
