import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { OperationalError } from '../domain/operational-error.js';
import { isRecordKind, type RecordKind } from '../domain/record-kind.js';
import { initialPolicy, withSchemaOrgTwins } from '../domain/publication-policy.js';
import type {
  BatchResult, ChangeEntry, ChangeOp, Dataset, DatasetStats, NewDataset, Organisation, PutRecord, RecordVersion, RecordWrite,
  StoredRecord,
} from '../domain/record.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { StaleWriteError, type FeedRecord, type RecordStore } from '../ports/record-store.js';
import { DocumentWatch, JudgedDocuments } from './document-watch.js';
import { documentRecordsOf } from './sqlite-document-records.js';
import { bumpPolicyGeneration, DATABASE_FILE, DEFAULT_ORGANISATION, openDatabase, type SqliteDatabase } from './sqlite-database.js';

interface RecordRow {
  id: number;
  iri: string;
  dataset_id: string;
  kind: string;
  nquads: string;
  hash: string;
  triples: number;
  version: number;
  created_at: string;
  updated_at: string;
  deleted: 0 | 1;
}

interface Counts {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

/** The record store on SQLite (WAL); see the RecordStore contract. */
export class SqliteRecordStore implements RecordStore {
  private readonly statements: Statements;
  readonly documentRecords: RecordStore['documentRecords'];
  /** What the last batches left of the documents they changed (store/document-watch.ts). */
  private readonly judgedDocuments = new JudgedDocuments();

  private constructor(private readonly db: SqliteDatabase, private readonly clock: Clock) {
    this.statements = statementsOf(db);
    this.documentRecords = documentRecordsOf(db);
    this.ensureOrganisation(DEFAULT_ORGANISATION.id, DEFAULT_ORGANISATION.name);
  }

  /**
   * Opens the record store of a data dir, migrating it when needed. It is created when missing
   * unless `create` is false. Failures are OperationalErrors that name the data dir.
   */
  static open(dataDir: string, options: { clock?: Clock; create?: boolean } = {}): SqliteRecordStore {
    const create = options.create ?? true;
    if (!create && !existsSync(join(dataDir, DATABASE_FILE))) {
      throw new OperationalError(`There is no record store in ${dataDir} (--data-dir); check the path, or load data first.`);
    }
    try {
      return new SqliteRecordStore(openDatabase(dataDir, { mustExist: !create }), options.clock ?? systemClock);
    } catch (error) {
      throw new OperationalError(`Cannot open the record store in ${dataDir} (--data-dir): ${(error as Error).message}`, { cause: error });
    }
  }

  ensureOrganisation(id: string, name: string): Organisation {
    this.statements.insertOrganisation.run(id, name, this.clock.now());
    const row = this.statements.selectOrganisation.get(id) as { id: string; name: string; created_at: string };
    return { id: row.id, name: row.name, createdAt: row.created_at };
  }

  ensureDataset(id: string, options: Omit<NewDataset, 'id'> = {}): Dataset {
    const existing = this.getDataset(id);
    if (existing) return existing;
    this.db.transaction(() => { this.createDataset({ id, ...options }, this.clock.now()); }).immediate();
    const created = this.getDataset(id);
    if (!created) throw new Error(`Dataset ${id} vanished after insert`);
    return created;
  }

  getDataset(id: string): Dataset | undefined {
    const row = this.statements.selectDataset.get(id) as DatasetRow | undefined;
    return row && toDataset(row);
  }

  listDatasets(): Dataset[] {
    return (this.statements.selectDatasets.all() as DatasetRow[]).map(toDataset);
  }

  listOrganisations(): Organisation[] {
    return (this.statements.selectOrganisations.all() as Array<{ id: string; name: string; created_at: string }>).map(
      (row) => ({ id: row.id, name: row.name, createdAt: row.created_at }),
    );
  }

