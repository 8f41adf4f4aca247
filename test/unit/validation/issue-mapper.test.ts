import { Store } from 'n3';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../src/ports/shape-validator.js';
import { propertyPathText } from '../../../src/validation/property-path-text.js';
import { turtle, validatorFor } from './profile-fixture.js';

const SH = 'http://www.w3.org/ns/shacl#';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';

/** The one issue a single-shape profile reports for a record. */
async function onlyIssue(shapes: string, record: string): Promise<ValidationIssue> {
  const { issues } = await validatorFor([shapes]).validate(turtle(record));
  expect(issues).toHaveLength(1);
  return issues[0] as ValidationIssue;
}

describe('issues from SHACL results', () => {
  it('carry focus node, path, constraint, shape and severity, with a message built from the constraint', async () => {
    const issue = await onlyIssue(
      'ex:ObjectShape sh:targetClass crm:E22_Human-Made_Object ; sh:property ex:TitleShape . ex:TitleShape sh:path crm:P102_has_title ; sh:minCount 1 .',
      'ex:o a crm:E22_Human-Made_Object .',
    );
    expect(issue).toEqual({
      focusNode: 'http://example.org/o',
      path: `${CRM}P102_has_title`,
      message: 'needs at least 1 value for <P102_has_title>',
      severity: 'violation',
      constraint: `${SH}MinCountConstraintComponent`,
      shape: 'http://example.org/TitleShape',
    });
  });

  it('give the offending value in N-Triples form and name blank nodes _:label', async () => {
    const issue = await onlyIssue(
      'ex:S sh:targetClass crm:E12_Production ; sh:property [ sh:path crm:P14_carried_out_by ; sh:class crm:E39_Actor ] .',
      '_:production a crm:E12_Production ; crm:P14_carried_out_by "Théo \\"de schilder\\""@nl .',
    );
    expect(issue.focusNode).toBe('_:production');
    expect(issue.value).toBe('"Théo \\"de schilder\\""@nl');
    expect(issue.message).toBe('value "Théo \\"de schilder\\""@nl is not a <E39_Actor>');
    expect(issue.shape).toMatch(/^_:/);
  });

  it.each([
    ['sh:maxCount 1', 'ex:t ex:p "a", "b" .', 'allows at most 1 value for <p>'],
    ['sh:minCount 2', 'ex:t ex:p "a" .', 'needs at least 2 values for <p>'],
    ['sh:datatype xsd:integer', 'ex:t ex:p "12a"^^xsd:integer .', 'value "12a"^^<http://www.w3.org/2001/XMLSchema#integer> is not a valid <integer> literal'],
    ['sh:nodeKind sh:IRI', 'ex:t ex:p "x" .', 'value "x" is not an IRI'],
    ['sh:in ( "a" "b" )', 'ex:t ex:p "c" .', 'value "c" is not one of: "a", "b"'],
    ['sh:pattern "^[0-9]+$"', 'ex:t ex:p "12a" .', 'value "12a" does not match the pattern ^[0-9]+$'],
    ['sh:or ( [ sh:class skos:Concept ] [ sh:datatype xsd:string ] )', 'ex:t ex:p ex:x .', 'value <http://example.org/x> is none of: a <Concept>, a <string> literal'],
    ['sh:hasValue ex:v', 'ex:t ex:p ex:x .', 'needs the value <v> for <p>'],
    ['sh:maxLength 2', 'ex:t ex:p "abc" .', 'value "abc" is longer than 2 characters'],
    ['sh:minInclusive 10', 'ex:t ex:p 5 .', 'value "5"^^<http://www.w3.org/2001/XMLSchema#integer> is less than 10'],
    ['sh:languageIn ( "nl" "en" )', 'ex:t ex:p "chaise"@fr .', 'value "chaise"@fr is in none of the languages nl, en'],
  ])('explain %s in plain English', async (constraint, record, message) => {
    const issue = await onlyIssue(`ex:S sh:targetNode ex:t ; sh:property [ sh:path ex:p ; ${constraint} ] .`, record);
    expect(issue.message).toBe(message);
  });

  it('prefer the shape\'s own sh:message: Dutch, then English, then any, with {$param} filled in', async () => {
    const messages = async (text: string) => (await onlyIssue(
      `ex:S sh:targetNode ex:t ; sh:property [ sh:path ex:p ; sh:minCount 1 ; ${text} ] .`, 'ex:t ex:q 1 .')).message;
    expect(await messages('sh:message "Too few"@en, "Minstens {$minCount} waarde"@nl, "Trop peu"@fr')).toBe('Minstens 1 waarde');
    expect(await messages('sh:message "Trop peu"@fr, "Too few"@en')).toBe('Too few');
    expect(await messages('sh:message "Trop peu"@fr')).toBe('Trop peu');
  });

  it('map sh:Warning and sh:Info, and only violations make a record fail', async () => {
    const validator = validatorFor([`
      ex:W sh:targetNode ex:t ; sh:severity sh:Warning ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning ] .
      ex:I sh:targetNode ex:t ; sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:severity sh:Info ] .`]);
    const outcome = await validator.validate(turtle('ex:t ex:r 1 .'));
    expect(outcome.issues.map((i) => i.severity).sort()).toEqual(['info', 'warning']);
    expect(outcome.conforms).toBe(true);
  });

  it('show an inverse path as ^<p>', async () => {
    const issue = await onlyIssue(
      'ex:S sh:targetClass crm:E22_Human-Made_Object ; sh:property [ sh:path [ sh:inversePath crm:P108_has_produced ] ; sh:minCount 1 ] .',
      'ex:o a crm:E22_Human-Made_Object .',
    );
    expect(issue.path).toBe(`^<${CRM}P108_has_produced>`);
    expect(issue.message).toBe('needs at least 1 value for ^<P108_has_produced>');
  });

  it('show a sequence path as <p>/<q>', async () => {
    const issue = await onlyIssue(
      'ex:S sh:targetClass crm:E22_Human-Made_Object ; sh:property [ sh:path ( crm:P108i_was_produced_by crm:P14_carried_out_by ) ; sh:minCount 1 ] .',
      'ex:o a crm:E22_Human-Made_Object .',
    );
    expect(issue.path).toBe(`<${CRM}P108i_was_produced_by>/<${CRM}P14_carried_out_by>`);
  });
});

