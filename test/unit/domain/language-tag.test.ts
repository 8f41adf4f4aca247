import { describe, expect, it } from 'vitest';
import { languageMatches, matchingRange } from '../../../src/domain/language-tag.js';
import { preferredValue } from '../../../src/terms/concept-doc.js';

describe('language tags as BCP 47 ranges', () => {
  it('a range matches its own tag and its regional variants, whatever the case, and nothing else', () => {
    expect(languageMatches('nl', 'nl')).toBe(true);
    expect(languageMatches('nl-BE', 'nl')).toBe(true);
    expect(languageMatches('NL-be', 'nl')).toBe(true);
    expect(languageMatches('nld', 'nl')).toBe(false);
    expect(languageMatches('nl', 'nl-BE')).toBe(false);
    expect(languageMatches('', 'nl')).toBe(false);
    expect(languageMatches('', '')).toBe(true);
    expect(matchingRange('de-CH', ['fr', 'de'])).toBe(1);
    expect(matchingRange('la', ['fr', 'de'])).toBe(-1);
  });

  it('the value shown of several prefers Dutch, a Flemish one over English', () => {
    expect(preferredValue([{ value: 'carillon', language: 'en' }, { value: 'beiaard', language: 'nl-BE' }])).toBe('beiaard');
    expect(preferredValue([{ value: 'beiaard', language: 'nl-BE' }, { value: 'beiaard (nl)', language: 'nl' }])).toBe('beiaard (nl)');
    expect(preferredValue([{ value: 'carillon', language: 'en-GB' }, { value: 'Glockenspiel', language: 'de' }])).toBe('carillon');
  });
});
