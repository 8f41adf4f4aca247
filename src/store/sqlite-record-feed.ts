import { isRecordKind, type RecordKind } from '../domain/record-kind.js';
import type { ChangedRecord, FeedRecord, RecordFeed } from '../ports/record-store.js';
import type { PolicySnapshot } from '../domain/publication-policy.js';
import { PolicySnapshotReader } from './sqlite-access-store.js';
import { documentRecordsOf } from './sqlite-document-records.js';
import { openDatabase, type SqliteDatabase } from './sqlite-database.js';

/**
 * The read side projections follow, on its own read-only connection, so a worker thread can
 * build and update its index without involving the main thread.
 */
export class SqliteRecordFeed implements RecordFeed {
  private readonly selectHead;
  private readonly selectLive;
  private readonly selectChanged;
  private readonly selectChangedOfKinds;
  private readonly selectLiveOfKinds;

  private readonly policies: PolicySnapshotReader;
  readonly documentRecords;

  private constructor(private readonly db: SqliteDatabase) {
    this.policies = new PolicySnapshotReader(db);
    this.documentRecords = documentRecordsOf(db);
    this.selectHead = db.prepare('SELECT MAX(seq) AS head FROM change_log');
    this.selectLive = db.prepare('SELECT iri, dataset_id AS dataset, nquads, triples FROM records WHERE deleted = 0 ORDER BY id');
    this.selectChanged = db.prepare(
      `SELECT c.seq, r.iri, r.dataset_id AS dataset, r.kind, r.deleted, r.nquads FROM change_log c
       JOIN records r ON r.id = c.record_id WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
    );
    this.selectLiveOfKinds = db.prepare(
      'SELECT iri, dataset_id AS dataset, kind, nquads FROM records WHERE deleted = 0 AND kind IN (SELECT value FROM json_each(?)) ORDER BY id',
    );
    // Policy entries are passed over: what these projections hold (term documents) does not
    // depend on publication, which their readers apply (access/visible-term-index.ts).
    this.selectChangedOfKinds = db.prepare(
      `SELECT c.seq, r.iri, r.dataset_id AS dataset, r.kind, r.deleted, r.nquads FROM change_log c
       JOIN records r ON r.id = c.record_id WHERE c.seq > ? AND c.op != 'policy' AND r.kind IN (SELECT value FROM json_each(?)) ORDER BY c.seq LIMIT ?`,
    );
  }

  /** Opens the feed of a data dir whose record store already exists. */
  static open(dataDir: string): SqliteRecordFeed {
    return new SqliteRecordFeed(openDatabase(dataDir, { readonly: true }));
  }

  readSnapshot(chunkTriples: number, onChunk: (records: FeedRecord[], triples: number, policies: PolicySnapshot) => void): number {
    return this.db.transaction(() => {
      const head = this.head();
      const policies = this.policies.read();
      let records: FeedRecord[] = [];
      let triples = 0;
      for (const row of this.selectLive.iterate() as IterableIterator<{ iri: string; dataset: string; nquads: string; triples: number }>) {
        records.push({ iri: row.iri, dataset: row.dataset, nquads: row.nquads });
        triples += row.triples;
        if (triples >= chunkTriples) {
          onChunk(records, triples, policies);
          records = [];
          triples = 0;
        }
      }
      if (records.length > 0) onChunk(records, triples, policies);
      return head;
    })();
  }

  changedSince(seq: number, limit: number): { head: number; records: ChangedRecord[]; policies: PolicySnapshot } {
    return this.db.transaction(() => ({
      ...latestOf(this.selectChanged.all(seq, limit) as ChangeRow[], seq, undefined),
      policies: this.policies.read(),
    }))();
  }

  changedOfKinds(seq: number, limit: number, kinds: readonly RecordKind[]): { head: number; records: ChangedRecord[] } {
    return this.db.transaction(() => {
      const rows = this.selectChangedOfKinds.all(seq, JSON.stringify(kinds), limit) as ChangeRow[];
      // Fewer rows than asked: every entry up to the head was read, the other kinds' included.
      return latestOf(rows, seq, rows.length < limit ? this.head() : undefined);
    })();
  }

  readKinds(kinds: readonly RecordKind[], chunkRecords: number, onChunk: (records: ChangedRecord[]) => void): number {
    return this.db.transaction(() => {
      const head = this.head();
      let records: ChangedRecord[] = [];
      for (const row of this.selectLiveOfKinds.iterate(JSON.stringify(kinds)) as IterableIterator<{ iri: string; dataset: string; kind: string; nquads: string }>) {
        records.push({ iri: row.iri, dataset: row.dataset, kind: isRecordKind(row.kind) ? row.kind : 'resource', nquads: row.nquads });
        if (records.length >= chunkRecords) {
          onChunk(records);
          records = [];
        }
      }
      if (records.length > 0) onChunk(records);
      return head;
    })();
  }

  head(): number {
    return (this.selectHead.get() as { head: number | null }).head ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

interface ChangeRow {
  readonly seq: number;
  readonly iri: string;
  readonly dataset: string;
  readonly kind: string;
  readonly deleted: 0 | 1;
  readonly nquads: string;
}

/**
 * Each changed record once, at its content as of this snapshot (a record changed twice is
 * applied once, at its latest state); `head` is the last entry read unless `readTo` says more.
 */
function latestOf(rows: readonly ChangeRow[], seq: number, readTo: number | undefined): { head: number; records: ChangedRecord[] } {
  const latest = new Map<string, ChangedRecord>();
  for (const row of rows) {
    latest.set(row.iri, {
      iri: row.iri, dataset: row.dataset, kind: isRecordKind(row.kind) ? row.kind : 'resource', nquads: row.deleted === 1 ? null : row.nquads,
    });
  }
  const head = readTo ?? (rows.length > 0 ? (rows[rows.length - 1]?.seq ?? seq) : seq);
  return { head, records: [...latest.values()] };
}
