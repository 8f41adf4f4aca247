import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import {
  initialPolicy, PolicySnapshot, type DatasetPolicy, type DefaultPolicy, type RecordPolicy,
} from '../domain/publication-policy.js';
import type { Role } from '../domain/principal.js';
import type { Dataset, Organisation } from '../domain/record.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type {
  AccessStore, AuditEntry, AuditQuery, NewAuditEntry, NewToken, StoredToken,
} from '../ports/access-store.js';
import { bumpPolicyGeneration, bumpSetting, openDatabase, POLICY_GENERATION, TOKEN_GENERATION, type SqliteDatabase } from './sqlite-database.js';


interface TokenRow {
  id: string;
  role: Role;
  organisation_id: string | null;
  term_lists: string;
  description: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  role: string | null;
  organisation_id: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  details: string;
}

/** Tokens, organisations, publication policies and the audit log, on the record store's SQLite file. */
export class SqliteAccessStore implements AccessStore {
  private readonly s;

  private readonly snapshots: PolicySnapshotReader;

  private constructor(private readonly db: SqliteDatabase, private readonly clock: Clock) {
    this.snapshots = new PolicySnapshotReader(db);
    this.s = {
      insertOrganisation: db.prepare('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)'),
      selectOrganisation: db.prepare('SELECT id, name, created_at FROM organisations WHERE id = ?'),
      selectOrganisations: db.prepare('SELECT id, name, created_at FROM organisations ORDER BY id'),
      selectDataset: db.prepare('SELECT id, organisation_id, title, created_at FROM datasets WHERE id = ?'),
      insertDataset: db.prepare('INSERT INTO datasets (id, organisation_id, title, created_at) VALUES (?, ?, ?, ?)'),
      insertToken: db.prepare(
        `INSERT INTO tokens (id, secret_hash, role, organisation_id, term_lists, description, created_at, created_by, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      selectTokenBySecret: db.prepare('SELECT * FROM tokens WHERE secret_hash = ?'),
      selectToken: db.prepare('SELECT * FROM tokens WHERE id = ?'),
      selectTokens: db.prepare('SELECT * FROM tokens ORDER BY created_at, id'),
      revokeToken: db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      selectPolicy: db.prepare('SELECT channels, rights, restricted_properties FROM dataset_policies WHERE dataset_id = ?'),
      upsertPolicy: db.prepare(
        `INSERT INTO dataset_policies (dataset_id, channels, rights, restricted_properties, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(dataset_id) DO UPDATE SET channels = excluded.channels, rights = excluded.rights,
           restricted_properties = excluded.restricted_properties, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ),
      selectRecordPolicy: db.prepare('SELECT channels FROM record_policies WHERE iri = ?'),
      upsertRecordPolicy: db.prepare(
        `INSERT INTO record_policies (iri, dataset_id, channels, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(iri) DO UPDATE SET channels = excluded.channels, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ),
      deleteRecordPolicy: db.prepare('DELETE FROM record_policies WHERE iri = ?'),
      selectRecord: db.prepare('SELECT id, dataset_id, version, deleted FROM records WHERE iri = ?'),
      // A record with channels of its own keeps them when its dataset's change: nothing is withdrawn
      // from it or granted to it. Deleted records get their entry too: their history stays whole.
      logDatasetPolicy: db.prepare(
        `INSERT INTO change_log (record_id, version, op, at, withdrawn, granted)
         SELECT r.id, r.version, 'policy', :at, CASE WHEN p.iri IS NULL THEN :withdrawn ELSE '[]' END, CASE WHEN p.iri IS NULL THEN :granted ELSE '[]' END
         FROM records r LEFT JOIN record_policies p ON p.iri = r.iri WHERE r.dataset_id = :dataset ORDER BY r.id`,
      ),
      countLive: db.prepare('SELECT COUNT(*) AS n FROM records WHERE dataset_id = ? AND deleted = 0'),
      logRecordPolicy: db.prepare(`INSERT INTO change_log (record_id, version, op, at, withdrawn, granted) VALUES (?, ?, 'policy', ?, ?, ?)`),
      selectSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      insertAudit: db.prepare(
        `INSERT INTO audit_log (at, actor, role, organisation_id, ip, action, target, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      selectAudit: db.prepare(
        `SELECT * FROM audit_log WHERE id > ? AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?)
         AND (? IS NULL OR at >= ?) ORDER BY id LIMIT ?`,
      ),
    };
  }

  /** Opens the access tables of a data dir (created and migrated with the record store). */
  static open(dataDir: string, options: { clock?: Clock; readonly?: boolean } = {}): SqliteAccessStore {
    return new SqliteAccessStore(openDatabase(dataDir, { readonly: options.readonly ?? false }), options.clock ?? systemClock);
  }

  createOrganisation(id: string, name: string, audit: NewAuditEntry): Organisation {
    return this.db.transaction(() => {
      if (this.s.selectOrganisation.get(id)) throw new ConflictError(`Organisation "${id}" already exists.`, { organisation: id });
      const now = this.clock.now();
      this.s.insertOrganisation.run(id, name, now);
      this.audit(audit);
      return { id, name, createdAt: now };
    }).immediate();
  }

  getOrganisation(id: string): Organisation | undefined {
    const row = this.s.selectOrganisation.get(id) as { id: string; name: string; created_at: string } | undefined;
    return row && { id: row.id, name: row.name, createdAt: row.created_at };
  }

  listOrganisations(): Organisation[] {
    return (this.s.selectOrganisations.all() as Array<{ id: string; name: string; created_at: string }>)
      .map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }

  createDataset(dataset: { id: string; organisation: string; title: string; policy: DefaultPolicy }, audit: NewAuditEntry): Dataset {
    return this.db.transaction(() => {
      if (this.s.selectDataset.get(dataset.id)) throw new ConflictError(`Dataset "${dataset.id}" already exists.`, { dataset: dataset.id });
      if (!this.s.selectOrganisation.get(dataset.organisation)) {
        throw new NotFoundError(`Organisation "${dataset.organisation}" does not exist.`, { organisation: dataset.organisation });
      }
      const now = this.clock.now();
      this.s.insertDataset.run(dataset.id, dataset.organisation, dataset.title, now);
      const policy = initialPolicy(dataset.policy);
      this.s.upsertPolicy.run(dataset.id, JSON.stringify(policy.channels), null, '[]', now, audit.actor);
      bumpPolicyGeneration(this.db);
      this.audit(audit);
      return { id: dataset.id, organisation: dataset.organisation, title: dataset.title, createdAt: now };
    }).immediate();
  }

  createToken(token: NewToken, audit: (id: string) => NewAuditEntry): { token: StoredToken; secret: string } {
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const secret = `cg_${randomBytes(32).toString('base64url')}`;
    return this.db.transaction(() => {
      if (token.organisation !== undefined && !this.s.selectOrganisation.get(token.organisation)) {
        throw new NotFoundError(`Organisation "${token.organisation}" does not exist.`, { organisation: token.organisation });
      }
      const now = this.clock.now();
      this.s.insertToken.run(
        id, secretHash(secret), token.role, token.organisation ?? null, JSON.stringify(token.termLists), token.description,
        now, token.createdBy, token.expiresAt ?? null,
      );
      bumpSetting(this.db, TOKEN_GENERATION);
      this.audit(audit(id));
      const stored = this.getToken(id);
      if (stored === undefined) throw new Error(`Token ${id} vanished after insert`);
      return { token: stored, secret };
    }).immediate();
  }

  findToken(secret: string): StoredToken | undefined {
    const row = this.s.selectTokenBySecret.get(secretHash(secret)) as TokenRow | undefined;
    return row && toToken(row);
  }

  getToken(id: string): StoredToken | undefined {
    const row = this.s.selectToken.get(id) as TokenRow | undefined;
    return row && toToken(row);
  }

  listTokens(): StoredToken[] {
    return (this.s.selectTokens.all() as TokenRow[]).map(toToken);
  }

  revokeToken(id: string, audit: NewAuditEntry): StoredToken {
    return this.db.transaction(() => {
      const existing = this.getToken(id);
      if (existing === undefined) throw new NotFoundError(`There is no token ${id}.`, { token: id });
      this.s.revokeToken.run(this.clock.now(), id);
      bumpSetting(this.db, TOKEN_GENERATION);
      this.audit(audit);
      return this.getToken(id) ?? existing;
    }).immediate();
  }

  getPolicy(dataset: string): DatasetPolicy | undefined {
    const row = this.s.selectPolicy.get(dataset) as PolicyRow | undefined;
    return row && toPolicy(row);
  }

  setPolicy(dataset: string, policy: DatasetPolicy, audit: NewAuditEntry): { records: number } {
    return this.db.transaction(() => {
      if (!this.s.selectDataset.get(dataset)) throw new NotFoundError(`Dataset "${dataset}" does not exist.`, { dataset });
      const now = this.clock.now();
      const before = this.getPolicy(dataset)?.channels ?? [];
      this.s.upsertPolicy.run(dataset, JSON.stringify(policy.channels), policy.rights ?? null, JSON.stringify(policy.restrictedProperties), now, audit.actor);
      const withdrawn = before.filter((channel) => !policy.channels.includes(channel));
      const granted = policy.channels.filter((channel) => !before.includes(channel));
      this.s.logDatasetPolicy.run({ at: now, dataset, withdrawn: JSON.stringify(withdrawn), granted: JSON.stringify(granted) });
      const changes = (this.s.countLive.get(dataset) as { n: number }).n;
      bumpPolicyGeneration(this.db);
      this.audit(audit);
      return { records: changes };
    }).immediate();
  }

  getRecordPolicy(iri: string): RecordPolicy | undefined {
    const row = this.s.selectRecordPolicy.get(iri) as { channels: string } | undefined;
    return row && { channels: JSON.parse(row.channels) as RecordPolicy['channels'] };
  }

  setRecordPolicy(iri: string, policy: RecordPolicy | undefined, audit: NewAuditEntry): void {
    this.db.transaction(() => {
      const record = this.s.selectRecord.get(iri) as { id: number; dataset_id: string; version: number; deleted: 0 | 1 } | undefined;
      if (record === undefined) throw new NotFoundError(`There is no record <${iri}>.`, { iri });
      const now = this.clock.now();
      const datasetChannels = this.getPolicy(record.dataset_id)?.channels ?? [];
      const before = this.getRecordPolicy(iri)?.channels ?? datasetChannels;
      const after = policy?.channels ?? datasetChannels;
      if (policy === undefined) this.s.deleteRecordPolicy.run(iri);
      else this.s.upsertRecordPolicy.run(iri, record.dataset_id, JSON.stringify(policy.channels), now, audit.actor);
      const withdrawn = before.filter((channel) => !after.includes(channel));
      const granted = after.filter((channel) => !before.includes(channel));
      this.s.logRecordPolicy.run(record.id, record.version, now, JSON.stringify(withdrawn), JSON.stringify(granted));
      bumpPolicyGeneration(this.db);
      this.audit(audit);
    }).immediate();
  }

  policyGeneration(): number {
    return this.counter(POLICY_GENERATION);
  }

  tokenGeneration(): number {
    return this.counter(TOKEN_GENERATION);
  }

  private counter(key: string): number {
    const row = this.s.selectSetting.get(key) as { value: string } | undefined;
    return row === undefined ? 0 : Number(row.value);
  }

  policySnapshot(): PolicySnapshot {
    return this.db.transaction(() => this.snapshots.read())();
  }

  audit(entry: NewAuditEntry): void {
    this.s.insertAudit.run(
      this.clock.now(), entry.actor, entry.role ?? null, entry.organisation ?? null, entry.ip ?? null, entry.action,
      entry.target ?? null, JSON.stringify(entry.details ?? {}),
    );
  }

  auditLog(query: AuditQuery): AuditEntry[] {
    const rows = this.s.selectAudit.all(
      query.after ?? 0, query.actor ?? null, query.actor ?? null, query.action ?? null, query.action ?? null,
      query.since ?? null, query.since ?? null, query.limit,
    ) as AuditRow[];
    return rows.map((row) => ({
      id: row.id, at: row.at, actor: row.actor, role: row.role ?? undefined, organisation: row.organisation_id ?? undefined,
      ip: row.ip ?? undefined, action: row.action, target: row.target ?? undefined, details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

interface PolicyRow {
  channels: string | null;
  rights: string | null;
  restricted_properties: string | null;
}

function toPolicy(row: PolicyRow): DatasetPolicy {
  return {
    // A dataset without a policy row (none should exist) publishes nothing.
    channels: row.channels === null ? [] : JSON.parse(row.channels) as DatasetPolicy['channels'],
    rights: row.rights ?? undefined,
    restrictedProperties: row.restricted_properties === null ? [] : JSON.parse(row.restricted_properties) as string[],
  };
}

/**
 * Reads every dataset's policy and every record's own channels on one connection (inside the
 * caller's transaction when it has one): what the SPARQL index's workers and the service filter
 * with. The statements are prepared once per connection; a worker reads a snapshot per page.
 */
export class PolicySnapshotReader {
  private readonly selectDatasets;
  private readonly selectRecords;

  constructor(db: SqliteDatabase) {
    this.selectDatasets = db.prepare(
      `SELECT d.id, d.organisation_id, p.channels, p.rights, p.restricted_properties
       FROM datasets d LEFT JOIN dataset_policies p ON p.dataset_id = d.id`,
    );
    this.selectRecords = db.prepare('SELECT iri, dataset_id, channels FROM record_policies');
  }

  read(): PolicySnapshot {
    const datasets = new Map<string, DatasetPolicy & { organisation: string }>();
    for (const row of this.selectDatasets.all() as Array<PolicyRow & { id: string; organisation_id: string }>) {
      datasets.set(row.id, { ...toPolicy(row), organisation: row.organisation_id });
    }
    const records = new Map<string, RecordPolicy & { dataset: string }>();
    for (const row of this.selectRecords.all() as Array<{ iri: string; dataset_id: string; channels: string }>) {
      records.set(row.iri, { dataset: row.dataset_id, channels: JSON.parse(row.channels) as RecordPolicy['channels'] });
    }
    return new PolicySnapshot(datasets, records);
  }
}

function toToken(row: TokenRow): StoredToken {
  return {
    id: row.id, role: row.role, organisation: row.organisation_id ?? undefined, termLists: JSON.parse(row.term_lists) as string[],
    description: row.description, createdAt: row.created_at, createdBy: row.created_by,
    expiresAt: row.expires_at ?? undefined, revokedAt: row.revoked_at ?? undefined,
  };
}

/** Tokens are 256 random bits, so one SHA-256 is enough to keep them out of a stolen database. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
