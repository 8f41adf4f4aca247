import type { DocumentRecord } from '../ports/record-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

/**
 * `documentRecords` on a connection: the live records at `document#…`, and the record at
 * `document` (its last live version when it was deleted), in IRI order. All sort from `document`
 * up to `document$` ('$' follows '#'), a range of the IRI index; the few other IRIs in it
 * (`document!x`) are passed over.
 */
export function documentRecordsOf(db: SqliteDatabase): (document: string) => DocumentRecord[] {
  const select = db.prepare(
    `SELECT iri, dataset_id AS dataset, kind, CASE WHEN deleted = 0 THEN nquads ELSE (
       SELECT v.nquads FROM record_versions v WHERE v.record_id = records.id AND v.deleted = 0 ORDER BY v.version DESC LIMIT 1
     ) END AS nquads
     FROM records WHERE iri >= ? AND iri < ? AND (deleted = 0 OR iri = ?) ORDER BY iri`,
  );
  return (document) => (select.all(document, `${document}$`, document) as Array<Omit<DocumentRecord, 'nquads'> & { nquads: string | null }>)
    .filter((record): record is DocumentRecord => record.nquads !== null && (record.iri === document || record.iri.startsWith(`${document}#`)));
}
