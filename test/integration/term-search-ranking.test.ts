import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SearchMode, TermHit, TermSearch } from '../../src/ports/term-index.js';
import { SqliteRecordFeed } from '../../src/store/sqlite-record-feed.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { SqliteTermIndex, TERM_INDEX_FILE } from '../../src/store/sqlite-term-index.js';
import { normalizeLabel } from '../../src/terms/label-text.js';
import { importTermList } from '../../src/terms/term-import.js';
import { catchUpTermIndex } from '../../src/terms/term-index-projection.js';

/**
 * The term index ranks and counts from the row ids of its full-text tables (term-label-ids.ts).
 * These tests hold its answers against a plain reading of the ranking rules over the same labels:
 * random lists whose labels share words and prefixes, searched in every mode, with and without
 * languages and lists, after a first (bulk) build and after changes applied one by one.
 */

const BASE = 'http://localhost:8080/';
const KINDS = ['prefLabel', 'altLabel', 'hiddenLabel'] as const;
const HOW = ['exact', 'prefix', 'word', 'substring'] as const;
const ANY = new Set(['', 'mul', 'und']);
const SYLLABLES = ['ka', 'st', 'kas', 'ter', 'mo', 'ri', 'ék', 'an', 'sint', 'nik', 'laas', 'e', 'mail', 'brons', 'ko', 'per'];
const LANGUAGES = ['nl', 'en', 'fr', '', 'mul'];

interface Label { readonly kind: number; readonly language: string; readonly value: string }
interface Concept { readonly iri: string; readonly list: string; readonly labels: readonly Label[] }

/** A deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateList(list: string, size: number, seed: number): Concept[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const word = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join('');
  const text = () => {
    const words = Array.from({ length: 1 + Math.floor(next() * 3) }, word);
    return words.join(pick([' ', '-', ' ', ', ']));
  };
  return Array.from({ length: size }, (_, i) => {
    const labels: Label[] = [{ kind: 0, language: 'nl', value: text() }];
    if (next() < 0.6) labels.push({ kind: 0, language: pick(['en', 'fr', '', 'mul']), value: text() });
    for (let a = Math.floor(next() * 4); a > 0; a--) labels.push({ kind: 1, language: pick(LANGUAGES), value: text() });
    if (next() < 0.3) labels.push({ kind: 2, language: pick(LANGUAGES), value: text() });
    return { iri: `https://example.org/${list}/c${i}`, list, labels };
  });
}

const literal = (label: Label) => `${JSON.stringify(label.value)}${label.language === '' ? '' : `@${label.language}`}`;
function ntriples(list: string, concepts: readonly Concept[]): string {
  const SKOS = 'http://www.w3.org/2004/02/skos/core#';
  const scheme = `https://example.org/${list}/`;
  const lines = [`<${scheme}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${SKOS}ConceptScheme> .`];
  for (const concept of concepts) {
    lines.push(`<${concept.iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${SKOS}Concept> .`, `<${concept.iri}> <${SKOS}inScheme> <${scheme}> .`);
    for (const label of concept.labels) lines.push(`<${concept.iri}> <${SKOS}${KINDS[label.kind]}> ${literal(label)} .`);
  }
  return `${lines.join('\n')}\n`;
}

/** A label's place by the ranking rules: how, kind, language, length; smaller is better. */
type Place = readonly [how: number, kind: number, language: number, length: number];
const compare = (a: Place, b: Place): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];

function howItMatches(norm: string, query: string, mode: SearchMode): number | undefined {
  const tokens = norm.split(' ');
  const startsWith = norm.startsWith(query);
  if (mode === 'prefix') {
    if (!query.split(' ').every((word) => tokens.some((token) => token.startsWith(word)))) return undefined;
  } else if (!norm.includes(query)) return undefined;
  if (norm === query) return 0;
  if (startsWith) return 1;
  if (mode === 'prefix' || ` ${norm}`.includes(` ${query}`)) return 2;
  return 3;
}

