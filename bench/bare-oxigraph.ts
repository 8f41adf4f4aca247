import oxigraph from 'oxigraph';

/** Statements per `store.load` call, as the index worker does: one huge string loads much slower. */
const CHUNK_LINES = 50_000;
const NQUADS = 'application/n-quads';
const JSON_RESULTS = 'application/sparql-results+json';

/** An oxigraph store in this thread, queried with the options the index worker uses. */
export class BareOxigraph {
  private constructor(private readonly store: oxigraph.Store, readonly triples: number, readonly loadMs: number) {}

  /** Loads N-Quads documents (e.g. one per record) in chunks of about 50 k lines. */
  static load(documents: Iterable<string>): BareOxigraph {
    const started = performance.now();
    const store = new oxigraph.Store();
    let parts: string[] = [];
    let lines = 0;
    let triples = 0;
    const flush = (): void => {
      store.load(parts.join(''), { format: NQUADS, no_transaction: true });
      triples += lines;
      parts = [];
      lines = 0;
    };
    for (const document of documents) {
      parts.push(document);
      lines += countLines(document);
      if (lines >= CHUNK_LINES) flush();
    }
    if (parts.length > 0) flush();
    return new BareOxigraph(store, triples, performance.now() - started);
  }

  /** A SELECT/ASK query with the union default graph, serialised as SPARQL JSON results. */
  query(text: string, baseIri: string): string {
    const result = this.store.query(text, { base_iri: baseIri, results_format: JSON_RESULTS, use_default_graph_as_union: true });
    if (typeof result !== 'string') throw new Error('oxigraph returned unserialised results');
    return result;
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
