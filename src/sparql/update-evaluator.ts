import oxigraph from 'oxigraph';
import type { BlankNode, Literal, NamedNode, Quad, Store, Term } from 'oxigraph';
import sparqljs from 'sparqljs';
import type * as Sparql from 'sparqljs';
import { BadRequestError, SparqlSyntaxError, UnsupportedUpdateError } from '../domain/errors.js';
import { quadToNQuad } from '../rdf/nquads.js';
import type { UpdateJob } from '../ports/triple-store.js';

const { namedNode, blankNode, literal, quad: makeQuad } = oxigraph;

type Subject = NamedNode | BlankNode;
type Obj = NamedNode | BlankNode | Literal;
/** A triple bound for a graph: a record graph by IRI, or the default graph (the union of all). */
interface Target {
  readonly s: Subject;
  readonly p: NamedNode;
  readonly o: Obj;
  /** A graph IRI, or DEFAULT. */
  readonly graph: string;
}

const DEFAULT = 'default' as const;
const GRAPH_NAMES_QUERY = 'SELECT ?g WHERE { GRAPH ?g { } }';

/**
 * Runs SPARQL 1.1 Update against one replica's store, operation by operation, and tells which
 * graphs changed. The default graph is the union of the record graphs, so:
 * - a triple deleted from the default graph is deleted from every graph that holds it;
 * - a triple inserted into the default graph goes to the record that describes its subject:
 *   the graph named by the subject IRI, else the one graph that has the subject, else a new
 *   graph named by the subject; a new blank node goes where the subject that refers to it goes;
 * - CLEAR/DROP DEFAULT clears every graph; COPY or MOVE into DEFAULT is refused.
 * The session keeps the original content of every graph it touched until `finish`, which keeps
 * the changes (after the caller committed them) or restores the originals.
 */
export class UpdateSession {
  private readonly originals = new Map<string, Quad[]>();

  constructor(private readonly store: Store) {}

  /** Applies the update; returns the IRIs of the graphs it touched. Throws AppErrors for bad updates. */
  run(job: UpdateJob): string[] {
    const update = parseUpdate(job.update, job.baseIri);
    const protocolDataset = job.usingGraphs.length > 0 || job.usingNamedGraphs.length > 0;
    for (const operation of update.updates) {
      if ('updateType' in operation) this.insertDelete(operation, job, protocolDataset);
      else this.manage(operation);
    }
    return [...this.originals.keys()];
  }

  /** The current content of a graph as N-Quads. */
  graphContent(iri: string): string {
    return this.store.match(null, null, null, namedNode(iri)).map(quadToNQuad).join('');
  }

  /** Keeps (`commit`) or undoes the session's changes. */
  finish(commit: boolean): void {
    if (!commit) {
      for (const [iri, quads] of this.originals) {
        this.clearGraph(iri);
        for (const q of quads) this.store.add(q);
      }
    }
    this.originals.clear();
  }

  private insertDelete(op: Sparql.InsertDeleteOperation, job: UpdateJob, protocolDataset: boolean): void {
    if (op.updateType === 'insert') {
      this.insertAll(this.instantiate(op.insert, [new Map()], undefined, 'insert'));
      return;
    }
    if (op.updateType === 'delete') {
      this.deleteAll(this.instantiate(op.delete, [new Map()], undefined, 'delete'));
      return;
    }
    if (op.updateType === 'deletewhere') {
      // DELETE WHERE { P } is DELETE { P } WHERE { P }: the protocol's dataset, when given, is where P is matched.
      const solutions = this.select(quadsAsPatterns(op.delete), protocolDataset
        ? { defaultGraphs: job.usingGraphs, namedGraphs: job.usingNamedGraphs }
        : { union: true });
      this.deleteAll(this.instantiate(op.delete, solutions, undefined, 'delete'));
      return;
    }
    const withGraph = op.graph?.value;
    if (protocolDataset && (withGraph !== undefined || op.using !== undefined)) {
      throw new BadRequestError(
        'The update names its dataset with USING, USING NAMED or WITH and the request also has using-graph-uri or using-named-graph-uri; use one or the other.',
      );
    }
    const usingDefault = protocolDataset ? job.usingGraphs : (op.using?.default ?? []).map((g) => g.value);
    const usingNamed = protocolDataset ? job.usingNamedGraphs : (op.using?.named ?? []).map((g) => g.value);
    const hasUsing = usingDefault.length > 0 || usingNamed.length > 0;
    const solutions = this.select(op.where, hasUsing
      ? { defaultGraphs: usingDefault, namedGraphs: usingNamed }
      : withGraph !== undefined ? { defaultGraphs: [withGraph] } : { union: true });
    // Both templates are instantiated against the same solutions before anything changes.
    const deletions = this.instantiate(op.delete, solutions, withGraph, 'delete');
    const insertions = this.instantiate(op.insert, solutions, withGraph, 'insert');
    this.deleteAll(deletions);
    this.insertAll(insertions);
  }

