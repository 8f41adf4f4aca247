import { languageMatches, matchingRange } from '../domain/language-tag.js';
import { join } from 'node:path';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { InvalidInputError } from '../domain/errors.js';
import type { ChangedRecord } from '../ports/record-store.js';
import { nquadsStatements } from '../rdf/nquads-statements.js';
import type { IndexedList, LookupField, TermHit, TermIndex, TermLookup, TermSearch, TermSearchResult } from '../ports/term-index.js';
import { conceptDoc, type ConceptDoc, type LanguageValue } from '../terms/concept-doc.js';
import { normalizeLabel } from '../terms/label-text.js';
import { metadataOf, type TermListMetadata } from '../terms/term-list-metadata.js';
import { resolveTopic } from '../terms/topics.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { LABEL_ID, LABEL_SQL, slotLabels } from './term-label-ids.js';

/** The file of the term index inside a data dir: a projection, safe to delete (it is rebuilt). */
export const TERM_INDEX_FILE = 'terms.sqlite';

/** Bytes of the file a reader maps into memory. */
const READER_MMAP_BYTES = 2 ** 31;

/**
 * The layout of the tables below, and of the documents they hold; a file of another version is
 * rebuilt. 4: documents keep a concept's place and person facts. 5: concepts are looked up by
 * notation and exact match (`concept_values`).
 */
