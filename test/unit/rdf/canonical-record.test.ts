import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { blankNodeKey, canonicalizeRecord } from '../../../src/rdf/canonical-record.js';

const parse = (text: string) => new Parser({ baseIRI: 'http://example.org/' }).parse(text);
const IRI = 'http://example.org/o1';

describe('canonicalizeRecord', () => {
  it('gives the same text and hash whatever the blank-node labels and statement order', async () => {
    const a = await canonicalizeRecord(IRI, parse(`<o1> <p> _:x . _:x <v> "1" . _:x <u> <cm> .`));
    const b = await canonicalizeRecord(IRI, parse(`_:other <u> <cm> . _:other <v> "1" . <o1> <p> _:other .`));
    expect(a.nquads).toBe(b.nquads);
    expect(a.hash).toBe(b.hash);
    expect(a.triples).toBe(3);
  });

  it('puts every quad in the record graph and scopes blank nodes to the record', async () => {
    const record = await canonicalizeRecord(IRI, parse(`<o1> <p> [ <v> "1" ] .`));
    const key = blankNodeKey(IRI);
    for (const line of record.nquads.trimEnd().split('\n')) expect(line.endsWith(`<${IRI}> .`)).toBe(true);
    expect(record.nquads).toContain(`_:b${key}_0`);
    const other = await canonicalizeRecord('http://example.org/o2', parse(`<o2> <p> [ <v> "1" ] .`));
    expect(other.nquads).not.toContain(`_:b${key}_`);
  });

  it('drops duplicate statements and sorts lines', async () => {
    const record = await canonicalizeRecord(IRI, parse(`<o1> <b> "2" . <o1> <a> "1" . <o1> <b> "2" .`));
    expect(record.triples).toBe(2);
    const lines = record.nquads.trimEnd().split('\n');
    expect(lines).toEqual([...lines].sort());
  });

  it('keeps literal text intact, including text that looks like a blank-node label', async () => {
    const record = await canonicalizeRecord(IRI, parse(`<o1> <p> "_:c14n0 and a \\"quote\\"\\nnew line"@nl ; <q> [ <r> "x" ] .`));
    expect(record.nquads).toContain(String.raw`"_:c14n0 and a \"quote\"\nnew line"@nl`);
  });

  it('reports the types of the record subject', async () => {
    const record = await canonicalizeRecord(IRI, parse(`<o1> a <T1>, <T2> . <o1> <p> [ a <Inner> ] .`));
    expect([...record.types].sort()).toEqual(['http://example.org/T1', 'http://example.org/T2']);
  });

  it('takes an RDF list of equal literals, which RDFC-1.0 finds hard to tell apart', async () => {
    const record = await canonicalizeRecord(IRI, parse(`<o1> <p> (${'"x" '.repeat(10)}) .`));
    expect(record.triples).toBe(21);
  });
});
