/**
 * The cultureel-erfgoed local profile: every relaxation and fix really changes the outcome
 * (compared with the official shapes alone, both with inference), and nothing else does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/paths.js';
import type { ValidationIssue } from '../../../src/ports/shape-validator.js';
import { buildShapeValidator } from '../../../src/validation/load-shape-validator.js';
import { resolveProfile } from '../../../src/validation/profile-definition.js';
import { localName } from '../../../src/validation/term-text.js';
import { turtle } from './profile-fixture.js';

const profile = resolveProfile('cultureel-erfgoed');
const local = buildShapeValidator(profile);
const official = buildShapeValidator({ ...profile, shapeFiles: profile.shapeFiles.slice(0, 1), checks: [] });

const MORE_PREFIXES = `@prefix person: <http://www.w3.org/ns/person#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix qudt: <https://qudt.org/schema/qudt/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
`;

/** A complete object record: every value the official shapes require is there. */
const COMPLETE = `
  ex:o a crm:E22_Human-Made_Object ; crm:P102_has_title "Stoel"@nl ;
    crm:P108i_was_produced_by ex:production ; crm:P45_consists_of ex:oak ; crm:P43_has_dimension ex:height .
  ex:production a crm:E12_Production ; crm:P14_carried_out_by ex:maker ; crm:P7_took_place_at ex:gent .
  ex:maker a person:Person ; foaf:familyName "Maes" .
  ex:gent a dcterms:Location ; rdfs:label "Gent"@nl .
  ex:oak a skos:Concept .
  ex:height a crm:E54_Dimension ; crm:P90_has_value 45.5 ; crm:P2_has_type ex:hoogte ; crm:P91_has_unit ex:cm .
  ex:hoogte a skos:Concept . ex:cm a qudt:Unit .
`;

function lines(issues: readonly ValidationIssue[]): string[] {
  const path = (text = '-') => text.startsWith('^') ? text : localName(text);
  return issues.map((i) => `${i.severity} ${localName(i.focusNode)} ${path(i.path)} ${localName(i.constraint)}`).sort();
}

async function both(record: string) {
  const quads = turtle(MORE_PREFIXES + record);
  const [withProfile, officialOnly] = await Promise.all([local.validate(quads), official.validate(quads)]);
  return { local: withProfile, official: officialOnly };
}

