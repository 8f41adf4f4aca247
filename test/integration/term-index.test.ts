import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TermLookup, TermSearch } from '../../src/ports/term-index.js';
import { preparePut } from '../../src/rdf/prepare-put.js';
import { SqliteRecordFeed } from '../../src/store/sqlite-record-feed.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { SqliteTermIndex } from '../../src/store/sqlite-term-index.js';
import { importTermList } from '../../src/terms/term-import.js';
import { catchUpTermIndex } from '../../src/terms/term-index-projection.js';
import { CRM, RDF } from '../../src/vocab/vocabularies.js';

const BASE = 'http://localhost:8080/';
const FIXTURES = join(import.meta.dirname, '../../fixtures/terms');
const concept = (list: string, id: string): string => `${BASE}id/concept/${list}/${id}`;

describe('term index', () => {
  let dir: string;
  let data: string;
  let records: SqliteRecordStore;
  let index: SqliteTermIndex;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'term-index-'));
    data = join(dir, 'data');
    records = SqliteRecordStore.open(data);
    index = SqliteTermIndex.open(data);
    await importTermList({
      file: join(FIXTURES, 'materialen.csv'), source: 'materialen.csv', list: 'materialen', baseIri: BASE, metadata: { topics: ['materials'] },
    }, { records });
    await importTermList({ file: join(FIXTURES, 'plaatsen.ttl'), source: 'plaatsen.ttl', list: 'plaatsen', baseIri: BASE, metadata: { topics: ['places'] } }, { records });
    const ranking = join(dir, 'ranking.csv');
    writeFileSync(ranking, [
      'id;prefLabel@nl;prefLabel@en;altLabel@nl;hiddenLabel@nl',
      'kastje;kastje;small cupboard;;',
      'meubel;meubel;furniture;kast;',
      'kast;kast;cupboard;;',
      'kist-en;box;chest;;',
      'kist-nl;kist;crate;;',
      'verborgen;schrijn;shrine;;kast',
    ].join('\n'));
    await importTermList({ file: ranking, source: 'ranking.csv', list: 'ranking', baseIri: BASE }, { records });
    catchUpFrom();
  });
  afterEach(() => {
    index.close();
    records.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const catchUpFrom = (): number => {
    const feed = SqliteRecordFeed.open(data);
    try {
      return catchUpTermIndex(index, feed);
    } finally {
      feed.close();
    }
  };
  const search = (query: string, options: Partial<TermSearch> = {}) => index.search({ query, mode: 'prefix', limit: 20, offset: 0, ...options });
  const iris = (query: string, options: Partial<TermSearch> = {}): string[] => search(query, options).hits.map((hit) => hit.concept.iri);

  it('finds labels ignoring case, diacritics and punctuation', () => {
    expect(iris('sint niklaas')).toEqual(['https://example.org/plaatsen/sint-niklaas']);
    expect(iris('SINT-NIK')).toEqual(['https://example.org/plaatsen/sint-niklaas']);
    expect(iris('email')).toEqual([concept('materialen', 'email')]);
    expect(search('email').hits[0]?.match).toEqual({ label: 'émail', language: 'nl', kind: 'prefLabel', how: 'exact' });
    expect(iris('Émaille')).toEqual([concept('materialen', 'email')]);
    expect(iris('gand')).toEqual(['https://example.org/plaatsen/gent']);
  });

  it('ranks exact before prefix before word, prefLabel before altLabel before hiddenLabel, then the languages asked for', () => {
    // kast: exact prefLabel, exact altLabel (meubel), exact hiddenLabel (schrijn), prefix prefLabel (kastje).
    expect(iris('kast', { lists: ['ranking'] })).toEqual([concept('ranking', 'kast'), concept('ranking', 'meubel'), concept('ranking', 'verborgen'), concept('ranking', 'kastje')]);
    const scores = search('kast', { lists: ['ranking'] }).hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBe(4);
    expect(iris('small', { lists: ['ranking'] })).toEqual([concept('ranking', 'kastje')]);
    expect(search('small', { lists: ['ranking'] }).hits[0]?.match.how).toBe('prefix');
    expect(search('cupboard', { lists: ['ranking'] }).hits.map((h) => h.match.how)).toEqual(['exact', 'word']);
  });

  it('filters by language, and orders by the languages asked for', () => {
    expect(iris('crate')).toEqual([concept('ranking', 'kist-nl')]);
    expect(iris('crate', { languages: ['nl'] })).toEqual([]);
    writeFileSync(join(dir, 'talen.csv'), 'id;prefLabel@nl;prefLabel@en\nnl-eerst;doos;case\nen-eerst;case;doos\n');
    return importTermList({ file: join(dir, 'talen.csv'), source: 'talen.csv', list: 'talen', baseIri: BASE }, { records }).then(() => {
      catchUpFrom();
      expect(iris('doos', { lists: ['talen'], languages: ['en', 'nl'] })).toEqual([concept('talen', 'en-eerst'), concept('talen', 'nl-eerst')]);
      expect(iris('doos', { lists: ['talen'], languages: ['nl', 'en'] })).toEqual([concept('talen', 'nl-eerst'), concept('talen', 'en-eerst')]);
    });
  });

  it('finds substrings in substring mode, also of fewer than three characters', () => {
    expect(iris('mail')).toEqual([]);
    expect(iris('mail', { mode: 'substring' })).toEqual([concept('materialen', 'email')]);
    expect(iris('ik', { mode: 'substring', lists: ['materialen'] })).toEqual([concept('materialen', 'eik')]);
    expect(search('mail', { mode: 'substring' }).hits[0]?.match.how).toBe('substring');
  });

  it('searches across lists, filtered by list (id or IRI) and topic, paginated with a total', () => {
    expect(new Set(search('e', { limit: 100 }).hits.map((hit) => hit.list))).toEqual(new Set(['materialen', 'plaatsen']));
    expect(iris('gent', { lists: ['materialen'] })).toEqual([]);
    expect(iris('gent', { lists: ['https://example.org/plaatsen/'] })).toEqual(['https://example.org/plaatsen/gent']);
    expect(iris('gent', { topics: ['materials'] })).toEqual([]);
    expect(iris('gent', { topics: ['places'] })).toEqual(['https://example.org/plaatsen/gent']);
    const all = search('m', { lists: ['materialen'], limit: 100 });
    const pages = [0, 2, 4].flatMap((offset) => search('m', { lists: ['materialen'], limit: 2, offset }).hits.map((hit) => hit.concept.iri));
    expect(search('m', { lists: ['materialen'], limit: 2 }).total).toBe(all.total);
    expect(pages).toEqual(all.hits.map((hit) => hit.concept.iri).slice(0, 6));
  });

  it('returns concept documents with narrower completed from broader, and lists with their metadata', () => {
    const found = index.concepts([concept('materialen', 'metaal'), 'https://example.org/unknown']);
    expect([...found.keys()]).toEqual([concept('materialen', 'metaal')]);
    expect(found.get(concept('materialen', 'metaal'))?.doc).toMatchObject({
      prefLabel: [{ value: 'metal', language: 'en' }, { value: 'metaal', language: 'nl' }],
      altLabel: [{ value: 'metalen', language: 'nl' }],
      broader: [concept('materialen', 'materiaal')], narrower: [concept('materialen', 'brons')],
      exactMatch: ['http://vocab.getty.edu/aat/300010900'], notation: ['M.1'],
    });
    expect(index.lists().map((list) => [list.id, list.concepts])).toEqual([['materialen', 6], ['plaatsen', 3], ['ranking', 6]]);
  });

  it('looks concepts up by notation and exact match, whatever the case, in the lists asked for, and follows changes', async () => {
    const lookup = (field: TermLookup['field'], values: string[], options: Partial<TermLookup> = {}): string[] =>
      index.lookup({ field, values, limit: 10, ...options }).map(({ doc }) => doc.iri);
    expect(lookup('notation', ['m.1.1', 'M.2'])).toEqual([concept('materialen', 'brons'), concept('materialen', 'email')]);
    expect(index.lookup({ field: 'notation', values: ['M.1.1'], limit: 1 })[0]).toEqual({ doc: index.concepts([concept('materialen', 'brons')]).get(concept('materialen', 'brons'))?.doc, list: 'materialen' });
    expect(lookup('exactMatch', ['HTTP://vocab.getty.edu/aat/300010957'])).toEqual([concept('materialen', 'brons')]);
    // A value counts in its own field only.
    expect(lookup('exactMatch', ['M.1.1'])).toEqual([]);
    expect(lookup('notation', ['M', 'M.1', 'M.1.1'], { limit: 2 })).toEqual([concept('materialen', 'materiaal'), concept('materialen', 'metaal')]);
    expect(lookup('notation', ['M.1.1'], { lists: ['plaatsen'] })).toEqual([]);
    expect(lookup('notation', ['M.1.1'], { lists: ['plaatsen', 'materialen'] })).toEqual([concept('materialen', 'brons')]);
    const renumbered = join(dir, 'materialen.csv');
    writeFileSync(renumbered, readFileSync(join(FIXTURES, 'materialen.csv'), 'utf8').replace(';M.1.1;', ';M.1.9;'));
    await importTermList({ file: renumbered, source: 'materialen.csv', list: 'materialen', baseIri: BASE }, { records });
    catchUpFrom();
    expect([lookup('notation', ['M.1.1']), lookup('notation', ['M.1.9'])]).toEqual([[], [concept('materialen', 'brons')]]);
  });

  it('follows the change log: a re-import that drops a concept removes it from search', async () => {
    expect(iris('eikenhout')).toEqual([concept('materialen', 'eik')]);
    const smaller = join(dir, 'materialen.csv');
    writeFileSync(smaller, readFileSync(join(FIXTURES, 'materialen.csv'), 'utf8').split('\n').filter((line) => !line.startsWith('eik;')).join('\n'));
    await importTermList({ file: smaller, source: 'materialen.csv', list: 'materialen', baseIri: BASE }, { records });
    // The deleted concept, and the list record: its modification time moved.
    expect(catchUpFrom()).toBe(2);
    expect(iris('eikenhout')).toEqual([]);
    expect(catchUpFrom()).toBe(0);
    expect(index.seq()).toBe(records.head());
    // Records of other kinds move the log on; the index passes over them.
    records.writeBatch([await preparePut('https://example.org/object/1', 'objecten', [
      DataFactory.quad(DataFactory.namedNode('https://example.org/object/1'), DataFactory.namedNode(RDF.type), DataFactory.namedNode(CRM['E22_Human-Made_Object'])),
    ])], { createDatasets: [{ id: 'objecten' }] });
    expect(catchUpFrom()).toBe(0);
    expect(index.seq()).toBe(records.head());
  });
});
