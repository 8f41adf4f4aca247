import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import sparqljs from 'sparqljs';

/** The variable that names each item's graph in the batched query. */
const ITEM = 'cultuurgraafItem__';

/** One term of a SPARQL 1.1 JSON results binding (W3C SPARQL 1.1 Query Results JSON Format). */
type JsonTerm =
  | { readonly type: 'uri'; readonly value: string }
  | { readonly type: 'bnode'; readonly value: string }
  | { readonly type: 'literal'; readonly value: string; readonly 'xml:lang'?: string; readonly datatype?: string }
  | { readonly type: 'triple'; readonly value: unknown };

interface JsonResults {
  readonly results: { readonly bindings: readonly Readonly<Record<string, JsonTerm>>[] };
}

type TemplateTerm = RDF.NamedNode | RDF.BlankNode | RDF.Literal | RDF.Variable;

interface TemplateTriple {
  readonly subject: TemplateTerm;
  readonly predicate: TemplateTerm;
  readonly object: TemplateTerm;
}

/**
 * A CONSTRUCT query rewritten so that one evaluation maps many items: its WHERE clause runs
 * inside `GRAPH ?item { … }` over a store that holds each item in a graph of its own, as a
 * SELECT of the item and the template's variables, and the template is instantiated here, per
 * solution, as SPARQL 1.1 §16.2 says: a triple with an unbound variable or that is not valid RDF
 * is left out, and the template's blank nodes are fresh for every solution. Within the graph
 * the WHERE clause sees exactly what the per-item query sees over its own store, so the result
 * per item is the same graph (test/unit/ingest/construct-batch.test.ts compares both for every
 * mapping). oxigraph parses and plans the query once per batch instead of once per item, which
 * for the `collection-csv` query was most of the mapping's time.
 *
 * Not every CONSTRUCT can be rewritten: solution modifiers (ORDER BY, LIMIT, OFFSET), dataset
 * clauses (FROM) and GRAPH or SERVICE patterns act across items or on graphs. `batchable` says
 * why one cannot; the caller then runs the query per item.
 */
export class ConstructBatch {
  private constructor(
    /** The SELECT to run over the batch store. */
    readonly select: string,
    private readonly template: readonly TemplateTriple[],
  ) {}

  /** The batched form of a CONSTRUCT, or the reason it has none. */
  static of(query: string): ConstructBatch | { readonly notBatchable: string } {
    let parsed: sparqljs.SparqlQuery;
    try {
      parsed = new sparqljs.Parser().parse(query);
    } catch (error) {
      return { notBatchable: `sparqljs does not read it (${(error as Error).message.split('\n')[0] ?? ''})` };
    }
    if (parsed.type !== 'query' || parsed.queryType !== 'CONSTRUCT') return { notBatchable: 'it is not a CONSTRUCT query' };
    const reason = whyNotBatchable(parsed);
    if (reason !== undefined) return { notBatchable: reason };
    if (query.includes(ITEM)) return { notBatchable: `it uses the name ${ITEM}` };
    const template = (parsed.template ?? []) as TemplateTriple[];
    const variables = new Map<string, sparqljs.VariableTerm>();
    for (const triple of template) {
      for (const term of [triple.subject, triple.predicate, triple.object]) {
        if (term.termType === 'Variable') variables.set(term.value, DataFactory.variable(term.value));
      }
    }
    const item = DataFactory.variable(ITEM);
    const select: sparqljs.SelectQuery = {
      type: 'query',
      queryType: 'SELECT',
      prefixes: parsed.prefixes,
      ...(parsed.base === undefined ? {} : { base: parsed.base }),
      variables: [item, ...variables.values()],
      where: [{ type: 'graph', name: item, patterns: parsed.where ?? [] }],
      ...(parsed.values === undefined ? {} : { values: parsed.values }),
    };
    return new ConstructBatch(new sparqljs.Generator().stringify(select), template);
  }

  /** The variable that holds the item graph's name in the SELECT's results. */
  static get itemVariable(): string {
    return ITEM;
  }

