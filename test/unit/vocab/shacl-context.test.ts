import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { camelCase, contextFromShacl } from '../../../src/vocab/shacl-context.js';

const SHAPES = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <urn:ex:> .

# Activiteit stands for its class and, for inherited properties, for its subclass Aankoop too.
ex:ActiviteitShape a sh:NodeShape ; rdfs:label "Activiteit"@nl ; sh:targetClass ex:Purchase, ex:Activity ;
  sh:property [ sh:name "uitgevoerd door"@nl ; sh:path ex:carriedOutBy ; sh:class ex:Agent ] ,
              [ sh:name "beschrijving"@nl ; sh:path ex:note ; sh:datatype rdf:langString ] ,
              [ sh:name "waarde"@nl ; sh:path ex:value ; sh:maxCount 1 ; sh:or ( [ sh:datatype xsd:decimal ] [ sh:datatype xsd:string ] ) ] ,
              [ sh:name "plaats"@nl ; sh:path ex:place ; sh:maxCount 1 ; sh:or ( [ sh:class ex:Place ] [ sh:class ex:Address ] ) ] ,
              [ sh:name "datum"@nl ; sh:path ex:date ; sh:maxCount 1 ; sh:datatype xsd:dateTime ] ,
              [ sh:name "notatie"@nl ; sh:path ex:notation ; sh:maxCount 1 ] ,
              [ sh:name "geometrie"@nl ; sh:path ex:geometry ; sh:nodeKind sh:Literal ] ,
              [ sh:name "link"@nl ; sh:path ex:link ; sh:nodeKind sh:IRI ] ,
              [ sh:path ex:unnamed ] .
ex:AankoopShape a sh:NodeShape ; rdfs:label "Aankoop"@nl ; sh:targetClass ex:Purchase .
ex:MensgemaaktObjectShape a sh:NodeShape ; rdfs:label "Mensgemaakt Object"@nl ; sh:targetClass ex:HumanMadeObject .
# A shape without a label or a target names no term.
ex:Helper a sh:NodeShape ; sh:targetClass ex:Other .
`;

const quads = () => new Parser().parse(SHAPES);

describe('contextFromShacl', () => {
  const context = contextFromShacl(quads());

  it('names a class by its shape\'s label, and a shape with subclass targets by the class no other shape targets', () => {
    expect(context.Activiteit).toBe('urn:ex:Activity');
    expect(context.Aankoop).toBe('urn:ex:Purchase');
    expect(context.MensgemaaktObject).toBe('urn:ex:HumanMadeObject');
    expect(Object.values(context)).not.toContain('urn:ex:Other');
  });

  it('names a property Class.name, a set unless sh:maxCount is 1, an IRI only where the shape says its values are resources', () => {
    expect(context['Activiteit.uitgevoerdDoor']).toEqual({ '@id': 'urn:ex:carriedOutBy', '@type': '@id', '@container': '@set' });
    expect(context['Activiteit.plaats']).toEqual({ '@id': 'urn:ex:place', '@type': '@id' });
    expect(context['Activiteit.link']).toEqual({ '@id': 'urn:ex:link', '@type': '@id', '@container': '@set' });
    expect(context['Activiteit.datum']).toEqual({ '@id': 'urn:ex:date', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' });
    // Literals of several types, any literal, or nothing said: the value keeps its own type.
    expect(context['Activiteit.waarde']).toEqual({ '@id': 'urn:ex:value' });
    expect(context['Activiteit.geometrie']).toEqual({ '@id': 'urn:ex:geometry', '@container': '@set' });
    expect(context['Activiteit.notatie']).toEqual({ '@id': 'urn:ex:notation' });
  });

  it('imposes no rdf:langString, so a plain string stays a string that validation can report', () => {
    expect(context['Activiteit.beschrijving']).toEqual({ '@id': 'urn:ex:note', '@container': '@set' });
  });

  it('leaves out a property shape without sh:name, and sorts the terms', () => {
    expect(Object.values(context).some((term) => typeof term === 'object' && term['@id'] === 'urn:ex:unnamed')).toBe(false);
    expect(Object.keys(context)).toEqual([...Object.keys(context)].sort());
  });

  it('adds the extra terms, and refuses one that contradicts a term of the shapes', () => {
    const extended = contextFromShacl(quads(), [{ term: 'Literal', definition: 'urn:ex:Literal', reason: 'test' }]);
    expect(extended.Literal).toBe('urn:ex:Literal');
    expect(() => contextFromShacl(quads(), [{ term: 'Activiteit', definition: 'urn:ex:Else', reason: 'test' }]))
      .toThrow(/define Activiteit twice, differently/);
  });
});

describe('camelCase', () => {
  it('joins words as OSLO names terms', () => {
    expect(camelCase('Mensgemaakt Object', true)).toBe('MensgemaaktObject');
    expect(camelCase('beeldt uit', false)).toBe('beeldtUit');
    expect(camelCase('toegekend door (String)', false)).toBe('toegekendDoor(String)');
    expect(camelCase('  Set ', true)).toBe('Set');
  });
});
