import type { RecordKind } from '../domain/record-kind.js';
import { checkChannels, type Channel } from '../domain/publication-policy.js';
import type { PolicyStep } from '../domain/channel-history.js';
import type { ChangeOp } from '../domain/record.js';
import type { FeedRecord } from '../ports/record-store.js';
import type { DatasetActivity, DatasetSnapshot, VersionChange, VersionFeed } from '../ports/version-feed.js';
import { openDatabase, type SqliteDatabase } from './sqlite-database.js';

/**
 * A change-log entry's version content: the records row holds the current version,
 * record_versions the superseded ones (a deletion has none).
 */
const CONTENT = `CASE WHEN c.op = 'delete' THEN ''
  WHEN c.version = r.version THEN r.nquads
  ELSE (SELECT v.nquads FROM record_versions v WHERE v.record_id = c.record_id AND v.version = c.version) END`;
const COLUMNS = `c.seq, c.version, c.op, c.at, c.withdrawn, c.granted, r.iri, r.dataset_id AS dataset, ${CONTENT} AS nquads`;
/** How far one dataset's log reached, through its records' entries (change_log_by_record). */
const ACTIVITY = `SELECT MAX(c.seq) AS lastSeq, MAX(c.at) AS lastAt, COUNT(*) AS entries
  FROM records r CROSS JOIN change_log c ON c.record_id = r.id WHERE r.dataset_id = ?`;

/** The VersionFeed on the record store's SQLite file, read-only; see its contract. */
export class SqliteVersionFeed implements VersionFeed {
  private readonly s;

