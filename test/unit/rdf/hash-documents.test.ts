import { describe, expect, it } from 'vitest';
import type { RecordKind } from '../../../src/domain/record-kind.js';
import type { DocumentRecord } from '../../../src/ports/record-store.js';
import { cutOffIn } from '../../../src/rdf/hash-documents.js';

const P = 'http://ex.org/p';
const BIRTH = 'http://ex.org/birth';
const KNOWS = 'http://ex.org/knows';
const NAME = 'http://ex.org/name';

/** One record of the document: `statements` as [subject, predicate, object IRI or "literal"]. */
function record(iri: string, statements: ReadonlyArray<readonly [string, string, string]>, dataset = 'd', kind: RecordKind = 'resource'): DocumentRecord {
  const term = (value: string): string => (value.startsWith('"') ? value : `<${value}>`);
  return { iri, dataset, kind, nquads: statements.map(([s, p, o]) => `<${s}> <${p}> ${term(o)} <${iri}> .\n`).join('') };
}

describe('hash records cut off by restricted properties of their document', () => {
  it('cuts off what only a restricted property leads to, and what only that leads to', () => {
    const records = [
      record(P, [[P, BIRTH, `${P}#birth`], [P, KNOWS, `${P}#friend`], [P, NAME, '"P"']]),
      record(`${P}#birth`, [[`${P}#birth`, KNOWS, `${P}#place`]]),
      record(`${P}#place`, [[`${P}#place`, NAME, '"Zundert"']]),
      record(`${P}#friend`, [[`${P}#friend`, NAME, '"F"']]),
    ];
    expect([...cutOffIn(P, records, 'd', [BIRTH])].sort()).toEqual([`${P}#birth`, `${P}#place`]);
    // Reached another way too: kept.
    const alsoKnown = [...records.slice(0, 3), record(`${P}#friend`, [[`${P}#friend`, KNOWS, `${P}#place`]])];
    expect([...cutOffIn(P, alsoKnown, 'd', [BIRTH])]).toEqual([`${P}#birth`]);
    expect(cutOffIn(P, records, 'd', [NAME]).size).toBe(0);
    expect(cutOffIn(P, records, 'd', []).size).toBe(0);
  });

  it('cuts off a cycle only a restricted property leads to, and leaves one nothing leads to', () => {
    const cycle = [
      record(P, [[P, BIRTH, `${P}#a`]]),
      record(`${P}#a`, [[`${P}#a`, KNOWS, `${P}#b`], [`${P}#a`, KNOWS, `${P}#a`]]),
      record(`${P}#b`, [[`${P}#b`, KNOWS, `${P}#a`]]),
      record(`${P}#c`, [[`${P}#c`, KNOWS, `${P}#d`]]),
      record(`${P}#d`, [[`${P}#d`, KNOWS, `${P}#c`]]),
    ];
    expect([...cutOffIn(P, cycle, 'd', [BIRTH])].sort()).toEqual([`${P}#a`, `${P}#b`]);
  });

  it('judges without a record at the document\'s IRI, from the hash records nothing refers to', () => {
    const records = [
      record(`${P}#this`, [[`${P}#this`, BIRTH, `${P}#birth`]]),
      record(`${P}#birth`, [[`${P}#birth`, NAME, '"1853"']]),
    ];
    expect([...cutOffIn(P, records, 'd', [BIRTH])]).toEqual([`${P}#birth`]);
  });

  it('names a hash IRI of no live record that only a restricted property leads to (a deleted one)', () => {
    expect([...cutOffIn(P, [record(P, [[P, BIRTH, `${P}#birth`]])], 'd', [BIRTH])]).toEqual([`${P}#birth`]);
  });

  it('reads only the records of the hash record\'s own dataset: another organisation\'s person does not speak for it', () => {
    const records = [record(P, [[P, BIRTH, `${P}#birth`]], 'other'), record(`${P}#birth`, [[`${P}#birth`, NAME, '"1853"']])];
    expect(cutOffIn(P, records, 'd', [BIRTH]).size).toBe(0);
    expect([...cutOffIn(P, records, 'other', [BIRTH])]).toEqual([`${P}#birth`]);
  });

  it('never cuts off a concept or a term list: the terms of a list stand on their own, a restricted narrower hides only the statement', () => {
    const NARROWER = 'http://www.w3.org/2004/02/skos/core#narrower';
    const list = [
      record(P, [[P, KNOWS, `${P}#top`]], 'd', 'term-list'),
      record(`${P}#top`, [[`${P}#top`, NARROWER, `${P}#sub`]], 'd', 'concept'),
      record(`${P}#sub`, [[`${P}#sub`, KNOWS, `${P}#note`]], 'd', 'concept'),
      record(`${P}#note`, [[`${P}#note`, NAME, '"n"']]),
    ];
    expect(cutOffIn(P, list, 'd', [NARROWER]).size).toBe(0);
    // What only a concept's restricted property leads to goes, as anywhere.
    expect([...cutOffIn(P, list, 'd', [KNOWS])]).toEqual([`${P}#note`]);
  });
});
