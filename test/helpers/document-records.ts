import type { DocumentRecord, DocumentRecords } from '../../src/ports/record-store.js';

/** For a view given no hash records: none of their documents is ever read. */
export const NO_DOCUMENTS: DocumentRecords = { documentRecords: () => [] };

/** Documents read from a few records in memory, as a store would give them. */
export function documentsOf(records: readonly DocumentRecord[]): DocumentRecords {
  return {
    documentRecords: (document) => records.filter((record) => record.iri === document || record.iri.startsWith(`${document}#`)),
  };
}
