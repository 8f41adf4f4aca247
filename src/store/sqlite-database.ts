import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** The file name of the record store inside a data dir. */
export const DATABASE_FILE = 'cultuurgraaf.sqlite';

/** The settings key whose value grows with every policy change (a new dataset's first policy too): readers reload when it moves. */
export const POLICY_GENERATION = 'policy_generation';

/** The settings key whose value grows with every token created or revoked: servers drop the tokens they remember when it moves. */
export const TOKEN_GENERATION = 'token_generation';

/** Counts a policy change; run inside the transaction that makes it. */
export function bumpPolicyGeneration(db: SqliteDatabase): void {
  bumpSetting(db, POLICY_GENERATION);
}

/** Adds one to a counter in the settings; run inside the transaction of the change it counts. */
export function bumpSetting(db: SqliteDatabase, key: string): void {
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, '1')
     ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
  ).run(key);
}

/** The organisation that owns datasets created without one. */
export const DEFAULT_ORGANISATION = { id: 'default', name: 'Default organisation' } as const;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
 * Never edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE datasets (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    iri TEXT NOT NULL UNIQUE,
    dataset_id TEXT NOT NULL REFERENCES datasets(id),
    kind TEXT NOT NULL,
    nquads TEXT NOT NULL,
    hash TEXT NOT NULL,
    triples INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
  );
  CREATE INDEX records_by_dataset ON records(dataset_id, kind);
  -- Superseded versions; the current one is the records row, so content is stored once.
  CREATE TABLE record_versions (
    record_id INTEGER NOT NULL REFERENCES records(id),
    version INTEGER NOT NULL,
    nquads TEXT NOT NULL,
    hash TEXT NOT NULL,
    deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    created_at TEXT NOT NULL,
    PRIMARY KEY (record_id, version)
  );
  CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id INTEGER NOT NULL REFERENCES records(id),
    version INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    at TEXT NOT NULL
  );
  CREATE INDEX change_log_by_record ON change_log(record_id);
  CREATE TABLE projections (
    name TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE ingest_runs (
    id TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL,
    mapping TEXT NOT NULL,
    source TEXT NOT NULL,
    replace INTEGER NOT NULL CHECK (replace IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT,
    summary TEXT NOT NULL DEFAULT '{}',
    error TEXT,
    report TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX ingest_runs_by_dataset ON ingest_runs(dataset_id, status);
  -- The records a run saw, stored or not: what --replace keeps, and each record's provenance.
  CREATE TABLE ingest_run_records (
    run_id TEXT NOT NULL REFERENCES ingest_runs(id),
    iri TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('stored', 'unchanged', 'rejected')),
    source TEXT NOT NULL,
    hash TEXT,
    PRIMARY KEY (run_id, iri)
  ) WITHOUT ROWID;
  `,
  `
  -- API tokens: the secret is stored only as its SHA-256 (tokens are 256-bit random values).
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'term-maintainer', 'reader')),
    organisation_id TEXT REFERENCES organisations(id),
    term_lists TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
  );
  CREATE TABLE dataset_policies (
    dataset_id TEXT PRIMARY KEY REFERENCES datasets(id),
    channels TEXT NOT NULL,
    rights TEXT,
    restricted_properties TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  );
  -- Datasets from before policies existed publish as the open default did.
  INSERT INTO dataset_policies (dataset_id, channels, updated_at, updated_by)
    SELECT id, '["sparql","graphql","linked-data","oai","ldes","dumps"]', created_at, 'migration' FROM datasets;
  CREATE TABLE record_policies (
    iri TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL REFERENCES datasets(id),
    channels TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  );
  CREATE INDEX record_policies_by_dataset ON record_policies(dataset_id);
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT,
    organisation_id TEXT,
    ip TEXT,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT NOT NULL DEFAULT '{}'
  );
  -- The change log gains the op 'policy': a record's publication changed, not its content.
  -- SQLite cannot alter a CHECK constraint, so the table is rebuilt with its entries.
  CREATE TABLE change_log_v3 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id INTEGER NOT NULL REFERENCES records(id),
    version INTEGER NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'policy')),
    at TEXT NOT NULL
  );
  INSERT INTO change_log_v3 (seq, record_id, version, op, at) SELECT seq, record_id, version, op, at FROM change_log;
  DROP TABLE change_log;
  ALTER TABLE change_log_v3 RENAME TO change_log;
  CREATE INDEX change_log_by_record ON change_log(record_id);
  `,
  `
  -- A 'policy' entry names the channels that change withdrew from the record (a JSON array; '[]'
  -- when it withdrew none): what tells an aggregator channel to announce a withdrawal, and not the
  -- existence of a record it never published. NULL on other entries and on policy entries written
  -- before this migration (read as "may have withdrawn any").
  ALTER TABLE change_log ADD COLUMN withdrawn TEXT;
  `,
  `
  -- ... and the channels it granted. With both, a record's channels at any point of its history
  -- follow from its channels now (see publish/channel-history.ts). Deleted records get policy
  -- entries too from now on, so their history stays complete.
  ALTER TABLE change_log ADD COLUMN granted TEXT;
  `,
  `
  -- Where an OAI-PMH harvest from a date starts reading the log (the first entry of that time on).
  CREATE INDEX change_log_by_at ON change_log(at);
  `,
  `
  -- Which runs described a record: --replace deletes only what runs of its own mapping wrote.
  CREATE INDEX ingest_run_records_by_iri ON ingest_run_records(iri);
  `,
  `
  -- A hash record only a restricted property of its document leads to is published on no channel
  -- any more (rdf/hash-documents.ts), and before it was. The feeds judge a record again at an entry
  -- of its own: one for each live hash record of a dataset with restricted properties (every
  -- channel kept), so a harvester that had one gets its deletion (OAI-PMH) or tombstone (LDES).
  INSERT INTO change_log (record_id, version, op, at, withdrawn, granted)
    SELECT r.id, r.version, 'policy', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '[]', '[]'
    FROM records r JOIN dataset_policies p ON p.dataset_id = r.dataset_id
    WHERE r.deleted = 0 AND instr(r.iri, '#') > 1 AND p.restricted_properties IS NOT NULL AND p.restricted_properties != '[]'
    ORDER BY r.id;
  `,
];

/**
 * Opens the record store database of a data dir, migrated and tuned. It is created when
 * missing unless `mustExist` (or `readonly`) is set.
 */
export function openDatabase(dataDir: string, options: { readonly?: boolean; mustExist?: boolean } = {}): SqliteDatabase {
  const mustExist = (options.readonly ?? false) || (options.mustExist ?? false);
  if (!mustExist) mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE), {
    readonly: options.readonly ?? false,
    fileMustExist: mustExist,
  });
  // Another process (a `load` beside a running server) may hold the write lock for a batch.
  db.pragma('busy_timeout = 30000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // FULL: a committed batch survives power loss, not only a crash of the process.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  }
  return db;
}

function migrate(db: SqliteDatabase): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new Error(`The data dir was written by a newer cultuurgraaf (schema ${applied}, this one knows ${MIGRATIONS.length}).`);
  }
  db.transaction(() => {
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let i = current; i < MIGRATIONS.length; i++) {
      db.exec(MIGRATIONS[i] ?? '');
      db.pragma(`user_version = ${i + 1}`);
    }
  }).immediate();
}
