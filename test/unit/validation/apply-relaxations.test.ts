import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/domain/errors.js';
import { applyRelaxations } from '../../../src/validation/apply-relaxations.js';
import { toNodeId, toNTriples } from '../../../src/validation/term-text.js';
import { turtle, validatorFor } from './profile-fixture.js';

/** An "official" layer: a named node shape with two blank property shapes, and an anonymous targetNode shape. */
const OFFICIAL = `
  ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property _:title , _:maker ;
    sh:xone ( [ sh:class ex:A ] [ sh:class ex:B ] ) .
  _:title sh:path ex:title ; sh:minCount 1 ; sh:datatype xsd:string .
  _:maker sh:path ex:maker ; sh:minCount 1 ; sh:class ex:Agent .
  _:exists sh:targetNode ex:Thing ; sh:property [ sh:path [ sh:inversePath rdf:type ] ; sh:minCount 1 ] .
`;

function statements(quads: ReturnType<typeof turtle>): string[] {
  return quads.map((q) => `${toNodeId(q.subject)} ${q.predicate.value.replace('http://www.w3.org/ns/shacl#', 'sh:')} ${toNTriples(q.object)}`);
}

function relax(layer: string) {
  return applyRelaxations(turtle(OFFICIAL), turtle(layer));
}

describe('applyRelaxations', () => {
  it('removes a parameter from the property shape of a named shape, selected by its path', () => {
    const { shapes, applied } = relax(`
      ex:r a cgp:Relaxation ; rdfs:comment "makers are often unknown" ;
        cgp:select [ cgp:propertyOf ex:ThingShape ; cgp:path ex:maker ] ;
        cgp:remove sh:minCount .`);
    const result = statements(shapes);
    expect(result).not.toContain('_:maker sh:minCount "1"^^<http://www.w3.org/2001/XMLSchema#integer>');
    expect(result).toContain('_:title sh:minCount "1"^^<http://www.w3.org/2001/XMLSchema#integer>');
    expect(result).toContain('_:maker sh:class <http://example.org/Agent>');
    expect(applied).toEqual([{ id: 'http://example.org/r', reason: 'makers are often unknown', shapes: ['_:maker'] }]);
  });

  it('adds a template\'s statements to a shape selected by its sh:targetNode, and to several selected shapes', () => {
    const { shapes, applied } = relax(`
      ex:r a cgp:Relaxation ; rdfs:comment "not in the standard" ;
        cgp:select [ cgp:targetNode ex:Thing ] , [ cgp:shape ex:ThingShape ] ;
        cgp:add [ sh:deactivated true ] .`);
    const result = statements(shapes);
    expect(result).toContain('_:exists sh:deactivated "true"^^<http://www.w3.org/2001/XMLSchema#boolean>');
    expect(result).toContain('http://example.org/ThingShape sh:deactivated "true"^^<http://www.w3.org/2001/XMLSchema#boolean>');
    expect(applied[0]?.shapes).toEqual(['_:exists', 'http://example.org/ThingShape']);
  });

  it('keeps the layer\'s own shapes, drops the directives, and never changes its inputs', () => {
    const below = turtle(OFFICIAL);
    const layer = turtle(`
      ex:r a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:shape ex:ThingShape ] ; cgp:remove sh:xone .
      ex:ThingShape sh:property ex:Extra . ex:Extra sh:path ex:note ; sh:maxCount 1 .`);
    const [belowCount, layerCount] = [below.length, layer.length];
    const result = statements(applyRelaxations(below, layer).shapes);
    expect(result).toContain('http://example.org/Extra sh:maxCount "1"^^<http://www.w3.org/2001/XMLSchema#integer>');
    expect(result.some((s) => s.startsWith('http://example.org/r ') || s.includes('urn:cultuurgraaf:profile:'))).toBe(false);
    expect(result.some((s) => s.startsWith('http://example.org/ThingShape sh:xone'))).toBe(false);
    expect([below.length, layer.length]).toEqual([belowCount, layerCount]);
  });

  it('selects only from the layers below, never the layer\'s own shapes', () => {
    // The layer adds a second ex:maker property shape to ex:ThingShape; the selector still finds one.
    const { applied } = relax(`
      ex:r a cgp:Relaxation ; rdfs:comment "x" ;
        cgp:select [ cgp:propertyOf ex:ThingShape ; cgp:path ex:maker ] ; cgp:remove sh:minCount .
      ex:ThingShape sh:property ex:MakerWarning . ex:MakerWarning sh:path ex:maker ; sh:minCount 1 ; sh:severity sh:Warning .`);
    expect(applied[0]?.shapes).toEqual(['_:maker']);
  });

  it.each([
    ['no reason', 'ex:r a cgp:Relaxation ; cgp:select [ cgp:shape ex:ThingShape ] ; cgp:remove sh:xone .', 'has no rdfs:comment'],
    ['no selector', 'ex:r a cgp:Relaxation ; rdfs:comment "x" ; cgp:remove sh:xone .', 'selects no shape'],
    ['no action', 'ex:r a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:shape ex:ThingShape ] .', 'neither removes'],
    ['a selector that matches nothing', 'ex:r a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:propertyOf ex:ThingShape ; cgp:path ex:colour ] ; cgp:remove sh:minCount .', 'found 0'],
    ['an unknown shape', 'ex:r a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:shape ex:Nothing ] ; cgp:remove sh:minCount .', 'found 0'],
    ['a removal that removes nothing', 'ex:r a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:propertyOf ex:ThingShape ; cgp:path ex:title ] ; cgp:remove sh:maxCount .', 'finds no http://www.w3.org/ns/shacl#maxCount'],
    ['a selector of an unknown kind', 'ex:r a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:path ex:title ] ; cgp:remove sh:minCount .', 'selector without'],
  ])('refuses a relaxation with %s', (_, layer, problem) => {
    expect(() => relax(layer)).toThrow(InvalidInputError);
    expect(() => relax(layer)).toThrow(problem);
  });

  it('refuses a selector that matches two shapes', () => {
    const below = turtle(`${OFFICIAL} ex:ThingShape sh:property [ sh:path ex:maker ; sh:maxCount 3 ] .`);
    const layer = turtle('ex:r a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:propertyOf ex:ThingShape ; cgp:path ex:maker ] ; cgp:remove sh:minCount .');
    expect(() => applyRelaxations(below, layer)).toThrow('found 2');
  });

  it('is honoured by the validator: a deactivated shape and a removed minCount report nothing', async () => {
    const strict = validatorFor([OFFICIAL]);
    const relaxed = validatorFor([OFFICIAL, `
      ex:d a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:targetNode ex:Thing ] ; cgp:add [ sh:deactivated true ] .
      ex:m a cgp:Relaxation ; rdfs:comment "x" ; cgp:select [ cgp:propertyOf ex:ThingShape ; cgp:path ex:maker ] ; cgp:remove sh:minCount .`]);
    const record = turtle('ex:t ex:title "Stoel" .');
    expect((await strict.validate(record)).issues.map((i) => `${i.focusNode} ${i.path ?? ''}`)).toEqual([
      'http://example.org/Thing ^<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>',
    ]);
    expect((await relaxed.validate(record)).issues).toEqual([]);
    const thing = turtle('ex:t a ex:Thing, ex:A ; ex:title "Stoel" .');
    expect((await strict.validate(thing)).issues.map((i) => i.shape)).toEqual(['_:maker']);
    expect((await relaxed.validate(thing)).issues).toEqual([]);
  });
});
