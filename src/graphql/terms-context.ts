import type { TermIndex } from '../ports/term-index.js';
import type { SparqlTermSources } from '../terms/sparql-term-source.js';

/** What every resolver gets: the term index, the remote sources, and the language Accept-Language chose. */
export interface TermsContext {
  readonly index: TermIndex;
  /** Term sources searched live at remote SPARQL endpoints (vocabularies/catalog/). */
  readonly remote: SparqlTermSources;
  readonly baseIri: string;
  /** `nl` or `en`, from Accept-Language: sources are described in it unless a query's `languages` say otherwise. */
  readonly catalogLanguage: 'nl' | 'en';
  /** The origin the client reached the server at, for the reconciliation URLs. */
  readonly serverUrl: string;
}
