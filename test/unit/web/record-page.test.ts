import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { preparePut } from '../../../src/rdf/prepare-put.js';
import { conceptDoc } from '../../../src/terms/concept-doc.js';
import { conceptPage, documentPage, linkTo, recordSection } from '../../../src/web/record-page.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const iri = (value: string) => ({ termType: 'NamedNode' as const, value });
const quad = (s: string, p: string, o: string) => DataFactory.quad(DataFactory.namedNode(s), DataFactory.namedNode(p), DataFactory.namedNode(o));

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

describe('a document\'s page', () => {
  const DOCUMENT = 'https://example.org/id/kleuren';

  it('gives each hash resource a section with its fragment as anchor, after the document\'s own', () => {
    const html = documentPage(DOCUMENT, [
      { title: 'rood', iri: `${DOCUMENT}#rood`, body: '<p>R</p>' },
      { title: 'Kleuren', iri: DOCUMENT, body: '<p>K</p>' },
    ]);
    expect(html).toContain('<title>Kleuren</title>');
    expect(html).toContain(`<h1>Kleuren</h1><p class="iri">${DOCUMENT}</p>\n<p>K</p>\n<section id="rood"><h2>rood</h2>\n<p class="iri">${DOCUMENT}#rood</p>\n<p>R</p></section>`);
    // Without a section of its own, the document is named by its IRI.
    expect(documentPage(DOCUMENT, [{ title: 'rood', iri: `${DOCUMENT}#rood`, body: '' }])).toContain(`<title>${DOCUMENT}</title>`);
  });

  it('links the other forms of an IRI with a query string by one more parameter', () => {
    expect(documentPage(`${DOCUMENT}?v=2`, [])).toContain(`<a href="${DOCUMENT}?v=2&amp;format=turtle">Turtle</a>`);
    // An IRI with a format of its own gets no format links: a second format would make them two.
    const own = documentPage(`${DOCUMENT}?format=x`, []);
    expect([own.includes('format=turtle'), own.includes('<nav>Programma\'s kiezen een vorm met <code>Accept</code>.</nav>')]).toEqual([false, true]);
    expect(documentPage(DOCUMENT, [])).toContain(`<a href="${DOCUMENT}?format=turtle">Turtle</a>`);
  });

  it('anchors the first row of each hash resource a record describes, unless it has a section of its own', async () => {
    const record = 'https://example.org/id/production/p1';
    const put = await preparePut(record, 'podium', [
      quad(record, 'https://example.org/p', `${record}#premiere`), quad(`${record}#premiere`, 'https://example.org/p', `${record}#run`),
      quad(`${record}#premiere`, 'https://example.org/q', `${record}#zaal`), quad(`${record}#run`, 'https://example.org/p', record),
    ]);
    const stored = { ...put, id: 1, version: 1, createdAt: '', updatedAt: '', deleted: false };
    const rows = recordSection(stored, new Set([`${record}#run`])).body;
    expect(rows.match(/<tr id="premiere">/g)).toHaveLength(1);
    expect(rows).not.toContain('id="run"');
  });
});
