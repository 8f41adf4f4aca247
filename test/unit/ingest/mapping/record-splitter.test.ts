import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { splitRecords, type MappedRecord } from '../../../../src/ingest/mapping/record-splitter.js';

const EX = 'http://example.org/';
const TYPES = new Set([`${EX}Object`, `${EX}Agent`]);
const PROLOGUE = '@prefix ex: <http://example.org/> .\n';

function split(turtle: string, types: ReadonlySet<string> = TYPES): { records: MappedRecord[]; unreached: string[] } {
  return splitRecords(new Parser({ baseIRI: EX }).parse(PROLOGUE + turtle), types);
}

/** Each record as its IRI (without the namespace) and the subjects of its triples. */
function subjects(records: readonly MappedRecord[]): Record<string, string[]> {
  const short = (value: string): string => value.replace(EX, '');
  return Object.fromEntries(records.map((r) => [
    short(r.iri),
    [...new Set(r.quads.map((q) => (q.subject.termType === 'BlankNode' ? '_' : short(q.subject.value))))].sort(),
  ]));
}

const count = (record: MappedRecord | undefined): number => record?.quads.length ?? -1;

describe('splitRecords', () => {
  it('makes a record of every IRI subject typed with a record type, in order of first appearance', () => {
    const { records, unreached } = split(`
      ex:a2 a ex:Agent ; ex:name "Jan" .
      ex:o1 a ex:Object ; ex:title "Stoel" .
      ex:x a ex:Other ; ex:name "geen record" .`);
    expect(records.map((r) => r.iri)).toEqual([`${EX}a2`, `${EX}o1`]);
    expect(records.map(count)).toEqual([2, 2]);
    expect(unreached).toEqual([`${EX}x`]);
  });

  it('never makes a record of a blank node, whatever its type', () => {
    const { records, unreached } = split('[] a ex:Object ; ex:title "Stoel" .');
    expect(records).toEqual([]);
    expect(unreached).toHaveLength(1);
    expect(unreached[0]).toMatch(/^_:/);
  });

  it('takes blank nodes, hash IRIs and non-record IRIs the record reaches, transitively', () => {
    const { records, unreached } = split(`
      ex:o1 a ex:Object ; ex:dimension [ ex:value 45 ; ex:unit ex:cm ] ; ex:production <o1#productie> ; ex:type ex:stoel .
      <o1#productie> ex:place ex:gent ; ex:technique [ ex:label "gezaagd" ] .
      ex:gent ex:name "Gent" .
      ex:stoel ex:label "stoel"@nl .
      ex:cm ex:label "cm" .`);
    expect(subjects(records)).toEqual({ o1: ['_', 'cm', 'gent', 'o1', 'o1#productie', 'stoel'] });
    expect(count(records[0])).toBe(12);
    expect(unreached).toEqual([]);
  });

  it('stops at other records: a reference to a record is a link, not a part', () => {
    const { records } = split(`
      ex:o1 a ex:Object ; ex:maker ex:a1 .
      ex:a1 a ex:Agent ; ex:name "Jan" ; ex:made ex:o1 .`);
    expect(subjects(records)).toEqual({ o1: ['o1'], a1: ['a1'] });
  });

  it('copies a part two records share into both', () => {
    const { records } = split(`
      ex:o1 a ex:Object ; ex:type ex:stoel .
      ex:o2 a ex:Object ; ex:type ex:stoel .
      ex:stoel ex:label "stoel"@nl ; ex:broader [ ex:label "meubel" ] .`);
    expect(subjects(records)).toEqual({ o1: ['_', 'o1', 'stoel'], o2: ['_', 'o2', 'stoel'] });
  });

  it('survives cycles', () => {
    const { records } = split(`
      ex:o1 a ex:Object ; ex:part _:x .
      _:x ex:next _:y . _:y ex:next _:x .`);
    expect(count(records[0])).toBe(4);
  });

  it('attaches a node nothing reaches that points into one record, such as a role pointing at a production', () => {
    const { records, unreached } = split(`
      ex:o1 a ex:Object ; ex:production <o1#productie> .
      <o1#productie> ex:date "1885" .
      [] ex:role ex:maker ; ex:of <o1#productie> ; ex:agent ex:a1 ; ex:detail [ ex:note "links" ] .
      ex:a1 a ex:Agent ; ex:name "Jan" .`);
    expect(subjects(records)).toEqual({ o1: ['_', 'o1', 'o1#productie'], a1: ['a1'] });
    expect(count(records[0])).toBe(8);
    expect(unreached).toEqual([]);
  });

  it('attaches chains of such nodes', () => {
    const { records, unreached } = split(`
      ex:o1 a ex:Object ; ex:production <o1#productie> .
      <o1#productie> ex:date "1885" .
      ex:n1 ex:about ex:n2 .
      ex:n2 ex:of <o1#productie> .`);
    expect(subjects(records)).toEqual({ o1: ['n1', 'n2', 'o1', 'o1#productie'] });
    expect(unreached).toEqual([]);
  });

  it('leaves a node that points into two records, or only at a record itself, unreached', () => {
    const { records, unreached } = split(`
      ex:o1 a ex:Object ; ex:production <o1#p> . <o1#p> ex:date "1885" .
      ex:o2 a ex:Object ; ex:production <o2#p> . <o2#p> ex:date "1890" .
      ex:both ex:of <o1#p>, <o2#p> .
      ex:link ex:from ex:o1 .`);
    expect(subjects(records)).toEqual({ o1: ['o1', 'o1#p'], o2: ['o2', 'o2#p'] });
    expect(unreached.sort()).toEqual([`${EX}both`, `${EX}link`]);
  });

  it('does not take a literal that spells a part\'s IRI for a reference to it', () => {
    const { unreached } = split(`
      ex:o1 a ex:Object ; ex:production <o1#p> . <o1#p> ex:date "1885" .
      ex:note ex:text "http://example.org/o1#p" .`);
    expect(unreached).toEqual([`${EX}note`]);
  });

  it('counts every record type, and a subject typed twice is one record', () => {
    const { records } = split('ex:x a ex:Object, ex:Agent ; ex:name "beide" .');
    expect(records.map((r) => [r.iri, r.quads.length])).toEqual([[`${EX}x`, 3]]);
  });

  it('returns no records for output with no record type', () => {
    expect(split('ex:x ex:p "1" .', new Set([`${EX}Nothing`]))).toEqual({ records: [], unreached: [`${EX}x`] });
  });
});