/** Each matching concept's best place, by reading every label. */
function expected(concepts: readonly Concept[], request: TermSearch): Map<string, Place> {
  const query = normalizeLabel(request.query);
  const languages = request.languages ?? [];
  const best = new Map<string, Place>();
  for (const concept of concepts) {
    if (request.lists !== undefined && !request.lists.includes(concept.list)) continue;
    for (const label of concept.labels) {
      const norm = normalizeLabel(label.value);
      if (norm === '') continue;
      if (languages.length > 0 && !ANY.has(label.language) && !languages.includes(label.language)) continue;
      const how = howItMatches(norm, query, request.mode);
      if (how === undefined) continue;
      const language = languages.length === 0 ? 0 : ANY.has(label.language) ? 99 : languages.indexOf(label.language);
      const place: Place = [how, label.kind, language, Math.min(norm.length, 127)];
      const before = best.get(concept.iri);
      if (before === undefined || compare(place, before) < 0) best.set(concept.iri, place);
    }
  }
  return best;
}

function placeOf(hit: TermHit, languages: readonly string[]): Place {
  const language = languages.length === 0 ? 0 : ANY.has(hit.match.language) ? 99 : languages.indexOf(hit.match.language);
  return [HOW.indexOf(hit.match.how), KINDS.indexOf(hit.match.kind), language, Math.min(normalizeLabel(hit.match.label).length, 127)];
}

describe('term search ranking', () => {
  let dir: string;
  let records: SqliteRecordStore;
  let index: SqliteTermIndex;
  let concepts: Concept[];

  const importList = async (list: string, listConcepts: readonly Concept[]) => {
    const file = join(dir, `${list}.nt`);
    writeFileSync(file, ntriples(list, listConcepts));
    await importTermList({ file, source: `${list}.nt`, list, baseIri: BASE }, { records });
  };
  const catchUp = () => {
    const feed = SqliteRecordFeed.open(join(dir, 'data'));
    try {
      return catchUpTermIndex(index, feed);
    } finally {
      feed.close();
    }
  };
  const queries = (): string[] => {
    const next = random(7);
    const labels = concepts.flatMap((concept) => concept.labels.map((label) => normalizeLabel(label.value)));
    const found: string[] = ['kas', 'sint nik', 'email', 'e', 'ka', 'st', 'zzz', 'Sint-Niklaas', 'ÉK'];
    for (let i = 0; i < 40; i++) {
      const label = labels[Math.floor(next() * labels.length)] ?? '';
      const start = Math.floor(next() * label.length);
      found.push(label.slice(next() < 0.5 ? 0 : start, start + 1 + Math.floor(next() * 6)).trim() || 'ka');
    }
    return found;
  };

  /** Every request of a mode, language and list combination answers as the rules say. */
  const checkAll = () => {
    let checked = 0;
    for (const query of queries()) {
      for (const mode of ['prefix', 'substring'] as const) {
        for (const languages of [undefined, ['en', 'nl'], ['fr']]) {
          // All lists, one (a range of row ids), and two of the three.
          for (const lists of [undefined, ['lijst-a'], ['lijst-a', 'lijst-c']]) {
            const request: TermSearch = { query, mode, limit: 1000, offset: 0, ...(languages ? { languages } : {}), ...(lists ? { lists } : {}) };
            const want = expected(concepts, request);
            const got = index.search(request);
            const context = JSON.stringify({ query, mode, languages, lists });
            expect(got.total, context).toBe(want.size);
            expect(new Set(got.hits.map((hit) => hit.concept.iri)), context).toEqual(new Set(want.keys()));
            const places = got.hits.map((hit) => placeOf(hit, languages ?? []));
            for (const [i, hit] of got.hits.entries()) {
              expect(places[i], `${context} ${hit.concept.iri}`).toEqual(want.get(hit.concept.iri));
              if (i > 0) expect(compare(places[i - 1] as Place, places[i] as Place), context).toBeLessThanOrEqual(0);
            }
            checked += got.hits.length;
          }
        }
      }
    }
    return checked;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'term-ranking-'));
    records = SqliteRecordStore.open(join(dir, 'data'));
    concepts = [...generateList('lijst-a', 250, 1), ...generateList('lijst-b', 150, 2), ...generateList('lijst-c', 60, 4)];
    for (const list of ['lijst-a', 'lijst-b', 'lijst-c']) await importList(list, concepts.filter((concept) => concept.list === list));
    index = SqliteTermIndex.open(join(dir, 'data'));
  });
  afterAll(() => {
    index.close();
    records.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks and counts as the rules say after a first build', () => {
    expect(catchUp()).toBe(463);
    // Enough matches to mean something: the queries find thousands of concepts together.
    expect(checkAll()).toBeGreaterThan(5_000);
  });

  it('still does after changes applied one by one: changed, added and removed concepts', async () => {
    const changed = generateList('lijst-a', 260, 3);
    concepts = [...changed.slice(20), ...concepts.filter((concept) => concept.list !== 'lijst-a')];
    await importList('lijst-a', changed.slice(20));
    expect(catchUp()).toBeGreaterThan(200);
    expect(checkAll()).toBeGreaterThan(5_000);
  });

  it('pages through equally ranked concepts without losing or repeating one', () => {
    const request: TermSearch = { query: 'ka', mode: 'prefix', limit: 1000, offset: 0 };
    const all = index.search(request).hits.map((hit) => hit.concept.iri);
    const paged = [0, 7, 14, 21, 28].flatMap((offset) => index.search({ ...request, limit: 7, offset }).hits.map((hit) => hit.concept.iri));
    expect(paged).toEqual(all.slice(0, 35));
    expect(index.search({ ...request, limit: 7, offset: all.length + 5 })).toEqual({ total: all.length, hits: [] });
  });
});

