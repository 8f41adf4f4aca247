import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import type { OaiRecord } from '../../../../src/publish/oai/metadata-format.js';
import { rdfFormat, renderRdfXml } from '../../../../src/publish/oai/rdf-format.js';
import { putTurtle } from '../../../helpers/records.js';

const DATASET = { id: 'd', title: 'D', organisation: 'o', organisationName: 'O', rights: undefined };

async function record(iri: string, turtle: string): Promise<OaiRecord> {
  const put = await putTurtle(iri, 'd', turtle);
  return { iri, kind: 'object', dataset: DATASET, nquads: put.nquads, linked: { labels: () => [], content: () => undefined } };
}

/** The triples of RDF/XML, as sorted N-Triples with blank nodes renamed in order of appearance. */
function triples(store: oxigraph.Store): string[] {
  return store.match().map((quad) => `${quad.subject.termType} ${quad.predicate.value} ${quad.object.termType === 'BlankNode' ? '_' : quad.object.value}`).sort();
}

describe('the rdf format', () => {
  it('is the record graph as an rdf:RDF element with its schema location, and parses back', async () => {
    const object = await record('http://example.org/o', `ex:o a crm:E22_Human-Made_Object ; crm:P102_has_title "A & <B>"@nl ;
      crm:P108i_was_produced_by [ crm:P14_carried_out_by ex:agent ] .`);
    const xml = renderRdfXml(object) ?? '';
    expect(xml).toMatch(/^<rdf:RDF xmlns:xsi="http:\/\/www.w3.org\/2001\/XMLSchema-instance" xsi:schemaLocation="http:\/\/www.w3.org\/1999\/02\/22-rdf-syntax-ns# http:\/\/www.openarchives.org\/OAI\/2.0\/rdf.xsd" /);
    expect(xml).not.toContain('<?xml');
    expect(xml.endsWith('</rdf:RDF>')).toBe(true);
    const parsed = new oxigraph.Store();
    parsed.load(xml, { format: 'application/rdf+xml', base_iri: 'http://example.org/' });
    const original = new oxigraph.Store();
    original.load(object.nquads, { format: 'application/n-quads', to_graph_name: oxigraph.defaultGraph() });
    expect(triples(parsed)).toEqual(triples(new oxigraph.Store(original.match(null, null, null, null).map((q) => oxigraph.triple(q.subject, q.predicate, q.object)))));
    expect(parsed.size).toBe(4);
  });

  it('declines records RDF/XML cannot express', async () => {
    const numeric = await record('http://example.org/n', '<http://example.org/n> <http://example.org/vocab/123> "x" .');
    expect(rdfFormat.disseminates?.(numeric)).toBe(false);
    expect(renderRdfXml(numeric)).toBeUndefined();
    const control = await record('http://example.org/c', 'ex:c ex:p "bell\\u0007" .');
    expect(control.nquads).toContain('\\u0007');
    expect(renderRdfXml(control)).toBeUndefined();
    const fine = await record('http://example.org/f', 'ex:f ex:p_1 "x" ; <http://example.org/v#a.b-c> 1 .');
    expect(rdfFormat.disseminates?.(fine)).toBe(true);
  });
});