  private constructor(private readonly dataDir: string, private readonly db: SqliteDatabase) {
    this.s = {
      head: db.prepare('SELECT MAX(seq) AS head FROM change_log'),
      records: db.prepare('SELECT COUNT(*) AS n FROM records WHERE dataset_id = ?'),
      // Two plans for one answer; CROSS JOIN fixes which table SQLite walks first. Walking the log
      // costs the entries after `afterSeq` of every dataset; walking the dataset's records (each
      // one's entries through change_log_by_record) costs the dataset's size. `changes` picks the cheaper.
      // Both find the entries' numbers only; their content is read for the page alone (below).
      changesByLog: db.prepare(
        `SELECT c.seq FROM change_log c CROSS JOIN records r ON r.id = c.record_id
         WHERE c.seq > ? AND r.dataset_id = ? ORDER BY c.seq LIMIT ?`,
      ).pluck(),
      changesByRecords: db.prepare(
        `SELECT c.seq FROM records r CROSS JOIN change_log c ON c.record_id = r.id
         WHERE r.dataset_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
      ).pluck(),
      changesBySeq: db.prepare(
        `SELECT ${COLUMNS} FROM change_log c JOIN records r ON r.id = c.record_id
         WHERE c.seq IN (SELECT value FROM json_each(?)) ORDER BY c.seq`,
      ),
      policySteps: db.prepare(
        `SELECT r.iri, c.seq, c.withdrawn, c.granted FROM records r JOIN change_log c ON c.record_id = r.id
         WHERE c.op = 'policy' AND c.seq > ? AND r.iri IN (SELECT value FROM json_each(?)) ORDER BY c.seq`,
      ),
      activity: db.prepare(ACTIVITY),
      activities: db.prepare(
        `SELECT r.dataset_id AS dataset, MAX(c.seq) AS lastSeq, MAX(c.at) AS lastAt, COUNT(*) AS entries
         FROM change_log c JOIN records r ON r.id = c.record_id GROUP BY r.dataset_id`,
      ),
    };
  }

  /** Opens the feed of a data dir whose record store already exists. */
  static open(dataDir: string): SqliteVersionFeed {
    return new SqliteVersionFeed(dataDir, openDatabase(dataDir, { readonly: true }));
  }

  changes(dataset: string, afterSeq: number, limit: number): VersionChange[] {
    const entriesAfter = this.head() - afterSeq;
    const records = (this.s.records.get(dataset) as { n: number }).n;
    // One snapshot: the page's numbers and their content.
    const rows = this.db.transaction(() => {
      const seqs = (entriesAfter <= records
        ? this.s.changesByLog.all(afterSeq, dataset, limit)
        : this.s.changesByRecords.all(dataset, afterSeq, limit)) as number[];
      return seqs.length === 0 ? [] : this.s.changesBySeq.all(JSON.stringify(seqs)) as ChangeRow[];
    })();
    return rows.map(({ withdrawn, granted, ...row }) => ({
      ...row, nquads: row.nquads ?? '', withdrawn: channelList(withdrawn), granted: channelList(granted),
    }));
  }

  policySteps(iris: readonly string[], afterSeq: number): Map<string, PolicyStep[]> {
    const steps = new Map<string, PolicyStep[]>();
    if (iris.length === 0) return steps;
    for (const row of this.s.policySteps.all(afterSeq, JSON.stringify([...new Set(iris)])) as Array<{ iri: string; seq: number; withdrawn: string | null; granted: string | null }>) {
      const list = steps.get(row.iri) ?? [];
      list.push({ seq: row.seq, withdrawn: channelList(row.withdrawn), granted: channelList(row.granted) });
      steps.set(row.iri, list);
    }
    return steps;
  }

  activity(dataset: string): DatasetActivity | undefined {
    return activityOf(this.s.activity.get(dataset) as ActivityRow);
  }

  activities(): ReadonlyMap<string, DatasetActivity> {
    const all = new Map<string, DatasetActivity>();
    for (const row of this.s.activities.all() as Array<ActivityRow & { dataset: string }>) {
      const activity = activityOf(row);
      if (activity !== undefined) all.set(row.dataset, activity);
    }
    return all;
  }

  snapshot(dataset: string): DatasetSnapshot {
    return SqliteDatasetSnapshot.open(this.dataDir, dataset);
  }

  head(): number {
    return (this.s.head.get() as { head: number | null }).head ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * A read transaction on a connection of its own: a dump streams for as long as its client reads,
 * and an open iterator would keep a shared connection busy for everyone else.
 */
class SqliteDatasetSnapshot implements DatasetSnapshot {
  private rows: IterableIterator<unknown> | undefined;

  private constructor(private readonly db: SqliteDatabase, private readonly dataset: string, readonly activity: DatasetActivity | undefined) {}

  static open(dataDir: string, dataset: string): SqliteDatasetSnapshot {
    const db = openDatabase(dataDir, { readonly: true });
    try {
      db.exec('BEGIN');
      // The first read fixes the snapshot: the records read later are as of this activity.
      const activity = activityOf(db.prepare(ACTIVITY).get(dataset) as ActivityRow);
      return new SqliteDatasetSnapshot(db, dataset, activity);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  *records(kind?: RecordKind): IterableIterator<FeedRecord> {
    if (this.rows !== undefined) throw new Error('A dataset snapshot is read once.');
    const rows = this.db.prepare('SELECT iri, nquads FROM records WHERE deleted = 0 AND dataset_id = ? AND (? IS NULL OR kind = ?) ORDER BY id')
      .iterate(this.dataset, kind ?? null, kind ?? null) as IterableIterator<{ iri: string; nquads: string }>;
    this.rows = rows;
    for (const row of rows) yield { iri: row.iri, dataset: this.dataset, nquads: row.nquads };
  }

  close(): void {
    if (!this.db.open) return;
    // A connection cannot end its transaction while a statement still iterates.
    this.rows?.return?.();
    this.db.exec('ROLLBACK');
    this.db.close();
  }
}

interface ChangeRow {
  readonly seq: number;
  readonly version: number;
  readonly op: ChangeOp;
  readonly at: string;
  readonly iri: string;
  readonly dataset: string;
  readonly nquads: string | null;
  readonly withdrawn: string | null;
  readonly granted: string | null;
}

/** A JSON list of channels as the change log keeps it; undefined where it kept none. */
function channelList(json: string | null): Channel[] | undefined {
  return json === null ? undefined : checkChannels(JSON.parse(json) as string[]);
}

interface ActivityRow {
  readonly lastSeq: number | null;
  readonly lastAt: string | null;
  readonly entries: number;
}

function activityOf(row: ActivityRow): DatasetActivity | undefined {
  if (row.lastSeq === null || row.lastAt === null) return undefined;
  return { lastSeq: row.lastSeq, lastAt: row.lastAt, entries: row.entries };
}
