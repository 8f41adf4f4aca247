import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PutRecord } from '../domain/record.js';
import type { RecordKind } from '../domain/record-kind.js';

interface PutRow {
  iri: string;
  dataset: string;
  kind: string;
  nquads: string;
  hash: string;
  triples: number;
}

/**
 * Prepared writes parked in a temporary SQLite file, so a load can check every record before it
 * writes the first one without holding them all in memory. `close` removes the file.
 */
export class PutSpill {
  private readonly dir = mkdtempSync(join(tmpdir(), 'cultuurgraaf-puts-'));
  private readonly db = new Database(join(this.dir, 'puts.sqlite'));
  private readonly insert: Database.Statement<[string, string, string, string, string, number]>;
  private size = 0;

  constructor() {
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec('CREATE TABLE puts (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, dataset TEXT NOT NULL, kind TEXT NOT NULL, nquads TEXT NOT NULL, hash TEXT NOT NULL, triples INTEGER NOT NULL); BEGIN');
    this.insert = this.db.prepare('INSERT INTO puts (iri, dataset, kind, nquads, hash, triples) VALUES (?, ?, ?, ?, ?, ?)');
  }

  get count(): number {
    return this.size;
  }

  add(put: PutRecord): void {
    this.insert.run(put.iri, put.dataset, put.kind, put.nquads, put.hash, put.triples);
    this.size++;
  }

  /**
   * The writes in IRI order (those of one IRI in the order they were added), `size` at a time. So
   * a document's own record (`…/p1`) is written before, or with, its hash records (`…/p1#adres`):
   * a hash record that only a restricted property of the person leads to is never published for
   * a moment, between batches, before the person's record that withholds it (docs/access.md).
   */
  *batches(size: number): Generator<PutRecord[]> {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.exec('CREATE INDEX IF NOT EXISTS puts_by_iri ON puts (iri, id)');
    const first = this.db.prepare<[number], PutRow & { id: number }>('SELECT * FROM puts ORDER BY iri, id LIMIT ?');
    const page = this.db.prepare<[string, number, number], PutRow & { id: number }>('SELECT * FROM puts WHERE (iri, id) > (?, ?) ORDER BY iri, id LIMIT ?');
    let rows = first.all(size);
    while (rows.length > 0) {
      yield rows.map((row) => ({ op: 'put', iri: row.iri, dataset: row.dataset, kind: row.kind as RecordKind, nquads: row.nquads, hash: row.hash, triples: row.triples }));
      const last = rows[rows.length - 1];
      if (last === undefined) return;
      rows = page.all(last.iri, last.id, size);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
