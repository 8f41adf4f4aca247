import oxigraph from 'oxigraph';
import { describe, expect, it } from 'vitest';
import { UpdateSession } from '../../../src/sparql/update-evaluator.js';
import type { UpdateJob } from '../../../src/ports/triple-store.js';

const EX = 'http://example.org/';

function storeWith(nquads: string): oxigraph.Store {
  const store = new oxigraph.Store();
  store.load(nquads, { format: 'application/n-quads' });
  return store;
}

function job(update: string, using: Partial<Pick<UpdateJob, 'usingGraphs' | 'usingNamedGraphs'>> = {}): UpdateJob {
  return { type: 'update', update, baseIri: `${EX}sparql`, usingGraphs: [], usingNamedGraphs: [], ...using };
}

/** Graph → sorted statements (graph term dropped), for readable assertions. */
function graphs(store: oxigraph.Store): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const q of store.match(null, null, null, null)) {
    const key = q.graph.value;
    (out[key] ??= []).push(`${q.subject.value} ${q.predicate.value} ${q.object.value}`);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

const DATA = [
  `<${EX}a> <${EX}p> "1" <${EX}a> .`,
  `<${EX}a> <${EX}knows> <${EX}b> <${EX}a> .`,
  `<${EX}b> <${EX}p> "1" <${EX}b> .`,
  `<${EX}s> <${EX}p> "in g" <${EX}g> .`,
].join('\n');

describe('UpdateSession', () => {
  it('inserts default-graph triples into the record named by the subject, or a new one', () => {
    const store = storeWith(DATA);
    const touched = new UpdateSession(store).run(job(`INSERT DATA { <${EX}a> <${EX}q> "2" . <${EX}new> <${EX}q> "3" }`));
    expect(touched.sort()).toEqual([`${EX}a`, `${EX}new`]);
    expect(graphs(store)[`${EX}a`]).toContain(`${EX}a ${EX}q 2`);
    expect(graphs(store)[`${EX}new`]).toEqual([`${EX}new ${EX}q 3`]);
  });

  it('inserts about a subject described in exactly one other graph into that graph', () => {
    const store = storeWith(DATA);
    new UpdateSession(store).run(job(`INSERT DATA { <${EX}s> <${EX}q> "more" }`));
    expect(graphs(store)[`${EX}g`]).toContain(`${EX}s ${EX}q more`);
  });

  it('refuses a default-graph insert about a subject several records describe', () => {
    const store = storeWith(`${DATA}\n<${EX}s> <${EX}p> "also" <${EX}h> .`);
    expect(() => new UpdateSession(store).run(job(`INSERT DATA { <${EX}s> <${EX}q> "x" }`))).toThrow(/described in several records/);
  });

  it('puts a new blank node in the record of the subject that refers to it', () => {
    const store = storeWith(DATA);
    new UpdateSession(store).run(job(`INSERT DATA { <${EX}a> <${EX}dim> [ <${EX}value> "45" ] }`));
    expect(graphs(store)[`${EX}a`]).toHaveLength(4);
  });

  it('refuses a default-graph blank node no IRI subject refers to', () => {
    const store = storeWith(DATA);
    expect(() => new UpdateSession(store).run(job(`INSERT DATA { [] <${EX}p> "loose" }`))).toThrow(/belongs to no record/);
  });

  it('deletes a default-graph triple from every graph that holds it', () => {
    const store = storeWith(`${DATA}\n<${EX}a> <${EX}p> "1" <${EX}h> .`);
    const touched = new UpdateSession(store).run(job(`DELETE DATA { <${EX}a> <${EX}p> "1" }`));
    expect(touched.sort()).toEqual([`${EX}a`, `${EX}h`]);
    expect(graphs(store)[`${EX}h`]).toBeUndefined();
  });

  it('evaluates DELETE/INSERT WHERE over the union, with both templates bound before changes', () => {
    const store = storeWith(DATA);
    new UpdateSession(store).run(job(`DELETE { ?s <${EX}p> "1" } INSERT { ?s <${EX}p> "one" } WHERE { ?s <${EX}p> "1" }`));
    expect(graphs(store)[`${EX}a`]).toContain(`${EX}a ${EX}p one`);
    expect(graphs(store)[`${EX}b`]).toEqual([`${EX}b ${EX}p one`]);
  });

  it('honours WITH and the protocol using-graph-uri, and refuses both at once', () => {
    const store = storeWith(DATA);
    new UpdateSession(store).run(job(`WITH <${EX}b> INSERT { ?s <${EX}seen> true } WHERE { ?s <${EX}p> ?o }`));
    expect(graphs(store)[`${EX}b`]).toContain(`${EX}b ${EX}seen true`);
    expect(graphs(store)[`${EX}a`]).not.toContain(`${EX}a ${EX}seen true`);
    new UpdateSession(store).run(job(`INSERT { GRAPH <${EX}out> { ?s <${EX}from> "a" } } WHERE { ?s <${EX}p> ?o }`, { usingGraphs: [`${EX}a`] }));
    expect(graphs(store)[`${EX}out`]).toEqual([`${EX}a ${EX}from a`]);
    expect(() => new UpdateSession(store).run(job(`WITH <${EX}a> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }`, { usingGraphs: [`${EX}a`] })))
      .toThrow(/use one or the other/);
  });

  it('matches DELETE WHERE in the protocol\'s using-graph-uri when given, as its long form does', () => {
    const store = storeWith(DATA);
    const before = graphs(store);
    new UpdateSession(store).run(job('DELETE WHERE { ?s ?p ?o }', { usingGraphs: [`${EX}a`] }));
    const after = graphs(store);
    expect(after[`${EX}a`]).toBeUndefined();
    expect(after[`${EX}b`]).toEqual(before[`${EX}b`]);
    expect(Object.keys(before).length).toBeGreaterThan(1);
  });

  it('clears one graph, and CLEAR DEFAULT, NAMED and ALL clear every graph', () => {
    const store = storeWith(DATA);
    new UpdateSession(store).run(job(`CLEAR GRAPH <${EX}g>`));
    expect(Object.keys(graphs(store)).sort()).toEqual([`${EX}a`, `${EX}b`]);
    expect(() => new UpdateSession(store).run(job(`DROP GRAPH <${EX}missing>`))).toThrow(/does not exist/);
    new UpdateSession(store).run(job(`DROP SILENT GRAPH <${EX}missing>`));
    for (const form of ['CLEAR DEFAULT', 'CLEAR NAMED', 'DROP ALL']) {
      const fresh = storeWith(DATA);
      new UpdateSession(fresh).run(job(form));
      expect(fresh.size).toBe(0);
    }
  });

  it('copies, moves and adds graphs, and refuses COPY into DEFAULT', () => {
    const store = storeWith(DATA);
    new UpdateSession(store).run(job(`COPY <${EX}g> TO <${EX}b>`));
    expect(graphs(store)[`${EX}b`]).toEqual([`${EX}s ${EX}p in g`]);
    new UpdateSession(store).run(job(`MOVE <${EX}g> TO <${EX}m>`));
    expect(graphs(store)[`${EX}g`]).toBeUndefined();
    expect(graphs(store)[`${EX}m`]).toEqual([`${EX}s ${EX}p in g`]);
    new UpdateSession(store).run(job(`ADD <${EX}a> TO <${EX}m>`));
    expect(graphs(store)[`${EX}m`]).toHaveLength(3);
    expect(() => new UpdateSession(store).run(job(`COPY <${EX}a> TO DEFAULT`))).toThrow(/union of all records/);
  });

  it('refuses LOAD, but LOAD SILENT does nothing', () => {
    const store = storeWith(DATA);
    expect(() => new UpdateSession(store).run(job(`LOAD <http://example.org/remote.ttl>`))).toThrow(/never fetches remote data/);
    expect(new UpdateSession(store).run(job(`LOAD SILENT <http://example.org/remote.ttl>`))).toEqual([]);
  });

  it('resolves relative IRIs against the endpoint', () => {
    const store = storeWith('');
    new UpdateSession(store).run(job(`INSERT DATA { GRAPH <${EX}g> { <${EX}s> <${EX}p> <test> } }`));
    expect(graphs(store)[`${EX}g`]).toEqual([`${EX}s ${EX}p ${EX}test`]);
  });

  it('restores every touched graph when the session is not committed', () => {
    const store = storeWith(DATA);
    const before = graphs(store);
    const session = new UpdateSession(store);
    session.run(job(`DELETE DATA { <${EX}a> <${EX}p> "1" } ; INSERT DATA { GRAPH <${EX}z> { <${EX}z> <${EX}p> "2" } } ; CLEAR GRAPH <${EX}g>`));
    expect(graphs(store)).not.toEqual(before);
    session.finish(false);
    expect(graphs(store)).toEqual(before);
  });

  it('reports a syntax error with the parser message', () => {
    expect(() => new UpdateSession(storeWith('')).run(job('CLEAR XYZ'))).toThrow(/does not parse: Parse error on line 1/);
    expect(() => new UpdateSession(storeWith('')).run(job('SELECT * {}'))).toThrow(/got a query/);
  });
});
