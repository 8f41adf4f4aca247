import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteAccessStore } from '../../../src/store/sqlite-access-store.js';
import { SqliteRecordFeed } from '../../../src/store/sqlite-record-feed.js';
import { DATABASE_FILE, MIGRATIONS } from '../../../src/store/sqlite-database.js';
import { SqliteRecordStore } from '../../../src/store/sqlite-record-store.js';
import { sharedTempDir } from '../../helpers/temp-dir.js';

describe('migrating a data dir from before publication policies', () => {
  const temp = sharedTempDir('access-migration-');

  it('gives existing datasets the open policy and keeps the change log, which then takes policy entries', () => {
    const dir = join(temp.dir, 'v2');
    mkdirSync(dir, { recursive: true });
    const old = new Database(join(dir, DATABASE_FILE));
    for (const [i, migration] of MIGRATIONS.slice(0, 2).entries()) {
      old.exec(migration);
      old.pragma(`user_version = ${i + 1}`);
    }
    old.exec(`
      INSERT INTO organisations VALUES ('default', 'Default organisation', '2026-01-01T00:00:00Z');
      INSERT INTO datasets VALUES ('oud', 'default', 'oud', '2026-01-01T00:00:00Z');
      INSERT INTO records (iri, dataset_id, kind, nquads, hash, triples, version, created_at, updated_at)
        VALUES ('http://ex.org/1', 'oud', 'resource', '', 'h', 0, 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
      INSERT INTO change_log (record_id, version, op, at) VALUES (1, 1, 'create', '2026-01-01T00:00:00Z'), (1, 2, 'update', '2026-01-02T00:00:00Z');
    `);
    old.close();

    const records = SqliteRecordStore.open(dir);
    const access = SqliteAccessStore.open(dir);
    try {
      expect(access.getPolicy('oud')).toEqual({ channels: ['sparql', 'graphql', 'linked-data', 'oai', 'ldes', 'dumps'], rights: undefined, restrictedProperties: [] });
      expect(records.changesSince(0, 10).map((entry) => [entry.seq, entry.op])).toEqual([[1, 'create'], [2, 'update']]);
      const generation = access.policyGeneration();
      expect(access.setPolicy('oud', { channels: [], rights: undefined, restrictedProperties: [] }, { actor: 'test', action: 'policy.set' })).toEqual({ records: 1 });
      expect(records.changesSince(2, 10)).toMatchObject([{ seq: 3, op: 'policy', iri: 'http://ex.org/1', version: 2 }]);
      expect(access.policyGeneration()).toBe(generation + 1);
      expect(access.auditLog({ limit: 10 })).toMatchObject([{ actor: 'test', action: 'policy.set' }]);
      // The SPARQL index re-reads the record under the new policy; the term index (content only) passes over it.
      const feed = SqliteRecordFeed.open(dir);
      try {
        expect(feed.changedSince(2, 10)).toMatchObject({ head: 3, records: [{ iri: 'http://ex.org/1' }] });
        expect(feed.changedOfKinds(2, 10, ['resource'])).toMatchObject({ head: 3, records: [] });
      } finally {
        feed.close();
      }
    } finally {
      access.close();
      records.close();
    }
  });

  it('records in each policy entry the channels that change withdrew and granted (migrations 4 and 5); older entries read as unknown', () => {
    const dir = join(temp.dir, 'v3');
    mkdirSync(dir, { recursive: true });
    const old = new Database(join(dir, DATABASE_FILE));
    for (const [i, migration] of MIGRATIONS.slice(0, 3).entries()) {
      old.exec(migration);
      old.pragma(`user_version = ${i + 1}`);
    }
    old.exec(`
      INSERT INTO organisations VALUES ('default', 'Default organisation', '2026-01-01T00:00:00Z');
      INSERT INTO datasets VALUES ('ds', 'default', 'ds', '2026-01-01T00:00:00Z');
      INSERT INTO dataset_policies (dataset_id, channels, rights, restricted_properties, updated_at, updated_by)
        VALUES ('ds', '["sparql","oai","ldes"]', NULL, '[]', '2026-01-01T00:00:00Z', 'test');
      INSERT INTO records (iri, dataset_id, kind, nquads, hash, triples, version, created_at, updated_at)
        VALUES ('http://ex.org/1', 'ds', 'resource', '', 'h', 0, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
               ('http://ex.org/2', 'ds', 'resource', '', 'h', 0, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
      INSERT INTO change_log (record_id, version, op, at) VALUES (1, 1, 'create', '2026-01-01T00:00:00Z'), (2, 1, 'create', '2026-01-01T00:00:00Z'),
        (1, 1, 'policy', '2026-01-02T00:00:00Z');
    `);
    old.close();

    const records = SqliteRecordStore.open(dir);
    const access = SqliteAccessStore.open(dir);
    const withdrawn = (): Array<[number, string | null, string | null]> => (new Database(join(dir, DATABASE_FILE), { readonly: true })
      .prepare("SELECT seq, withdrawn, granted FROM change_log WHERE op = 'policy' ORDER BY seq").raw().all() as Array<[number, string | null, string | null]>);
    const audit = { actor: 'test', action: 'policy.set' };
    try {
      expect(withdrawn()).toEqual([[3, null, null]]);
      // Record 2 keeps channels of its own: the dataset's change withdraws nothing from it.
      access.setRecordPolicy('http://ex.org/2', { channels: ['sparql', 'ldes'] }, audit);
      access.setPolicy('ds', { channels: ['sparql'], rights: undefined, restrictedProperties: [] }, audit);
      access.setRecordPolicy('http://ex.org/2', undefined, audit);
      expect(withdrawn()).toEqual([[3, null, null], [4, '["oai"]', '[]'], [5, '["oai","ldes"]', '[]'], [6, '[]', '[]'], [7, '["ldes"]', '[]']]);
      // A deleted record gets its policy entry too, and a grant is recorded as such.
      records.writeBatch([{ op: 'delete', iri: 'http://ex.org/1' }]);
      access.setPolicy('ds', { channels: ['sparql', 'dumps'], rights: undefined, restrictedProperties: [] }, audit);
      expect(withdrawn().slice(-2)).toEqual([[9, '[]', '["dumps"]'], [10, '[]', '["dumps"]']]);
    } finally {
      access.close();
      records.close();
    }
  });

  it('logs a policy entry of each live hash record of a dataset with restricted properties, which before were published whatever led to them', () => {
    const dir = join(temp.dir, 'hash-records');
    mkdirSync(dir, { recursive: true });
    const old = new Database(join(dir, DATABASE_FILE));
    for (const [i, migration] of MIGRATIONS.slice(0, -1).entries()) {
      old.exec(migration);
      old.pragma(`user_version = ${i + 1}`);
    }
    old.exec(`
      INSERT INTO organisations VALUES ('default', 'Default organisation', '2026-01-01T00:00:00Z');
      INSERT INTO datasets VALUES ('ds', 'default', 'ds', '2026-01-01T00:00:00Z'), ('open', 'default', 'open', '2026-01-01T00:00:00Z');
      INSERT INTO dataset_policies (dataset_id, channels, rights, restricted_properties, updated_at, updated_by)
        VALUES ('ds', '["oai","ldes"]', NULL, '["https://schema.org/address"]', '2026-01-01T00:00:00Z', 'test'),
               ('open', '["oai","ldes"]', NULL, '[]', '2026-01-01T00:00:00Z', 'test');
      INSERT INTO records (iri, dataset_id, kind, nquads, hash, triples, version, created_at, updated_at, deleted)
        VALUES ('http://ex.org/p', 'ds', 'agent', '', 'h', 0, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0),
               ('http://ex.org/p#adres', 'ds', 'resource', '', 'h', 0, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0),
               ('http://ex.org/p#weg', 'ds', 'resource', '', 'h', 0, 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1),
               ('http://ex.org/q#adres', 'open', 'resource', '', 'h', 0, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0);
      INSERT INTO change_log (record_id, version, op, at) VALUES (1, 1, 'create', '2026-01-01T00:00:00Z'), (2, 1, 'create', '2026-01-01T00:00:00Z');
    `);
    old.close();

    const records = SqliteRecordStore.open(dir);
    try {
      expect(records.changesSince(2, 10)).toMatchObject([{ seq: 3, op: 'policy', iri: 'http://ex.org/p#adres', version: 1 }]);
    } finally {
      records.close();
    }
  });
});
