import { join } from 'node:path';
import type { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { importTermList, type TermImportSummary } from '../../src/terms/term-import.js';
import type { TermListMetadataInput } from '../../src/terms/term-list-metadata.js';
import { ROOT } from './cli.js';

/** The base IRI the term-list tests mint under. */
export const TERMS_BASE = 'http://localhost:8080/';

/** The fixture lists of fixtures/terms/ and the list id each is imported as. */
const FIXTURES = { materialen: 'materialen.csv', plaatsen: 'plaatsen.ttl' } as const;

/** Imports a fixture term list (`materialen` from the sheet, `plaatsen` from Turtle) under its own id. */
export function importFixtureList(records: SqliteRecordStore, list: keyof typeof FIXTURES, metadata?: TermListMetadataInput): Promise<TermImportSummary> {
  const file = FIXTURES[list];
  return importTermList({ file: join(ROOT, 'fixtures/terms', file), source: file, list, baseIri: TERMS_BASE, ...(metadata === undefined ? {} : { metadata }) }, { records });
}
