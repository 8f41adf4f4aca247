import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import oxigraph from 'oxigraph';
import { InvalidInputError } from '../../domain/errors.js';
import { iriTerm, literalTerm } from '../../rdf/ntriples-text.js';
import { CONTEXT, CONTEXT_NODE } from '../../vocab/vocabularies.js';

/**
 * Runs a mapping's SPARQL CONSTRUCT over one item's lifted RDF. Each item gets a fresh
 * oxigraph store, freed at once (a store left to the garbage collector keeps its WebAssembly
 * memory). Besides the item, the store holds the context triples
 * `<urn:cultuurgraaf:context> ctx:base <base IRI> ; ctx:dataset "id"`, so a CONSTRUCT can mint
 * IRIs without any text pasted into the query.
 */
export class ConstructRunner {
  private readonly context: string;

  constructor(private readonly query: string, private readonly name: string, context: { baseIri: string; dataset: string }) {
    this.context = `${iriTerm(CONTEXT_NODE)} ${iriTerm(CONTEXT.base)} ${iriTerm(context.baseIri)} .\n`
      + `${iriTerm(CONTEXT_NODE)} ${iriTerm(CONTEXT.dataset)} ${literalTerm(context.dataset)} .\n`;
    this.check();
  }

  /** The CONSTRUCT's result for one item's lifted N-Quads (or N-Triples) text. */
  run(lifted: string): RDF.Quad[] {
    const store = new oxigraph.Store();
    try {
      store.load(this.context + lifted, { format: 'application/n-quads' });
      const result = store.query(this.query, { results_format: 'application/n-triples', use_default_graph_as_union: true });
      if (typeof result !== 'string') throw new InvalidInputError(`${this.name} is not a CONSTRUCT query.`);
      return new Parser({ format: 'N-Triples' }).parse(result);
    } finally {
      store.free();
    }
  }

  /** Fails at load time, naming the file, when the query does not parse or is not a CONSTRUCT. */
  private check(): void {
    const store = new oxigraph.Store();
    try {
      const result = store.query(this.query, { results_format: 'application/n-triples' });
      if (typeof result !== 'string') throw new Error('it is not a CONSTRUCT query');
    } catch (error) {
      throw new InvalidInputError(`${this.name} cannot be used: ${(error as Error).message}`);
    } finally {
      store.free();
    }
  }
}
