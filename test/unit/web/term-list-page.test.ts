import { describe, expect, it } from 'vitest';
import type { IndexedList } from '../../../src/ports/term-index.js';
import { termListPage } from '../../../src/web/record-page.js';

const LIST: IndexedList = {
  id: 'materialen', iri: 'https://data.example.org/id/term-list/materialen', concepts: 3,
  metadata: {
    name: { nl: 'Materialen', en: 'Materials' }, description: { nl: 'Stoffen <en> technieken' }, maintainers: ['Team Thesaurus'],
    topics: ['https://data.example.org/id/topic/materials'], languages: ['nl', 'en'], publisher: { name: 'Erfgoed & co', iri: 'https://example.org/ev' },
    license: 'http://creativecommons.org/publicdomain/zero/1.0/',
  },
};
const TOP = ['https://data.example.org/id/concept/materialen/metaal', 'https://data.example.org/id/concept/materialen/hout'];

describe('a term list\'s page', () => {
  it('shows its metadata, escaped, its size, and its top concepts by their Dutch labels, sorted, linked', () => {
    const labels = new Map([[TOP[0] ?? '', [{ value: 'metal', language: 'en' }, { value: 'metaal', language: 'nl' }]], [TOP[1] ?? '', [{ value: 'hout', language: 'nl' }]]]);
    const html = termListPage(LIST, { iris: TOP, total: TOP.length }, labels);
    expect(html).toContain('<title>Materialen</title>');
    expect(html).toContain('Stoffen &lt;en&gt; technieken');
    expect(html).toContain('<a href="https://example.org/ev">Erfgoed &amp; co</a>');
    expect(html).toContain('<dt>Termen</dt><dd>3</dd>');
    expect(html).toContain(`<dt>Topconcepten</dt><dd><a href="${TOP[1] ?? ''}">hout</a><br><a href="${TOP[0] ?? ''}">metaal</a></dd>`);
  });

  it('lists 500 top concepts at most, and says how many more there are', () => {
    const many = Array.from({ length: 500 }, (_, i) => `https://data.example.org/id/concept/materialen/c${String(i).padStart(3, '0')}`);
    const html = termListPage(LIST, { iris: many, total: 100_020 }, new Map());
    expect(html.match(/<a href="https:\/\/data\.example\.org\/id\/concept/g)).toHaveLength(500);
    expect(html).toContain('… en 99520 meer');
  });
});
