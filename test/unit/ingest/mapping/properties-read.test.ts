import { describe, expect, it } from 'vitest';
import { propertiesRead } from '../../../../src/ingest/mapping/properties-read.js';

const PREFIX = 'PREFIX ex: <http://example.org/>\n';
const sorted = (read: ReadonlySet<string> | 'all'): string[] | 'all' => (read === 'all' ? read : [...read].sort());

describe('propertiesRead', () => {
  it('finds the properties of triple patterns, paths, OPTIONAL, UNION, sub-selects and EXISTS filters', () => {
    const query = `${PREFIX}CONSTRUCT { ?s ex:out ?o } WHERE {
      ?s ex:a ?x ; ex:b/ex:c ?o .
      OPTIONAL { ?s ex:d|^ex:e ?y }
      { ?s ex:f ?z } UNION { SELECT ?s WHERE { ?s ex:g* ?w } }
      FILTER EXISTS { ?s ex:h ?v }
    }`;
    expect(sorted(propertiesRead(query))).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((p) => `http://example.org/${p}`));
  });

  it('reads every property when a variable predicate stands in the template, as a copy does', () => {
    expect(propertiesRead(`${PREFIX}CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . ?s ex:a ?x }`)).toBe('all');
  });

  it('does not count a variable predicate the template does not use, nor a negated property set: they test the shape of the data', () => {
    const query = `${PREFIX}CONSTRUCT { ?doc ex:out ?t } WHERE {
      { SELECT ?doc WHERE { ?doc ?any ?value FILTER NOT EXISTS { ?r ?link ?doc } } }
      ?doc ex:title ?t . FILTER NOT EXISTS { ?doc !(ex:title) ?other }
    }`;
    expect(sorted(propertiesRead(query))).toEqual(['http://example.org/title']);
  });
});