  private manage(op: Sparql.ManagementOperation): void {
    switch (op.type) {
      case 'load':
        if (op.silent) return;
        throw new UnsupportedUpdateError(
          'LOAD is not supported: the server never fetches remote data. Load files with `cultuurgraaf load`.',
        );
      case 'create': {
        const name = op.graph.name?.value;
        if (name !== undefined && this.graphExists(name) && !op.silent) {
          throw new BadRequestError(`CREATE GRAPH <${name}>: the graph already exists.`);
        }
        // Graphs exist while they hold triples; an empty graph is not stored.
        return;
      }
      case 'clear':
      case 'drop':
        this.clearReference(op.graph, op.silent);
        return;
      case 'add':
      case 'copy':
      case 'move':
        this.transfer(op);
        return;
    }
  }

  private clearReference(ref: Sparql.GraphReference, silent: boolean): void {
    const name = ref.name?.value;
    if (name === undefined) {
      // DEFAULT, NAMED and ALL all mean every record graph: the default graph is their union.
      for (const iri of this.graphNames()) this.touchAndClear(iri);
      return;
    }
    if (!this.graphExists(name)) {
      if (silent) return;
      throw new BadRequestError(`Graph <${name}> does not exist.`);
    }
    this.touchAndClear(name);
  }

  private transfer(op: Sparql.CopyMoveAddOperation): void {
    const source = op.source.name?.value;
    const destination = op.destination.name?.value;
    if (destination === undefined && op.type !== 'add') {
      throw new UnsupportedUpdateError(
        `${op.type.toUpperCase()} into DEFAULT would replace every record, since the default graph is the union of all records; use ADD, or name a graph.`,
      );
    }
    if (source !== undefined && !this.graphExists(source)) {
      if (op.silent) return;
      throw new BadRequestError(`Graph <${source}> does not exist.`);
    }
    if (source === destination) return;
    const quads = source === undefined ? this.store.match(null, null, null, null) : this.store.match(null, null, null, namedNode(source));
    const triples: Target[] = quads.map((q) => ({
      s: q.subject as Subject, p: q.predicate as NamedNode, o: q.object as Obj, graph: destination ?? DEFAULT,
    }));
    if (op.type !== 'add' && destination !== undefined && this.graphExists(destination)) this.touchAndClear(destination);
    this.insertAll(triples);
    if (op.type === 'move') {
      if (source === undefined) for (const iri of this.graphNames()) if (iri !== destination) this.touchAndClear(iri);
      if (source !== undefined) this.touchAndClear(source);
    }
  }

  /** Evaluates a WHERE clause; the dataset is the union of all graphs unless given. */
  private select(
    where: Sparql.Pattern[],
    dataset: { union: true } | { defaultGraphs: readonly string[]; namedGraphs?: readonly string[] },
  ): Array<Map<string, Term>> {
    const query: Sparql.SelectQuery = {
      type: 'query', queryType: 'SELECT', prefixes: {}, variables: [new sparqljs.Wildcard()], where,
    };
    const text = new sparqljs.Generator().stringify(query);
    const options = 'union' in dataset
      ? { use_default_graph_as_union: true }
      : {
        default_graph: dataset.defaultGraphs.map((g) => namedNode(g)),
        ...(dataset.namedGraphs ? { named_graphs: dataset.namedGraphs.map((g) => namedNode(g)) } : {}),
      };
    const result = this.store.query(text, options);
    if (!Array.isArray(result)) throw new Error('A SELECT for an update WHERE clause returned no solutions');
    return result as Array<Map<string, Term>>;
  }

  /** Fills templates with each solution; drops triples with unbound or ill-typed positions. */
  private instantiate(
    templates: readonly Sparql.Quads[], solutions: ReadonlyArray<Map<string, Term>>, withGraph: string | undefined,
    role: 'insert' | 'delete',
  ): Target[] {
    const out: Target[] = [];
    solutions.forEach((solution, index) => {
      const fresh = new Map<string, BlankNode>();
      const bind = (term: Sparql.Term | Sparql.PropertyPath): Term | undefined => {
        if ('type' in term) return undefined;
        switch (term.termType) {
          case 'Variable': return solution.get(term.value);
          case 'NamedNode': return namedNode(term.value);
          case 'Literal': return literal(term.value, term.language ? term.language : namedNode(term.datatype.value));
          case 'BlankNode': {
            if (role === 'delete') throw new BadRequestError('Blank nodes are not allowed in a DELETE template.');
            // A template blank node is a new node per solution.
            const key = `${term.value}#${index}`;
            const node = fresh.get(key) ?? blankNode();
            fresh.set(key, node);
            return node;
          }
          default: return undefined;
        }
      };
      for (const template of templates) {
        let graph: string | undefined = withGraph ?? DEFAULT;
        if (template.type === 'graph') {
          const name = bind(template.name);
          graph = name?.termType === 'NamedNode' ? name.value : undefined;
        }
        if (graph === undefined) continue;
        for (const triple of template.triples) {
          const s = bind(triple.subject);
          const p = bind(triple.predicate);
          const o = bind(triple.object);
          if (!s || !p || !o) continue;
          if ((s.termType !== 'NamedNode' && s.termType !== 'BlankNode') || p.termType !== 'NamedNode') continue;
          if (o.termType !== 'NamedNode' && o.termType !== 'BlankNode' && o.termType !== 'Literal') continue;
          out.push({ s, p, o, graph });
        }
      }
    });
    return out;
  }

