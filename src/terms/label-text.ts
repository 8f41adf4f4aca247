/**
 * A label or query as the search index compares them: diacritics removed (NFD, combining marks
 * dropped), lower case, and every run of characters that are not letters or digits one space.
 * `Sint-Niklaas` and `sint niklaas` are both `sint niklaas`; `émail` is `email`.
 */
export function normalizeLabel(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
