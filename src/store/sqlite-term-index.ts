import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Parser } from 'n3';
import { InvalidInputError } from '../domain/errors.js';
import type { ChangedRecord } from '../ports/record-store.js';
import type { IndexedList, TermHit, TermIndex, TermSearch, TermSearchResult } from '../ports/term-index.js';
import { conceptDoc, type ConceptDoc } from '../terms/concept-doc.js';
import { normalizeLabel } from '../terms/label-text.js';
import { metadataOf, type TermListMetadata } from '../terms/term-list-metadata.js';
import { resolveTopic } from '../terms/topics.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** The file of the term index inside a data dir: a projection, safe to delete (it is rebuilt). */
export const TERM_INDEX_FILE = 'terms.sqlite';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS lists (iri TEXT PRIMARY KEY, dataset TEXT NOT NULL, metadata TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS concepts (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, dataset TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS concepts_by_dataset ON concepts(dataset);
  -- kind: 0 prefLabel, 1 altLabel, 2 hiddenLabel. norm: normalizeLabel(label).
  CREATE TABLE IF NOT EXISTS labels (id INTEGER PRIMARY KEY, concept INTEGER NOT NULL, kind INTEGER NOT NULL, lang TEXT NOT NULL, label TEXT NOT NULL, norm TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS labels_by_concept ON labels(concept);
  CREATE INDEX IF NOT EXISTS labels_by_norm ON labels(norm);
  CREATE VIRTUAL TABLE IF NOT EXISTS label_words USING fts5(norm, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
  CREATE VIRTUAL TABLE IF NOT EXISTS label_grams USING fts5(norm, tokenize = 'trigram remove_diacritics 1');
  -- concept broader parent, by IRI: what makes narrower answerable from the child's side.
  CREATE TABLE IF NOT EXISTS broader (child INTEGER NOT NULL, parent TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS broader_by_child ON broader(child);
  CREATE INDEX IF NOT EXISTS broader_by_parent ON broader(parent);
`;

const KINDS = ['prefLabel', 'altLabel', 'hiddenLabel'] as const;
const HOW = ['exact', 'prefix', 'word', 'substring'] as const;
/** Labels in these "languages" match any language asked for. */
const ANY_LANGUAGE = new Set(['', 'mul', 'und']);

interface LabelRow {
  readonly concept: number;
  readonly iri: string;
  readonly dataset: string;
  readonly kind: number;
  readonly lang: string;
  readonly label: string;
  readonly norm: string;
}

/**
 * The term index in SQLite: labels in two FTS5 tables (words, for word-prefix search, and
 * trigrams, for substring search), both over labels folded by `normalizeLabel`; concepts as
 * JSON documents; lists with their metadata. It lives in its own file next to the record store
 * and follows the change log (see TermIndexProjection).
 */
export class SqliteTermIndex implements TermIndex {
  private readonly statements;

  private constructor(private readonly db: SqliteDatabase) {
    this.statements = {
      seq: db.prepare("SELECT value FROM state WHERE key = 'seq'"),
      setSeq: db.prepare("INSERT INTO state (key, value) VALUES ('seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
      upsertList: db.prepare('INSERT INTO lists (iri, dataset, metadata) VALUES (?, ?, ?) ON CONFLICT(iri) DO UPDATE SET dataset = excluded.dataset, metadata = excluded.metadata'),
      deleteList: db.prepare('DELETE FROM lists WHERE iri = ?'),
      lists: db.prepare('SELECT l.iri, l.dataset, l.metadata, (SELECT COUNT(*) FROM concepts c WHERE c.dataset = l.dataset) AS concepts FROM lists l ORDER BY l.dataset'),
      conceptId: db.prepare('SELECT id FROM concepts WHERE iri = ?'),
      insertConcept: db.prepare('INSERT INTO concepts (iri, dataset, doc) VALUES (?, ?, ?)'),
      deleteConcept: db.prepare('DELETE FROM concepts WHERE id = ?'),
      labelIds: db.prepare('SELECT id FROM labels WHERE concept = ?'),
      insertLabel: db.prepare('INSERT INTO labels (concept, kind, lang, label, norm) VALUES (?, ?, ?, ?, ?)'),
      deleteLabels: db.prepare('DELETE FROM labels WHERE concept = ?'),
      insertWords: db.prepare('INSERT INTO label_words (rowid, norm) VALUES (?, ?)'),
      deleteWords: db.prepare('DELETE FROM label_words WHERE rowid = ?'),
      insertGrams: db.prepare('INSERT INTO label_grams (rowid, norm) VALUES (?, ?)'),
      deleteGrams: db.prepare('DELETE FROM label_grams WHERE rowid = ?'),
      insertBroader: db.prepare('INSERT INTO broader (child, parent) VALUES (?, ?)'),
      deleteBroader: db.prepare('DELETE FROM broader WHERE child = ?'),
      conceptByIri: db.prepare('SELECT iri, dataset, doc FROM concepts WHERE iri = ?'),
      children: db.prepare('SELECT c.iri FROM broader b JOIN concepts c ON c.id = b.child WHERE b.parent = ?'),
      byWords: db.prepare(`SELECT l.concept, c.iri, c.dataset, l.kind, l.lang, l.label, l.norm FROM label_words w
        JOIN labels l ON l.id = w.rowid JOIN concepts c ON c.id = l.concept WHERE label_words MATCH ?`),
      byGrams: db.prepare(`SELECT l.concept, c.iri, c.dataset, l.kind, l.lang, l.label, l.norm FROM label_grams g
        JOIN labels l ON l.id = g.rowid JOIN concepts c ON c.id = l.concept WHERE label_grams MATCH ?`),
      byLike: db.prepare(`SELECT l.concept, c.iri, c.dataset, l.kind, l.lang, l.label, l.norm FROM labels l
        JOIN concepts c ON c.id = l.concept WHERE instr(l.norm, ?) > 0`),
    };
  }

  /** Opens (creating when missing) the term index of a data dir. */
  static open(dataDir: string): SqliteTermIndex {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, TERM_INDEX_FILE));
    db.pragma('journal_mode = WAL');
    // A projection: losing the last batch to a power cut only means applying it again.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 30000');
    db.exec(SCHEMA);
    return new SqliteTermIndex(db);
  }

  seq(): number {
    const row = this.statements.seq.get() as { value: string } | undefined;
    return row === undefined ? 0 : Number(row.value);
  }

  apply(records: readonly ChangedRecord[], seq: number): void {
    this.db.transaction(() => {
      for (const record of records) {
        if (record.kind === 'term-list') this.applyList(record);
        else if (record.kind === 'concept') this.applyConcept(record);
      }
      this.statements.setSeq.run(String(seq));
    })();
  }

  lists(): IndexedList[] {
    return (this.statements.lists.all() as Array<{ iri: string; dataset: string; metadata: string; concepts: number }>).map((row) => ({
      id: row.dataset, iri: row.iri, metadata: JSON.parse(row.metadata) as TermListMetadata, concepts: row.concepts,
    }));
  }

  concepts(iris: readonly string[]): Map<string, { doc: ConceptDoc; list: string }> {
    const found = new Map<string, { doc: ConceptDoc; list: string }>();
    for (const iri of iris) {
      const row = this.statements.conceptByIri.get(iri) as { iri: string; dataset: string; doc: string } | undefined;
      if (row === undefined) continue;
      const doc = JSON.parse(row.doc) as ConceptDoc;
      const children = (this.statements.children.all(iri) as Array<{ iri: string }>).map((r) => r.iri);
      found.set(iri, { doc: { ...doc, narrower: [...new Set([...doc.narrower, ...children])].sort() }, list: row.dataset });
    }
    return found;
  }

  search(request: TermSearch): TermSearchResult {
    const query = normalizeLabel(request.query);
    if (query === '') return { total: 0, hits: [] };
    const datasets = this.datasetsFor(request);
    if (datasets !== undefined && datasets.size === 0) return { total: 0, hits: [] };
    const languages = request.languages ?? [];
    const rows = request.mode === 'raw' ? this.rawCandidates(request.query) : this.candidates(query, request.mode);
    // The best label of each concept decides its place.
    const best = new Map<number, { row: LabelRow; how: number; rank: number[] }>();
    for (const row of rows) {
      if (datasets !== undefined && !datasets.has(row.dataset)) continue;
      if (languages.length > 0 && !ANY_LANGUAGE.has(row.lang) && !languages.includes(row.lang)) continue;
      const how = matchClass(row.norm, query);
      const languageRank = languages.length === 0 ? 0 : ANY_LANGUAGE.has(row.lang) ? languages.length : languages.indexOf(row.lang);
      const rank = [how, row.kind, languageRank, row.norm.length];
      const current = best.get(row.concept);
      if (current === undefined || compareRanks(rank, current.rank) < 0 || (compareRanks(rank, current.rank) === 0 && row.label < current.row.label)) {
        best.set(row.concept, { row, how, rank });
      }
    }
    const ordered = [...best.values()].sort((a, b) => compareRanks(a.rank, b.rank) || (a.row.label < b.row.label ? -1 : a.row.label > b.row.label ? 1 : 0));
    const page = ordered.slice(request.offset, request.offset + request.limit);
    const docs = this.concepts(page.map((entry) => entry.row.iri));
    const hits: TermHit[] = [];
    for (const { row, how, rank } of page) {
      const found = docs.get(row.iri);
      if (found === undefined) continue;
      hits.push({
        concept: found.doc, list: row.dataset,
        score: Math.max(0, 100 - 20 * how - 5 * row.kind - Math.min(rank[2] ?? 0, 4)),
        match: { label: row.label, language: row.lang, kind: KINDS[row.kind] ?? 'hiddenLabel', how: HOW[how] ?? 'substring' },
      });
    }
    return { total: ordered.length, hits };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private candidates(query: string, mode: TermSearch['mode']): LabelRow[] {
    if (mode === 'prefix') {
      const words = query.split(' ').map((word) => `"${word}"*`).join(' ');
      return this.statements.byWords.all(words) as LabelRow[];
    }
    // The trigram index needs three characters; shorter substrings are looked for by scanning.
    if (/^.{1,2}$/u.test(query)) return this.statements.byLike.all(query) as LabelRow[];
    return this.statements.byGrams.all(`"${query}"`) as LabelRow[];
  }

  private rawCandidates(expression: string): LabelRow[] {
    try {
      return this.statements.byWords.all(expression) as LabelRow[];
    } catch (error) {
      if (error instanceof Database.SqliteError) throw new InvalidInputError(`The query is not a valid search expression: ${error.message}.`);
      throw error;
    }
  }

  /** The datasets a search is limited to; undefined when it is not. */
  private datasetsFor(request: TermSearch): Set<string> | undefined {
    if (request.lists === undefined && request.topics === undefined) return undefined;
    let lists = this.lists();
    if (request.lists !== undefined) {
      const wanted = new Set(request.lists);
      lists = lists.filter((list) => wanted.has(list.id) || wanted.has(list.iri));
    }
    if (request.topics !== undefined) {
      const topics = request.topics;
      lists = lists.filter((list) => list.metadata.topics.some((topic) => topics.some((t) => t === topic || matchesTopic(topic, t))));
    }
    return new Set(lists.map((list) => list.id));
  }

  private applyList(record: ChangedRecord): void {
    if (record.nquads === null) {
      this.statements.deleteList.run(record.iri);
      return;
    }
    const metadata = metadataOf(record.iri, new Parser({ format: 'N-Quads' }).parse(record.nquads));
    this.statements.upsertList.run(record.iri, record.dataset, JSON.stringify(metadata));
  }

  private applyConcept(record: ChangedRecord): void {
    const existing = this.statements.conceptId.get(record.iri) as { id: number } | undefined;
    if (existing !== undefined) {
      for (const { id } of this.statements.labelIds.all(existing.id) as Array<{ id: number }>) {
        this.statements.deleteWords.run(id);
        this.statements.deleteGrams.run(id);
      }
      this.statements.deleteLabels.run(existing.id);
      this.statements.deleteBroader.run(existing.id);
      this.statements.deleteConcept.run(existing.id);
    }
    if (record.nquads === null) return;
    const doc = conceptDoc(record.iri, new Parser({ format: 'N-Quads' }).parse(record.nquads));
    const concept = Number(this.statements.insertConcept.run(record.iri, record.dataset, JSON.stringify(doc)).lastInsertRowid);
    KINDS.forEach((kind, k) => {
      for (const label of doc[kind]) {
        const norm = normalizeLabel(label.value);
        if (norm === '') continue;
        const id = this.statements.insertLabel.run(concept, k, label.language, label.value, norm).lastInsertRowid;
        this.statements.insertWords.run(id, norm);
        this.statements.insertGrams.run(id, norm);
      }
    });
    for (const parent of doc.broader) this.statements.insertBroader.run(concept, parent);
  }
}

/** 0 exact, 1 the label starts with the query, 2 a word of the label does, 3 elsewhere. */
function matchClass(norm: string, query: string): number {
  if (norm === query) return 0;
  if (norm.startsWith(query)) return 1;
  if (norm.includes(` ${query}`)) return 2;
  // Word-prefix matches of several words ("sint nik") are word matches too.
  const words = norm.split(' ');
  if (query.split(' ').every((q) => words.some((w) => w.startsWith(q)))) return 2;
  return 3;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A stored topic IRI matches a requested key or IRI (ours or the Network of Terms genre). */
function matchesTopic(stored: string, requested: string): boolean {
  const base = stored.slice(0, stored.indexOf('id/topic/'));
  return base !== '' && resolveTopic(base, requested) === stored;
}