describe('term index file', () => {
  it('of the earlier layout (labels by sequence number, external-content search tables) is built again in the current one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'term-layout-'));
    try {
      const data = join(dir, 'data');
      mkdirSync(data);
      const old = new Database(join(data, TERM_INDEX_FILE));
      old.exec(`CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO state VALUES ('seq', '1');
        CREATE TABLE concepts (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, dataset TEXT NOT NULL, doc TEXT NOT NULL, pref TEXT NOT NULL);
        CREATE TABLE labels (id INTEGER PRIMARY KEY, concept INTEGER NOT NULL, dataset TEXT NOT NULL, kind INTEGER NOT NULL, lang TEXT NOT NULL, label TEXT NOT NULL, norm TEXT NOT NULL);
        CREATE VIRTUAL TABLE label_words USING fts5(norm, content = 'labels', content_rowid = 'id');
        PRAGMA user_version = 2;`);
      old.close();
      const records = SqliteRecordStore.open(data);
      const file = join(dir, 'lijst.nt');
      writeFileSync(file, ntriples('lijst', generateList('lijst', 5, 9)));
      await importTermList({ file, source: 'lijst.nt', list: 'lijst', baseIri: BASE }, { records });
      const index = SqliteTermIndex.open(data);
      expect(index.seq()).toBe(0);
      const feed = SqliteRecordFeed.open(data);
      expect(catchUpTermIndex(index, feed)).toBe(6);
      feed.close();
      expect(index.search({ query: 'a', mode: 'substring', limit: 10, offset: 0 }).total).toBeGreaterThan(0);
      index.close();
      records.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('term index numbering', () => {
  const SKOS_PREF = 'http://www.w3.org/2004/02/skos/core#prefLabel';
  const conceptRecord = (dataset: string, id: string, labels: ReadonlyArray<readonly [string, string]>) => ({
    iri: `https://example.org/${dataset}/${id}`, dataset, kind: 'concept' as const,
    nquads: labels.map(([value, language]) => `<https://example.org/${dataset}/${id}> <${SKOS_PREF}> ${JSON.stringify(value)}@${language} .\n`).join(''),
  });
  /** A list's record and one concept of it. */
  const listWith = (dataset: string, labels: ReadonlyArray<readonly [string, string]>) => [
    { iri: `https://example.org/${dataset}/`, dataset, kind: 'term-list' as const, nquads: `<https://example.org/${dataset}/> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#ConceptScheme> .\n` },
    conceptRecord(dataset, 'c', labels),
  ];
  let dir: string;
  let index: SqliteTermIndex;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'term-numbers-'));
    index = SqliteTermIndex.open(join(dir, 'data'));
  });
  afterEach(() => {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a list whose concepts are all gone its number to the next list, once 1,023 are numbered', () => {
    index.apply(Array.from({ length: 1023 }, (_, i) => listWith(`lijst-${i}`, [[`term ${i}`, 'nl']])).flat(), 1);
    expect(index.search({ query: 'term', mode: 'prefix', limit: 1, offset: 0 }).total).toBe(1023);
    // lijst-7 loses its one concept; a new list can only have its number.
    index.apply([{ ...conceptRecord('lijst-7', 'c', []), nquads: null }, ...listWith('nieuw', [['nieuwe term', 'nl']])], 2);
    expect(index.search({ query: 'nieuwe', mode: 'prefix', lists: ['nieuw'], limit: 10, offset: 0 }).hits.map((hit) => [hit.list, hit.concept.iri]))
      .toEqual([['nieuw', 'https://example.org/nieuw/c']]);
    expect(index.search({ query: 'term', mode: 'prefix', lists: ['lijst-7'], limit: 10, offset: 0 }).total).toBe(0);
    expect(index.search({ query: 'term', mode: 'prefix', lists: ['lijst-8'], limit: 10, offset: 0 }).total).toBe(1);
    expect(index.search({ query: 'term', mode: 'prefix', limit: 1, offset: 0 }).total).toBe(1023);
    // With every number in use, one more list is refused, and the batch leaves nothing behind.
    expect(() => { index.apply(listWith('te-veel', [['te veel', 'nl']]), 3); }).toThrow(/holds 1023 term lists/);
    expect(index.seq()).toBe(2);
    expect(index.search({ query: 'veel', mode: 'prefix', limit: 10, offset: 0 }).total).toBe(0);
  });

  it('counts untagged, mul and und labels for any language, however many languages came before them', () => {
    const many = Array.from({ length: 1025 }, (_, i) => [`woord`, `y${String(i).padStart(4, '0')}`] as const);
    index.apply([...listWith('talen', [['nederlands', 'nl'], ...many])], 1);
    index.apply(['und', '', 'mul', 'nl'].map((language, i) => ({
      ...conceptRecord('talen', `k${i}`, []),
      nquads: `<https://example.org/talen/k${i}> <${SKOS_PREF}> "kasteel"${language === '' ? '' : `@${language}`} .\n`,
    })), 2);
    const found = index.search({ query: 'kasteel', mode: 'prefix', languages: ['nl'], limit: 10, offset: 0 });
    expect(found.total).toBe(4);
    expect(found.hits[0]?.match.language).toBe('nl');
  });

  it('writes a concept changed twice in one batch with its last labels, and one added and removed in a batch not at all', () => {
    const terms = (query: string) => index.search({ query, mode: 'substring', limit: 10, offset: 0 }).hits.map((hit) => hit.match.label);
    index.apply([...listWith('lijst', [['eerste versie', 'nl']]), conceptRecord('lijst', 'c', [['tweede versie', 'nl']]),
      conceptRecord('lijst', 'weg', [['kortstondig', 'nl']]), { ...conceptRecord('lijst', 'weg', []), nquads: null }], 1);
    expect(terms('versie')).toEqual(['tweede versie']);
    expect(terms('kortstondig')).toEqual([]);
    // In a later batch, a change and a removal take the earlier labels out of both search tables.
    index.apply([conceptRecord('lijst', 'c', [['derde', 'nl']]), conceptRecord('lijst', 'ander', [['versie drie', 'nl']])], 2);
    index.apply([{ ...conceptRecord('lijst', 'ander', []), nquads: null }], 3);
    expect(terms('versie')).toEqual([]);
    expect(index.search({ query: 'versie', mode: 'prefix', limit: 10, offset: 0 }).total).toBe(0);
    expect(terms('derde')).toEqual(['derde']);
  });

  it('ranks labels in languages past the 1,022nd, which share one number and cannot be asked for', () => {
    const languages = Array.from({ length: 1030 }, (_, i) => `x${i}`);
    index.apply(listWith('talen', languages.map((language) => [`woord ${language}`, language])), 1);
    const found = index.search({ query: 'woord', mode: 'prefix', lists: ['talen'], limit: 10, offset: 0 });
    expect(found.total).toBe(1);
    // A concept's labels are numbered in the order of their languages' tags.
    const [first, last] = [[...languages].sort().at(0), [...languages].sort().at(-1)];
    expect(index.search({ query: 'woord', mode: 'prefix', lists: ['talen'], languages: [first ?? ''], limit: 10, offset: 0 }).hits[0]?.match.language).toBe(first);
    expect(index.search({ query: 'woord', mode: 'prefix', lists: ['talen'], languages: [last ?? ''], limit: 10, offset: 0 }).total).toBe(0);
  });
});
