import { describe, expect, it } from 'vitest';
import { withoutProperties } from '../../../src/rdf/restrict-properties.js';

const G = '<http://ex.org/p1>';
const lines = (...statements: string[]): string => statements.map((s) => `${s} ${G} .\n`).join('');

describe('withoutProperties', () => {
  const person = lines(
    '<http://ex.org/p1> <https://schema.org/name> "Levende Kunstenaar"',
    '<http://ex.org/p1> <https://schema.org/birthDate> "1961-05-02"',
    '<http://ex.org/p1> <https://schema.org/address> _:a',
    '_:a <https://schema.org/streetAddress> "Geheimstraat 1"',
    '_:a <https://schema.org/geo> _:g',
    '_:g <https://schema.org/latitude> "51.05"',
    '<http://ex.org/p1> <https://schema.org/knows> _:k',
    '_:k <https://schema.org/name> "Vriend"',
    '_:orphan <https://schema.org/name> "Los"',
  );

  it('leaves out the statements of restricted properties and the blank nodes only they reached, transitively', () => {
    const out = withoutProperties(person, ['https://schema.org/birthDate', 'https://schema.org/address']);
    expect(out).toBe(lines(
      '<http://ex.org/p1> <https://schema.org/name> "Levende Kunstenaar"',
      '<http://ex.org/p1> <https://schema.org/knows> _:k',
      '_:k <https://schema.org/name> "Vriend"',
      '_:orphan <https://schema.org/name> "Los"',
    ));
  });

  it('leaves out the record\'s own fragment nodes only restricted statements reached (a birth as <p1#geboorte>)', () => {
    const persoon = 'https://data.vlaanderen.be/ns/persoon#';
    const withEvents = lines(
      '<http://ex.org/p1> <https://schema.org/name> "Levende Kunstenaar"',
      `<http://ex.org/p1> <${persoon}heeftGeboorte> <http://ex.org/p1#geboorte>`,
      `<http://ex.org/p1#geboorte> <${persoon}datum> "1970-05-12"`,
      `<http://ex.org/p1#geboorte> <${persoon}plaats> _:plaats`,
      '_:plaats <https://schema.org/name> "Gent"',
      '<http://ex.org/p1> <https://schema.org/knows> <http://ex.org/p2>',
      '<http://ex.org/p1#this> <https://schema.org/name> "niet bereikt, blijft"',
    );
    expect(withoutProperties(withEvents, [`${persoon}heeftGeboorte`, 'https://schema.org/knows'])).toBe(lines(
      '<http://ex.org/p1> <https://schema.org/name> "Levende Kunstenaar"',
      '<http://ex.org/p1#this> <https://schema.org/name> "niet bereikt, blijft"',
    ));
  });

  it('leaves out the description of another IRI only restricted statements reached (a birth place\'s name), and keeps one still reached', () => {
    const persoon = 'https://data.vlaanderen.be/ns/persoon#';
    const rdfs = 'http://www.w3.org/2000/01/rdf-schema#';
    const withPlaces = lines(
      '<http://ex.org/p1> <https://schema.org/name> "Levende Kunstenaar"',
      `<http://ex.org/p1> <${persoon}heeftGeboorte> <http://ex.org/p1#geboorte>`,
      `<http://ex.org/p1#geboorte> <${persoon}plaats> <http://ex.org/place/zundert>`,
      `<http://ex.org/place/zundert> <${rdfs}label> "Zundert"@nl`,
      `<http://ex.org/p1#geboorte> <${persoon}plaats> <http://ex.org/place/gent>`,
      `<http://ex.org/place/gent> <${rdfs}label> "Gent"@nl`,
      '<http://ex.org/p1> <https://schema.org/workLocation> <http://ex.org/place/gent>',
      `<http://ex.org/p1> <${rdfs}seeAlso> <http://ex.org/p1>`,
    );
    expect(withoutProperties(withPlaces, [`${persoon}heeftGeboorte`])).toBe(lines(
      '<http://ex.org/p1> <https://schema.org/name> "Levende Kunstenaar"',
      `<http://ex.org/place/gent> <${rdfs}label> "Gent"@nl`,
      '<http://ex.org/p1> <https://schema.org/workLocation> <http://ex.org/place/gent>',
      `<http://ex.org/p1> <${rdfs}seeAlso> <http://ex.org/p1>`,
    ));
  });

  it('starts from the subjects nothing in the record refers to as well: a document\'s <#this>, a second subject', () => {
    const rdfs = 'http://www.w3.org/2000/01/rdf-schema#';
    const withThis = lines(
      '<http://ex.org/p1#this> <https://schema.org/name> "P1"',
      '<http://ex.org/p1#this> <https://schema.org/birthPlace> <http://ex.org/place/antwerpen>',
      `<http://ex.org/place/antwerpen> <${rdfs}label> "Antwerpen"`,
      '<http://ex.org/p1-alias> <https://schema.org/workLocation> <http://ex.org/place/ieper>',
      '<http://ex.org/p1#this> <https://schema.org/birthPlace> <http://ex.org/place/ieper>',
      `<http://ex.org/place/ieper> <${rdfs}label> "Ieper"`,
    );
    expect(withoutProperties(withThis, ['https://schema.org/birthPlace'])).toBe(lines(
      '<http://ex.org/p1#this> <https://schema.org/name> "P1"',
      '<http://ex.org/p1-alias> <https://schema.org/workLocation> <http://ex.org/place/ieper>',
      `<http://ex.org/place/ieper> <${rdfs}label> "Ieper"`,
    ));
  });

  it('keeps a blank node another kept statement still reaches', () => {
    const shared = lines(
      '<http://ex.org/p1> <https://schema.org/address> _:a',
      '<http://ex.org/p1> <https://schema.org/workLocation> _:a',
      '_:a <https://schema.org/streetAddress> "Kunstlaan 1"',
    );
    expect(withoutProperties(shared, ['https://schema.org/address'])).toBe(lines(
      '<http://ex.org/p1> <https://schema.org/workLocation> _:a',
      '_:a <https://schema.org/streetAddress> "Kunstlaan 1"',
    ));
  });

  it('returns the record itself when nothing is restricted or it holds none of the properties', () => {
    expect(withoutProperties(person, [])).toBe(person);
    expect(withoutProperties(person, ['https://schema.org/deathDate'])).toBe(person);
  });

  it('does not mistake a literal that spells a property for the property', () => {
    const tricky = lines('<http://ex.org/p1> <https://schema.org/description> "see <https://schema.org/birthDate> here"');
    expect(withoutProperties(tricky, ['https://schema.org/birthDate'])).toBe(tricky);
  });

  it('can leave a record empty', () => {
    expect(withoutProperties(lines('<http://ex.org/p1> <https://schema.org/birthDate> "1961"'), ['https://schema.org/birthDate'])).toBe('');
  });
});
