import type { DocumentRecord } from '../ports/record-store.js';
import type { SqliteDatabase } from './sqlite-database.js';

/**
 * `documentRecords` on a connection: the live records at `document` and at `document#…`, in IRI
 * order. Both sort from `document` up to `document$` ('$' follows '#'), a range of the IRI index;
 * the few other IRIs in it (`document!x`) are passed over.
 */
export function documentRecordsOf(db: SqliteDatabase): (document: string) => DocumentRecord[] {
  const select = db.prepare('SELECT iri, dataset_id AS dataset, kind, nquads FROM records WHERE iri >= ? AND iri < ? AND deleted = 0 ORDER BY iri');
  return (document) => (select.all(document, `${document}$`) as DocumentRecord[])
    .filter((record) => record.iri === document || record.iri.startsWith(`${document}#`));
}
