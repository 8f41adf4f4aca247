import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import Database from 'better-sqlite3';
import { DataFactory } from 'n3';
import { quadToNQuad } from '../rdf/nquads.js';
import { nquadsStatements, type LineTerm } from '../rdf/nquads-statements.js';
import { toNTriples } from '../validation/term-text.js';

/** Triples written per transaction while staging. */
const BATCH = 10_000;

/** What reading SKOS needs of a graph: subjects by predicate (and object), objects, a subject's triples. */
export interface SkosGraph {
  /** Subjects of `predicate`, with `object` (an IRI, or a term) when given. */
  subjects(predicate: string, object?: string | RDF.Term): RDF.Quad_Subject[];
  /** Objects of `predicate`, for one subject or (null) for all. */
  objects(subject: RDF.Term | null, predicate: string): RDF.Quad_Object[];
  quads(subject: RDF.Term): RDF.Quad[];
  has(subject: RDF.Term, predicate: string): boolean;
}

/**
 * A graph staged in a temporary SQLite file, so a file of millions of triples is read with a
 * small, fixed amount of memory: triples are kept as canonical N-Triples lines, indexed by
 * subject and by predicate and object. It also stages what is made from the graph (`stage`,
 * `staged`), for a writer that must read everything back inside one transaction. `close`
 * removes the file.
 */
export class StagedGraph implements SkosGraph {
  private readonly folder = mkdtempSync(join(tmpdir(), 'cultuurgraaf-staging-'));
  private readonly db: Database.Database;
  private readonly statements;
  private pending: Array<[string, string, string, string]> = [];
  private stagedCount = 0;

  constructor() {
    this.db = new Database(join(this.folder, 'staging.sqlite'));
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -65536');
    this.db.exec(`CREATE TABLE t (s TEXT NOT NULL, p TEXT NOT NULL, o TEXT NOT NULL, line TEXT NOT NULL);
      CREATE TABLE staged (id INTEGER PRIMARY KEY, value TEXT NOT NULL);`);
    this.statements = {
      insert: this.db.prepare('INSERT INTO t (s, p, o, line) VALUES (?, ?, ?, ?)'),
      subjectsOf: this.db.prepare('SELECT DISTINCT s FROM t WHERE p = ?'),
      subjectsWith: this.db.prepare('SELECT DISTINCT s FROM t WHERE p = ? AND o = ?'),
      objectsOf: this.db.prepare('SELECT line FROM t WHERE s = ? AND p = ?'),
      objectsAll: this.db.prepare('SELECT DISTINCT o FROM t WHERE p = ?'),
      linesOf: this.db.prepare('SELECT line FROM t WHERE s = ?'),
      has: this.db.prepare('SELECT 1 FROM t WHERE s = ? AND p = ? LIMIT 1'),
      stage: this.db.prepare('INSERT INTO staged (value) VALUES (?)'),
      staged: this.db.prepare('SELECT value FROM staged ORDER BY id'),
    };
  }

  /** Adds a triple (its graph is ignored). Call `seal` once every triple is added. */
  add(quad: RDF.Quad): void {
    const line = quadToNQuad(DataFactory.quad(quad.subject, quad.predicate, quad.object));
    this.pending.push([key(quad.subject), quad.predicate.value, key(quad.object), line]);
    if (this.pending.length >= BATCH) this.flush();
  }

  /** Writes what is pending and makes the indexes. */
  seal(): void {
    this.flush();
    this.db.exec('CREATE INDEX t_s ON t (s, p); CREATE INDEX t_po ON t (p, o);');
  }

  subjects(predicate: string, object?: string | RDF.Term): RDF.Quad_Subject[] {
    const rows = (object === undefined
      ? this.statements.subjectsOf.all(predicate)
      : this.statements.subjectsWith.all(predicate, typeof object === 'string' ? `<${object}>` : key(object))) as Array<{ s: string }>;
    return rows.map((row) => subjectTerm(row.s));
  }

  objects(subject: RDF.Term | null, predicate: string): RDF.Quad_Object[] {
    if (subject === null) return (this.statements.objectsAll.all(predicate) as Array<{ o: string }>).filter((row) => row.o.startsWith('<')).map((row) => DataFactory.namedNode(row.o.slice(1, -1)));
    return (this.statements.objectsOf.all(key(subject), predicate) as Array<{ line: string }>).map((row) => toQuad(row.line).object);
  }

  quads(subject: RDF.Term): RDF.Quad[] {
    return (this.statements.linesOf.all(key(subject)) as Array<{ line: string }>).map((row) => toQuad(row.line));
  }

  has(subject: RDF.Term, predicate: string): boolean {
    return this.statements.has.get(key(subject), predicate) !== undefined;
  }

  /** Keeps a value (JSON-serialisable) until `staged` reads them back, in order. */
  stage(value: unknown): void {
    this.statements.stage.run(JSON.stringify(value));
    this.stagedCount++;
  }

  get stagedSize(): number {
    return this.stagedCount;
  }

  /** The staged values in the order staged, read one at a time. */
  *staged<T>(): Generator<T> {
    for (const row of this.statements.staged.iterate() as IterableIterator<{ value: string }>) yield JSON.parse(row.value) as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
    rmSync(this.folder, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const row of rows) this.statements.insert.run(...row);
    })();
  }
}

/** A term as the staging tables key it: `<iri>`, `_:label`, or the literal's N-Triples form. */
function key(term: RDF.Term): string {
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  return toNTriples(term);
}

function subjectTerm(text: string): RDF.Quad_Subject {
  return text.startsWith('_:') ? DataFactory.blankNode(text.slice(2)) : DataFactory.namedNode(text.slice(1, -1));
}

function toQuad(line: string): RDF.Quad {
  const [statement] = [...nquadsStatements(line)];
  if (statement === undefined) throw new Error(`not a staged triple: ${line}`);
  return DataFactory.quad(term(statement.subject) as RDF.Quad_Subject, DataFactory.namedNode(statement.predicate.value), term(statement.object) as RDF.Quad_Object);
}

function term(t: LineTerm): RDF.Term {
  if (t.termType === 'NamedNode') return DataFactory.namedNode(t.value);
  if (t.termType === 'BlankNode') return DataFactory.blankNode(t.value);
  return t.language !== '' ? DataFactory.literal(t.value, t.language) : DataFactory.literal(t.value, DataFactory.namedNode(t.datatype));
}
