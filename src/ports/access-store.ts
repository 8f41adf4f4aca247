import type { DatasetPolicy, DefaultPolicy, PolicySnapshot, RecordPolicy } from '../domain/publication-policy.js';
import type { Role } from '../domain/principal.js';
import type { Dataset, Organisation } from '../domain/record.js';

export interface NewToken {
  readonly role: Role;
  readonly organisation: string | undefined;
  readonly termLists: readonly string[];
  readonly description: string;
  /** ISO 8601; the token stops working then. */
  readonly expiresAt: string | undefined;
  /** Who created it (an audit actor). */
  readonly createdBy: string;
}

/** A token as stored: never its secret, which is shown once at creation. */
export interface StoredToken {
  readonly id: string;
  readonly role: Role;
  readonly organisation: string | undefined;
  readonly termLists: readonly string[];
  readonly description: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | undefined;
  readonly revokedAt: string | undefined;
}

/** One write as the audit log keeps it: who, what, when and from where. */
export interface NewAuditEntry {
  readonly actor: string;
  readonly role?: string | undefined;
  readonly organisation?: string | undefined;
  readonly ip?: string | undefined;
  /** e.g. `policy.set`, `token.create`, `ingest.submit`, `sparql.update`. */
  readonly action: string;
  /** What it was done to: a dataset, token, organisation or record. */
  readonly target?: string | undefined;
  readonly details?: Record<string, unknown>;
}

export interface AuditEntry extends NewAuditEntry {
  readonly id: number;
  readonly at: string;
}

export interface AuditQuery {
  /** Entries after this id (paging). */
  readonly after?: number | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  /** ISO 8601: entries at or after. */
  readonly since?: string | undefined;
  readonly limit: number;
}

/**
 * Organisations, tokens, publication policies and the audit log.
 *
 * Contract:
 * - Every change this store makes (organisations, datasets, tokens, policies) is one
 *   transaction together with its audit entry: there is no such change without its entry and no
 *   entry without its change. Other writers (ingest, SPARQL Update, term imports) append their
 *   entry with `audit` once their write has committed.
 * - A policy change appends a `policy` change-log entry for every live record it concerns, in
 *   the same transaction, so every projection re-reads those records under the new policy.
 * - Secrets are stored as hashes only; `createToken` returns the secret once.
 */
export interface AccessStore {
  createOrganisation(id: string, name: string, audit: NewAuditEntry): Organisation;
  getOrganisation(id: string): Organisation | undefined;
  listOrganisations(): Organisation[];
  /** Throws ConflictError when the dataset exists, NotFoundError when the organisation does not. */
  createDataset(dataset: { id: string; organisation: string; title: string; policy: DefaultPolicy }, audit: NewAuditEntry): Dataset;

  createToken(token: NewToken, audit: (id: string) => NewAuditEntry): { token: StoredToken; secret: string };
  /** The token whose secret this is, revoked or expired ones included; undefined when unknown. */
  findToken(secret: string): StoredToken | undefined;
  getToken(id: string): StoredToken | undefined;
  listTokens(): StoredToken[];
  revokeToken(id: string, audit: NewAuditEntry): StoredToken;
  /** Grows with every token created or revoked, in any process. */
  tokenGeneration(): number;

  getPolicy(dataset: string): DatasetPolicy | undefined;
  setPolicy(dataset: string, policy: DatasetPolicy, audit: NewAuditEntry): { records: number };
  getRecordPolicy(iri: string): RecordPolicy | undefined;
  /** Sets (or, with undefined, removes) a record's own channels. */
  setRecordPolicy(iri: string, policy: RecordPolicy | undefined, audit: NewAuditEntry): void;
  /** Grows with every policy change, in any process. */
  policyGeneration(): number;
  policySnapshot(): PolicySnapshot;

  audit(entry: NewAuditEntry): void;
  auditLog(query: AuditQuery): AuditEntry[];
  close(): void;
}
