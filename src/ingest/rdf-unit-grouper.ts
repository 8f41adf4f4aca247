import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import Database from 'better-sqlite3';
import { DataFactory, Parser } from 'n3';
import { quadToNQuad } from '../rdf/nquads.js';

/** One unit of parsed RDF: what `load` makes a record and what a mapping gets as an item. */
export interface RdfUnit {
  /** The graph or subject IRI; undefined for a blank-node structure no IRI subject reaches. */
  readonly iri: string | undefined;
  /** Its triples, all in the default graph. */
  quads(): RDF.Quad[];
  /** Its triples as N-Triples lines, newline-terminated. */
  ntriples(): string;
}

/** Quads held in memory before a grouper moves to a temporary file: some 250 MB of N3 terms. */
export const DEFAULT_MEMORY_QUADS = 500_000;

/**
 * Splits parsed RDF into units:
 * - each named graph is one unit named by the graph IRI;
 * - in the default graph, each IRI subject with its blank-node closure is one unit named by the
 *   subject. A blank node two subjects share is copied into both;
 * - blank-node structures no IRI subject reaches are units without an IRI.
 * Units come out in the order their graph or subject first appeared (IRI units, then blank-node
 * structures), and can be walked more than once. Up to `memoryQuads` quads are grouped in
 * memory; beyond that everything moves to a temporary SQLite file, so a gigabyte of input is
 * grouped in bounded memory. `close` removes the file.
 */
export class RdfUnitGrouper {
  private buffer: RDF.Quad[] = [];
  private grouped: RdfUnit[] | undefined;
  private spilled: SpilledRdf | undefined;
  private count = 0;

  constructor(private readonly memoryQuads = DEFAULT_MEMORY_QUADS) {}

  /** Quads added so far. */
  get quadCount(): number {
    return this.count;
  }

  /** Whether the quads moved to a temporary file. */
  get spilledToDisk(): boolean {
    return this.spilled !== undefined;
  }

  add(quad: RDF.Quad): void {
    if (this.grouped) throw new Error('RdfUnitGrouper: add after the units were read');
    this.count++;
    if (this.spilled) {
      this.spilled.add(quad);
      return;
    }
    this.buffer.push(quad);
    if (this.buffer.length > this.memoryQuads) {
      this.spilled = new SpilledRdf();
      for (const buffered of this.buffer) this.spilled.add(buffered);
      this.buffer = [];
    }
  }

  units(): Iterable<RdfUnit> {
    if (this.spilled) return this.spilled.units();
    this.grouped ??= groupInMemory(this.buffer);
    this.buffer = [];
    return this.grouped;
  }

  close(): void {
    this.spilled?.close();
    this.buffer = [];
    this.grouped = [];
  }
}

/** The in-memory grouping, for inputs that fit. */
function groupInMemory(quads: readonly RDF.Quad[]): RdfUnit[] {
  const byRecord = new Map<string, RDF.Quad[]>();
  const byBlankSubject = new Map<string, RDF.Quad[]>();
  // A named graph is whole already: its blank objects do not link to default-graph triples.
  const fromGraph = new WeakSet<RDF.Quad>();
  for (const quad of quads) {
    if (quad.graph.termType === 'NamedNode') {
      const copy = DataFactory.quad(quad.subject, quad.predicate, quad.object);
      fromGraph.add(copy);
      push(byRecord, quad.graph.value, copy);
    } else if (quad.subject.termType === 'NamedNode') {
      push(byRecord, quad.subject.value, quad);
    } else if (quad.subject.termType === 'BlankNode') {
      push(byBlankSubject, quad.subject.value, quad);
    }
  }
  const reached = new Set<string>();
  /** Own triples plus those of the blank nodes they reach, each blank node once; named-graph triples do not link. */
  const closure = (own: readonly RDF.Quad[], seed: string | undefined): RDF.Quad[] => {
    const out = [...own];
    const seen = new Set<string>(seed === undefined ? [] : [seed]);
    const queue = own.filter((q) => q.object.termType === 'BlankNode' && !fromGraph.has(q)).map((q) => q.object.value);
    while (queue.length > 0) {
      const label = queue.pop();
      if (label === undefined || seen.has(label)) continue;
      seen.add(label);
      reached.add(label);
      for (const q of byBlankSubject.get(label) ?? []) {
        out.push(q);
        if (q.object.termType === 'BlankNode') queue.push(q.object.value);
      }
    }
    return out;
  };
  const units: RdfUnit[] = [];
  for (const [iri, own] of byRecord) units.push(memoryUnit(iri, closure(own, undefined)));
  for (const [label, own] of byBlankSubject) {
    if (reached.has(label)) continue;
    reached.add(label);
    units.push(memoryUnit(undefined, closure(own, label)));
  }
  return units;
}

function memoryUnit(iri: string | undefined, quads: RDF.Quad[]): RdfUnit {
  return { iri, quads: () => quads, ntriples: () => quads.map(quadToNQuad).join('') };
}

function push(map: Map<string, RDF.Quad[]>, key: string, quad: RDF.Quad): void {
  const list = map.get(key);
  if (list) list.push(quad);
  else map.set(key, [quad]);
}

function spilledUnit(iri: string | undefined, ntriples: string): RdfUnit {
  return { iri, quads: () => new Parser({ format: 'application/n-triples' }).parse(ntriples), ntriples: () => ntriples };
}

