import type { StoredRecord } from '../domain/record.js';
import type { TermIndex } from '../ports/term-index.js';
import {
  conceptSection, describedSection, documentPage, MAX_TOP_CONCEPTS, recordSection, termListSection, type Section,
} from '../web/record-page.js';
import type { LinkedDataDocument } from './linked-data-document.js';

/** The links of a concept whose targets its page names by their labels. */
const NAMED_LINKS = ['broader', 'narrower', 'related'] as const;

/**
 * A document's HTML page: a section for the IRI itself (its record, or what other records say
 * of it) and one for each hash resource; concepts and term lists as the term index (as the
 * principal may see it) knows them, other records as their statements.
 */
export function linkedDataPage(document: LinkedDataDocument, index: TermIndex): string {
  const records = [...(document.record === undefined ? [] : [document.record]), ...document.hashes];
  const concepts = index.concepts(records.filter((record) => record.kind === 'concept').map((record) => record.iri));
  const related = index.prefLabels([...concepts.values()].flatMap((found) => NAMED_LINKS.flatMap((field) => found.doc[field])));
  const lists = records.some((record) => record.kind === 'concept' || record.kind === 'term-list') ? index.lists() : [];
  const sectioned = new Set(document.hashes.map((record) => record.iri));
  const section = (record: StoredRecord): Section => {
    const concept = record.kind === 'concept' ? concepts.get(record.iri) : undefined;
    if (concept !== undefined) return conceptSection(concept.doc, related, lists.find((list) => list.id === concept.list));
    const list = record.kind === 'term-list' ? lists.find((candidate) => candidate.iri === record.iri) : undefined;
    if (list !== undefined) {
      const top = index.topConcepts(list.id, MAX_TOP_CONCEPTS);
      return termListSection(list, top, index.prefLabels(top.iris));
    }
    return recordSection(record, sectioned);
  };
  const described = document.described === undefined ? [] : [describedSection(document.iri, document.described.ntriples, document.described.records)];
  return documentPage(document.iri, [...described, ...records.map(section)]);
}
