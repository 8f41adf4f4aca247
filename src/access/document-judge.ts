import { documentOf } from '../domain/iri.js';
import type { DocumentRecords } from '../ports/record-store.js';
import { cutOffIn, neverCutOff } from '../rdf/hash-documents.js';

/** Documents whose judgement is kept, before all are forgotten. */
const KEPT_DOCUMENTS = 256;

interface Judged {
  /** The change-log head the document was read at: a judgement holds until the log moves. */
  readonly head: number;
  /** Its concepts and term lists, never cut off. */
  readonly roots: ReadonlySet<string>;
  /** Its cut-off hash IRIs, once a record of another kind was asked about. */
  cut: ReadonlySet<string> | undefined;
}

/**
 * Which hash records only restricted properties of their document lead to (`cutOffIn`), as the
 * documents are now. One judge serves every view of a server (or of an index replica): a
 * judgement is kept, by dataset, document and restricted properties, until the change log moves,
 * so the pages of a harvest, the fragments of a stream and the requests for one document read a
 * large document once, not once per request.
 */
export class DocumentJudge {
  private readonly kept = new Map<string, Judged>();

  constructor(private readonly documents: DocumentRecords) {}

  /** Whether `iri`, a record of `dataset`, is a hash IRI only `restricted` properties of its document lead to. */
  cutOff(iri: string, dataset: string, restricted: readonly string[]): boolean {
    const document = documentOf(iri);
    if (document === undefined || restricted.length === 0) return false;
    const head = this.documents.head();
    const key = `${dataset} ${document} ${restricted.join(' ')}`;
    let judged = this.kept.get(key);
    if (judged?.head !== head) {
      // A term list's concepts are asked about one by one: judging the whole list for each would cost as much as reading it.
      const records = this.documents.documentRecords(document);
      const roots = new Set(records.filter((record) => record.dataset === dataset && record.iri !== document && neverCutOff(record.kind)).map((record) => record.iri));
      judged = { head, roots, cut: roots.has(iri) ? undefined : cutOffIn(document, records, dataset, restricted) };
      if (this.kept.size >= KEPT_DOCUMENTS) this.kept.clear();
      this.kept.set(key, judged);
    }
    if (judged.roots.has(iri)) return false;
    judged.cut ??= cutOffIn(document, this.documents.documentRecords(document), dataset, restricted);
    return judged.cut.has(iri);
  }
}
