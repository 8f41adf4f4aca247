import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import oxigraph from 'oxigraph';
import { InvalidInputError } from '../../domain/errors.js';
import { iriTerm, literalTerm } from '../../rdf/ntriples-text.js';
import { CONTEXT, CONTEXT_NODE } from '../../vocab/vocabularies.js';
import { ConstructBatch } from './construct-batch.js';

/**
 * An item whose lifted RDF the SPARQL engine cannot read: a value that is no IRI to it (a
 * template such as `%{baseUrl}/places/x`, a bad percent escape). The item is rejected, naming
 * the value and the property that holds it; the others are mapped as usual.
 */
export class UnreadableItemError extends InvalidInputError {
  constructor(message: string, readonly value: string | undefined, readonly property: string | undefined) {
    super(message);
  }
}

/**
 * Runs a mapping's SPARQL CONSTRUCT over items' lifted RDF. Besides the item, the store holds
 * the context triples `<urn:cultuurgraaf:context> ctx:base <base IRI> ; ctx:dataset "id"`, so a
 * CONSTRUCT can mint IRIs without any text pasted into the query.
 *
 * `runBatch` maps many items with one query (see ConstructBatch): each item goes into a graph of
 * its own. An item that names graphs itself (N-Quads from JSON-LD), and every item of a query
 * that cannot be batched, runs on its own store, with the default graph as the union of all graphs.
 * Stores are freed at once (a store left to the garbage collector keeps its WebAssembly memory).
 */
export class ConstructRunner {
  private readonly context: string;
  private readonly batch: ConstructBatch | undefined;
  /** Why the query runs per item, when it does. */
  readonly notBatchable: string | undefined;

  constructor(private readonly query: string, private readonly name: string, context: { baseIri: string; dataset: string }) {
    this.context = `${iriTerm(CONTEXT_NODE)} ${iriTerm(CONTEXT.base)} ${iriTerm(context.baseIri)} .\n`
      + `${iriTerm(CONTEXT_NODE)} ${iriTerm(CONTEXT.dataset)} ${literalTerm(context.dataset)} .\n`;
    this.check();
    const batch = ConstructBatch.of(query);
    this.batch = batch instanceof ConstructBatch ? batch : undefined;
    this.notBatchable = batch instanceof ConstructBatch ? undefined : batch.notBatchable;
  }

  /** The CONSTRUCT's result for one item's lifted N-Quads (or N-Triples) text. */
  run(lifted: string): RDF.Quad[] {
    const store = new oxigraph.Store();
    try {
      try {
        store.load(this.context + lifted, { format: 'application/n-quads' });
      } catch (error) {
        throw unreadable(this.context + lifted, error as Error);
      }
      const result = store.query(this.query, { results_format: 'application/n-triples', use_default_graph_as_union: true });
      if (typeof result !== 'string') throw new InvalidInputError(`${this.name} is not a CONSTRUCT query.`);
      return new Parser({ format: 'N-Triples' }).parse(result);
    } finally {
      store.free();
    }
  }

  /**
   * The CONSTRUCT's result for each item, in order: the same graphs `run` gives one by one, or
   * for an item the engine cannot read, why.
   */
  runBatch(items: readonly string[]): Array<RDF.Quad[] | UnreadableItemError> {
    const batch = this.batch;
    if (batch === undefined) return items.map((item) => this.runItem(item));
    const results: (RDF.Quad[] | undefined)[] = items.map(() => undefined);
    const batched: number[] = [];
    const store = new oxigraph.Store();
    try {
      items.forEach((item, i) => {
        try {
          store.load(this.context + item, { format: 'application/n-triples', to_graph_name: oxigraph.namedNode(itemGraph(i)), no_transaction: true });
          batched.push(i);
        } catch {
          // Not N-Triples (it names graphs), or not loadable: it runs on its own below, where
          // an error names this item. What part of it did load is in a graph nobody reads.
        }
      });
      if (batched.length > 0) {
        const json = store.query(batch.select, { results_format: 'application/sparql-results+json' });
        if (typeof json !== 'string') throw new Error(`${this.name}: the batched query gave no JSON results`);
        const byGraph = batch.instantiate(json);
        for (const i of batched) results[i] = byGraph.get(itemGraph(i)) ?? [];
      }
    } finally {
      store.free();
    }
    return items.map((item, i) => results[i] ?? this.runItem(item));
  }

  private runItem(lifted: string): RDF.Quad[] | UnreadableItemError {
    try {
      return this.run(lifted);
    } catch (error) {
      if (error instanceof UnreadableItemError) return error;
      throw error;
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

/**
 * Oxigraph's refusal of lifted text, said of the item: the offending term and the property of
 * its line, not the line and columns of text the user never saw.
 */
function unreadable(text: string, error: Error): UnreadableItemError {
  const found = /^Parser error at line (\d+) (?:between columns (\d+) and (\d+)|column (\d+)): (.*)$/s.exec(error.message);
  if (found === null) return new UnreadableItemError(`it holds RDF the SPARQL engine cannot read: ${error.message}`, undefined, undefined);
  const [, line = '1', from, to, , reason = error.message] = found;
  const lineText = text.split('\n')[Number(line) - 1] ?? '';
  const escaped = from === undefined || to === undefined ? undefined : iriAround(lineText, Number(from));
  const value = escaped === undefined ? undefined : unescapeIri(escaped);
  // The property that holds the value: of this line, unless the value is its subject; then of a
  // line that has it as object (the field that named the node).
  const term = escaped === undefined ? undefined : `<${escaped}>`;
  const holder = term === undefined || !lineText.startsWith(term) ? lineText : text.split('\n').find((other) => other.includes(` ${term}`) && !other.startsWith(term));
  const predicate = holder === undefined ? undefined : /^\S+\s+<([^>]*)>/.exec(holder)?.[1];
  // The lift's own properties stand for the input's fields and columns: name those.
  const property = predicate?.startsWith('urn:cultuurgraaf:') ? predicate.slice(Math.max(predicate.lastIndexOf('#'), predicate.lastIndexOf(':')) + 1) : predicate;
  const why = reason.replace(/\s+$/, '');
  return new UnreadableItemError(
    value === undefined ? `it holds a value the SPARQL engine cannot store (${why})` : `"${value}" cannot be stored as an IRI (${why})`,
    value, property,
  );
}

/** An IRI as N-Triples writes it, with its \\u and \\U escapes read. */
function unescapeIri(text: string): string {
  return text.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})/g, (_, short: string | undefined, long: string | undefined) => String.fromCodePoint(parseInt(short ?? long ?? '', 16)));
}

/** The IRI (between `<` and `>`) of an N-Triples line that the column falls in, if any. */
function iriAround(line: string, column: number): string | undefined {
  const start = line.lastIndexOf('<', column);
  const end = start < 0 ? -1 : line.indexOf('>', start);
  return end >= column - 1 ? line.slice(start + 1, end) : undefined;
}

/** The graph an item of a batch is loaded into. */
function itemGraph(index: number): string {
  return `urn:cultuurgraaf:item:${index}`;
}