const RECORD = 0;
const BLANK = 1;
/** Groups read per query while walking the units. */
const PAGE = 2048;

/** The grouping in a temporary SQLite file, for inputs too large for memory. */
class SpilledRdf {
  private readonly dir: string;
  private readonly db: Database.Database;
  private readonly insertGroup: Database.Statement<[number, string]>;
  private readonly groupId: Database.Statement<[number, string], { id: number }>;
  private readonly insertTriple: Database.Statement<[number, string, number | null]>;
  private lastKey: string | undefined;
  private lastId = 0;
  private sealed = false;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'cultuurgraaf-group-'));
    this.db = new Database(join(this.dir, 'units.sqlite'));
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -65536');
    this.db.exec(`
      CREATE TABLE groups (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, key TEXT NOT NULL, UNIQUE (kind, key));
      CREATE TABLE triples (grp INTEGER NOT NULL, line TEXT NOT NULL, blank_object INTEGER);
    `);
    this.insertGroup = this.db.prepare('INSERT OR IGNORE INTO groups (kind, key) VALUES (?, ?)');
    this.groupId = this.db.prepare('SELECT id FROM groups WHERE kind = ? AND key = ?');
    this.insertTriple = this.db.prepare('INSERT INTO triples (grp, line, blank_object) VALUES (?, ?, ?)');
    // One transaction for the whole filling: the file is scratch, so nothing needs committing early.
    this.db.exec('BEGIN');
  }

  add(quad: RDF.Quad): void {
    if (this.sealed) throw new Error('RdfUnitGrouper: add after the units were read');
    let kind: number;
    let key: string;
    if (quad.graph.termType === 'NamedNode') {
      kind = RECORD;
      key = quad.graph.value;
    } else if (quad.subject.termType === 'NamedNode') {
      kind = RECORD;
      key = quad.subject.value;
    } else if (quad.subject.termType === 'BlankNode') {
      kind = BLANK;
      key = quad.subject.value;
    } else {
      return;
    }
    const id = this.group(kind, key);
    const triple = DataFactory.quad(quad.subject, quad.predicate, quad.object);
    // A blank object links to the group of that blank node's own triples, except inside a named
    // graph, which is whole already.
    const blankObject = quad.graph.termType !== 'NamedNode' && quad.object.termType === 'BlankNode' ? this.groupOf(BLANK, quad.object.value) : null;
    this.insertTriple.run(id, quadToNQuad(triple), blankObject);
  }

  *units(): Generator<RdfUnit> {
    this.seal();
    const linesOf = this.db.prepare<[number], { line: string; blank_object: number | null }>('SELECT line, blank_object FROM triples WHERE grp = ?');
    // One bit per group: a blank node some unit already took is no orphan.
    const reached = new Uint8Array(this.lastGroup() + 1);

    /** The triples of group `id` and of the blank nodes it reaches, each blank node once. */
    const closure = (id: number): string => {
      const seen = new Set<number>([id]);
      const parts: string[] = [];
      const queue: number[] = [id];
      while (queue.length > 0) {
        const next = queue.pop();
        if (next === undefined) break;
        for (const row of linesOf.all(next)) {
          parts.push(row.line);
          const blank = row.blank_object;
          if (blank === null || seen.has(blank)) continue;
          seen.add(blank);
          reached[blank] = 1;
          queue.push(blank);
        }
      }
      return parts.join('');
    };

    // Paged by rowid alone: filtering on kind in SQL would make SQLite sort by the (kind, key) index.
    const page = this.db.prepare<[number, number], { id: number; kind: number; key: string }>('SELECT id, kind, key FROM groups WHERE id > ? ORDER BY id LIMIT ?');
    for (const kind of [RECORD, BLANK]) {
      let after = 0;
      for (;;) {
        const groups = page.all(after, PAGE);
        if (groups.length === 0) break;
        after = groups[groups.length - 1]?.id ?? after;
        for (const group of groups) {
          if (group.kind !== kind) continue;
          if (kind === RECORD) {
            yield spilledUnit(group.key, closure(group.id));
          } else if (reached[group.id] !== 1) {
            reached[group.id] = 1;
            const ntriples = closure(group.id);
            // A blank node that is only ever an object has no triples of its own.
            if (ntriples !== '') yield spilledUnit(undefined, ntriples);
          }
        }
      }
    }
  }

  /** Removes the temporary file. */
  close(): void {
    if (this.db.open) this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The group of the quads about `key`, remembering the last one: quads about one subject tend to come together. */
  private group(kind: number, key: string): number {
    const cacheKey = `${String(kind)}${key}`;
    if (cacheKey === this.lastKey) return this.lastId;
    this.lastId = this.groupOf(kind, key);
    this.lastKey = cacheKey;
    return this.lastId;
  }

  private groupOf(kind: number, key: string): number {
    const inserted = this.insertGroup.run(kind, key);
    if (inserted.changes === 1) return Number(inserted.lastInsertRowid);
    const row = this.groupId.get(kind, key);
    if (!row) throw new Error(`SpilledRdf: group ${key} vanished`);
    return row.id;
  }

  private lastGroup(): number {
    return this.db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM groups').get()?.id ?? 0;
  }

  private seal(): void {
    if (this.sealed) return;
    this.db.exec('CREATE INDEX triples_by_group ON triples (grp)');
    this.db.exec('COMMIT');
    this.sealed = true;
  }
}