  private deleteAll(targets: readonly Target[]): void {
    for (const t of targets) {
      if (t.graph !== DEFAULT) {
        const q = makeQuad(t.s, t.p, t.o, namedNode(t.graph));
        if (this.store.has(q)) {
          this.touch(t.graph);
          this.store.delete(q);
        }
        continue;
      }
      for (const q of this.store.match(t.s, t.p, t.o, null)) {
        if (q.graph.termType !== 'NamedNode') continue;
        this.touch(q.graph.value);
        this.store.delete(q);
      }
    }
  }

  private insertAll(targets: readonly Target[]): void {
    const owners = new Map<string, string>();
    for (const t of targets) {
      const graph = t.graph === DEFAULT ? this.ownerOf(t.s, targets, owners, new Set()) : t.graph;
      this.touch(graph);
      this.store.add(makeQuad(t.s, t.p, t.o, namedNode(graph)));
    }
  }

  /** The record graph a default-graph triple about `subject` belongs in. */
  private ownerOf(subject: Subject, batch: readonly Target[], owners: Map<string, string>, visiting: Set<string>): string {
    const key = `${subject.termType}:${subject.value}`;
    const known = owners.get(key);
    if (known !== undefined) return known;
    let owner: string | undefined;
    if (subject.termType === 'NamedNode') {
      if (this.graphExists(subject.value)) owner = subject.value;
      else {
        const graphs = this.graphsWithSubject(subject);
        if (graphs.length > 1) {
          throw new BadRequestError(
            `<${subject.value}> is described in several records (${graphs.map((g) => `<${g}>`).join(', ')}); insert with GRAPH <record> { ... } to choose one.`,
          );
        }
        owner = graphs[0] ?? subject.value;
      }
    } else {
      owner = this.graphsWithSubject(subject)[0] ?? this.graphsWithObject(subject)[0];
      if (owner === undefined && !visiting.has(key)) {
        visiting.add(key);
        const referrer = batch.find((t) => t.o.termType === 'BlankNode' && t.o.value === subject.value && !t.s.equals(subject));
        if (referrer) owner = referrer.graph === DEFAULT ? this.ownerOf(referrer.s, batch, owners, visiting) : referrer.graph;
      }
      if (owner === undefined) {
        throw new BadRequestError(
          'A blank node inserted into the default graph belongs to no record: refer to it from an IRI subject in the same update, or use GRAPH <record> { ... }.',
        );
      }
    }
    owners.set(key, owner);
    return owner;
  }

  private graphsWithSubject(subject: Subject): string[] {
    return distinctGraphs(this.store.match(subject, null, null, null));
  }

  private graphsWithObject(object: BlankNode): string[] {
    return distinctGraphs(this.store.match(null, null, object, null));
  }

  private graphExists(iri: string): boolean {
    return this.store.match(null, null, null, namedNode(iri)).length > 0;
  }

  private graphNames(): string[] {
    const rows = this.store.query(GRAPH_NAMES_QUERY) as Array<Map<string, Term>>;
    return rows.flatMap((row) => {
      const g = row.get('g');
      return g?.termType === 'NamedNode' ? [g.value] : [];
    });
  }

  /** Remembers a graph's content before its first change in this session. */
  private touch(iri: string): void {
    if (!this.originals.has(iri)) this.originals.set(iri, this.store.match(null, null, null, namedNode(iri)));
  }

  private touchAndClear(iri: string): void {
    this.touch(iri);
    this.clearGraph(iri);
  }

  private clearGraph(iri: string): void {
    for (const q of this.store.match(null, null, null, namedNode(iri))) this.store.delete(q);
  }
}

function distinctGraphs(quads: readonly Quad[]): string[] {
  const graphs = new Set<string>();
  for (const q of quads) if (q.graph.termType === 'NamedNode') graphs.add(q.graph.value);
  return [...graphs];
}

/** DELETE WHERE uses its quads as the pattern. */
function quadsAsPatterns(quads: readonly Sparql.Quads[]): Sparql.Pattern[] {
  return quads.map((q): Sparql.Pattern => (q.type === 'bgp'
    ? q
    : { type: 'graph', name: q.name, patterns: [{ type: 'bgp', triples: q.triples }] }));
}

function parseUpdate(text: string, baseIri: string): Sparql.Update {
  let parsed: Sparql.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(text);
  } catch (error) {
    throw new SparqlSyntaxError(`The update does not parse: ${(error as Error).message}`);
  }
  if (parsed.type !== 'update') throw new BadRequestError('Expected a SPARQL Update but got a query; send queries as `query`.');
  return parsed;
}
