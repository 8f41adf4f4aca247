import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { Parser } from 'n3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError } from '../../src/domain/errors.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { importTermList, storedList } from '../../src/terms/term-import.js';
import { SKOS, WGS84 } from '../../src/vocab/vocabularies.js';
import { gettyConcept, writeGettyNTriples } from '../helpers/getty-ntriples.js';

const BASE = 'http://localhost:8080/';
const FIXTURES = join(import.meta.dirname, '../../fixtures/terms');

describe('term list import', () => {
  let dir: string;
  let records: SqliteRecordStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'term-import-'));
    records = SqliteRecordStore.open(join(dir, 'data'));
  });
  afterEach(() => {
    records.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const objectsOf = (iri: string, predicate: string): string[] => {
    const record = records.getRecord(iri);
    if (!record) return [];
    return new Parser({ format: 'N-Quads' }).parse(record.nquads)
      .filter((q) => q.subject.value === iri && q.predicate.value === predicate)
      .map((q) => (q.object.termType === 'Literal' && q.object.language !== '' ? `${q.object.value}@${q.object.language}` : q.object.value))
      .sort();
  };

  it('imports a spreadsheet by the convention: minted IRIs, labels per language, broader by id, matches', async () => {
    const summary = await importTermList({
      file: join(FIXTURES, 'materialen.csv'), source: 'materialen.csv', list: 'materialen', baseIri: BASE,
      metadata: { name: { nl: 'Materialen', en: 'Materials' }, topics: ['materials'], languages: ['nl', 'en'] },
    }, { records });
    expect(summary).toMatchObject({ list: 'materialen', listIri: `${BASE}id/term-list/materialen`, concepts: 6, created: 7, deleted: 0 });
    expect(summary.labels).toBe(6 * 2 + 4);
    const brons = `${BASE}id/concept/materialen/brons`;
    expect(objectsOf(brons, SKOS.prefLabel)).toEqual(['brons@nl', 'bronze@en']);
    expect(objectsOf(brons, SKOS.broader)).toEqual([`${BASE}id/concept/materialen/metaal`]);
    expect(objectsOf(brons, SKOS.inScheme)).toEqual([summary.listIri]);
    expect(objectsOf(`${BASE}id/concept/materialen/email`, SKOS.altLabel)).toEqual(['emaille@nl', 'glazuur@nl']);
    expect(objectsOf(brons, SKOS.exactMatch)).toEqual(['http://vocab.getty.edu/aat/300010957']);
    expect(records.getRecord(brons)?.kind).toBe('concept');
    expect(records.getRecord(summary.listIri)?.kind).toBe('term-list');
    expect(storedList(records, 'materialen')?.metadata).toMatchObject({
      name: { nl: 'Materialen', en: 'Materials' }, topics: [`${BASE}id/topic/materials`], languages: ['en', 'nl'],
    });
  });

  it('reads a sheet id as the concept\'s own IRI only when it is an http(s) IRI or a URN; any other id with a colon is local', async () => {
    const sheet = join(dir, 'codes.csv');
    writeFileSync(sheet, 'id;prefLabel@nl;broader\nM:1;metaal;\nM:1.1;brons;M:1\nhttps://example.org/t/tin;tin;M:1\nurn:x-test:koper;koper;\njavascript:alert(5);vreemd;\n');
    const summary = await importTermList({ file: sheet, source: 'codes.csv', list: 'codes', baseIri: BASE }, { records });
    expect(summary).toMatchObject({ concepts: 5 });
    const local = (id: string): string => `${BASE}id/concept/codes/${encodeURIComponent(id)}`;
    expect(objectsOf(local('M:1.1'), SKOS.broader)).toEqual([local('M:1')]);
    expect(objectsOf('https://example.org/t/tin', SKOS.broader)).toEqual([local('M:1')]);
    expect(objectsOf('urn:x-test:koper', SKOS.prefLabel)).toEqual(['koper@nl']);
    expect(objectsOf(local('javascript:alert(5)'), SKOS.prefLabel)).toEqual(['vreemd@nl']);
  });

  it('imports SKOS with SKOS-XL labels as the concepts plain labels, under the file\'s own concept scheme', async () => {
    const summary = await importTermList({ file: join(FIXTURES, 'plaatsen.ttl'), source: 'plaatsen.ttl', list: 'plaatsen', baseIri: BASE }, { records });
    expect(summary).toMatchObject({ listIri: 'https://example.org/plaatsen/', concepts: 3 });
    expect(objectsOf('https://example.org/plaatsen/sint-niklaas', SKOS.prefLabel)).toEqual(['Sint-Niklaas@nl']);
    expect(objectsOf('https://example.org/plaatsen/sint-niklaas', SKOS.altLabel)).toEqual(['Sint-Niklaas-Waas@nl']);
    expect(storedList(records, 'plaatsen')?.metadata.name).toEqual({ nl: 'Plaatsen in Oost-Vlaanderen', en: 'Places in East Flanders' });
  });

  it('reports what SKOS allows but search cannot use: a concept without a label, two preferred labels in one language, an empty label, a match that is text', async () => {
    const file = join(dir, 'warnings.ttl');
    writeFileSync(file, `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/w/> a skos:ConceptScheme .
<https://example.org/w/a> a skos:Concept ; skos:inScheme <https://example.org/w/> .
<https://example.org/w/b> a skos:Concept ; skos:inScheme <https://example.org/w/> ; skos:prefLabel "een"@nl, "ander"@nl .
<https://example.org/w/c> a skos:Concept ; skos:inScheme <https://example.org/w/> ; skos:prefLabel "goed"@nl .
<https://example.org/w/d> a skos:Concept ; skos:inScheme <https://example.org/w/> ; skos:prefLabel "vier"@nl, ""@en ; skos:exactMatch "Q42" .
`);
    const summary = await importTermList({ file, source: 'warnings.ttl', list: 'w', baseIri: BASE }, { records });
    expect(summary.concepts).toBe(4);
    expect(summary.warnings).toEqual([
      '<https://example.org/w/a> has no label, so search cannot find it',
      '<https://example.org/w/b> has 2 preferred labels in "nl"; SKOS allows one',
      '<https://example.org/w/d> has the text "Q42" as skos:exactMatch, where an IRI belongs; search and clients ignore it',
      '<https://example.org/w/d> has an empty skos:prefLabel in "en"',
    ]);
  });

  it('names a concept without an IRI by its label, or by what points to it, never by the parser\'s blank node id', async () => {
    const file = join(dir, 'blank.ttl');
    writeFileSync(file, `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:s> a skos:ConceptScheme .
[] a skos:Concept ; skos:prefLabel "anoniem"@nl ; skos:inScheme <urn:s> .
<urn:c> a skos:Concept ; skos:prefLabel "c"@nl ; skos:broader [ a skos:Concept ] .
[] a skos:Concept ; skos:inScheme <urn:s> .
_:x a skos:Concept ; skos:related _:y . _:y a skos:Concept ; skos:related _:x .
`);
    const attempt = importTermList({ file, source: 'blank.ttl', list: 'blank', baseIri: BASE }, { records });
    // Two that point at each other are named without going round.
    await expect(attempt).rejects.toThrow('a concept without an IRI (a blank node without a label, the skos:related of another blank node without a label, the skos:related of another blank node); give it an IRI');
    await expect(attempt).rejects.toThrow('a concept without an IRI (a blank node labelled "anoniem"); give it an IRI');
    await expect(attempt).rejects.toThrow('a concept without an IRI (a blank node without a label, the skos:broader of <urn:c>); give it an IRI');
    await expect(attempt).rejects.toThrow('a concept without an IRI (a blank node without a label, which nothing in the file points to); give it an IRI');
    await expect(attempt).rejects.not.toThrow(/_:/);
    expect(records.head()).toBe(0);
  });

  it('imports 10,000 concepts in the shape of a Getty AAT N-Triples dump', async () => {
    const file = join(dir, 'aat.nt');
    writeGettyNTriples(file, 10_000);
    const summary = await importTermList({ file, source: 'aat.nt', list: 'aat', baseIri: BASE }, { records });
    expect(summary).toMatchObject({ concepts: 10_000, created: 10_001, listIri: 'http://vocab.getty.edu/aat/' });
    expect(summary.labels).toBe(20_000);
    const tenth = gettyConcept(10);
    expect(objectsOf(tenth, SKOS.prefLabel)).toEqual(['materiaal 10@nl', 'material 10@en']);
    expect(objectsOf(tenth, SKOS.broader)).toEqual([gettyConcept(0)]);
    expect(objectsOf(tenth, SKOS.scopeNote)).toContain('Synthetic scope note 10.@en');
  });

  it('imports a GeoNames dump with its alternate names: names per language, divisions as broader, coordinates, Wikidata', async () => {
    const summary = await importTermList({
      file: join(FIXTURES, 'geonames/BE-sample.txt'), source: 'BE-sample.txt', list: 'plaatsnamen', baseIri: BASE,
      alternateNames: join(FIXTURES, 'geonames/alternateNamesV2-sample.txt'),
    }, { records });
    expect(summary).toMatchObject({ concepts: 5, created: 6 });
    const gent = 'https://sws.geonames.org/2797656/';
    expect(objectsOf(gent, SKOS.prefLabel)).toEqual(['Gand@fr', 'Gent', 'Gent@nl', 'Ghent@en']);
    expect(objectsOf(gent, SKOS.altLabel)).toEqual(['Ganda@la']);
    expect(objectsOf(gent, SKOS.broader)).toEqual(['https://sws.geonames.org/2789733/']);
    expect(objectsOf('https://sws.geonames.org/2789733/', SKOS.broader)).toEqual(['https://sws.geonames.org/3337388/']);
    expect(objectsOf('https://sws.geonames.org/3337388/', SKOS.broader)).toEqual(['https://sws.geonames.org/2802361/']);
    expect(objectsOf('https://sws.geonames.org/2802361/', SKOS.broader)).toEqual([]);
    expect(objectsOf('https://sws.geonames.org/2802361/', SKOS.exactMatch)).toEqual(['http://www.wikidata.org/entity/Q31']);
    expect(objectsOf(gent, 'http://www.w3.org/2003/01/geo/wgs84_pos#lat')).toEqual(['51.05']);
    expect(objectsOf(gent, 'http://www.geonames.org/ontology#featureCode')).toEqual(['http://www.geonames.org/ontology#P.PPLA2']);
  });

  it('imports a Wikidata JSON entity dump: labels, aliases and descriptions per language, P279 as broader, P31 kept', async () => {
    const summary = await importTermList({ file: join(FIXTURES, 'wikidata/schilders-sample.json'), source: 'schilders.json', list: 'schilders', format: 'wikidata', baseIri: BASE }, { records });
    expect(summary).toMatchObject({ concepts: 4, created: 5 });
    const painter = 'http://www.wikidata.org/entity/Q1028181';
    expect(objectsOf(painter, SKOS.prefLabel)).toEqual(['kunstschilder@nl', 'painter@en']);
    expect(objectsOf(painter, SKOS.altLabel)).toEqual(['artist painter@en']);
    expect(objectsOf(painter, SKOS.scopeNote)).toEqual(['artist who paints@en']);
    expect(objectsOf(painter, SKOS.broader)).toEqual(['http://www.wikidata.org/entity/Q483501']);
    expect(objectsOf('http://www.wikidata.org/entity/Q5582', 'http://www.wikidata.org/prop/direct/P31')).toEqual(['http://www.wikidata.org/entity/Q5']);
    // What the Network of Terms tells of a person and a place: dates in EDTF, places and the
    // rest as links, coordinates in WGS84.
    const gogh = 'http://www.wikidata.org/entity/Q5582';
    expect(['birthDate', 'deathDate', 'birthPlace', 'deathPlace', 'hasOccupation', 'nationality'].map((p) => objectsOf(gogh, `https://schema.org/${p}`)))
      .toEqual([['1853-03-30'], ['1890-07-29'], ['http://www.wikidata.org/entity/Q9696'], ['http://www.wikidata.org/entity/Q208229'], [painter], ['http://www.wikidata.org/entity/Q29999']]);
    const zundert = 'http://www.wikidata.org/entity/Q9696';
    expect([objectsOf(zundert, WGS84.lat), objectsOf(zundert, WGS84.long)]).toEqual([['51.4719'], ['4.6556']]);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, readFileSync(join(FIXTURES, 'wikidata/schilders-sample.json'), 'utf8').replace('{"type":"item","id":"Q483501"', '{"type":"item","id":"kunstenaar"'));
    await expect(importTermList({ file: broken, source: 'broken.json', list: 'schilders', format: 'wikidata', baseIri: BASE }, { records }))
      .rejects.toThrow(/broken\.json line 4 is not a Wikidata entity: id must be a Wikidata id such as Q42/);
  });

  it('says to name the format when a Wikidata dump, plain or gzipped, is read as JSON-LD for want of it', async () => {
    const sample = readFileSync(join(FIXTURES, 'wikidata/schilders-sample.json'));
    const gzipped = join(dir, 'latest-all.json.gz');
    writeFileSync(gzipped, gzipSync(sample));
    for (const [file, source] of [[join(FIXTURES, 'wikidata/schilders-sample.json'), 'schilders.json'], [gzipped, 'latest-all.json.gz']] as const) {
      await expect(importTermList({ file, source, list: 'schilders', baseIri: BASE }, { records }))
        .rejects.toThrow(`${source} holds no concepts; it looks like a Wikidata entity dump: import it with --format wikidata (over HTTP, the format field); the list "schilders" is left as it was.`);
    }
    // A JSON-LD file without concepts gets no such hint.
    const empty = join(dir, 'leeg.jsonld');
    writeFileSync(empty, '{"@context": {"id": "@id"}, "id": "http://example.org/x"}');
    await expect(importTermList({ file: empty, source: 'leeg.jsonld', list: 'leeg', baseIri: BASE }, { records }))
      .rejects.toThrow(/^leeg\.jsonld holds no concepts; the list "leeg" is left as it was\.$/);
  });

  it('a GeoNames line with the wrong number of fields is an error naming its line', async () => {
    const file = join(dir, 'BE.txt');
    const lines = readFileSync(join(FIXTURES, 'geonames/BE-sample.txt'), 'utf8').split('\n');
    lines.splice(2, 0, '123\tKapot\t51.0');
    writeFileSync(file, lines.join('\n'));
    await expect(importTermList({ file, source: 'BE.txt', list: 'plaatsnamen', baseIri: BASE }, { records }))
      .rejects.toThrow(/BE\.txt line 3 has 3 tab-separated fields instead of 19/);
    expect(records.head()).toBe(0);
  });

  it('a broken file in the middle changes nothing and names the line', async () => {
    const file = join(dir, 'aat.nt');
    writeGettyNTriples(file, 100);
    await importTermList({ file, source: 'aat.nt', list: 'aat', baseIri: BASE }, { records });
    const head = records.head();
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(600, 0, '<http://vocab.getty.edu/aat/300000050> <http://www.w3.org/2004/02/skos/core#prefLabel> "kapot .');
    writeGettyNTriples(join(dir, 'more.nt'), 200);
    writeFileSync(file, lines.join('\n'));
    const attempt = importTermList({ file, source: 'aat.nt', list: 'aat', baseIri: BASE }, { records });
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow(/line 601/);
    expect(records.head()).toBe(head);
    expect(records.liveRecords('aat', 'concept')).toHaveLength(100);
  });

  it('a re-import replaces the list: concepts it no longer holds are deleted, the others keep their version', async () => {
    let now = '2026-11-01T10:00:00.000Z';
    const clock = { now: () => now };
    const first = await importTermList({ file: join(FIXTURES, 'materialen.csv'), source: 'materialen.csv', list: 'materialen', baseIri: BASE }, { records, clock });
    expect(storedList(records, 'materialen')?.metadata.modified).toBe('2026-11-01T10:00:00.000Z');
    // The same file again changes nothing, the list's modification time included.
    now = '2026-11-02T10:00:00.000Z';
    expect(await importTermList({ file: join(FIXTURES, 'materialen.csv'), source: 'materialen.csv', list: 'materialen', baseIri: BASE }, { records, clock }))
      .toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 7 });
    expect(storedList(records, 'materialen')?.metadata.modified).toBe('2026-11-01T10:00:00.000Z');
    now = '2026-11-03T10:00:00.000Z';
    const smaller = join(dir, 'materialen.csv');
    writeFileSync(smaller, readFileSync(join(FIXTURES, 'materialen.csv'), 'utf8').split('\n').filter((line) => !line.startsWith('eik;')).join('\n'));
    const second = await importTermList({ file: smaller, source: 'materialen.csv', list: 'materialen', baseIri: BASE }, { records, clock });
    // The list record is updated: its modification time moves with its concepts.
    expect(second).toMatchObject({ concepts: 5, created: 0, updated: 1, unchanged: 5, deleted: 1 });
    expect(storedList(records, 'materialen')?.metadata.modified).toBe('2026-11-03T10:00:00.000Z');
    expect(records.getRecord(`${BASE}id/concept/materialen/eik`)?.deleted).toBe(true);
    expect(records.getRecord(`${BASE}id/concept/materialen/hout`)?.version).toBe(1);
    expect(first.created).toBe(7);
  });

  it('states top concepts on the concepts: a sheet\'s without a broader one, a SKOS file\'s as its scheme names them', async () => {
    const sheet = await importTermList({ file: join(FIXTURES, 'materialen.csv'), source: 'materialen.csv', list: 'materialen', baseIri: BASE }, { records });
    const materiaal = `${BASE}id/concept/materialen/materiaal`;
    expect(objectsOf(materiaal, SKOS.topConceptOf)).toEqual([sheet.listIri]);
    expect(objectsOf(`${BASE}id/concept/materialen/metaal`, SKOS.topConceptOf)).toEqual([]);
    // Not on the list record, which a flat list of 100,000 would make as large (SKOS S8: the inverse).
    expect(objectsOf(sheet.listIri, SKOS.hasTopConcept)).toEqual([]);

    const file = join(dir, 'stijlen.ttl');
    writeFileSync(file, `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/stijl/> a skos:ConceptScheme ; skos:hasTopConcept <https://example.org/stijl/barok> .
<https://example.org/stijl/barok> skos:prefLabel "barok"@nl ; skos:inScheme <https://example.org/stijl/> .
<https://example.org/stijl/rococo> skos:prefLabel "rococo"@nl ; skos:broader <https://example.org/stijl/barok> .
<https://example.org/stijl/gotiek> skos:prefLabel "gotiek"@nl ; skos:topConceptOf <https://example.org/stijl/> .
`);
    const skos = await importTermList({ file, source: 'stijlen.ttl', list: 'stijlen', baseIri: BASE }, { records });
    expect(objectsOf('https://example.org/stijl/barok', SKOS.topConceptOf)).toEqual([skos.listIri]);
    expect(objectsOf('https://example.org/stijl/gotiek', SKOS.topConceptOf)).toEqual([skos.listIri]);
    expect(objectsOf('https://example.org/stijl/rococo', SKOS.topConceptOf)).toEqual([]);
  });

  it('warns about a hierarchy that goes round, names itself or leads out of the list, also when a re-import deletes a broader concept', async () => {
    const file = join(dir, 'kring.csv');
    writeFileSync(file, 'id;prefLabel@nl;broader\na;A;b\nb;B;a\nc;C;c\nd;D;http://vocab.getty.edu/aat/300000000\ne;E;\nf;F;e\n');
    const first = await importTermList({ file, source: 'kring.csv', list: 'kring', baseIri: BASE }, { records });
    const concept = (id: string): string => `<${BASE}id/concept/kring/${id}>`;
    expect(first.warnings).toEqual([
      `1 concept names itself as broader: ${concept('c')}`,
      `the broader links go round in 1 cycle, so the hierarchy has no top there: ${concept('a')} → ${concept('b')} → ${concept('a')}`,
      `1 broader link leads to a concept that is not in the list, where its hierarchy stops: ${concept('d')} → <http://vocab.getty.edu/aat/300000000>`,
    ]);
    // "e" leaves; "f" still names it, by its IRI.
    writeFileSync(file, `id;prefLabel@nl;broader\nf;F;${BASE}id/concept/kring/e\n`);
    const second = await importTermList({ file, source: 'kring.csv', list: 'kring', baseIri: BASE }, { records });
    expect(second.deleted).toBe(5);
    expect(second.warnings).toEqual([`1 broader link leads to a concept this import deletes: ${concept('f')} → ${concept('e')}`]);
  });

  it('refuses two preferred labels in one language in a sheet, a concept a dump describes twice, and a CSV row with values beyond the header', async () => {
    const twice = join(dir, 'twee.csv');
    writeFileSync(twice, 'id;prefLabel@nl;altLabel@nl\na;een|één;eerste\n');
    await expect(importTermList({ file: twice, source: 'twee.csv', list: 'twee', baseIri: BASE }, { records }))
      .rejects.toThrow(/twee\.csv line 2 \(row 1\): prefLabel@nl holds 2 labels; SKOS allows one preferred label per language/);
    const dump = join(dir, 'dubbel.json');
    const entity = JSON.stringify({ id: 'Q900001', type: 'item', labels: { nl: { language: 'nl', value: 'beiaard' } }, aliases: {}, descriptions: {}, claims: {} });
    writeFileSync(dump, `${entity}\n${entity}\n`);
    await expect(importTermList({ file: dump, source: 'dubbel.json', list: 'dubbel', baseIri: BASE, format: 'wikidata' }, { records }))
      .rejects.toThrow(/<http:\/\/www\.wikidata\.org\/entity\/Q900001> is described more than once/);
    expect(records.head()).toBe(0);
    // A value past the header in a CSV file has most often shifted the row: the import is refused, naming the row.
    const extra = join(dir, 'extra.csv');
    writeFileSync(extra, 'id,prefLabel@nl,broader\na,A,,extra\nb,B\nc,C,a,,\n');
    await expect(importTermList({ file: extra, source: 'extra.csv', list: 'extra', baseIri: BASE }, { records }))
      .rejects.toThrow(/extra\.csv line 2 \(row 1\): the row has 4 fields where the header has 3: a value holding the delimiter "," without quotes shifts/);
    expect(records.head()).toBe(0);
    // A short row, or empty fields past the header, lose nothing.
    writeFileSync(extra, 'id,prefLabel@nl,broader\na,A,,\nb,B\nc,C,a,,\n');
    expect((await importTermList({ file: extra, source: 'extra.csv', list: 'extra', baseIri: BASE }, { records })).warnings).toEqual([]);
  });

  it('a re-import takes what the file\'s concept scheme states (version, title) over the stored metadata, and keeps what it does not state', async () => {
    const file = join(dir, 'stijlen.ttl');
    const scheme = (version: string, title: string) => `@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<https://example.org/stijl/> a skos:ConceptScheme ; owl:versionInfo "${version}" ; dcterms:title "${title}"@nl ; dcterms:modified "2025-01-01" .
<https://example.org/stijl/barok> skos:prefLabel "barok"@nl ; skos:inScheme <https://example.org/stijl/> .
`;
    writeFileSync(file, scheme('1.0', 'Stijlen'));
    await importTermList({ file, source: 'stijlen.ttl', list: 'stijlen', baseIri: BASE, metadata: { name: { nl: 'Stijlen', en: 'Styles' }, topics: ['periods'], maintainers: ['Team stijl'] } }, { records });
    writeFileSync(file, scheme('2.0', 'Stijlperiodes'));
    const second = await importTermList({ file, source: 'stijlen.ttl', list: 'stijlen', baseIri: BASE }, { records });
    expect(second).toMatchObject({ updated: 1, unchanged: 1 });
    // The file's Dutch title replaces the Dutch name only: the English one given before stays.
    expect(storedList(records, 'stijlen')?.metadata).toEqual(expect.objectContaining({
      version: '2.0', name: { nl: 'Stijlperiodes', en: 'Styles' }, modified: '2025-01-01', topics: [`${BASE}id/topic/periods`], maintainers: ['Team stijl'],
    }));
  });

  it('leaves out collections, Getty guide terms and obsolete subjects, which are labelled but no concepts, with a warning', async () => {
    const file = join(dir, 'metalen.nt');
    const aat = (id: string): string => `<http://vocab.getty.edu/aat/${id}>`;
    const skos = (name: string): string => `<http://www.w3.org/2004/02/skos/core#${name}>`;
    const gvp = (name: string): string => `<http://vocab.getty.edu/ontology#${name}>`;
    const type = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
    writeFileSync(file, [
      `${aat('300010900')} ${type} ${skos('Concept')} .`, `${aat('300010900')} ${skos('prefLabel')} "metal"@en .`, `${aat('300010900')} ${skos('inScheme')} ${aat('')} .`,
      `${aat('300010901')} ${type} ${gvp('GuideTerm')} .`, `${aat('300010901')} ${type} ${skos('OrderedCollection')} .`, `${aat('300010901')} ${skos('prefLabel')} "<metals by composition>"@en .`,
      `${aat('300010902')} ${type} ${gvp('ObsoleteSubject')} .`, `${aat('300010902')} ${skos('prefLabel')} "metaal (vervallen)"@nl .`, `${aat('300010902')} ${skos('inScheme')} ${aat('')} .`,
      `<https://example.org/c> ${type} ${skos('Collection')} .`, `<https://example.org/c> ${skos('prefLabel')} "collectie"@nl .`,
      '',
    ].join('\n'));
    const summary = await importTermList({ file, source: 'metalen.nt', list: 'metalen', baseIri: BASE }, { records });
    expect(summary.concepts).toBe(1);
    expect(records.liveRecords('metalen', 'concept')).toEqual(['http://vocab.getty.edu/aat/300010900']);
    expect(summary.warnings).toEqual([
      '3 resources are a collection, a Getty guide term, facet or hierarchy, or obsolete, and not imported as a concept: <http://vocab.getty.edu/aat/300010901>, <http://vocab.getty.edu/aat/300010902>, <https://example.org/c>',
    ]);
  });

  it('reads a Wikidata dump as Wikidata means it: deprecated statements and properties left out, an old dump\'s [] as an empty map', async () => {
    const dump = join(dir, 'wd.json');
    const claim = (id: string, rank = 'normal') => ({ rank, mainsnak: { datavalue: { value: { id } } } });
    writeFileSync(dump, [
      '[',
      `${JSON.stringify({ id: 'Q900001', type: 'item', labels: { nl: { language: 'nl', value: 'beiaard' } }, aliases: [], descriptions: [], claims: { P279: [claim('Q900002'), claim('Q1', 'deprecated')] } })},`,
      `${JSON.stringify({ id: 'P279', type: 'property', labels: { en: { language: 'en', value: 'subclass of' } } })},`,
      JSON.stringify({ id: 'Q900002', type: 'item', labels: { nl: { language: 'nl', value: 'klokkenspel' } }, claims: [] }),
      ']',
    ].join('\n'));
    const summary = await importTermList({ file: dump, source: 'wd.json', list: 'wd', baseIri: BASE, format: 'wikidata' }, { records });
    expect(summary.concepts).toBe(2);
    expect(objectsOf('http://www.wikidata.org/entity/Q900001', SKOS.broader)).toEqual(['http://www.wikidata.org/entity/Q900002']);
    expect(summary.warnings).toEqual(['wd.json holds 1 property (P279): properties are no concepts, and are left out']);
  });

  it('reads a workbook as one whatever its name says, as an upload named otherwise comes', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('termen');
    sheet.addRow(['id', 'prefLabel@nl']);
    // A cell beyond the header: in a workbook nothing can have shifted, so it is only not read.
    sheet.addRow(['beiaard', 'beiaard', 'notitie']);
    const file = join(dir, 'upload-7f3a');
    await workbook.xlsx.writeFile(file);
    const summary = await importTermList({ file, source: 'stijlen.bin', list: 'klokken', baseIri: BASE, format: 'sheet' }, { records });
    expect(summary.concepts).toBe(1);
    expect(summary.warnings).toEqual(['stijlen.bin sheet "termen" line 2 (row 1) has values in columns without a header; those values are not imported']);
    expect(objectsOf(`${BASE}id/concept/klokken/beiaard`, SKOS.prefLabel)).toEqual(['beiaard@nl']);
  });

  it('sheet problems are reported with their rows, and nothing is written', async () => {
    const file = join(dir, 'fout.csv');
    writeFileSync(file, 'id;prefLabel@nl;broader;exactMatch\na;een;;\nb;twee;zz;\na;drie;;urn:x\nc;;a;geen-iri\nd;vier;;aat:300015050\ne;vijf;;javascript:alert(1)\n');
    const attempt = importTermList({ file, source: 'fout.csv', list: 'fout', baseIri: BASE }, { records });
    await expect(attempt).rejects.toThrow(/fout\.csv line 3 \(row 2\): broader "zz" is neither an id in this sheet nor an IRI/);
    await expect(attempt).rejects.toThrow(/line 4 \(row 3\): the id "a" is also on fout\.csv line 2 \(row 1\)/);
    await expect(attempt).rejects.toThrow(/exactMatch "geen-iri" is not an absolute IRI/);
    await expect(attempt).rejects.toThrow(/"c" has no prefLabel/);
    // A repeated id's row is read too: its own problems are listed with it.
    await expect(attempt).rejects.toThrow(/line 4 \(row 3\): exactMatch "urn:x" is not an http\(s\) IRI/);
    await expect(attempt).rejects.toThrow(/and 2 more/);
    // The message lists five; the error's details carry the rest.
    await expect(attempt).rejects.toSatisfy((error: InvalidInputError) => JSON.stringify(error.extensions).includes('exactMatch \\"aat:300015050\\" is not an http(s) IRI; write the whole IRI'));
    expect(records.head()).toBe(0);
  });

  it('refuses concepts that are another list\'s records as a conflict that names each one\'s row, and changes nothing', async () => {
    const first = join(dir, 'eerste.csv');
    writeFileSync(first, 'id;prefLabel@nl\nhttps://example.org/c/1;een\nhttps://example.org/c/2;twee\n');
    await importTermList({ file: first, source: 'eerste.csv', list: 'eerste', baseIri: BASE }, { records });
    const head = records.head();
    const second = join(dir, 'tweede.csv');
    writeFileSync(second, 'id;prefLabel@nl\nx;nieuw\nhttps://example.org/c/2;twee\nhttps://example.org/c/1;een\n');
    const attempt = importTermList({ file: second, source: 'tweede.csv', list: 'tweede', baseIri: BASE }, { records });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toThrow(/tweede\.csv cannot be imported, nothing was changed: 2 IRIs of it are another dataset's/);
    await expect(attempt).rejects.toThrow(/tweede\.csv line 3 \(row 2\): <https:\/\/example\.org\/c\/2> is a record of dataset "eerste"; tweede\.csv line 4 \(row 3\): <https:\/\/example\.org\/c\/1> is a record of dataset "eerste"/);
    expect(records.head()).toBe(head);
    expect(records.getDataset('tweede')).toBeUndefined();
  });

  it('refuses an unknown topic, a dataset that holds other records, and a file with two schemes', async () => {
    await expect(importTermList({
      file: join(FIXTURES, 'materialen.csv'), source: 'materialen.csv', list: 'm', baseIri: BASE, metadata: { topics: ['stenen'] },
    }, { records })).rejects.toThrow(/"stenen" is not a topic; use one of abstract-concepts, .*materials/);
    const two = join(dir, 'two.ttl');
    writeFileSync(two, '<urn:a> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> . <urn:b> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> .\n');
    await expect(importTermList({ file: two, source: 'two.ttl', list: 't', baseIri: BASE }, { records })).rejects.toThrow(/describes 2 concept schemes/);
    expect(records.head()).toBe(0);
  });
});