  getRecord(iri: string): StoredRecord | undefined {
    const row = this.statements.selectRecord.get(iri) as RecordRow | undefined;
    return row && toRecord(row);
  }

  hashRecordRefs(iri: string): Array<{ iri: string; dataset: string; deleted: boolean }> {
    // Every `iri#…` sorts from `iri#` up to `iri$` ('$' follows '#'), a range of the IRI index.
    return (this.statements.selectRange.all(`${iri}#`, `${iri}$`) as Array<Pick<RecordRow, 'iri' | 'dataset_id' | 'deleted'>>)
      .map((row) => ({ iri: row.iri, dataset: row.dataset_id, deleted: row.deleted === 1 }));
  }

  history(iri: string): RecordVersion[] {
    const current = this.statements.selectRecord.get(iri) as RecordRow | undefined;
    if (!current) return [];
    const superseded = this.statements.selectHistory.all(current.id) as Array<{
      version: number; nquads: string; hash: string; deleted: 0 | 1; created_at: string;
    }>;
    return [...superseded, { ...current, created_at: current.updated_at }].map((row) => ({
      version: row.version, nquads: row.nquads, hash: row.hash, deleted: row.deleted === 1, createdAt: row.created_at,
    }));
  }

  /**
   * Creates the dataset with its first publication policy, unless it exists; an existing one of
   * another organisation than the one named is a ConflictError. Runs inside the caller's transaction. OR IGNORE: another process may create the same dataset at the same moment.
   */
  private createDataset(dataset: NewDataset, now: string): void {
    const organisation = dataset.organisation ?? DEFAULT_ORGANISATION.id;
    const existing = this.statements.selectDataset.get(dataset.id) as DatasetRow | undefined;
    if (existing !== undefined) {
      // Whoever asked for the dataset in this organisation was allowed to write there, not in
      // another organisation that created a dataset of this id meanwhile.
      if (dataset.organisation !== undefined && existing.organisation_id !== dataset.organisation) {
        throw new ConflictError(
          `Dataset "${dataset.id}" belongs to organisation "${existing.organisation_id}", not "${dataset.organisation}"; nothing was written.`,
          { dataset: dataset.id },
        );
      }
      return;
    }
    if (!this.statements.selectOrganisation.get(organisation)) {
      throw new NotFoundError(`Organisation "${organisation}" does not exist; create it first (cultuurgraaf org create, or POST /api/organisations).`, { organisation });
    }
    const { changes } = this.statements.insertDataset.run(dataset.id, organisation, dataset.title ?? dataset.id, now);
    if (changes === 0) return;
    const policy = initialPolicy(dataset.policy ?? 'open');
    this.statements.insertPolicy.run(dataset.id, JSON.stringify(policy.channels), now, 'dataset created');
    bumpPolicyGeneration(this.db);
  }

  writeBatch(writes: Iterable<RecordWrite>, options: { expectedHead?: number; createDatasets?: readonly NewDataset[] } = {}): BatchResult {
    let watch: DocumentWatch | undefined;
    const run = this.db.transaction((): BatchResult => {
      if (options.expectedHead !== undefined) {
        const actual = this.head();
        if (actual !== options.expectedHead) throw new StaleWriteError(options.expectedHead, actual);
      }
      const now = this.clock.now();
      const startHead = this.head();
      for (const dataset of options.createDatasets ?? []) this.createDataset(dataset, now);
      const counts: Counts = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
      const documents = new DocumentWatch(this, (dataset) => this.restrictedOf(dataset), this.judgedDocuments, startHead);
      watch = documents;
      for (const write of writes) {
        // Only a write that changes a record can change its document: an unchanged one reads nothing more.
        const changing = (dataset: string): void => { documents.before(write.iri, dataset); };
        if (write.op === 'put') this.put(write, now, counts, changing);
        else this.delete(write.iri, now, counts, changing);
      }
      this.logCutOffChanges(documents.changed(), now);
      // The changes become visible at the commit. A harvester that asked in between was told a
      // responseDate after the stamp, and would skip them from there (OAI-PMH from= is by the
      // second): when the batch ran into another second (a long term import), its changes are
      // stamped with the time they are committed at.
      const end = this.clock.now();
      if (end.slice(0, 19) !== now.slice(0, 19)) {
        this.statements.restampRecords.run(end, now, startHead);
        this.statements.restampChanges.run(end, startHead);
      }
      return { ...counts, lastSeq: this.head() };
    });
    // IMMEDIATE takes the write lock up front, so two writer processes queue instead of deadlocking.
    const result = run.immediate();
    // Only what was committed is kept for the next batch.
    if (watch !== undefined) this.judgedDocuments.keep(watch.after, result.lastSeq);
    return result;
  }

