import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError } from '../../../src/domain/errors.js';
import { PublicationPolicy } from '../../../src/access/publication-policy.js';
import { ANONYMOUS } from '../../../src/domain/principal.js';
import { initialPolicy } from '../../../src/domain/publication-policy.js';
import { loadRdfFiles } from '../../../src/ingest/rdf-loader.js';
import { SqliteAccessStore } from '../../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../../src/store/sqlite-record-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://example.org/';

/** The same two records (one with a nested blank node) in every syntax `load` reads. */
const SAMPLES: Record<string, string> = {
  'data.ttl': `@prefix crm: <http://www.cidoc-crm.org/cidoc-crm/> .
<id/object/d/1> a crm:E22_Human-Made_Object ; crm:P102_has_title "Stoel"@nl ;
  crm:P43_has_dimension [ crm:P90_has_value "45" ] .
<id/agent/d/2> a crm:E21_Person ; <http://www.w3.org/2000/01/rdf-schema#label> "Elise Maes"@nl .`,
  'data.nt': `<http://example.org/id/object/d/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object> .
<http://example.org/id/object/d/1> <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> "Stoel"@nl .
<http://example.org/id/object/d/1> <http://www.cidoc-crm.org/cidoc-crm/P43_has_dimension> _:d .
_:d <http://www.cidoc-crm.org/cidoc-crm/P90_has_value> "45" .
<http://example.org/id/agent/d/2> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.cidoc-crm.org/cidoc-crm/E21_Person> .
<http://example.org/id/agent/d/2> <http://www.w3.org/2000/01/rdf-schema#label> "Elise Maes"@nl .
`,
  'data.rdf': `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:crm="http://www.cidoc-crm.org/cidoc-crm/"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" xml:base="http://example.org/">
  <crm:E22_Human-Made_Object rdf:about="id/object/d/1">
    <crm:P102_has_title xml:lang="nl">Stoel</crm:P102_has_title>
    <crm:P43_has_dimension><rdf:Description><crm:P90_has_value>45</crm:P90_has_value></rdf:Description></crm:P43_has_dimension>
  </crm:E22_Human-Made_Object>
  <crm:E21_Person rdf:about="id/agent/d/2"><rdfs:label xml:lang="nl">Elise Maes</rdfs:label></crm:E21_Person>
</rdf:RDF>`,
  'data.jsonld': JSON.stringify({
    '@context': { crm: 'http://www.cidoc-crm.org/cidoc-crm/', rdfs: 'http://www.w3.org/2000/01/rdf-schema#' },
    '@graph': [
      { '@id': 'id/object/d/1', '@type': 'crm:E22_Human-Made_Object', 'crm:P102_has_title': { '@value': 'Stoel', '@language': 'nl' },
        'crm:P43_has_dimension': { 'crm:P90_has_value': '45' } },
      { '@id': 'id/agent/d/2', '@type': 'crm:E21_Person', 'rdfs:label': { '@value': 'Elise Maes', '@language': 'nl' } },
    ],
  }),
};

async function loadSample(name: string, content: string) {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, content);
  const store = SqliteRecordStore.open(join(dir, 'data'));
  const summary = await loadRdfFiles(store, [file], { dataset: 'd', baseIri: BASE, batchSize: 1 });
  return { store, summary, file, dir };
}

