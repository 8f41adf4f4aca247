import type { ReportEntries, ReportEntry } from '../ingest/report-entry.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { IngestRun, IngestRunStore, NotedRecord, RunStatus, RunSummary } from '../ports/ingest-run-store.js';
import { openDatabase, type SqliteDatabase } from './sqlite-database.js';

/** Report entries kept per run; a run with more keeps the first ones and counts the rest. */
export const MAX_STORED_REPORT = 10_000;

interface RunRow {
  id: string;
  dataset_id: string;
  mapping: string;
  source: string;
  replace: 0 | 1;
  status: RunStatus;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  summary: string;
  error: string | null;
  report: string;
}

/** Ingest runs in the record store's SQLite database; see the IngestRunStore contract. */
export class SqliteIngestRunStore implements IngestRunStore {
  private readonly statements;

  private constructor(private readonly db: SqliteDatabase, private readonly clock: Clock) {
    this.statements = {
      insert: db.prepare(`INSERT INTO ingest_runs (id, dataset_id, mapping, source, replace, status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      select: db.prepare('SELECT * FROM ingest_runs WHERE id = ?'),
      active: db.prepare("SELECT * FROM ingest_runs WHERE dataset_id = ? AND status = 'running' AND updated_at > ?"),
      start: db.prepare("UPDATE ingest_runs SET status = 'running', updated_at = ? WHERE id = ?"),
      touch: db.prepare('UPDATE ingest_runs SET summary = ?, updated_at = ? WHERE id = ?'),
      finish: db.prepare('UPDATE ingest_runs SET status = ?, summary = ?, report = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?'),
      abandon: db.prepare("UPDATE ingest_runs SET status = 'failed', error = ?, updated_at = ?, finished_at = ? WHERE status = 'queued'"),
      // A stored description replaces what was noted before; a rejection never replaces a stored one.
      note: db.prepare(`INSERT INTO ingest_run_records (run_id, iri, outcome, source, hash) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (run_id, iri) DO UPDATE SET outcome = excluded.outcome, source = excluded.source, hash = excluded.hash
        WHERE excluded.outcome = 'stored'`),
      seenAt: db.prepare("SELECT source, hash FROM ingest_run_records WHERE run_id = ? AND iri = ? AND outcome = 'stored'"),
      // Of the dataset's live records the run did not see, from record id :after on, those that
      // runs of this mapping described and runs of no other mapping did: a record another mapping
      // also describes (a maker both spreadsheets name), or that no run wrote (`load`, an edit),
      // is not this input's to delete. A record stays in its dataset, so its runs were into it.
      unseen: db.prepare(`SELECT id, iri FROM records r WHERE r.dataset_id = :dataset AND r.deleted = 0 AND r.id > :after
        AND NOT EXISTS (SELECT 1 FROM ingest_run_records s WHERE s.run_id = :run AND s.iri = r.iri)
        AND EXISTS (SELECT 1 FROM ingest_run_records s JOIN ingest_runs ir ON ir.id = s.run_id
          WHERE s.iri = r.iri AND s.outcome IN ('stored', 'unchanged') AND ir.mapping = :mapping)
        AND NOT EXISTS (SELECT 1 FROM ingest_run_records s JOIN ingest_runs ir ON ir.id = s.run_id
          WHERE s.iri = r.iri AND s.outcome IN ('stored', 'unchanged') AND ir.mapping <> :mapping)
        ORDER BY r.id LIMIT :limit`),
      otherwise: db.prepare(`SELECT COUNT(*) AS n FROM records r WHERE r.dataset_id = :dataset AND r.deleted = 0
        AND NOT EXISTS (SELECT 1 FROM ingest_run_records s WHERE s.run_id = :run AND s.iri = r.iri)`),
    };
  }

  /** Opens the run store of a data dir (the record store's database). */
  static open(dataDir: string, clock: Clock = systemClock): SqliteIngestRunStore {
    return new SqliteIngestRunStore(openDatabase(dataDir), clock);
  }

  create(run: { id: string; dataset: string; mapping: string; source: string; replace: boolean; status: 'queued' | 'running' }): IngestRun {
    const now = this.clock.now();
    this.statements.insert.run(run.id, run.dataset, run.mapping, run.source, run.replace ? 1 : 0, run.status, now, now);
    const created = this.get(run.id);
    if (!created) throw new Error(`Run ${run.id} vanished after insert`);
    return created;
  }

  get(id: string): IngestRun | undefined {
    const row = this.statements.select.get(id) as RunRow | undefined;
    return row && asOf(toRun(row), this.clock.now());
  }

  abandonQueued(error: string): number {
    const now = this.clock.now();
    return this.statements.abandon.run(error, now, now).changes;
  }

  activeRuns(dataset: string, freshMs: number): IngestRun[] {
    const since = new Date(Date.parse(this.clock.now()) - freshMs).toISOString();
    return (this.statements.active.all(dataset, since) as RunRow[]).map(toRun);
  }

  start(id: string): void {
    this.statements.start.run(this.clock.now(), id);
  }

  touch(id: string, summary: Partial<RunSummary>): void {
    this.statements.touch.run(JSON.stringify(summary), this.clock.now(), id);
  }

  finish(id: string, outcome: { status: 'succeeded' | 'failed'; summary: Partial<RunSummary>; report: ReportEntries; error?: string }): void {
    const now = this.clock.now();
    // Errors first, then warnings, each in report order: a flood of warnings must not push out
    // the reason an item was rejected.
    const errors: ReportEntry[] = [];
    const warnings: ReportEntry[] = [];
    for (const entry of outcome.report) {
      if (entry.severity === 'error') {
        if (errors.length < MAX_STORED_REPORT) errors.push(entry);
      } else if (errors.length + warnings.length < MAX_STORED_REPORT) {
        warnings.push(entry);
      }
    }
    const stored = [...errors, ...warnings.slice(0, MAX_STORED_REPORT - errors.length)];
    const report = JSON.stringify({ entries: stored, truncated: outcome.report.size - stored.length });
    this.statements.finish.run(outcome.status, JSON.stringify(outcome.summary), report, outcome.error ?? null, now, now, id);
  }

  noteRecords(runId: string, records: readonly NotedRecord[]): void {
    this.db.transaction(() => {
      for (const record of records) this.statements.note.run(runId, record.iri, record.outcome, record.source, record.hash ?? null);
    })();
  }

  seenAt(runId: string, iri: string): { source: string; hash: string | undefined } | undefined {
    const row = this.statements.seenAt.get(runId, iri) as { source: string; hash: string | null } | undefined;
    return row && { source: row.source, hash: row.hash ?? undefined };
  }

  unseenRecords(runId: string, dataset: string, mapping: string, limit: number, after = 0): Array<{ id: number; iri: string }> {
    return this.statements.unseen.all({ dataset, run: runId, mapping, limit, after }) as Array<{ id: number; iri: string }>;
  }

  unseenCount(runId: string, dataset: string): number {
    return (this.statements.otherwise.get({ dataset, run: runId }) as { n: number }).n;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * A run still `running` whose heartbeat (HEARTBEAT_MS / 4) has been silent this long has stopped
 * without finishing: its process was killed, crashed or lost its machine.
 */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

/** The run as recorded, or as interrupted when its heartbeat stopped long ago. */
function asOf(run: IngestRun, now: string): IngestRun {
  if (run.status !== 'running' || Date.parse(now) - Date.parse(run.updatedAt) < INTERRUPTED_AFTER_MS) return run;
  return {
    ...run, status: 'failed',
    error: `Interrupted: the run stopped without finishing (no sign of life since ${run.updatedAt}). The batches written before stay; run the input again to finish (what is stored already comes out unchanged).`,
  };
}

function toRun(row: RunRow): IngestRun {
  const report = JSON.parse(row.report) as { entries?: ReportEntry[]; truncated?: number } | ReportEntry[];
  const entries = Array.isArray(report) ? report : report.entries ?? [];
  return {
    id: row.id,
    dataset: row.dataset_id,
    mapping: row.mapping,
    source: row.source,
    replace: row.replace === 1,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    summary: JSON.parse(row.summary) as Partial<RunSummary>,
    ...(row.error === null ? {} : { error: row.error }),
    report: entries,
    reportTruncated: Array.isArray(report) ? 0 : report.truncated ?? 0,
  };
}