  private put(write: PutRecord, now: string, counts: Counts, changing: (dataset: string) => void): void {
    const s = this.statements;
    if (!s.selectDataset.get(write.dataset)) {
      throw new NotFoundError(`Dataset "${write.dataset}" does not exist.`, { dataset: write.dataset });
    }
    const existing = s.selectRecord.get(write.iri) as RecordRow | undefined;
    if (!existing) {
      changing(write.dataset);
      const { lastInsertRowid } = s.insertRecord.run(
        write.iri, write.dataset, write.kind, write.nquads, write.hash, write.triples, now, now,
      );
      s.insertChange.run(Number(lastInsertRowid), 1, 'create', now);
      counts.created++;
      return;
    }
    const live = existing.deleted === 0;
    // A deleted record stays its dataset's: written into another, it would carry its history
    // (and its organisation's data) along, published under the other dataset's policy.
    if (existing.dataset_id !== write.dataset) {
      throw new ConflictError(
        live
          ? `<${write.iri}> already belongs to dataset "${existing.dataset_id}"; it cannot also be written to "${write.dataset}".`
          : `<${write.iri}> was a record of dataset "${existing.dataset_id}" (deleted); it can be written to that dataset only, not to "${write.dataset}".`,
        { iri: write.iri, dataset: existing.dataset_id },
      );
    }
    if (live && existing.hash === write.hash) {
      counts.unchanged++;
      return;
    }
    changing(existing.dataset_id);
    this.supersede(existing);
    const version = existing.version + 1;
    s.updateRecord.run(write.dataset, write.kind, write.nquads, write.hash, write.triples, version, now, 0, existing.id);
    s.insertChange.run(existing.id, version, live ? 'update' : 'create', now);
    if (live) counts.updated++;
    else counts.created++;
  }

  private delete(iri: string, now: string, counts: Counts, changing: (dataset: string) => void): void {
    const existing = this.statements.selectRecord.get(iri) as RecordRow | undefined;
    if (!existing || existing.deleted === 1) {
      counts.unchanged++;
      return;
    }
    changing(existing.dataset_id);
    this.supersede(existing);
    const version = existing.version + 1;
    this.statements.updateRecord.run(existing.dataset_id, existing.kind, '', '', 0, version, now, 1, existing.id);
    this.statements.insertChange.run(existing.id, version, 'delete', now);
    counts.deleted++;
  }

  /**
   * A `policy` entry (no channel granted or withdrawn) of each hash record, live before and after
   * the batch, whose document the batch changed so that a restricted property is now all that
   * leads to it, or no longer (rdf/hash-documents.ts): the feeds (LDES, OAI-PMH, the SPARQL index)
   * judge a record again at an entry of its own. Also when the batch wrote the record itself: its
   * own entry is judged by the document as it is now, so it withdraws nothing from LDES.
   */
  private logCutOffChanges(iris: readonly string[], now: string): void {
    for (const iri of iris) this.statements.logCutOffChange.run({ iri, at: now });
  }