describe('propertyPathText', () => {
  const paths = new Store(turtle(`
    ex:paths ex:alt [ sh:alternativePath ( ex:a ex:b ) ] ;
      ex:star [ sh:zeroOrMorePath ex:a ] ;
      ex:plus [ sh:oneOrMorePath [ sh:inversePath ex:a ] ] ;
      ex:opt [ sh:zeroOrOnePath ( ex:a ex:b ) ] ;
      ex:seqOfAlt ( ex:a [ sh:alternativePath ( ex:b ex:c ) ] ) ;
      ex:bogus [ ex:nothing ex:here ] .`));
  const path = (name: string) => paths.getObjects('http://example.org/paths', `http://example.org/${name}`, null)[0];
  const text = (name: string) => {
    const term = path(name);
    if (term === undefined) throw new Error(name);
    return propertyPathText(term, paths, (iri) => `:${iri.slice('http://example.org/'.length)}`);
  };

  it.each([
    ['alt', ':a|:b'],
    ['star', ':a*'],
    // SPARQL reads ^:a+ as ^(:a+), which reaches the same nodes as (^:a)+.
    ['plus', '^:a+'],
    ['opt', '(:a/:b)?'],
    ['seqOfAlt', ':a/(:b|:c)'],
  ])('renders %s as %s', (name, expected) => {
    expect(text(name)).toBe(expected);
  });

  it('shows a blank node that is no path by its label', () => {
    expect(text('bogus')).toMatch(/^_:/);
  });
});
