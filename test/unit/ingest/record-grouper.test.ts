import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { RecordGrouper } from '../../../src/ingest/record-grouper.js';

function group(text: string, format = 'text/turtle') {
  const grouper = new RecordGrouper();
  for (const quad of new Parser({ format, baseIRI: 'http://example.org/' }).parse(text)) grouper.add(quad);
  return grouper.records();
}

describe('RecordGrouper', () => {
  it('makes one record per IRI subject, with its blank-node closure', () => {
    const { records, orphans } = group(`
      <a> <p> [ <q> [ <r> "deep" ] ] ; <s> <b> .
      <b> <p> "b" .`);
    expect(records.map((r) => r.iri)).toEqual(['http://example.org/a', 'http://example.org/b']);
    expect(records[0]?.quads).toHaveLength(4);
    expect(records[1]?.quads).toHaveLength(1);
    expect(orphans).toEqual([]);
  });

  it('copies a blank node two subjects share into both records', () => {
    const { records } = group('_:x <v> "shared" . <a> <p> _:x . <b> <p> _:x .');
    expect(records.map((r) => r.quads.length)).toEqual([2, 2]);
  });

  it('survives cycles between blank nodes', () => {
    const { records } = group('<a> <p> _:x . _:x <next> _:y . _:y <next> _:x .');
    expect(records[0]?.quads).toHaveLength(3);
  });

  it('makes each named graph one record, named by the graph', () => {
    const { records } = group(
      [
        '<http://example.org/s1> <http://example.org/p> "1" <http://example.org/g> .',
        '<http://example.org/s2> <http://example.org/p> "2" <http://example.org/g> .',
        '<http://example.org/s3> <http://example.org/p> "3" .',
      ].join('\n'),
      'application/n-quads',
    );
    expect(records.map((r) => [r.iri, r.quads.length])).toEqual([['http://example.org/g', 2], ['http://example.org/s3', 1]]);
  });

  it('returns blank-node structures no IRI subject reaches as orphans', () => {
    const { records, orphans } = group('_:x <p> _:y . _:y <q> "1" . <a> <p> "2" .');
    expect(records).toHaveLength(1);
    expect(orphans).toHaveLength(1);
    expect(orphans[0]).toHaveLength(2);
  });
});
