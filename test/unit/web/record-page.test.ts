import { describe, expect, it } from 'vitest';
import { conceptDoc } from '../../../src/terms/concept-doc.js';
import { conceptPage, linkTo } from '../../../src/web/record-page.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const iri = (value: string) => ({ termType: 'NamedNode' as const, value });

describe('record pages', () => {
  it('links only to http and https IRIs; other IRIs a list holds are shown as text', () => {
    expect(linkTo('https://example.org/a', 'a')).toBe('<a href="https://example.org/a">a</a>');
    expect(linkTo('HTTP://example.org/a', 'a', ' target="_blank"')).toBe('<a href="HTTP://example.org/a" target="_blank">a</a>');
    expect(linkTo('javascript:alert(1)', 'x')).toBe('<span class="iri">x</span>');
    expect(linkTo('urn:isbn:9789020985', 'boek')).toBe('<span class="iri">boek</span>');
  });

  it('shows a concept\'s matches that are no web addresses without a link, escaped', () => {
    const concept = 'https://example.org/c/brons';
    const doc = conceptDoc(concept, [
      { subject: iri(concept), predicate: iri(`${SKOS}exactMatch`), object: iri('javascript:alert("x")') },
      { subject: iri(concept), predicate: iri(`${SKOS}closeMatch`), object: iri('http://vocab.getty.edu/aat/300010957') },
    ]);
    const html = conceptPage(doc, new Map(), undefined);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<span class="iri">javascript:alert(&quot;x&quot;)</span>');
    expect(html).toContain('<a href="http://vocab.getty.edu/aat/300010957">http://vocab.getty.edu/aat/300010957</a>');
  });
});
