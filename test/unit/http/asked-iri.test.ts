import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../src/domain/errors.js';
import { askedIris } from '../../../src/http/asked-iri.js';

const BASE = 'https://data.example.be/';

describe('the IRIs a dereferencing request asks for', () => {
  it('is the URL under the base, its query string included', () => {
    expect([...askedIris('/id/concept/kleuren/rood', BASE)]).toEqual([{ iri: `${BASE}id/concept/kleuren/rood` }]);
    expect([...askedIris('/id/concept/kleuren/rood?v=2', BASE)]).toEqual([{ iri: `${BASE}id/concept/kleuren/rood?v=2` }]);
    // An empty query is a query all the same (RFC 3986, 6.2.3).
    expect([...askedIris('/id/x?', BASE)]).toEqual([{ iri: `${BASE}id/x?` }]);
  });

  it('is then, with format among the parameters, the URL without it, answered in that format', () => {
    expect([...askedIris('/id/x?format=turtle', BASE)]).toEqual([{ iri: `${BASE}id/x?format=turtle` }, { iri: `${BASE}id/x`, format: 'turtle' }]);
    expect([...askedIris('/id/x?v=2&format=jsonld&w=%C3%A9', BASE)]).toEqual([
      { iri: `${BASE}id/x?v=2&format=jsonld&w=%C3%A9` }, { iri: `${BASE}id/x?v=2&w=%C3%A9`, format: 'jsonld' },
    ]);
    // The name and value are form-encoded; the other parameters are kept as they were written.
    expect([...askedIris('/id/x?%66ormat=n%74riples&a+b=c', BASE)][1]).toEqual({ iri: `${BASE}id/x?a+b=c`, format: 'ntriples' });
    expect([...askedIris('/id/x?format', BASE)][1]).toEqual({ iri: `${BASE}id/x`, format: '' });
    expect([...askedIris('/id/x?formats=turtle', BASE)]).toHaveLength(1);
  });

  it('leaves out a fragment a client sent', () => {
    expect([...askedIris('/id/x?v=2#rood', BASE)]).toEqual([{ iri: `${BASE}id/x?v=2` }]);
  });

  it('refuses format given twice, once the URL as it is was looked for', () => {
    const asked = askedIris('/id/x?format=turtle&format=jsonld', BASE);
    expect(asked.next().value).toEqual({ iri: `${BASE}id/x?format=turtle&format=jsonld` });
    expect(() => asked.next()).toThrow(BadRequestError);
  });
});