const SCHEMA_VERSION = 5;
const TABLES = ['state', 'lists', 'datasets', 'languages', 'concepts', 'docs', 'labels', 'label_words', 'label_grams', 'broader', 'concept_values'];

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS lists (iri TEXT PRIMARY KEY, dataset TEXT NOT NULL, metadata TEXT NOT NULL);
  -- Lists and languages by number, as they are part of every label's row id (term-label-ids.ts).
  CREATE TABLE IF NOT EXISTS datasets (no INTEGER PRIMARY KEY, dataset TEXT NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS languages (code INTEGER PRIMARY KEY, tag TEXT NOT NULL UNIQUE);
  -- Labels without a language, or in mul or und, count for any language asked for: they have
  -- numbers of their own from the start, never the one shared by languages past the 1,022nd.
  INSERT OR IGNORE INTO languages (code, tag) VALUES (1, ''), (2, 'mul'), (3, 'und');
  -- Concepts by IRI, each lookup one B-tree; pref: the preferred labels alone (JSON), what a
  -- related term needs. The documents are in a table of their own, by id, so this one stays small.
  CREATE TABLE IF NOT EXISTS concepts (iri TEXT PRIMARY KEY, id INTEGER NOT NULL, dataset TEXT NOT NULL, pref TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS concepts_by_dataset ON concepts(dataset);
  CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, dataset TEXT NOT NULL, doc TEXT NOT NULL);
  -- Labels by concept and slot, so a concept's labels are found without an index. slot and id: the
  -- label's place in its concept and its row id in the search tables (see term-label-ids.ts).
  -- norm: normalizeLabel(label).
  CREATE TABLE IF NOT EXISTS labels (concept INTEGER NOT NULL, slot INTEGER NOT NULL, id INTEGER NOT NULL, lang TEXT NOT NULL, label TEXT NOT NULL, norm TEXT NOT NULL, PRIMARY KEY (concept, slot)) WITHOUT ROWID;
  -- Both search tables index labels.norm by the labels' row ids, and keep no copy of it.
  CREATE VIRTUAL TABLE IF NOT EXISTS label_words USING fts5(norm, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
  CREATE VIRTUAL TABLE IF NOT EXISTS label_grams USING fts5(norm, content = '', contentless_delete = 1, tokenize = 'trigram remove_diacritics 1');
  -- concept broader parent, by IRI: what makes narrower answerable from the child's side.
  CREATE TABLE IF NOT EXISTS broader (child INTEGER NOT NULL, child_iri TEXT NOT NULL, parent TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS broader_by_child ON broader(child);
  CREATE INDEX IF NOT EXISTS broader_by_parent ON broader(parent);
  -- A concept's notations and exact matches in lower case, field by its place in LOOKUP_FIELDS:
  -- what a reconciliation query without a name finds concepts by.
  CREATE TABLE IF NOT EXISTS concept_values (value TEXT NOT NULL, field INTEGER NOT NULL, concept INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS concept_values_by_value ON concept_values(value, field);
  CREATE INDEX IF NOT EXISTS concept_values_by_concept ON concept_values(concept);
`;

/** Labels a bulk build writes in one statement. */
const PENDING_LABELS = 5_000;
/** Indexes a bulk build drops and makes again at its end (SCHEMA creates them). */
const SECONDARY_INDEXES = ['concepts_by_dataset', 'broader_by_child', 'broader_by_parent', 'concept_values_by_value', 'concept_values_by_concept'];
const KINDS = ['prefLabel', 'altLabel', 'hiddenLabel'] as const;
const LOOKUP_FIELDS: readonly LookupField[] = ['notation', 'exactMatch'];
const HOW = ['exact', 'prefix', 'word', 'substring'] as const;
/** Labels in these "languages" match any language asked for. */
const ANY_LANGUAGE = new Set(['', 'mul', 'und']);

const R = 'm.r';
const LANGUAGE_AT = (list: string) => `instr(${list}, ',' || ${LABEL_SQL.language(R)} || ',')`;

/** Which filters a search applies: a statement is prepared per mode and shape, with only those. */
interface FilterShape {
  /**
   * Which lists: all; one (`:list`, its number), whose labels' row ids are one range the FTS5
   * tables skip to; or many (`:lists`, their numbers as a JSON array).
   */
  readonly lists: 'all' | 'one' | 'many';
  /** Only some languages (`:langs`, their numbers as `,3,1,`; `:any`, those that count for any language). */
  readonly languages: boolean;
  /** Less what `:exclude` (SearchExclusions as JSON) leaves out. */
  readonly exclude: boolean;
}

/**
 * A matching label's place as one number, smaller is better: how it matches (`m.how`: exact,
 * prefix, word, substring), then its kind, then the position of its language among those asked
 * for (labels for any language last), then its length. All but `how` come from its row id.
 */
const RANK = (shape: FilterShape): string => `((m.how * 4 + ${LABEL_SQL.kind(R)}) * 100000
  + ${shape.languages ? `(CASE WHEN ${LANGUAGE_AT(':any')} > 0 THEN 99999 ELSE ${LANGUAGE_AT(':langs')} END)` : '0'}) * 128
  + ${LABEL_SQL.length(R)}`;

/** The conditions on a match of the filters in `shape`; all from the row id. */
const FILTER = (shape: FilterShape): string => [
  ...shape.lists === 'many' ? [`${LABEL_SQL.list(R)} IN (SELECT value FROM json_each(:lists))`] : [],
  ...shape.languages ? [`(${LANGUAGE_AT(':langs')} > 0 OR ${LANGUAGE_AT(':any')} > 0)`] : [],
  ...shape.exclude ? [`(${LABEL_SQL.list(R)} NOT IN (SELECT no FROM datasets WHERE dataset IN (SELECT value FROM json_each(:exclude, '$.datasets')))
      OR ${LABEL_SQL.concept(R)} IN (SELECT c.id FROM concepts c WHERE c.iri IN (SELECT value FROM json_each(:exclude, '$.exceptConcepts'))))
    AND ${LABEL_SQL.concept(R)} NOT IN (SELECT c.id FROM concepts c WHERE c.iri IN (SELECT value FROM json_each(:exclude, '$.concepts')))
    AND ${LABEL_SQL.list(R)} * 4 + ${LABEL_SQL.kind(R)} NOT IN (SELECT d.no * 4 + CAST(substr(k.value, -1) AS INTEGER)
      FROM json_each(:exclude, '$.labelKinds') k JOIN datasets d ON d.dataset = substr(k.value, 1, length(k.value) - 2))`] : [],
].join(' AND ') || '1';

/** How a label matches the folded query `:q`, when only its text can tell. */
const PREFIX_HOW = 'CASE WHEN l.norm = :q THEN 0 WHEN substr(l.norm, 1, length(:q)) = :q THEN 1 ELSE 2 END';
/** The label of the row id `w.rowid`. */
const LABEL_OF_MATCH = `labels l ON l.concept = ${LABEL_SQL.concept('w.rowid')} AND l.slot = ${LABEL_SQL.slot('w.rowid')}`;
const SUBSTRING_HOW = `CASE WHEN l.norm = :q THEN 0 WHEN substr(l.norm, 1, length(:q)) = :q THEN 1 WHEN instr(' ' || l.norm, ' ' || :q) > 0 THEN 2 ELSE 3 END`;
/** The matches of a search, as SQL, given the condition that keeps a row id `r` to one list ('' for all). */
type Matches = (inList: (r: string) => string) => string;
/**
 * The matches of word-prefix search, each label once per way it matches: every query word
 * begins a word (word), the label begins with the query (prefix: an FTS5 initial-phrase query),
 * the label is the query (exact: those beginning with the query's words, compared). A label's
 * best way is the MIN of its rank.
 */
const WORD_MATCHES: Matches = (inList) => `SELECT rowid AS r, 2 AS how FROM label_words WHERE label_words MATCH :words${inList('rowid')}
  UNION ALL SELECT rowid, 1 FROM label_words WHERE label_words MATCH :head${inList('rowid')}
  UNION ALL SELECT w.rowid, 0 FROM label_words w JOIN ${LABEL_OF_MATCH} WHERE label_words MATCH :exact${inList('w.rowid')} AND l.norm = :q`;
/** Substring search: the trigram matches, and the word-prefix tiers above them. */
const GRAM_MATCHES: Matches = (inList) => `SELECT rowid AS r, 3 AS how FROM label_grams WHERE label_grams MATCH :grams${inList('rowid')}
  UNION ALL SELECT rowid, 2 FROM label_words WHERE label_words MATCH :phrase${inList('rowid')}
  UNION ALL SELECT rowid, 1 FROM label_words WHERE label_words MATCH :head${inList('rowid')}
  UNION ALL SELECT w.rowid, 0 FROM label_words w JOIN ${LABEL_OF_MATCH} WHERE label_words MATCH :exact${inList('w.rowid')} AND l.norm = :q`;
/** Raw FTS5 expressions and substrings too short for trigrams: the label's text tells how. */
const RAW_MATCHES: Matches = (inList) => `SELECT w.rowid AS r, ${PREFIX_HOW} AS how FROM label_words w JOIN ${LABEL_OF_MATCH}
  WHERE label_words MATCH :match${inList('w.rowid')}`;
const SCAN_MATCHES: Matches = (inList) => `SELECT l.id AS r, ${SUBSTRING_HOW} AS how FROM labels l WHERE instr(l.norm, :q) > 0${inList('l.id')}`;
/** A concept's document with the IRIs of the concepts that name it as broader (`d` its docs row). */
const DOCUMENT = `d.id, d.iri, d.dataset, d.doc, (SELECT json_group_array(b.child_iri) FROM broader b WHERE b.parent = d.iri) AS children`;
/**
 * The page of concepts, best first, with the number of concepts over all pages, each with its best
 * label (with a single min() aggregate, SQLite takes the bare column m.r from the row that has the
 * minimum) and its document. Equally ranked concepts come in the order of their ids.
 */
const RANKED = (matches: Matches, shape: FilterShape): string => `WITH m(r, how) AS (${matches((r) => (shape.lists === 'one' ? ` AND ${LABEL_SQL.inList(r, ':list')}` : ''))}),
  page AS (SELECT ${LABEL_SQL.concept(R)} AS concept, MIN(${RANK(shape)}) AS rank, m.r AS best, COUNT(*) OVER () AS total
    FROM m WHERE ${FILTER(shape)} GROUP BY concept ORDER BY rank, concept LIMIT :limit OFFSET :offset)
  SELECT page.rank, page.total, l.lang, l.label, ${DOCUMENT}
  FROM page JOIN labels l ON l.concept = page.concept AND l.slot = ${LABEL_SQL.slot('page.best')} JOIN docs d ON d.id = page.concept ORDER BY page.rank, page.concept`;

/** A concept's document as DOCUMENT reads it. */
interface ConceptRow {
  readonly id: number;
  readonly iri: string;
  readonly dataset: string;
  readonly doc: string;
  /** JSON array of the IRIs of the concepts that name it as broader. */
  readonly children: string;
}

/** A concept on a page of results, with its best label. */
interface RankedRow extends ConceptRow {
  readonly rank: number;
  readonly total: number;
  readonly lang: string;
  readonly label: string;
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
  /** Search statements by their matches and filter shape, prepared when first needed. */
  private readonly rankedStatements = new Map<string, Database.Statement>();
  private numbersCache: { readonly seq: number; readonly datasets: Map<string, number>; readonly languages: Map<string, number> } | undefined;
  /** In a bulk build, labels not yet written: [concept, list, slot, lang, label, norm]. */
  private pendingLabels: Array<readonly [number, number, number, string, string, string]> = [];
  /** Outside a bulk build, the concepts of this batch whose labels go into the search tables at its end. */
  private readonly searchPending = new Set<number>();
  /** Within apply(): the numbers of lists and languages are this batch's own. */
  private applying = false;
  /** In a bulk build the search tables are filled once, at the end. */
  private bulkBuild = false;
  /** One read transaction: a search's list and language numbers, page and total are of one batch. */
  private readonly searchInOneRead: (request: TermSearch) => TermSearchResult;

  private constructor(private readonly db: SqliteDatabase, readonly: boolean) {
    this.statements = {
      state: db.prepare('SELECT value FROM state WHERE key = ?'),
      setState: db.prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      upsertList: db.prepare('INSERT INTO lists (iri, dataset, metadata) VALUES (?, ?, ?) ON CONFLICT(iri) DO UPDATE SET dataset = excluded.dataset, metadata = excluded.metadata'),
      deleteList: db.prepare('DELETE FROM lists WHERE iri = ?'),
      lists: db.prepare('SELECT l.iri, l.dataset, l.metadata, (SELECT COUNT(*) FROM concepts c WHERE c.dataset = l.dataset) AS concepts FROM lists l ORDER BY l.dataset'),
      datasets: db.prepare('SELECT no, dataset FROM datasets'),
      insertDataset: db.prepare('INSERT INTO datasets (dataset) VALUES (?)'),
      // A number of a list with no concepts left, to give to another.
      freeDataset: db.prepare('SELECT no FROM datasets d WHERE NOT EXISTS (SELECT 1 FROM concepts c WHERE c.dataset = d.dataset) LIMIT 1'),
      renumberDataset: db.prepare('UPDATE datasets SET dataset = ? WHERE no = ?'),
      languages: db.prepare('SELECT code, tag FROM languages'),
      insertLanguage: db.prepare('INSERT INTO languages (tag) VALUES (?)'),
      conceptRow: db.prepare('SELECT id FROM concepts WHERE iri = ?'),
      insertConcept: db.prepare('INSERT INTO concepts (iri, id, dataset, pref) VALUES (?, ?, ?, ?)'),
      insertDoc: db.prepare('INSERT INTO docs (id, iri, dataset, doc) VALUES (?, ?, ?, ?)'),
      deleteConcept: db.prepare('DELETE FROM concepts WHERE iri = ?'),
      deleteDoc: db.prepare('DELETE FROM docs WHERE id = ?'),
      // A concept's labels in one call: [[slot, lang, label, norm], ...].
      insertLabels: db.prepare(`INSERT INTO labels (concept, slot, id, lang, label, norm)
        SELECT :concept, value ->> 0, ${LABEL_SQL.id(':list', ':concept', '(value ->> 0)')}, value ->> 1, value ->> 2, value ->> 3 FROM json_each(:labels)`),
      // The labels of many concepts (a bulk build): [[concept, list, slot, lang, label, norm], ...].
      insertManyLabels: db.prepare(`INSERT INTO labels (concept, slot, id, lang, label, norm)
        SELECT value ->> 0, value ->> 2, ${LABEL_SQL.id('(value ->> 1)', '(value ->> 0)', '(value ->> 2)')}, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)`),
      deleteLabels: db.prepare('DELETE FROM labels WHERE concept = ?'),
      // The labels of a batch's concepts (a JSON array), in the order of their row ids: FTS5
      // writes a segment each time a row id is lower than the one before.
      insertWords: db.prepare('INSERT INTO label_words (rowid, norm) SELECT id, norm FROM labels WHERE concept IN (SELECT value FROM json_each(?)) ORDER BY id'),
      deleteWords: db.prepare('DELETE FROM label_words WHERE rowid IN (SELECT id FROM labels WHERE concept = ?)'),
      insertGrams: db.prepare('INSERT INTO label_grams (rowid, norm) SELECT id, norm FROM labels WHERE concept IN (SELECT value FROM json_each(?)) ORDER BY id'),
      deleteGrams: db.prepare('DELETE FROM label_grams WHERE rowid IN (SELECT id FROM labels WHERE concept = ?)'),
      // The search tables made again from the labels, after a bulk build: from the labels sorted
      // once (FTS5 takes row ids in ascending order best), into both tables.
      emptyWords: db.prepare("INSERT INTO label_words (label_words) VALUES ('delete-all')"),
      emptyGrams: db.prepare("INSERT INTO label_grams (label_grams) VALUES ('delete-all')"),
      insertBroader: db.prepare('INSERT INTO broader (child, child_iri, parent) VALUES (?, ?, ?)'),
      deleteBroader: db.prepare('DELETE FROM broader WHERE child = ?'),
      // A concept's values in one call: [[value, field], ...].
      insertValues: db.prepare('INSERT INTO concept_values (value, field, concept) SELECT value ->> 0, value ->> 1, :concept FROM json_each(:values)'),
      deleteValues: db.prepare('DELETE FROM concept_values WHERE concept = ?'),
      // In the order of their ids; less what `:exclude` (SearchExclusions as JSON) leaves out, so
      // that concepts a view hides are never read (their number would show in the time taken).
      lookup: db.prepare(`SELECT ${DOCUMENT} FROM docs d WHERE d.id IN (SELECT v.concept FROM concept_values v WHERE v.value IN (SELECT value FROM json_each(:values)) AND v.field = :field)
        AND (:lists IS NULL OR d.dataset IN (SELECT value FROM json_each(:lists)))
        AND (:exclude IS NULL OR ((d.dataset NOT IN (SELECT value FROM json_each(:exclude, '$.datasets')) OR d.iri IN (SELECT value FROM json_each(:exclude, '$.exceptConcepts')))
          AND d.iri NOT IN (SELECT value FROM json_each(:exclude, '$.concepts'))))
        ORDER BY d.id LIMIT :limit`),
      conceptsByIri: db.prepare(`SELECT ${DOCUMENT} FROM concepts c JOIN docs d ON d.id = c.id WHERE c.iri IN (SELECT value FROM json_each(?))`),
      // As arrays: a page of terms asks for hundreds.
      // One row, one string: making a JavaScript row per concept cost more than finding it.
      prefLabels: db.prepare('SELECT json_group_array(json_array(c.iri, json(c.pref))) FROM json_each(?) i JOIN concepts c ON c.iri = i.value').pluck(),
      topConcepts: db.prepare('SELECT c.iri FROM concepts c WHERE c.dataset = ? AND NOT EXISTS (SELECT 1 FROM broader b WHERE b.child = c.id) LIMIT ?').pluck(),
      countTopConcepts: db.prepare('SELECT count(*) FROM concepts c WHERE c.dataset = ? AND NOT EXISTS (SELECT 1 FROM broader b WHERE b.child = c.id)').pluck(),
      seq: db.prepare("SELECT value FROM state WHERE key = 'seq'"),
    };
    this.searchInOneRead = db.transaction((request: TermSearch) => this.searchNow(request));
    // The usual searches are prepared now, with the rest of the statements: a reader opens the
    // file before the writer starts a build, and preparing FTS5 statements during one failed once.
    for (const matches of [WORD_MATCHES, GRAM_MATCHES, RAW_MATCHES, SCAN_MATCHES]) {
      for (const lists of ['all', 'one'] as const) this.prepared(matches, { lists, languages: false, exclude: false });
    }
    // A bulk build that stopped before its end left the search tables behind the labels.
    if (!readonly && this.state('search') === 'stale') this.rebuildSearch();
  }

  /**
   * Opens (creating when missing) the term index of a data dir. A file SQLite cannot read (not a
   * database, or corrupt) is moved aside and a new index is started: it is a projection, built
   * again from the record store. `onDiscard` hears where the old file went.
   */
  static open(dataDir: string, onDiscard?: (message: string) => void): SqliteTermIndex {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, TERM_INDEX_FILE);
    try {
      return SqliteTermIndex.openFile(file);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw error;
      const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(file, aside);
      for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      onDiscard?.(`The term index ${file} could not be read (${(error as Error).message}); it was moved to ${aside} and is built again from the record store.`);
      return SqliteTermIndex.openFile(file);
    }
  }

  private static openFile(file: string): SqliteTermIndex {
    const db = new Database(file);
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
    // A search reads pages all over the file (labels, concepts, documents); mapped, they cost no
    // system call each. A million labels take about 450 MB. SQLite caps this at its own maximum.
    db.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
    return new SqliteTermIndex(db, true);
  }

  seq(): number {
    const row = this.statements.seq.get() as { value: string } | undefined;
    return row === undefined ? 0 : Number(row.value);
  }

  apply(records: readonly ChangedRecord[], seq: number): void {
    try {
      this.applyBatch(records, seq);
    } finally {
      // A batch rolled back may have numbered lists or languages that are not there.
      this.numbersCache = undefined;
    }
  }

  private applyBatch(records: readonly ChangedRecord[], seq: number): void {
    this.db.transaction(() => {
      this.numbersCache = undefined;
      this.applying = true;
      try {
        for (const record of records) {
          if (record.kind === 'term-list') this.applyList(record);
          else if (record.kind === 'concept') this.applyConcept(record);
        }
        this.writePendingLabels();
        if (this.searchPending.size > 0) {
          const concepts = JSON.stringify([...this.searchPending]);
          this.statements.insertWords.run(concepts);
          this.statements.insertGrams.run(concepts);
        }
      } finally {
        this.pendingLabels = [];
        this.searchPending.clear();
        this.applying = false;
      }
      this.statements.setState.run('seq', String(seq));
      if (this.bulkBuild) this.statements.setState.run('search', 'stale');
    })();
  }

  bulk<T>(work: () => T): T {
    // A build starts from nothing, and fills the lookup indexes and search tables at the end:
    // much faster than keeping them up to date row by row.
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM lists; DELETE FROM concepts; DELETE FROM docs; DELETE FROM labels; DELETE FROM broader; DELETE FROM concept_values;
        DELETE FROM datasets; DELETE FROM languages WHERE code > 3;
        ${SECONDARY_INDEXES.map((name) => `DROP INDEX IF EXISTS ${name};`).join(' ')}`);
      this.statements.setState.run('seq', '0');
      this.statements.setState.run('search', 'stale');
    })();
    this.numbersCache = undefined;
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
    const byIri = new Map(rows.map((row) => [row.iri, withChildren(row)]));
    // In the order asked for.
    return new Map(iris.flatMap((iri) => {
      const found = byIri.get(iri);
      return found === undefined ? [] : [[iri, found] as const];
    }));
  }

  lookup(request: TermLookup): Array<{ doc: ConceptDoc; list: string }> {
    const datasets = this.datasetsFor(request);
    if (request.values.length === 0 || request.limit <= 0 || datasets?.size === 0) return [];
    const rows = this.statements.lookup.all({
      values: JSON.stringify(request.values.map((value) => value.toLowerCase())), field: LOOKUP_FIELDS.indexOf(request.field),
      lists: datasets === undefined ? null : JSON.stringify([...datasets]), limit: request.limit,
      exclude: request.exclude === undefined ? null : JSON.stringify(request.exclude),
    }) as ConceptRow[];
    return rows.map(withChildren);
  }

  prefLabels(iris: readonly string[]): Map<string, readonly LanguageValue[]> {
    if (iris.length === 0) return new Map();
    const found = this.statements.prefLabels.get(JSON.stringify([...new Set(iris)])) as string;
    return new Map(JSON.parse(found) as Array<[iri: string, pref: LanguageValue[]]>);
  }

  topConcepts(list: string, limit: number): { iris: string[]; total: number } {
    const iris = this.statements.topConcepts.all(list, limit) as string[];
    return { iris, total: iris.length < limit ? iris.length : this.statements.countTopConcepts.get(list) as number };
  }

  search(request: TermSearch): TermSearchResult {
    return this.searchInOneRead(request);
  }

  private searchNow(request: TermSearch): TermSearchResult {
    const query = normalizeLabel(request.query);
    if (query === '' && request.mode !== 'raw') return { total: 0, hits: [] };
    const datasets = this.datasetsFor(request);
    if (datasets !== undefined && datasets.size === 0) return { total: 0, hits: [] };
    const languages = request.languages ?? [];
    const numbers = this.numbers();
    const lists = datasets === undefined ? undefined : [...datasets].flatMap((dataset) => numbers.datasets.get(dataset) ?? []);
    // Lists without concepts have no number: nothing to find in them.
    if (lists !== undefined && lists.length === 0) return { total: 0, hits: [] };
    const everyList = lists === undefined || lists.length === numbers.datasets.size;
    const codeList = (tags: Iterable<string>) => `,${[...tags].flatMap((tag) => numbers.languages.get(tag) ?? []).join(',')},`;
    // Each language asked for, as a BCP 47 range: `nl` also finds labels tagged `nl-BE`. In the
    // order asked for, which the rank reads.
    const tagsAskedFor = languages.flatMap((range) => [...numbers.languages.keys()].filter((tag) => !ANY_LANGUAGE.has(tag) && languageMatches(tag, range)));
    const shape: FilterShape = { lists: everyList ? 'all' : lists.length === 1 ? 'one' : 'many', languages: languages.length > 0, exclude: request.exclude !== undefined };
    const parameters = {
      q: query, langs: codeList(tagsAskedFor), any: codeList(ANY_LANGUAGE), lists: JSON.stringify(lists ?? []), list: lists?.[0] ?? 0,
      limit: request.limit, offset: request.offset, exclude: JSON.stringify(request.exclude ?? null),
    };
    const rows = this.ranked(request.mode, request.query, query, shape, parameters);
    const hits: TermHit[] = [];
    for (const row of rows) {
      // The rank's high digits: how the label matches, and its kind (see RANK).
      const how = Math.floor(row.rank / 128 / 100_000 / 4);
      const kind = Math.floor(row.rank / 128 / 100_000) % 4;
      const languageRank = languages.length === 0 ? 0 : ANY_LANGUAGE.has(row.lang) ? languages.length : Math.max(0, matchingRange(row.lang, languages));
      const { doc, list } = withChildren(row);
      hits.push({
        concept: doc, list,
        score: Math.max(0, 100 - 20 * how - 5 * kind - Math.min(languageRank, 4)),
        match: { label: row.label, language: row.lang, kind: KINDS[kind] ?? 'hiddenLabel', how: HOW[how] ?? 'substring' },
      });
    }
    // No rows: nothing matched, or the page (an offset past the end, a limit of 0) holds none.
    return { total: rows[0]?.total ?? (request.offset > 0 || request.limit === 0 ? this.countOnly(request, query, shape, parameters) : 0), hits };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The page of concepts, best first. */
  private ranked(mode: TermSearch['mode'], raw: string, query: string, shape: FilterShape, parameters: Record<string, unknown>): RankedRow[] {
    // FTS5 phrases of the folded query's words (letters and digits only, so quoting is safe).
    const head = { head: `^"${query}"*`, exact: `^"${query}"` };
    switch (mode) {
      case 'prefix':
        return this.run(WORD_MATCHES, shape, { ...parameters, ...head, words: query.split(' ').map((word) => `"${word}"*`).join(' ') });
      case 'substring':
        // The trigram index needs three characters; shorter substrings are looked for by scanning.
        return /^.{1,2}$/u.test(query)
          ? this.run(SCAN_MATCHES, shape, parameters)
          : this.run(GRAM_MATCHES, shape, { ...parameters, ...head, grams: `"${query}"`, phrase: `"${query}"*` });
      case 'raw':
        try {
          return this.run(RAW_MATCHES, shape, { ...parameters, match: raw });
        } catch (error) {
          if (error instanceof Database.SqliteError) throw new InvalidInputError(`The query is not a valid search expression: ${error.message}.`);
          throw error;
        }
    }
  }

  /** Runs the ranked statement of `matches` and `shape` with `parameters`. */
  private run(matches: Matches, shape: FilterShape, parameters: Record<string, unknown>): RankedRow[] {
    // better-sqlite3 passes over parameters a statement does not name.
    return this.prepared(matches, shape).all(parameters) as RankedRow[];
  }

  /** The ranked statement of `matches` and `shape`, prepared once. */
  private prepared(matches: Matches, shape: FilterShape): Database.Statement {
    const key = `${matches.name}|${shape.lists}|${shape.languages}|${shape.exclude}`;
    let prepared = this.rankedStatements.get(key);
    if (prepared === undefined) {
      prepared = this.db.prepare(RANKED(matches, shape));
      this.rankedStatements.set(key, prepared);
    }
    return prepared;
  }

  /** The total of a search whose page lies past its end (so no row carried it). */
  private countOnly(request: TermSearch, query: string, shape: FilterShape, parameters: Record<string, unknown>): number {
    return this.ranked(request.mode, request.query, query, shape, { ...parameters, offset: 0, limit: 1 })[0]?.total ?? 0;
  }

  /** The datasets a search or lookup is limited to; undefined when it is not. */
  private datasetsFor(request: Pick<TermSearch, 'lists' | 'topics'>): Set<string> | undefined {
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
      this.statements.emptyWords.run();
      this.statements.emptyGrams.run();
      this.db.exec(`CREATE TEMP TABLE search_fill AS SELECT id, norm FROM labels ORDER BY id;
        INSERT INTO label_words (rowid, norm) SELECT id, norm FROM search_fill;
        INSERT INTO label_grams (rowid, norm) SELECT id, norm FROM search_fill;
        DROP TABLE search_fill;`);
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
    // A bulk build reads each record once, into an empty index.
    const existing = this.bulkBuild ? undefined : this.statements.conceptRow.get(record.iri) as { id: number } | undefined;
    if (existing !== undefined) {
      // Labels written earlier in this batch are not in the search tables yet: nothing to delete.
      if (!this.searchPending.has(existing.id)) {
        this.statements.deleteWords.run(existing.id);
        this.statements.deleteGrams.run(existing.id);
      }
      this.statements.deleteLabels.run(existing.id);
      this.statements.deleteBroader.run(existing.id);
      this.statements.deleteValues.run(existing.id);
      this.statements.deleteDoc.run(existing.id);
      this.statements.deleteConcept.run(record.iri);
    }
    if (record.nquads === null) return;
    const doc = conceptDoc(record.iri, nquadsStatements(record.nquads, record.iri));
    // A changed concept keeps its id, so ids (part of label row ids) do not grow with changes.
    const concept = Number(this.statements.insertDoc.run(existing?.id ?? null, record.iri, record.dataset, JSON.stringify(doc)).lastInsertRowid);
    if (concept > LABEL_ID.maxConcept) throw new Error(`The term index has used every concept number; delete ${TERM_INDEX_FILE} in the data dir to rebuild it.`);
    this.statements.insertConcept.run(record.iri, concept, record.dataset, JSON.stringify(doc.prefLabel));
    const labels = slotLabels(KINDS.flatMap((kind, k) => doc[kind].flatMap((label) => {
      const norm = normalizeLabel(label.value);
      return norm === '' ? [] : [{ kind: k, code: this.languageCode(label.language), language: label.language, label: label.value, norm }];
    })));
    const list = this.datasetNumber(record.dataset);
    if (this.bulkBuild) {
      // Written many concepts at a time; the search tables are built from the labels at the end.
      for (const [slot, language, value, norm] of labels) this.pendingLabels.push([concept, list, slot, language, value, norm]);
      if (this.pendingLabels.length >= PENDING_LABELS) this.writePendingLabels();
    } else {
      // Binding the concept and list once is cheaper here than the bulk build's statement
      // (60,000 changed concepts, runs alternated: 4.43–4.48 s against 4.57–4.80 s). The labels
      // become searchable at the batch's end.
      this.statements.insertLabels.run({ list, concept, labels: JSON.stringify(labels) });
      this.searchPending.add(concept);
    }
    for (const parent of doc.broader) this.statements.insertBroader.run(concept, record.iri, parent);
    const values = LOOKUP_FIELDS.flatMap((field, f) => [...new Set(doc[field].map((value) => value.toLowerCase()))].map((value) => [value, f]));
    if (values.length > 0) this.statements.insertValues.run({ concept, values: JSON.stringify(values) });
  }

  private writePendingLabels(): void {
    if (this.pendingLabels.length === 0) return;
    this.statements.insertManyLabels.run(JSON.stringify(this.pendingLabels));
    this.pendingLabels = [];
  }

  /**
   * The numbers of lists and languages: read once per change-log position, and once per batch
   * while applying one (another process may have applied batches before it).
   */
  private numbers(): { readonly datasets: Map<string, number>; readonly languages: Map<string, number> } {
    if (this.applying && this.numbersCache !== undefined) return this.numbersCache;
    const seq = this.seq();
    if (this.numbersCache?.seq !== seq) {
      this.numbersCache = {
        seq,
        datasets: new Map((this.statements.datasets.all() as Array<{ no: number; dataset: string }>).map((row) => [row.dataset, row.no])),
        languages: new Map((this.statements.languages.all() as Array<{ code: number; tag: string }>).map((row) => [row.tag, row.code])),
      };
    }
    return this.numbersCache;
  }

  /** A list's number, given one when it has none: a new one, or one of a list with no concepts left. */
  private datasetNumber(dataset: string): number {
    const { datasets } = this.numbers();
    let no = datasets.get(dataset);
    if (no !== undefined) return no;
    if (datasets.size < LABEL_ID.maxLists) {
      no = Number(this.statements.insertDataset.run(dataset).lastInsertRowid);
    } else {
      const free = this.statements.freeDataset.get() as { no: number } | undefined;
      if (free === undefined) throw new Error(`The term index holds ${LABEL_ID.maxLists} term lists, as many as it can.`);
      no = free.no;
      for (const [name, number] of datasets) if (number === no) datasets.delete(name);
      this.statements.renumberDataset.run(dataset, no);
    }
    datasets.set(dataset, no);
    return no;
  }

  /** A language's number; languages past the 1,022nd share one (they rank, but cannot be asked for). */
  private languageCode(tag: string): number {
    const { languages } = this.numbers();
    let code = languages.get(tag);
    if (code !== undefined) return code;
    if (languages.size >= LABEL_ID.sharedLanguage - 1) return LABEL_ID.sharedLanguage;
    code = Number(this.statements.insertLanguage.run(tag).lastInsertRowid);
    languages.set(tag, code);
    return code;
  }
}

/** A concept's document with `narrower` completed from the concepts that name it as broader. */
function withChildren(row: ConceptRow): { doc: ConceptDoc; list: string } {
  const doc = JSON.parse(row.doc) as ConceptDoc;
  const children = JSON.parse(row.children) as string[];
  return { list: row.dataset, doc: children.length === 0 ? doc : { ...doc, narrower: [...new Set([...doc.narrower, ...children])].sort() } };
}

/** A stored topic IRI matches a requested key or IRI (ours or the Network of Terms genre). */
function matchesTopic(stored: string, requested: string): boolean {
  const base = stored.slice(0, stored.indexOf('id/topic/'));
  return base !== '' && resolveTopic(base, requested) === stored;
}