  /** A dataset's restricted properties, as every channel's public view leaves them out. */
  private restrictedOf(dataset: string): readonly string[] {
    const row = this.statements.selectRestricted.get(dataset) as { restricted_properties: string | null } | undefined;
    return row?.restricted_properties == null ? [] : withSchemaOrgTwins(JSON.parse(row.restricted_properties) as string[]);
  }

  /** Moves the current version into the history before the records row is overwritten. */
  private supersede(current: RecordRow): void {
    this.statements.insertVersion.run(current.id, current.version, current.nquads, current.hash, current.deleted, current.updated_at);
  }

  head(): number {
    return (this.statements.selectHead.get() as { head: number | null }).head ?? 0;
  }

  changesSince(seq: number, limit: number): ChangeEntry[] {
    const rows = this.statements.selectChanges.all(seq, limit) as Array<{
      seq: number; iri: string; dataset_id: string; version: number; op: ChangeOp; at: string;
    }>;
    return rows.map((row) => ({ seq: row.seq, iri: row.iri, dataset: row.dataset_id, version: row.version, op: row.op, at: row.at }));
  }

  *iterateNQuads(filter: { dataset?: string } = {}): IterableIterator<string> {
    const rows = filter.dataset === undefined
      ? this.statements.selectAllNQuads.iterate()
      : this.statements.selectDatasetNQuads.iterate(filter.dataset);
    for (const row of rows as IterableIterator<{ nquads: string }>) yield row.nquads;
  }

  *iterateRecords(dataset: string, kind: RecordKind): IterableIterator<FeedRecord & { readonly kind: RecordKind }> {
    for (const row of this.statements.selectDatasetRecords.iterate(dataset, kind) as IterableIterator<{ iri: string; nquads: string }>) {
      yield { iri: row.iri, dataset, kind, nquads: row.nquads };
    }
  }

  stats(): DatasetStats[] {
    const rows = this.statements.selectStats.all() as Array<{
      dataset_id: string; kind: string; records: number; triples: number; deleted: number;
    }>;
    return rows.map((row) => ({
      dataset: row.dataset_id,
      kind: isRecordKind(row.kind) ? row.kind : 'resource',
      records: row.records,
      triples: row.triples,
      deleted: row.deleted,
    }));
  }

  liveRecords(dataset: string, kind: RecordKind): string[] {
    return (this.statements.selectLiveIris.all(dataset, kind) as Array<{ iri: string }>).map((row) => row.iri);
  }

  countRecords(): number {
    return (this.statements.countLive.get() as { n: number }).n;
  }

  projectionSeq(name: string): number {
    return (this.statements.selectProjection.get(name) as { last_seq: number } | undefined)?.last_seq ?? 0;
  }

  setProjectionSeq(name: string, seq: number): void {
    this.statements.upsertProjection.run(name, seq, this.clock.now());
  }

