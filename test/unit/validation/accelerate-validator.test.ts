/**
 * The accelerated validator must give exactly the plain rdf-validate-shacl results: same focus
 * nodes, paths, values, components, shapes and severities, on the real profile and on shapes
 * and data built to take every shortcut and every fallback.
 */
import type * as RDF from '@rdfjs/types';
import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { accelerateValidator } from '../../../src/validation/accelerate-validator.js';
import { loadProfileShapes } from '../../../src/validation/load-profile-shapes.js';
import { resolveProfile } from '../../../src/validation/profile-definition.js';
import { readTurtleFiles } from '../../../src/validation/read-turtle-files.js';
import { SchemaInference } from '../../../src/validation/schema-inference.js';
import { toNodeId } from '../../../src/validation/term-text.js';
import { turtle } from './profile-fixture.js';

function pair(shapes: readonly RDF.Quad[]): { plain: SHACLValidator; fast: SHACLValidator } {
  const fast = new SHACLValidator(new Store([...shapes]));
  accelerateValidator(fast);
  return { plain: new SHACLValidator(new Store([...shapes])), fast };
}

async function results(validator: SHACLValidator, data: readonly RDF.Quad[]): Promise<string[]> {
  const report = await validator.validate(validator.factory.dataset([...data]));
  return report.results.map((r) => [r.focusNode, r.path as RDF.Term | null, r.value as RDF.Term | null, r.sourceConstraintComponent, r.sourceShape, r.severity]
    .map((term) => term === null ? '-' : term.termType === 'BlankNode' && term === r.path ? '[path]' : toNodeId(term)).join(' ')).sort();
}

async function expectSame(validators: { plain: SHACLValidator; fast: SHACLValidator }, data: readonly RDF.Quad[]): Promise<string[]> {
  const [plain, fast] = await Promise.all([results(validators.plain, data), results(validators.fast, data)]);
  expect(fast).toEqual(plain);
  return fast;
}

const SHAPES = turtle(`
  ex:Thing a rdfs:Class, sh:NodeShape ;
    sh:property [ sh:path ex:title ; sh:minCount 1 ; sh:maxCount 1 ] .
  ex:ByNode sh:targetNode ex:fixed ; sh:property [ sh:path ex:title ; sh:minCount 1 ] .
  ex:BySubject sh:targetSubjectsOf ex:maker ; sh:property [ sh:path ex:maker ; sh:class ex:Agent ] .
  ex:ByObject sh:targetObjectsOf ex:maker ; sh:class ex:Agent .
  ex:Mixed sh:targetClass ex:Work ; sh:property
    [ sh:path ex:about ; sh:or ( [ sh:class ex:Agent ] [ sh:datatype xsd:string ] [ sh:path ex:label ; sh:minCount 1 ] ) ] ,
    [ sh:path ex:alt ; sh:or ( [ sh:class ex:Nothing ] ex:Off ) ] ,
    [ sh:path ( ex:part ex:title ) ; sh:minCount 2 ] .
  # A deactivated alternative conforms, so this sh:or never fails.
  ex:Off sh:class ex:Nothing ; sh:deactivated true .
  ex:PartShape sh:targetClass ex:Part ; sh:property [ sh:path [ sh:inversePath ex:part ] ; sh:maxCount 1 ] .
`);

const DATA = turtle(`
  ex:t a ex:Thing ; ex:title "a", "b" .
  ex:u a ex:Thing .
  ex:fixed ex:other 1 .
  ex:w a ex:Work ; ex:maker ex:m, "literal maker" ; ex:about ex:m, "text", ex:x, ex:y, 12, ex:z ; ex:alt ex:m ; ex:part ex:p1 .
  ex:w2 a ex:Work ; ex:part ex:p1 .
  ex:m a ex:Agent . ex:x ex:label "x" . ex:p1 a ex:Part ; ex:title "p" .
`);

describe('accelerateValidator', () => {
  it('gives the plain results on shapes built to use every shortcut', async () => {
    const found = await expectSame(pair(SHAPES), DATA);
    // The comparison is not vacuous: each kind of target and constraint reports something.
    expect(found.length).toBeGreaterThan(8);
    for (const component of ['MinCount', 'MaxCount', 'Class', 'Or']) expect(found.join('\n')).toContain(`${component}ConstraintComponent`);
  });

  it('gives the plain results when the data has rdfs:subClassOf triples (SHACL then follows them)', async () => {
    const found = await expectSame(pair(SHAPES), [...DATA, ...turtle('ex:Painter rdfs:subClassOf ex:Agent . ex:y a ex:Painter . ex:Sculpture rdfs:subClassOf ex:Work . ex:s a ex:Sculpture .')]);
    expect(found.join('\n')).toContain('http://example.org/s ');
  });

  it('keeps node-check counting for shapes that refer to themselves, and stops at cyclic data', async () => {
    const shapes = turtle('ex:Chain sh:targetClass ex:Link ; sh:property [ sh:path ex:next ; sh:node ex:Chain ; sh:minCount 1 ] .');
    const validators = pair(shapes);
    expect(validators.fast.validationEngine.maxNodeChecks).toBe(50);
    await expectSame(validators, turtle('ex:a a ex:Link ; ex:next ex:b . ex:b ex:next ex:a . ex:c a ex:Link .'));
    expect(pair(SHAPES).fast.validationEngine.maxNodeChecks).toBe(0);
  });

  it('gives the plain results on the cultureel-erfgoed profile, with and without inference', async () => {
    const profile = resolveProfile('cultureel-erfgoed');
    const validators = pair(loadProfileShapes(profile).shapes);
    const inference = SchemaInference.fromQuads(readTurtleFiles(profile.inferenceFiles).flat());
    const record = turtle(`
      ex:o a crm:E22_Human-Made_Object ; crm:P102_has_title "Stoel"@nl, "Chaise"@fr ; crm:P62_depicts ex:p, "iemand" ;
        crm:P108i_was_produced_by _:prod ; crm:P43_has_dimension _:h ; crm:P24i_changed_ownership_through _:buy .
      _:prod a crm:E12_Production ; crm:P14_carried_out_by ex:p, ex:q .
      ex:p a <http://www.w3.org/ns/person#Person> . ex:q a crm:E39_Actor .
      _:h a crm:E54_Dimension ; crm:P90_has_value "1", "2" ; crm:P91_has_unit ex:cm .
      _:buy a crm:E96_Purchase ; crm:P179_had_sales_price [ a crm:E97_Monetary_Amount ; crm:P180_has_currency "EUR" ] .`);
    const raw = await expectSame(validators, record);
    const inferred = await expectSame(validators, [...record, ...inference.infer(record)]);
    expect(raw.length).toBeGreaterThan(5);
    expect(inferred.length).toBeGreaterThan(5);
    expect(inferred).not.toEqual(raw);
  });
});
