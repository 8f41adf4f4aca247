import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { conceptDoc } from '../../../src/terms/concept-doc.js';
import { factIris, personFacts, placeFacts } from '../../../src/terms/term-facts.js';
import { edtf } from '../../../src/terms/wikidata-concepts.js';

const IRI = 'https://example.org/id/gent';

function doc(statements: ReadonlyArray<[string, string | { iri: string }]>) {
  return conceptDoc(IRI, statements.map(([p, o]) => DataFactory.quad(DataFactory.namedNode(IRI), DataFactory.namedNode(p), typeof o === 'string' ? DataFactory.literal(o) : DataFactory.namedNode(o.iri))));
}

describe('the place and person a concept denotes', () => {
  it('reads a place from WGS84, GeoNames and schema.org (either scheme), and counts Wikidata\'s classes among its kinds only then', () => {
    const gent = doc([
      ['http://www.w3.org/2003/01/geo/wgs84_pos#lat', '51.05'], ['http://schema.org/longitude', '3.71667'],
      ['http://www.geonames.org/ontology#countryCode', 'be'], ['http://www.geonames.org/ontology#featureCode', { iri: 'http://www.geonames.org/ontology#P.PPLA2' }],
      ['http://www.wikidata.org/prop/direct/P31', { iri: 'http://www.wikidata.org/entity/Q2039348' }],
    ]);
    expect(placeFacts(gent.facts)).toEqual({
      latitude: 51.05, longitude: 3.71667, addressCountry: 'BE',
      additionalType: ['http://www.geonames.org/ontology#P.PPLA2', 'http://www.wikidata.org/entity/Q2039348'],
    });
    expect(personFacts(gent.facts)).toBeNull();
    // Only "instance of" is no place: a painter is an instance of human.
    expect(placeFacts(doc([['http://www.wikidata.org/prop/direct/P31', { iri: 'http://www.wikidata.org/entity/Q5' }]]).facts)).toBeNull();
  });

  it('leaves out a coordinate that is no number or out of range, and a country that is no ISO code', () => {
    const odd = doc([['https://schema.org/latitude', 'noord'], ['https://schema.org/longitude', '200'], ['https://schema.org/addressCountry', 'België'], ['https://schema.org/latitude', '51']]);
    expect(placeFacts(odd.facts)).toEqual({ latitude: 51, longitude: null, addressCountry: null, additionalType: [] });
  });

  it('reads a person: dates as written, places, occupations and nationalities by IRI or by name', () => {
    const person = doc([
      ['https://schema.org/birthDate', '1853-03-30'], ['http://schema.org/deathDate', '1890~'],
      ['https://schema.org/birthPlace', { iri: 'http://www.wikidata.org/entity/Q9696' }], ['https://schema.org/hasOccupation', 'schilder'],
    ]);
    expect(personFacts(person.facts)).toEqual({
      birthDate: '1853-03-30', deathDate: '1890~',
      birthPlace: [{ iri: 'http://www.wikidata.org/entity/Q9696' }], deathPlace: [],
      hasOccupation: [{ value: 'schilder', language: '' }], nationality: [],
    });
    expect(factIris(person.facts)).toEqual(['http://www.wikidata.org/entity/Q9696']);
  });

  it('keeps facts in an order of their own, so equal content gives an equal document, and none when there are none', () => {
    const a = doc([['https://schema.org/hasOccupation', 'b'], ['https://schema.org/birthDate', '1900'], ['https://schema.org/hasOccupation', 'a']]);
    const b = doc([['https://schema.org/birthDate', '1900'], ['https://schema.org/hasOccupation', 'a'], ['https://schema.org/hasOccupation', 'b']]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect('facts' in doc([['http://www.w3.org/2004/02/skos/core#prefLabel', 'Gent']])).toBe(false);
  });
});

describe('edtf (a Wikidata time value)', () => {
  const at = (time: string, precision: number): string | undefined => edtf({ time, precision, timezone: 0, calendarmodel: 'http://www.wikidata.org/entity/Q1985727' });
  it('writes the precision Wikidata gives', () => {
    expect(at('+1853-03-30T00:00:00Z', 11)).toBe('1853-03-30');
    expect(at('+1853-03-00T00:00:00Z', 10)).toBe('1853-03');
    expect(at('+1853-00-00T00:00:00Z', 9)).toBe('1853');
    expect(at('+1850-00-00T00:00:00Z', 8)).toBe('185X');
    expect(at('+1850-00-00T00:00:00Z', 7)).toBe('18XX');
    // Before the common era, as ISO 8601 numbers the years (as the Query Service does): 500 BCE is -0499, 1 BCE 0000.
    expect(at('-0500-00-00T00:00:00Z', 9)).toBe('-0499');
    expect(at('-0044-03-15T00:00:00Z', 11)).toBe('-0043-03-15');
    expect(at('-0001-00-00T00:00:00Z', 9)).toBe('0000');
    expect(at('-0510-00-00T00:00:00Z', 8)).toBe('-050X');
    expect(at('+0012345-00-00T00:00:00Z', 9)).toBe('Y12345');
  });
  it('gives nothing for a millennium or coarser, or a value that is no time', () => {
    expect(at('+1850-00-00T00:00:00Z', 6)).toBeUndefined();
    expect(edtf({ time: 'gisteren', precision: 11 })).toBeUndefined();
    expect(edtf('1853')).toBeUndefined();
  });
});