describe('loadRdfFiles', () => {
  it.each(Object.entries(SAMPLES))('reads %s into the same two records', async (name, content) => {
    const { store, summary } = await loadSample(name, content);
    expect(summary).toMatchObject({ records: 2, created: 2, quads: 6, batches: 2 });
    const object = store.getRecord(`${BASE}id/object/d/1`);
    expect(object).toMatchObject({ kind: 'object', triples: 4 });
    expect(store.getRecord(`${BASE}id/agent/d/2`)).toMatchObject({ kind: 'agent', triples: 2 });
    const reference = await loadSample('data.ttl', SAMPLES['data.ttl'] ?? '');
    expect(object?.hash).toBe(reference.store.getRecord(`${BASE}id/object/d/1`)?.hash);
    store.close();
    reference.store.close();
  });

  it('makes each named graph of N-Quads and TriG one record', async () => {
    const trig = '<http://example.org/g1> { <http://example.org/s> <http://example.org/p> "1" . <http://example.org/t> <http://example.org/p> "2" . }';
    const { store, summary } = await loadSample('graphs.trig', trig);
    expect(summary.records).toBe(1);
    expect(store.getRecord('http://example.org/g1')?.triples).toBe(2);
    store.close();
  });

  it('creates no new versions when the same input is loaded again', async () => {
    const { store, file } = await loadSample('data.ttl', SAMPLES['data.ttl'] ?? '');
    const again = await loadRdfFiles(store, [file], { dataset: 'd', baseIri: BASE, batchSize: 10 });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(store.head()).toBe(2);
    store.close();
  });

  it('names the file and line of a syntax error, and writes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.ttl');
    writeFileSync(file, '<a> <b> "ok" .\n<c> <d> "unterminated .\n');
    const store = SqliteRecordStore.open(join(dir, 'data'));
    const error = await loadRdfFiles(store, [file], { dataset: 'd', baseIri: BASE, batchSize: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/broken\.ttl.*line 2/);
    expect(store.head()).toBe(0);
    store.close();
  });

  it('refuses, before writing anything, records another dataset owns', async () => {
    const { store, file } = await loadSample('data.ttl', SAMPLES['data.ttl'] ?? '');
    const head = store.head();
    const error = await loadRdfFiles(store, [file], { dataset: 'other', baseIri: BASE, batchSize: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/2 record\(s\).*dataset "d"/);
    expect(store.head()).toBe(head);
    store.close();
  });

  it('never fetches a remote JSON-LD context', async () => {
    const doc = JSON.stringify({ '@context': 'https://example.invalid/context.jsonld', '@id': 'x', name: 'y' });
    const error = await loadSample('remote.jsonld', doc).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/<https:\/\/example\.invalid\/context\.jsonld> is not bundled/);
  });

  it('does not resolve external entities in RDF/XML', async () => {
    const dir = tempDir();
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET');
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY leak SYSTEM "file://${secret}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>&leak;</ex:p></rdf:Description>
</rdf:RDF>`;
    const outcome = await loadSample('xxe.rdf', xxe).then(
      ({ store }) => { const nquads = store.getRecord('http://example.org/x')?.nquads ?? ''; store.close(); return nquads; },
      (error: unknown) => (error as Error).message,
    );
    expect(outcome).not.toContain('TOP-SECRET');
  });

  it('keeps blank nodes of different files apart, even with the same rdf:nodeID', async () => {
    const dir = tempDir();
    const rdfxml = (object: string, value: string): string => `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/${object}"><ex:dim rdf:nodeID="n1"/></rdf:Description>
  <rdf:Description rdf:nodeID="n1"><ex:value>${value}</ex:value></rdf:Description>
</rdf:RDF>`;
    writeFileSync(join(dir, 'a.rdf'), rdfxml('obj1', '1'));
    writeFileSync(join(dir, 'b.rdf'), rdfxml('obj2', '2'));
    const store = SqliteRecordStore.open(join(dir, 'data'));
    await loadRdfFiles(store, [join(dir, 'a.rdf'), join(dir, 'b.rdf')], { dataset: 'd', baseIri: BASE, batchSize: 10 });
    expect(store.getRecord('http://example.org/obj1')?.triples).toBe(2);
    expect(store.getRecord('http://example.org/obj1')?.nquads).not.toContain('"2"');
    expect(store.getRecord('http://example.org/obj2')?.nquads).not.toContain('"1"');
    store.close();
  });

  it.each([
    ['data.ttl', `${'<http://example.org/ok> <http://example.org/p> "fine" .\n'.repeat(3)}<http://example.org/%zz> <http://example.org/p> "y" .\n`,
      /<http:\/\/example\.org\/%zz> holds a term the SPARQL index cannot store: Invalid IRI percent encoding '%zz'/],
    ['data.rdf', `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/ok"><ex:p>fine</ex:p></rdf:Description>
  <rdf:Description rdf:about="http://example.org/x"><ex:p xml:lang="en_US">x</ex:p></rdf:Description>
</rdf:RDF>`, /<http:\/\/example\.org\/x> holds a term the SPARQL index cannot store/],
  ])('refuses %s, before writing anything, when a record holds what the SPARQL index cannot store', async (name, content, message) => {
    const dir = tempDir();
    const file = join(dir, name);
    writeFileSync(file, content);
    const store = SqliteRecordStore.open(join(dir, 'data'));
    const error = await loadRdfFiles(store, [file], { dataset: 'd', baseIri: BASE, batchSize: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(message);
    expect(store.head()).toBe(0);
    store.close();
  });

  it('mints a stable IRI for a blank-node structure without an IRI subject', async () => {
    const first = await loadSample('orphan.ttl', '[ <http://example.org/p> "1" ] .');
    const second = await loadSample('orphan.ttl', '[ <http://example.org/p> "1" ] .');
    expect(first.summary.records).toBe(1);
    const iri = first.store.stats().length === 1 ? [...first.store.iterateNQuads()][0]?.match(/<(http:\/\/example\.org\/\.well-known\/genid\/[0-9a-f]+)> \.\n$/)?.[1] : undefined;
    expect(iri).toBeDefined();
    expect(second.store.getRecord(iri ?? '')).toBeDefined();
    first.store.close();
    second.store.close();
  });

  it('writes a document\'s own record before its hash records, so a restricted property hides them from their first batch', async () => {
    const dir = tempDir();
    const store = SqliteRecordStore.open(dir);
    const access = SqliteAccessStore.open(dir);
    const person = `${BASE}p`;
    const address = 'https://schema.org/address';
    store.ensureDataset('d');
    access.setPolicy('d', { ...initialPolicy('open'), restrictedProperties: [address] }, { actor: 'test', action: 'policy.set' });
    // The address before the person, as two files would give them (adressen.ttl, personen.ttl).
    const file = join(dir, 'in.ttl');
    writeFileSync(file, `<${person}#adres> <https://schema.org/streetAddress> "Geheimstraat 1" .\n<${person}> <${address}> <${person}#adres> .\n`);
    const policy = new PublicationPolicy(access, store);
    const written: string[] = [];
    const published: Array<string | undefined> = [];
    let writing = false;
    await loadRdfFiles(store, [file], {
      dataset: 'd', baseIri: BASE, batchSize: 1,
      progress: {
        start: (phase) => { writing = phase === 'writing records'; },
        advance: () => {
          if (!writing) return;
          written.push(store.changesSince(0, 10).map((change) => change.iri).join(' '));
          const record = store.getRecord(`${person}#adres`);
          published.push(record === undefined ? undefined : policy.view(ANONYMOUS, 'sparql').content(record));
        },
      },
    });
    expect(written[0]).toBe(person);
    expect(published).toEqual([undefined, undefined]);
    access.close();
    store.close();
  });
});
