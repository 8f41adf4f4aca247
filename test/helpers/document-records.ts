import { DocumentJudge } from '../../src/access/document-judge.js';
import type { DocumentRecord, DocumentRecords } from '../../src/ports/record-store.js';

/** For a view given no hash records: none of their documents is ever read. */
export const NO_DOCUMENTS = new DocumentJudge({ documentRecords: () => [], head: () => 0 });

/** A judge of documents read from a few records in memory, as a store would give them. */
export function documentsOf(records: readonly DocumentRecord[]): DocumentJudge {
  const documents: DocumentRecords = {
    documentRecords: (document) => records.filter((record) => record.iri === document || record.iri.startsWith(`${document}#`)),
    head: () => 0,
  };
  return new DocumentJudge(documents);
}
