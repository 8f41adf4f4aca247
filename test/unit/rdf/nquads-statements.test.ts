import { DataFactory, Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { quadToNQuad } from '../../../src/rdf/nquads.js';
import { nquadsStatements } from '../../../src/rdf/nquads-statements.js';


describe('nquadsStatements', () => {
  it('reads back what quadToNQuad writes, as a general parser reads it', () => {
    const g = DataFactory.namedNode('https://example.org/record');
    const s = DataFactory.namedNode('https://example.org/s');
    const quads = [
      DataFactory.quad(s, DataFactory.namedNode('https://example.org/p'), DataFactory.literal('plain'), g),
      DataFactory.quad(s, DataFactory.namedNode('https://example.org/p'), DataFactory.literal('émail "quoted"\nline\\back\ttab\r\u0007'), g),
      DataFactory.quad(s, DataFactory.namedNode('https://example.org/p'), DataFactory.literal('Sint-Niklaas', 'nl-be'), g),
      DataFactory.quad(s, DataFactory.namedNode('https://example.org/p'), DataFactory.literal('5', DataFactory.namedNode('http://www.w3.org/2001/XMLSchema#integer')), g),
      DataFactory.quad(DataFactory.blankNode('b0'), DataFactory.namedNode('https://example.org/p'), DataFactory.blankNode('b1'), g),
      DataFactory.quad(s, DataFactory.namedNode('https://example.org/p'), DataFactory.namedNode('https://example.org/o#frag?x=1'), g),
      DataFactory.quad(s, DataFactory.namedNode('https://example.org/p'), DataFactory.literal('  spaces  "" > < '), g),
    ];
    const text = quads.map(quadToNQuad).join('');
    const expected = new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(text).map((q) => ({
      subject: { termType: q.subject.termType, value: q.subject.value },
      predicate: { termType: q.predicate.termType, value: q.predicate.value },
      object: q.object.termType === 'Literal'
        ? { termType: 'Literal', value: q.object.value, language: q.object.language, datatype: q.object.datatype.value }
        : { termType: q.object.termType, value: q.object.value },
    }));
    expect([...nquadsStatements(text)]).toEqual(expected);
  });

  it('refuses a line that is not canonical N-Quads', () => {
    expect(() => [...nquadsStatements('just text .\n')]).toThrow(/not a canonical N-Quads/);
  });
});