  getSetting(key: string): string | undefined {
    return (this.statements.selectSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.statements.upsertSetting.run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

interface DatasetRow {
  id: string;
  organisation_id: string;
  title: string;
  created_at: string;
}

function toDataset(row: DatasetRow): Dataset {
  return { id: row.id, organisation: row.organisation_id, title: row.title, createdAt: row.created_at };
}

function toRecord(row: RecordRow): StoredRecord {
  return {
    id: row.id,
    iri: row.iri,
    dataset: row.dataset_id,
    kind: isRecordKind(row.kind) ? row.kind : 'resource',
    nquads: row.nquads,
    hash: row.hash,
    triples: row.triples,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deleted: row.deleted === 1,
  };
}

type Statements = ReturnType<typeof statementsOf>;

function statementsOf(db: SqliteDatabase) {
  return {
    insertOrganisation: db.prepare('INSERT OR IGNORE INTO organisations (id, name, created_at) VALUES (?, ?, ?)'),
    selectOrganisation: db.prepare('SELECT id, name, created_at FROM organisations WHERE id = ?'),
    selectOrganisations: db.prepare('SELECT id, name, created_at FROM organisations ORDER BY id'),
    insertDataset: db.prepare('INSERT OR IGNORE INTO datasets (id, organisation_id, title, created_at) VALUES (?, ?, ?, ?)'),
    selectDataset: db.prepare('SELECT id, organisation_id, title, created_at FROM datasets WHERE id = ?'),
    selectDatasets: db.prepare('SELECT id, organisation_id, title, created_at FROM datasets ORDER BY id'),
    insertPolicy: db.prepare(
      'INSERT OR IGNORE INTO dataset_policies (dataset_id, channels, updated_at, updated_by) VALUES (?, ?, ?, ?)',
    ),
    selectRecord: db.prepare('SELECT * FROM records WHERE iri = ?'),
    selectRange: db.prepare('SELECT iri, dataset_id, deleted FROM records WHERE iri >= ? AND iri < ? ORDER BY iri'),
    insertRecord: db.prepare(
      `INSERT INTO records (iri, dataset_id, kind, nquads, hash, triples, version, created_at, updated_at, deleted)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 0)`,
    ),
    updateRecord: db.prepare(
      `UPDATE records SET dataset_id = ?, kind = ?, nquads = ?, hash = ?, triples = ?, version = ?, updated_at = ?, deleted = ?
       WHERE id = ?`,
    ),
    insertVersion: db.prepare(
      'INSERT INTO record_versions (record_id, version, nquads, hash, deleted, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertChange: db.prepare('INSERT INTO change_log (record_id, version, op, at) VALUES (?, ?, ?, ?)'),
    selectRestricted: db.prepare('SELECT restricted_properties FROM dataset_policies WHERE dataset_id = ?'),
    logCutOffChange: db.prepare(
      `INSERT INTO change_log (record_id, version, op, at, withdrawn, granted)
       SELECT r.id, r.version, 'policy', :at, '[]', '[]' FROM records r
       WHERE r.iri = :iri AND r.deleted = 0`,
    ),
    restampChanges: db.prepare('UPDATE change_log SET at = ? WHERE seq > ?'),
    restampRecords: db.prepare('UPDATE records SET updated_at = ? WHERE updated_at = ? AND id IN (SELECT record_id FROM change_log WHERE seq > ?)'),
    selectHistory: db.prepare(
      'SELECT version, nquads, hash, deleted, created_at FROM record_versions WHERE record_id = ? ORDER BY version',
    ),
    selectHead: db.prepare('SELECT MAX(seq) AS head FROM change_log'),
    selectChanges: db.prepare(
      `SELECT c.seq, r.iri, r.dataset_id, c.version, c.op, c.at FROM change_log c
       JOIN records r ON r.id = c.record_id WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
    ),
    selectAllNQuads: db.prepare('SELECT nquads FROM records WHERE deleted = 0 ORDER BY id'),
    selectDatasetNQuads: db.prepare('SELECT nquads FROM records WHERE deleted = 0 AND dataset_id = ? ORDER BY id'),
    selectDatasetRecords: db.prepare('SELECT iri, nquads FROM records WHERE deleted = 0 AND dataset_id = ? AND kind = ? ORDER BY id'),
    selectStats: db.prepare(
      `SELECT dataset_id, kind, SUM(deleted = 0) AS records, SUM(triples) AS triples, SUM(deleted) AS deleted
       FROM records GROUP BY dataset_id, kind ORDER BY dataset_id, kind`,
    ),
    countLive: db.prepare('SELECT COUNT(*) AS n FROM records WHERE deleted = 0'),
    selectLiveIris: db.prepare('SELECT iri FROM records WHERE deleted = 0 AND dataset_id = ? AND kind = ? ORDER BY id'),
    selectProjection: db.prepare('SELECT last_seq FROM projections WHERE name = ?'),
    upsertProjection: db.prepare(
      `INSERT INTO projections (name, last_seq, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
    ),
    selectSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
    upsertSetting: db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
  };
}
