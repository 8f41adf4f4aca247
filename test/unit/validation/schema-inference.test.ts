import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/paths.js';
import { toNTriples } from '../../../src/validation/term-text.js';
import { readTurtleFiles } from '../../../src/validation/read-turtle-files.js';
import { SchemaInference } from '../../../src/validation/schema-inference.js';
import { turtle } from './profile-fixture.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';

const schema = SchemaInference.fromQuads(turtle(`
  ex:Painting rdfs:subClassOf ex:Artwork .
  ex:Artwork rdfs:subClassOf ex:Thing .
  ex:Period rdfs:subClassOf ex:Temporal, ex:Volume .
  ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:A .
  ex:depicts owl:inverseOf ex:isDepictedBy .
`));

function lines(quads: readonly RDF.Quad[]): string[] {
  return quads.map((q) => `${toNTriples(q.subject)} ${toNTriples(q.predicate)} ${toNTriples(q.object)}`).sort();
}

describe('SchemaInference', () => {
  it('adds every superclass of every type, transitively and over multiple inheritance', () => {
    expect(lines(schema.infer(turtle('ex:p a ex:Painting . ex:q a ex:Period .')))).toEqual([
      '<http://example.org/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Artwork>',
      '<http://example.org/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Thing>',
      '<http://example.org/q> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Temporal>',
      '<http://example.org/q> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Volume>',
    ]);
  });

  it('survives a subclass cycle', () => {
    expect(schema.superclassesOf('http://example.org/A').map((c) => c.value).sort()).toEqual(['http://example.org/A', 'http://example.org/B']);
  });

  it('adds the inverse of a property in both directions of owl:inverseOf, for IRIs and blank nodes', () => {
    expect(lines(schema.infer(turtle('ex:p ex:depicts ex:m . _:e ex:isDepictedBy ex:p .')))).toEqual([
      '<http://example.org/m> <http://example.org/isDepictedBy> <http://example.org/p>',
      '<http://example.org/p> <http://example.org/depicts> _:e',
    ]);
  });

  it('never makes a literal a subject', () => {
    expect(schema.infer(turtle('ex:p ex:depicts "a face" .'))).toEqual([]);
  });

  it('puts inferred triples in the default graph and leaves its input alone', () => {
    const input = Object.freeze(turtle('ex:p a ex:Painting .'));
    const inferred = schema.infer(input);
    expect(inferred.every((q) => q.graph.termType === 'DefaultGraph')).toBe(true);
    expect(input).toHaveLength(1);
  });

  it('none infers nothing', () => {
    expect(SchemaInference.none.isEmpty).toBe(true);
    expect(SchemaInference.none.infer(turtle('ex:p a ex:Painting ; ex:depicts ex:m .'))).toEqual([]);
  });

  describe('from the CIDOC-CRM 7.1.3 RDFS in vocabularies/', () => {
    const crm = SchemaInference.fromQuads(readTurtleFiles([join(packageRoot(), 'vocabularies', 'cidoc-crm', 'cidoc-crm-7.1.3.rdfs.ttl')]).flat());

    it('knows E22 Human-Made Object is a physical, human-made, persistent E1 entity', () => {
      expect(crm.superclassesOf(`${CRM}E22_Human-Made_Object`).map((c) => c.value.slice(CRM.length)).sort()).toEqual([
        'E18_Physical_Thing', 'E19_Physical_Object', 'E1_CRM_Entity', 'E24_Physical_Human-Made_Thing',
        'E70_Thing', 'E71_Human-Made_Thing', 'E72_Legal_Object', 'E77_Persistent_Item',
      ]);
    });

    it('pairs P108 has produced with P108i was produced by, both ways', () => {
      expect(crm.inverseOf(`${CRM}P108_has_produced`)?.value).toBe(`${CRM}P108i_was_produced_by`);
      expect(crm.inverseOf(`${CRM}P108i_was_produced_by`)?.value).toBe(`${CRM}P108_has_produced`);
    });
  });
});
