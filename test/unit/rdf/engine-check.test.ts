import { DataFactory } from 'n3';
import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { allTermsPlain, engineObjection } from '../../../src/rdf/engine-check.js';

const P = DataFactory.namedNode('http://example.org/p');

function oxigraphAccepts(iri: string): boolean {
  try {
    oxigraph.parse(`<${iri}> <http://example.org/p> "x" .`, { format: 'application/n-triples' });
    return true;
  } catch {
    return false;
  }
}

const IRIS = [
  'http://example.org/a/b?x=1&y=(2)#frag', 'https://data.vlaanderen.be/id/concept/x', 'urn:isbn:9789', 'http://ex.org:8080/p',
  'mailto:a@b.be', 'http://a@b/', 'urn:x://y', 'http:////x', 'http://ex.org/%C3%A9', 'tag:cultuurgraaf.be,2026:x',
  'http://ex.org/%zz', 'urn:x:[1]', 'http://ex.org/é', 'http://ex.org:abc/', 'http://x.org/a#b#c', 'http://ex.org/a|b', 'http://[::1]/',
];

describe('engine check', () => {
  it.each(IRIS)('never calls an IRI oxigraph refuses plain: %s', (iri) => {
    const plain = allTermsPlain([DataFactory.quad(DataFactory.namedNode(iri), P, DataFactory.literal('x'))]);
    if (plain) expect(oxigraphAccepts(iri)).toBe(true);
  });

  it('calls the common shapes plain, so they skip the slow check', () => {
    expect(allTermsPlain([DataFactory.quad(DataFactory.namedNode('https://data.example.be/id/object/msk/1914-DG'), P, DataFactory.literal('Stoel', 'nl-BE'))])).toBe(true);
    expect(allTermsPlain([DataFactory.quad(DataFactory.namedNode('urn:isbn:9789'), P, DataFactory.literal('1885', DataFactory.namedNode('http://www.w3.org/2001/XMLSchema#gYear')))])).toBe(true);
  });

  it("gives oxigraph's reason for what it refuses", () => {
    expect(engineObjection('<http://ex.org/%zz> <http://p> "x" .\n')).toBe("Invalid IRI percent encoding '%zz'");
    expect(engineObjection('<http://s> <http://p> "x"@en_US .\n')).toMatch(/Unexpected character/);
    expect(engineObjection('<http://s> <http://p> "x"@en-US .\n')).toBeUndefined();
  });
});
