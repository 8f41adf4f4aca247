import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { InvalidInputError } from '../domain/errors.js';
import type { ChangedRecord } from '../ports/record-store.js';
import { nquadsStatements } from '../rdf/nquads-statements.js';
import type { IndexedList, TermHit, TermIndex, TermSearch, TermSearchResult } from '../ports/term-index.js';
import { conceptDoc, type ConceptDoc, type LanguageValue } from '../terms/concept-doc.js';
import { normalizeLabel } from '../terms/label-text.js';
import { metadataOf, type TermListMetadata } from '../terms/term-list-metadata.js';
import { resolveTopic } from '../terms/topics.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** The file of the term index inside a data dir: a projection, safe to delete (it is rebuilt). */
export const TERM_INDEX_FILE = 'terms.sqlite';

/** The layout of the tables below; a file of another version is rebuilt. */
const SCHEMA_VERSION = 2;
const TABLES = ['state', 'lists', 'concepts', 'labels', 'label_words', 'label_grams', 'broader'];

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS lists (iri TEXT PRIMARY KEY, dataset TEXT NOT NULL, metadata TEXT NOT NULL);
  -- pref: the preferred labels alone (JSON), what a related term needs.
  CREATE TABLE IF NOT EXISTS concepts (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, dataset TEXT NOT NULL, doc TEXT NOT NULL, pref TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS concepts_by_dataset ON concepts(dataset);
  -- kind: 0 prefLabel, 1 altLabel, 2 hiddenLabel. norm: normalizeLabel(label). dataset: the concept's.
  CREATE TABLE IF NOT EXISTS labels (id INTEGER PRIMARY KEY, concept INTEGER NOT NULL, dataset TEXT NOT NULL, kind INTEGER NOT NULL, lang TEXT NOT NULL, label TEXT NOT NULL, norm TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS labels_by_concept ON labels(concept);
  -- Both search tables index labels.norm without a copy of it (external content).
  CREATE VIRTUAL TABLE IF NOT EXISTS label_words USING fts5(norm, content = 'labels', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
  CREATE VIRTUAL TABLE IF NOT EXISTS label_grams USING fts5(norm, content = 'labels', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1');
  -- concept broader parent, by IRI: what makes narrower answerable from the child's side.
  CREATE TABLE IF NOT EXISTS broader (child INTEGER NOT NULL, parent TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS broader_by_child ON broader(child);
  CREATE INDEX IF NOT EXISTS broader_by_parent ON broader(parent);
`;

/** Indexes a bulk build drops and makes again at its end (SCHEMA creates them). */
const SECONDARY_INDEXES = ['concepts_by_dataset', 'labels_by_concept', 'broader_by_child', 'broader_by_parent'];
const KINDS = ['prefLabel', 'altLabel', 'hiddenLabel'] as const;
const HOW = ['exact', 'prefix', 'word', 'substring'] as const;
/** Labels in these "languages" match any language asked for. */
const ANY_LANGUAGE = new Set(['', 'mul', 'und']);

/**
 * A label's place as one number, smaller is better: how it matches (exact, prefix, word,
 * substring), then its kind, then the position of its language among those asked for, then its
 * length. `:q` is the folded query, `:langs` the languages asked for as `,en,nl,` (or '').
 */
const RANK = (how: string): string => `(${how}) * 1000000000 + l.kind * 100000000
  + (CASE WHEN :langs = '' THEN 0 WHEN l.lang IN ('', 'mul', 'und') THEN 9999 ELSE instr(:langs, ',' || l.lang || ',') END) * 10000
  + min(length(l.norm), 9999)`;
const PREFIX_HOW = `CASE WHEN l.norm = :q THEN 0 WHEN substr(l.norm, 1, length(:q)) = :q THEN 1 ELSE 2 END`;
const SUBSTRING_HOW = `CASE WHEN l.norm = :q THEN 0 WHEN substr(l.norm, 1, length(:q)) = :q THEN 1 WHEN instr(' ' || l.norm, ' ' || :q) > 0 THEN 2 ELSE 3 END`;
/**
 * Labels of the lists and languages asked for (`:datasets` a JSON array or null), less what
 * `:exclude` (SearchExclusions as JSON, or null) leaves out.
 */
const FILTER = `(:datasets IS NULL OR l.dataset IN (SELECT value FROM json_each(:datasets)))
  AND (:langs = '' OR l.lang IN ('', 'mul', 'und') OR instr(:langs, ',' || l.lang || ',') > 0)
  AND (:exclude IS NULL OR (
    (l.dataset NOT IN (SELECT value FROM json_each(:exclude, '$.datasets'))
      OR l.concept IN (SELECT c.id FROM concepts c WHERE c.iri IN (SELECT value FROM json_each(:exclude, '$.exceptConcepts'))))
    AND l.concept NOT IN (SELECT c.id FROM concepts c WHERE c.iri IN (SELECT value FROM json_each(:exclude, '$.concepts')))
    AND (l.dataset || ':' || l.kind) NOT IN (SELECT value FROM json_each(:exclude, '$.labelKinds'))))`;
/**
 * One row per concept, best first, with the number of concepts over all pages. The label
 * columns are those of the concept's best label: with a single min() aggregate, SQLite takes
 * bare columns from the row that has the minimum.
 */
const RANKED = (from: string, how: string): string => `SELECT l.concept AS concept, MIN(${RANK(how)}) AS rank, l.kind AS kind, l.lang AS lang,
  l.label AS label, l.norm AS norm, COUNT(*) OVER () AS total
  FROM ${from} ${FILTER} GROUP BY l.concept ORDER BY rank, norm, l.concept LIMIT :limit OFFSET :offset`;

interface ConceptRow {
  readonly id: number;
  readonly iri: string;
  readonly dataset: string;
  readonly doc: string;
}

/** A concept on a page of results, with its best label. */
interface RankedRow {
  readonly concept: number;
  readonly rank: number;
  readonly kind: number;
  readonly lang: string;
  readonly label: string;
  readonly norm: string;
  readonly total: number;
}

/**
 * The term index in SQLite: labels in two FTS5 tables (words, for word-prefix search, and
 * trigrams, for substring search), both over labels folded by `normalizeLabel`; concepts as
 * JSON documents; lists with their metadata. Ranking happens in SQL, so a query that matches
 * many labels returns its first page without handing every match to JavaScript. It lives in its
 * own file next to the record store and follows the change log (see catchUpTermIndex); a first
 * build fills the search tables once at the end (`bulk`), which is several times faster.
 */
export class SqliteTermIndex implements TermIndex {
  private readonly statements;
  private listsCache: { readonly seq: number; readonly lists: IndexedList[] } | undefined;
  /** In a bulk build the search tables are filled once, at the end. */
  private bulkBuild = false;

  private constructor(private readonly db: SqliteDatabase, readonly: boolean) {
    const ranked = (from: string, how: string) => db.prepare(RANKED(from, how));
    this.statements = {
      state: db.prepare('SELECT value FROM state WHERE key = ?'),
      setState: db.prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      upsertList: db.prepare('INSERT INTO lists (iri, dataset, metadata) VALUES (?, ?, ?) ON CONFLICT(iri) DO UPDATE SET dataset = excluded.dataset, metadata = excluded.metadata'),
      deleteList: db.prepare('DELETE FROM lists WHERE iri = ?'),
      lists: db.prepare('SELECT l.iri, l.dataset, l.metadata, (SELECT COUNT(*) FROM concepts c WHERE c.dataset = l.dataset) AS concepts FROM lists l ORDER BY l.dataset'),
      conceptId: db.prepare('SELECT id FROM concepts WHERE iri = ?'),
      insertConcept: db.prepare('INSERT INTO concepts (iri, dataset, doc, pref) VALUES (?, ?, ?, ?)'),
      deleteConcept: db.prepare('DELETE FROM concepts WHERE id = ?'),
      labelsOf: db.prepare('SELECT id, kind, lang, label, norm FROM labels WHERE concept = ?'),
      insertLabel: db.prepare('INSERT INTO labels (concept, dataset, kind, lang, label, norm) VALUES (?, ?, ?, ?, ?, ?)'),
      // A concept's labels in one call: [[kind, lang, label, norm], ...].
      insertLabels: db.prepare(`INSERT INTO labels (concept, dataset, kind, lang, label, norm)
        SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`),
      deleteLabels: db.prepare('DELETE FROM labels WHERE concept = ?'),
      insertWords: db.prepare('INSERT INTO label_words (rowid, norm) VALUES (?, ?)'),
      deleteWords: db.prepare("INSERT INTO label_words (label_words, rowid, norm) VALUES ('delete', ?, ?)"),
      insertGrams: db.prepare('INSERT INTO label_grams (rowid, norm) VALUES (?, ?)'),
      deleteGrams: db.prepare("INSERT INTO label_grams (label_grams, rowid, norm) VALUES ('delete', ?, ?)"),
      rebuildWords: db.prepare("INSERT INTO label_words (label_words) VALUES ('rebuild')"),
      rebuildGrams: db.prepare("INSERT INTO label_grams (label_grams) VALUES ('rebuild')"),
      insertBroader: db.prepare('INSERT INTO broader (child, parent) VALUES (?, ?)'),
      deleteBroader: db.prepare('DELETE FROM broader WHERE child = ?'),
      conceptsByIri: db.prepare('SELECT id, iri, dataset, doc FROM concepts WHERE iri IN (SELECT value FROM json_each(?))'),
      conceptsById: db.prepare('SELECT id, iri, dataset, doc FROM concepts WHERE id IN (SELECT value FROM json_each(?))'),
      prefLabels: db.prepare('SELECT iri, pref FROM concepts WHERE iri IN (SELECT value FROM json_each(?))'),
      children: db.prepare('SELECT b.parent, c.iri FROM broader b JOIN concepts c ON c.id = b.child WHERE b.parent IN (SELECT value FROM json_each(?))'),
      seq: db.prepare("SELECT value FROM state WHERE key = 'seq'"),
      byWords: ranked('label_words w JOIN labels l ON l.id = w.rowid WHERE label_words MATCH :match AND', PREFIX_HOW),
      byRaw: ranked('label_words w JOIN labels l ON l.id = w.rowid WHERE label_words MATCH :match AND', PREFIX_HOW),
      byGrams: ranked('label_grams g JOIN labels l ON l.id = g.rowid WHERE label_grams MATCH :match AND', SUBSTRING_HOW),
      byScan: ranked('labels l WHERE instr(l.norm, :match) > 0 AND', SUBSTRING_HOW),
    };
    // A bulk build that stopped before its end left the search tables behind the labels.
    if (!readonly && this.state('search') === 'stale') this.rebuildSearch();
  }

  /** Opens (creating when missing) the term index of a data dir. */
  static open(dataDir: string): SqliteTermIndex {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, TERM_INDEX_FILE));
    db.pragma('journal_mode = WAL');
    // A projection: losing the last batch to a power cut only means applying it again.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 30000');
    // Building the search tables merges large segments; 64 MB of cache keeps that off the disk.
    db.pragma('cache_size = -65536');
    // The index is a projection: one of another layout is dropped and built again from the log.
    if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
      db.exec(`${TABLES.map((table) => `DROP TABLE IF EXISTS ${table};`).join(' ')} PRAGMA user_version = ${SCHEMA_VERSION};`);
    }
    db.exec(SCHEMA);
    return new SqliteTermIndex(db, false);
  }

  /**
   * Opens an index another connection keeps (the term index worker's) for reading only: searches
   * see each batch it applies whole. The file must exist, as the writer creates it.
   */
  static openReader(dataDir: string): SqliteTermIndex {
    const db = new Database(join(dataDir, TERM_INDEX_FILE), { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 30000');
    db.pragma('cache_size = -65536');
    return new SqliteTermIndex(db, true);
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
      this.statements.setState.run('seq', String(seq));
      if (this.bulkBuild) this.statements.setState.run('search', 'stale');
    })();
  }

  bulk<T>(work: () => T): T {
    // A build starts from nothing, and fills the lookup indexes and search tables at the end:
    // much faster than keeping them up to date row by row.
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM lists; DELETE FROM concepts; DELETE FROM labels; DELETE FROM broader;
        ${SECONDARY_INDEXES.map((name) => `DROP INDEX IF EXISTS ${name};`).join(' ')}`);
      this.statements.setState.run('seq', '0');
      this.statements.setState.run('search', 'stale');
    })();
    this.bulkBuild = true;
    // A crash during a build only means building again: no need to wait for the disk.
    this.db.pragma('synchronous = OFF');
    try {
      return work();
    } finally {
      this.bulkBuild = false;
      this.rebuildSearch();
      this.db.pragma('synchronous = NORMAL');
    }
  }

  lists(): IndexedList[] {
    // Read once per change-log position; another process (the CLI) may move it.
    const seq = this.seq();
    if (this.listsCache?.seq !== seq) {
      const lists = (this.statements.lists.all() as Array<{ iri: string; dataset: string; metadata: string; concepts: number }>).map((row) => ({
        id: row.dataset, iri: row.iri, metadata: JSON.parse(row.metadata) as TermListMetadata, concepts: row.concepts,
      }));
      this.listsCache = { seq, lists };
    }
    return this.listsCache.lists;
  }

  concepts(iris: readonly string[]): Map<string, { doc: ConceptDoc; list: string }> {
    if (iris.length === 0) return new Map();
    const rows = this.statements.conceptsByIri.all(JSON.stringify(iris)) as ConceptRow[];
    const byIri = new Map(this.withChildren(rows).map((found) => [found.doc.iri, found]));
    // In the order asked for.
    return new Map(iris.flatMap((iri) => {
      const found = byIri.get(iri);
      return found === undefined ? [] : [[iri, found] as const];
    }));
  }

  prefLabels(iris: readonly string[]): Map<string, readonly LanguageValue[]> {
    if (iris.length === 0) return new Map();
    const rows = this.statements.prefLabels.all(JSON.stringify([...new Set(iris)])) as Array<{ iri: string; pref: string }>;
    return new Map(rows.map((row) => [row.iri, JSON.parse(row.pref) as LanguageValue[]]));
  }

  search(request: TermSearch): TermSearchResult {
    const query = normalizeLabel(request.query);
    if (query === '' && request.mode !== 'raw') return { total: 0, hits: [] };
    const datasets = this.datasetsFor(request);
    if (datasets !== undefined && datasets.size === 0) return { total: 0, hits: [] };
    const languages = request.languages ?? [];
    const parameters = {
      q: query, langs: languages.length === 0 ? '' : `,${languages.join(',')},`,
      datasets: datasets === undefined ? null : JSON.stringify([...datasets]), limit: request.limit, offset: request.offset,
      exclude: request.exclude === undefined ? null : JSON.stringify(request.exclude),
    };
    const rows = this.ranked(request, query, parameters);
    const found = new Map(this.withChildren(this.statements.conceptsById.all(JSON.stringify(rows.map((row) => row.concept))) as ConceptRow[])
      .map((entry) => [entry.id, entry]));
    const hits: TermHit[] = [];
    for (const row of rows) {
      const concept = found.get(row.concept);
      if (concept === undefined) continue;
      const how = Math.floor(row.rank / 1_000_000_000);
      const languageRank = languages.length === 0 ? 0 : ANY_LANGUAGE.has(row.lang) ? languages.length : languages.indexOf(row.lang);
      hits.push({
        concept: concept.doc, list: concept.list,
        score: Math.max(0, 100 - 20 * how - 5 * row.kind - Math.min(languageRank, 4)),
        match: { label: row.label, language: row.lang, kind: KINDS[row.kind] ?? 'hiddenLabel', how: HOW[how] ?? 'substring' },
      });
    }
    return { total: rows[0]?.total ?? (request.offset > 0 ? this.countOnly(request, query, parameters) : 0), hits };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The page of concepts, best first. */
  private ranked(request: TermSearch, query: string, parameters: Record<string, unknown>): RankedRow[] {
    const run = (statement: Database.Statement, match: string) => statement.all({ ...parameters, match }) as RankedRow[];
    switch (request.mode) {
      case 'prefix':
        return run(this.statements.byWords, query.split(' ').map((word) => `"${word}"*`).join(' '));
      case 'substring':
        // The trigram index needs three characters; shorter substrings are looked for by scanning.
        return /^.{1,2}$/u.test(query) ? run(this.statements.byScan, query) : run(this.statements.byGrams, `"${query}"`);
      case 'raw':
        try {
          return run(this.statements.byRaw, request.query);
        } catch (error) {
          if (error instanceof Database.SqliteError) throw new InvalidInputError(`The query is not a valid search expression: ${error.message}.`);
          throw error;
        }
    }
  }

  /** The total of a search whose page lies past its end (so no row carried it). */
  private countOnly(request: TermSearch, query: string, parameters: Record<string, unknown>): number {
    return this.ranked({ ...request, offset: 0, limit: 1 }, query, { ...parameters, offset: 0, limit: 1 })[0]?.total ?? 0;
  }

  /** Concept documents with `narrower` completed from the concepts that name them as broader. */
  private withChildren(rows: readonly ConceptRow[]): Array<{ id: number; doc: ConceptDoc; list: string }> {
    const children = new Map<string, string[]>();
    if (rows.length > 0) {
      for (const { parent, iri } of this.statements.children.all(JSON.stringify(rows.map((row) => row.iri))) as Array<{ parent: string; iri: string }>) {
        const list = children.get(parent) ?? [];
        list.push(iri);
        children.set(parent, list);
      }
    }
    return rows.map((row) => {
      const doc = JSON.parse(row.doc) as ConceptDoc;
      const more = children.get(row.iri);
      return { id: row.id, list: row.dataset, doc: more === undefined ? doc : { ...doc, narrower: [...new Set([...doc.narrower, ...more])].sort() } };
    });
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

  private state(key: string): string | undefined {
    return (this.statements.state.get(key) as { value: string } | undefined)?.value;
  }

  private rebuildSearch(): void {
    this.db.transaction(() => {
      this.db.exec(SCHEMA);
      this.statements.rebuildWords.run();
      this.statements.rebuildGrams.run();
      this.statements.setState.run('search', 'current');
    })();
  }

  private applyList(record: ChangedRecord): void {
    if (record.nquads === null) {
      this.statements.deleteList.run(record.iri);
      return;
    }
    const metadata = metadataOf(record.iri, nquadsStatements(record.nquads));
    this.statements.upsertList.run(record.iri, record.dataset, JSON.stringify(metadata));
  }

  private applyConcept(record: ChangedRecord): void {
    const existing = this.statements.conceptId.get(record.iri) as { id: number } | undefined;
    if (existing !== undefined) {
      // A bulk build reads each record once, so this is a later change.
      if (!this.bulkBuild) {
        for (const label of this.statements.labelsOf.all(existing.id) as Array<{ id: number; norm: string }>) {
          this.statements.deleteWords.run(label.id, label.norm);
          this.statements.deleteGrams.run(label.id, label.norm);
        }
      }
      this.statements.deleteLabels.run(existing.id);
      this.statements.deleteBroader.run(existing.id);
      this.statements.deleteConcept.run(existing.id);
    }
    if (record.nquads === null) return;
    const doc = conceptDoc(record.iri, nquadsStatements(record.nquads, record.iri));
    const concept = Number(this.statements.insertConcept.run(record.iri, record.dataset, JSON.stringify(doc), JSON.stringify(doc.prefLabel)).lastInsertRowid);
    const labels = KINDS.flatMap((kind, k) => doc[kind].map((label) => [k, label.language, label.value, normalizeLabel(label.value)] as const))
      .filter(([, , , norm]) => norm !== '');
    if (this.bulkBuild) {
      // The search tables are built from the labels table at the end.
      this.statements.insertLabels.run(concept, record.dataset, JSON.stringify(labels));
    } else {
      for (const [k, language, value, norm] of labels) {
        const id = this.statements.insertLabel.run(concept, record.dataset, k, language, value, norm).lastInsertRowid;
        this.statements.insertWords.run(id, norm);
        this.statements.insertGrams.run(id, norm);
      }
    }
    for (const parent of doc.broader) this.statements.insertBroader.run(concept, parent);
  }
}

/** A stored topic IRI matches a requested key or IRI (ours or the Network of Terms genre). */
function matchesTopic(stored: string, requested: string): boolean {
  const base = stored.slice(0, stored.indexOf('id/topic/'));
  return base !== '' && resolveTopic(base, requested) === stored;
}
