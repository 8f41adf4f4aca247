import type * as RDF from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { RecordDataset } from '../../../src/validation/record-dataset.js';
import { parseRdf } from '../../helpers/isomorphism.js';

const namedNode = (iri: string) => DataFactory.namedNode(iri);
const literal = (value: string, tag?: string | RDF.NamedNode) => DataFactory.literal(value, tag);
const blankNode = (label?: string) => DataFactory.blankNode(label);
const quad = (s: RDF.Quad_Subject, p: RDF.Quad_Predicate, o: RDF.Quad_Object) => DataFactory.quad(s, p, o);

const DATA = parseRdf(`
  @prefix ex: <http://example.org/> .
  ex:a a ex:Object ; ex:title "Titel"@nl, "Title"@en, "5" ; ex:part _:p ; ex:maker ex:m .
  _:p a ex:Part ; ex:value "5"^^<http://www.w3.org/2001/XMLSchema#integer> ; ex:of ex:a .
  ex:m a ex:Agent ; ex:label "Maker" .
`);

const text = (quads: Iterable<RDF.Quad>) => [...quads].map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}`).sort();

describe('RecordDataset', () => {
  const dataset = new RecordDataset(DATA);
  const store = new Store(DATA);
  const nodes = [
    undefined, namedNode('http://example.org/a'), namedNode('http://example.org/m'), namedNode('http://example.org/title'),
    namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), literal('5'), literal('Titel', 'nl'), namedNode('http://example.org/none'),
  ];

  it('matches every combination of subject, predicate and object as an N3 store does, before and after adding', () => {
    const check = () => {
      for (const s of nodes) for (const p of nodes) for (const o of nodes) {
        expect(text(dataset.match(s, p, o)), `${s?.value} ${p?.value} ${o?.value}`).toEqual(text(store.match(s, p, o)));
      }
    };
    check();
    const extra = quad(namedNode('http://example.org/m'), namedNode('http://example.org/title'), literal('5'));
    dataset.add(extra);
    store.add(extra);
    check();
  });

  it('holds each quad once and tells literals apart by language and datatype', () => {
    const fresh = new RecordDataset([...DATA, ...DATA]);
    expect(fresh.size).toBe(DATA.length);
    const s = namedNode('http://example.org/s');
    const p = namedNode('http://example.org/p');
    fresh.add(quad(s, p, literal('x'))).add(quad(s, p, literal('x', 'nl'))).add(quad(s, p, literal('x', namedNode('http://example.org/dt'))));
    expect(fresh.match(s, p).size).toBe(3);
    expect(fresh.has(quad(s, p, literal('x', 'nl')))).toBe(true);
    expect(fresh.has(quad(s, p, literal('x', 'en')))).toBe(false);
  });

  it('deletes a quad from the list and from every index', () => {
    const fresh = new RecordDataset(DATA);
    const s = namedNode('http://example.org/a');
    const title = quad(s, namedNode('http://example.org/title'), literal('Titel', 'nl'));
    expect(fresh.match(s).size).toBe(6);
    fresh.delete(title);
    expect(fresh.has(title)).toBe(false);
    expect(fresh.match(s).size).toBe(5);
    expect(fresh.match(null, null, literal('Titel', 'nl')).size).toBe(0);
    expect(fresh.size).toBe(DATA.length - 1);
  });

  it('matches blank nodes by label, and match results can be matched again', () => {
    const parts = dataset.match(null, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('http://example.org/Part'));
    const [part] = [...parts];
    expect(part?.subject.termType).toBe('BlankNode');
    expect(dataset.match(blankNode(part?.subject.value)).size).toBe(3);
    expect(dataset.match(namedNode('http://example.org/a')).match(null, namedNode('http://example.org/title')).size).toBe(3);
  });
});