  /**
   * Instantiates the template for the SELECT's results (SPARQL JSON): for each item graph,
   * the triples, each once, in the default graph.
   */
  instantiate(resultsJson: string): Map<string, RDF.Quad[]> {
    const { results } = JSON.parse(resultsJson) as JsonResults;
    const byItem = new Map<string, { quads: RDF.Quad[]; seen: Set<string> }>();
    let solution = 0;
    for (const binding of results.bindings) {
      solution++;
      const item = binding[ITEM];
      if (item?.type !== 'uri') continue;
      let out = byItem.get(item.value);
      if (out === undefined) byItem.set(item.value, out = { quads: [], seen: new Set() });
      const values = new Map<string, RDF.Term>();
      const blankNodes = new Map<string, RDF.BlankNode>();
      const resolve = (term: TemplateTerm): RDF.Term | undefined => {
        switch (term.termType) {
          case 'Variable': {
            let value = values.get(term.value);
            if (value === undefined) {
              const json = binding[term.value];
              if (json === undefined) return undefined;
              value = toTerm(json);
              values.set(term.value, value);
            }
            return value;
          }
          case 'BlankNode': {
            let node = blankNodes.get(term.value);
            if (node === undefined) blankNodes.set(term.value, node = DataFactory.blankNode(`t${solution}_${term.value}`));
            return node;
          }
          default:
            return term;
        }
      };
      for (const triple of this.template) {
        const subject = resolve(triple.subject);
        const predicate = resolve(triple.predicate);
        const object = resolve(triple.object);
        if (subject === undefined || predicate === undefined || object === undefined) continue;
        if (subject.termType !== 'NamedNode' && subject.termType !== 'BlankNode') continue;
        if (predicate.termType !== 'NamedNode') continue;
        const key = `${termText(subject)} ${predicate.value} ${termText(object)}`;
        if (out.seen.has(key)) continue;
        out.seen.add(key);
        out.quads.push(DataFactory.quad(subject, predicate, object as RDF.Quad_Object));
      }
    }
    return new Map([...byItem].map(([item, { quads }]) => [item, quads]));
  }
}

function whyNotBatchable(query: sparqljs.ConstructQuery): string | undefined {
  // sparqljs parses solution modifiers on every query form; its types only declare them on SELECT.
  const modifiers = query as Partial<Pick<sparqljs.SelectQuery, 'order' | 'limit' | 'offset' | 'group' | 'having'>>;
  if (query.from !== undefined && (query.from.default.length > 0 || query.from.named.length > 0)) return 'it has a FROM clause';
  if (modifiers.order !== undefined || modifiers.limit !== undefined || modifiers.offset !== undefined) return 'it has ORDER BY, LIMIT or OFFSET';
  if (modifiers.group !== undefined || modifiers.having !== undefined) return 'it groups its solutions';
  const found = findPattern(query.where ?? [], (pattern) => pattern.type === 'graph' || pattern.type === 'service');
  return found === undefined ? undefined : `its WHERE clause has a ${found.type.toUpperCase()} pattern`;
}

/** The first pattern, at any depth (groups, OPTIONAL, UNION, MINUS, sub-SELECTs, EXISTS), that matches. */
function findPattern(patterns: readonly sparqljs.Pattern[], test: (pattern: sparqljs.Pattern) => boolean): sparqljs.Pattern | undefined {
  for (const pattern of patterns) {
    if (test(pattern)) return pattern;
    const nested = nestedPatterns(pattern);
    const found = nested.length > 0 ? findPattern(nested, test) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

function nestedPatterns(pattern: sparqljs.Pattern): sparqljs.Pattern[] {
  switch (pattern.type) {
    case 'group': case 'optional': case 'union': case 'minus': case 'graph': case 'service':
      return pattern.patterns;
    case 'query':
      return pattern.where ?? [];
    case 'filter':
    case 'bind':
      return expressionPatterns(pattern.type === 'filter' ? pattern.expression : pattern.expression);
    default:
      return [];
  }
}

const EXPRESSION_TYPES = new Set(['operation', 'functionCall', 'aggregate']);

/** The group patterns of EXISTS and NOT EXISTS inside an expression. */
function expressionPatterns(expression: sparqljs.Expression): sparqljs.Pattern[] {
  if (typeof expression !== 'object' || !('type' in expression)) return [];
  if (expression.type === 'operation') {
    // EXISTS and NOT EXISTS take a pattern (a group, or a single GRAPH or BGP) as their argument.
    return expression.args.flatMap((arg) => {
      if (typeof arg === 'object' && 'type' in arg && !EXPRESSION_TYPES.has(arg.type)) return [arg as sparqljs.Pattern];
      return expressionPatterns(arg as sparqljs.Expression);
    });
  }
  if (expression.type === 'functionCall') return expression.args.flatMap((arg) => expressionPatterns(arg));
  return [];
}

function toTerm(json: JsonTerm): RDF.Term {
  switch (json.type) {
    case 'uri': return DataFactory.namedNode(json.value);
    // Prefixed apart from the template's own blank nodes (t…), so the two never meet.
    case 'bnode': return DataFactory.blankNode(`d${json.value}`);
    case 'literal':
      if (json['xml:lang'] !== undefined) return DataFactory.literal(json.value, json['xml:lang']);
      return DataFactory.literal(json.value, json.datatype === undefined ? undefined : DataFactory.namedNode(json.datatype));
    case 'triple':
      throw new Error('the mapping produced a quoted triple, which records cannot hold');
  }
}

/** A term's identity as text, for deduplication. */
function termText(term: RDF.Term): string {
  if (term.termType === 'Literal') return `${JSON.stringify(term.value)}@${term.language}^${term.datatype.value}`;
  return `${term.termType === 'BlankNode' ? '_:' : ''}${term.value}`;
}