describe('the cultureel-erfgoed local profile', () => {
  it('lets a complete record through without any issue, as the official shapes do', async () => {
    const { local: l, official: o } = await both(COMPLETE);
    expect(l.issues).toEqual([]);
    expect(o.issues).toEqual([]);
  });

  it('A1: a dimension with a unit whose value is no number gets a warning; the official shapes take any literal', async () => {
    for (const value of ['"52,5"', '"ca. 50"', '"50 cm"^^rdfs:Literal']) {
      const { local: l, official: o } = await both(COMPLETE.replace('crm:P90_has_value 45.5', `crm:P90_has_value ${value}`));
      expect(o.issues).toEqual([]);
      expect(l.conforms).toBe(true);
      expect(lines(l.issues)).toEqual(['warning height P90_has_value PatternConstraintComponent']);
      expect(l.issues[0]?.message).toMatch(/geen getal/);
    }
    // Without a unit it is no measurement: a book's format may be text, as in OSLO's Reynaert example.
    const format = await both(COMPLETE.replace('crm:P90_has_value 45.5', 'crm:P90_has_value "4°"').replace(' ; crm:P91_has_unit ex:cm', ''));
    expect(format.local.issues).toEqual([]);
    // As numbers, or as their written form: OSLO's published context types a JSON number rdfs:Literal.
    for (const value of ['45', '4.5e1', '"45"^^xsd:decimal', '"45"^^rdfs:Literal', '"-0.5"']) {
      const { local: l } = await both(COMPLETE.replace('crm:P90_has_value 45.5', `crm:P90_has_value ${value}`));
      expect(l.issues).toEqual([]);
    }
  });

  it('A2: a dating typed EDTF that is no EDTF gets a warning; the official shapes take any text', async () => {
    const dating = (value: string) => `ex:t a <http://www.w3.org/2006/time#ProperInterval> ;
      <https://periodo.github.io/edtf-ontology/edtfo.ttl#hasEDTFDateTimeDescription> "${value}"^^<http://id.loc.gov/datatypes/edtf/EDTF> .`;
    for (const good of ['1890', '1890/1895', '189X', '1930~', '[1667,1668]', '../1890']) {
      expect((await both(dating(good))).local.issues, good).toEqual([]);
    }
    for (const bad of ['19de eeuw', '1890-1895', '2025-02-30']) {
      const { local: l, official: o } = await both(dating(bad));
      expect(lines(l.issues), bad).toEqual(['warning t hasEDTFDateTimeDescription DatatypeConstraintComponent']);
      expect(l.issues[0]?.message).toContain(`"${bad}" is geen datering in EDTF`);
      expect(lines(o.issues).filter((issue) => issue.includes('hasEDTF')), bad).toEqual([]);
    }
  });

  it('W1-W4, W6: an object without production, agent, place, material or dimension gets warnings, not violations', async () => {
    const bare = 'ex:o a crm:E22_Human-Made_Object ; crm:P102_has_title "Stoel"@nl .';
    const { local: l, official: o } = await both(bare);
    expect(l.conforms).toBe(true);
    expect(lines(l.issues)).toEqual([
      'warning o P108i_was_produced_by MinCountConstraintComponent',
      'warning o P43_has_dimension MinCountConstraintComponent',
      'warning o P45_consists_of MinCountConstraintComponent',
    ]);
    expect(lines(o.issues)).toEqual(lines(l.issues).map((line) => line.replace('warning', 'violation')));
    const production = 'ex:production a crm:E12_Production ; crm:P108_has_produced ex:o .';
    const withProduction = await both(COMPLETE.replace('crm:P14_carried_out_by ex:maker ; crm:P7_took_place_at ex:gent .', '.') + production);
    expect(lines(withProduction.local.issues)).toEqual([
      'warning production P14_carried_out_by MinCountConstraintComponent',
      'warning production P7_took_place_at MinCountConstraintComponent',
    ]);
    expect(withProduction.local.issues.map((i) => i.message)).toEqual([
      'Er is geen uitvoerder (uitgevoerd door) opgegeven voor deze activiteit.',
      'Er is geen plaats opgegeven voor deze gebeurtenis.',
    ]);
    expect(withProduction.official.conforms).toBe(false);
  });

  it('W5: a right without a documented creation is a warning', async () => {
    const { local: l, official: o } = await both('ex:right a crm:E30_Right ; crm:P2_has_type ex:cc . ex:cc a skos:Concept .');
    expect(lines(l.issues)).toEqual(['warning right P94i_was_created_by MinCountConstraintComponent']);
    expect(lines(o.issues)).toEqual(['violation right P94i_was_created_by MinCountConstraintComponent']);
  });

  it('D1: a record with no CIDOC-CRM entity (a concept) passes; the added _:MyShape rejected it', async () => {
    const { local: l, official: o } = await both('ex:c a skos:Concept ; skos:prefLabel "stoel"@nl .');
    expect(l.issues).toEqual([]);
    expect(lines(o.issues)).toEqual(['violation E1_CRM_Entity ^<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> MinCountConstraintComponent']);
  });

  it('F1: an object may depict a person, an organisation, a place or a concept; a unit still is no Entiteit', async () => {
    // The depicted node carries what the shapes of each class ask (a Persoon's family name, a Plaats's label).
    const depicts = (value: string) => `${COMPLETE} ex:o crm:P62_depicts ex:v . ex:v a ${value} ; foaf:familyName "V" ; rdfs:label "V"@nl .`;
    for (const value of ['person:Person', 'org:Organization', 'dcterms:Agent', 'dcterms:Location', 'skos:Concept']) {
      const { local: l, official: o } = await both(depicts(value));
      expect(l.issues, value).toEqual([]);
      expect(lines(o.issues), value).toEqual(['violation o P62_depicts OrConstraintComponent']);
    }
    const unit = await both(depicts('qudt:Unit'));
    expect(lines(unit.local.issues)).toEqual(['violation o P62_depicts OrConstraintComponent']);
  });

  it('F2: a correct Geldbedrag passes (the official sh:xone rejected every one); unit rules still apply', async () => {
    const price = `ex:price a crm:E97_Monetary_Amount ; crm:P90_has_value "25"^^rdfs:Literal ; crm:P2_has_type ex:prijs ;
      crm:P180_has_currency ex:bef . ex:prijs a skos:Concept . ex:bef a skos:Concept .`;
    const { local: l, official: o } = await both(price);
    expect(l.issues).toEqual([]);
    expect(lines(o.issues)).toEqual(['violation price - XoneConstraintComponent']);
    const badUnit = await both(COMPLETE.replace('ex:cm a qudt:Unit .', '') + ' ex:height crm:P91_has_unit ex:inch . ex:inch a qudt:Unit .');
    expect(lines(badUnit.local.issues)).toEqual([
      'violation height P91_has_unit MaxCountConstraintComponent',
      'violation height P91_has_unit OrConstraintComponent',
    ]);
  });

  it('F3: a dimension may have a Beschrijving (the official rules asked for one and for a language string at once); an object still has language strings', async () => {
    const described = await both(`${COMPLETE} ex:height crm:P3_has_note ex:note .
      ex:note a <https://data.vlaanderen.be/ns/cultureel-erfgoed#Beschrijving> ; <https://data.vlaanderen.be/ns/cultureel-erfgoed#tekst> "zonder lijst"@nl .`);
    expect(described.local.issues).toEqual([]);
    expect(lines(described.official.issues)).toContain('violation height P3_has_note DatatypeConstraintComponent');
    const plain = await both(`${COMPLETE} ex:height crm:P3_has_note "zonder lijst"@nl .`);
    expect(lines(plain.local.issues)).toEqual(['violation height P3_has_note ClassConstraintComponent']);
    const objectNote = await both(`${COMPLETE} ex:o crm:P3_has_note "zonder taal" .`);
    expect(lines(objectNote.local.issues)).toEqual(['violation o P3_has_note OrConstraintComponent']);
  });

  it('F4: an organisation may have its preferred name in several languages, one per language', async () => {
    const kbr = (names: string) => `ex:kbr a org:Organization ; skos:prefLabel ${names} .`;
    const multilingual = await both(kbr('"Koninklijke Bibliotheek van België"@nl , "Bibliothèque royale de Belgique"@fr'));
    expect(multilingual.local.issues).toEqual([]);
    expect(lines(multilingual.official.issues)).toContain('violation kbr prefLabel MaxCountConstraintComponent');
    const twiceDutch = await both(kbr('"Koninklijke Bibliotheek"@nl , "KBR"@nl'));
    expect(lines(twiceDutch.local.issues)).toEqual(['violation kbr prefLabel UniqueLangConstraintComponent']);
  });

  it('W7: a person known by a full name only gets a warning, not a violation; a person with no name at all is still rejected', async () => {
    const fullNameOnly = await both(`ex:meester a person:Person ; <https://data.vlaanderen.be/ns/persoon#volledigeNaam> "Meester van Flémalle" .`);
    expect(lines(fullNameOnly.local.issues)).toEqual(['warning meester familyName MinCountConstraintComponent']);
    expect(lines(fullNameOnly.official.issues)).toContain('violation meester familyName MinCountConstraintComponent');
    const nameless = await both('ex:niemand a person:Person .');
    expect(lines(nameless.local.issues)).toEqual(['violation niemand - OrConstraintComponent', 'warning niemand familyName MinCountConstraintComponent']);
    const twoFamilyNames = await both('ex:maes a person:Person ; foaf:familyName "Maes", "Maas" .');
    expect(lines(twoFamilyNames.local.issues)).toEqual(['violation maes familyName MaxCountConstraintComponent']);
  });

  it('lists its twelve relaxations, each with a reason that README.md summarises', () => {
    const readme = readFileSync(join(packageRoot(), 'shapes', 'cultureel-erfgoed', 'README.md'), 'utf8');
    const ids = local.relaxations.map((r) => r.id.split('#')[1] ?? '');
    expect(ids.map((id) => id.split('-')[0])).toEqual(['D1', 'F1', 'F2', 'F3', 'F4', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7']);
    for (const relaxation of local.relaxations) {
      expect(relaxation.reason.length, relaxation.id).toBeGreaterThan(200);
      expect(readme, relaxation.id).toContain(relaxation.id.split('#')[1]?.split('-')[0] ?? '?');
    }
    expect(local.relaxations.find((r) => r.id.endsWith('F1-entiteit-values'))?.shapes).toHaveLength(10);
  });
});
