import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BASE_IRI } from '../../../src/config/config.js';
import { resolveBaseIri } from '../../../src/store/base-iri.js';
import { SqliteRecordStore } from '../../../src/store/sqlite-record-store.js';
import { putTurtle } from '../../helpers/records.js';

describe('the base IRI a data dir keeps', () => {
  let dir: string;
  let store: SqliteRecordStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'base-iri-'));
    store = SqliteRecordStore.open(join(dir, 'data'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the first one given (or the default), and later commands without the flag use it', () => {
    expect(resolveBaseIri(store, undefined)).toBe(DEFAULT_BASE_IRI);
    // No records yet: another base may still be chosen.
    expect(resolveBaseIri(store, 'https://data.example.be/')).toBe('https://data.example.be/');
    expect(resolveBaseIri(store, undefined)).toBe('https://data.example.be/');
  });

  it('refuses another base once records have IRIs under the stored one, naming both', async () => {
    resolveBaseIri(store, undefined);
    const iri = `${DEFAULT_BASE_IRI}id/object/m/1`;
    store.writeBatch([await putTurtle(iri, 'm', `<${iri}> a <http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object> .`)], { createDatasets: [{ id: 'm' }] });
    const attempt = (): string => resolveBaseIri(store, 'https://data.example.be/');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/set up with the base IRI http:\/\/localhost:8080\/, and its 1 records have IRIs under it; https:\/\/data\.example\.be\/ would leave them unfindable/);
    expect(resolveBaseIri(store, DEFAULT_BASE_IRI)).toBe(DEFAULT_BASE_IRI);
    expect(resolveBaseIri(store, undefined)).toBe(DEFAULT_BASE_IRI);
  });
});
