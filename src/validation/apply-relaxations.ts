import type * as RDF from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import { InvalidInputError } from '../domain/errors.js';
import { RDF as RDFNS, RDFS } from '../vocab/vocabularies.js';
import { toNodeId, toNTriples } from './term-text.js';
import { PROFILE, SH } from './vocabularies.js';

/** A relaxation the loader applied: what it touched and the reason the profile gives. */
export interface AppliedRelaxation {
  /** The relaxation node (IRI, or `_:label`). */
  readonly id: string;
  /** Its rdfs:comment. */
  readonly reason: string;
  /** The shapes it changed (IRI, or `_:label`). */
  readonly shapes: readonly string[];
}

/**
 * Adds one layer (a file) of a profile to the shapes below it: the layer's `cgp:Relaxation`
 * directives change the shapes below (never the layer's own), and the layer's other statements
 * are added. Returns the new graph (inputs untouched) without the directives themselves.
 *
 * A relaxation exists because the official shapes are blank nodes a local file cannot name,
 * so `sh:deactivated` cannot be said of them directly. Each relaxation selects shapes
 * (`cgp:select`, each selector matching exactly one shape: `cgp:shape`, `cgp:propertyOf` +
 * `cgp:path`, or `cgp:targetNode`), removes constraint parameters from them (`cgp:remove`) and
 * adds the statements of a template (`cgp:add [ sh:deactivated true ]`). It must carry an
 * rdfs:comment with its reason. A selector that matches no shape or several, or a removal that
 * removes nothing, fails loading: an updated official file must not silently void a relaxation.
 */
export function applyRelaxations(below: readonly RDF.Quad[], layer: readonly RDF.Quad[]): { shapes: RDF.Quad[]; applied: AppliedRelaxation[] } {
  const graph = new Store([...below]);
  const directives = new Store([...layer]);
  const relaxations = directives.getSubjects(RDFNS.type, PROFILE.Relaxation, null);
  const directiveNodes = new Set<string>();
  const removals: RDF.Quad[] = [];
  const additions: RDF.Quad[] = [];
  const applied: AppliedRelaxation[] = [];

  for (const relaxation of relaxations) {
    const id = toNodeId(relaxation);
    const reason = directives.getObjects(relaxation, RDFS.comment, null)[0]?.value ?? '';
    if (reason.trim() === '') throw profileError(id, 'has no rdfs:comment giving its reason');
    const selectors = directives.getObjects(relaxation, PROFILE.select, null);
    if (selectors.length === 0) throw profileError(id, 'selects no shape (cgp:select)');
    const removed = directives.getObjects(relaxation, PROFILE.remove, null);
    const templates = directives.getObjects(relaxation, PROFILE.add, null);
    if (removed.length === 0 && templates.length === 0) throw profileError(id, 'neither removes (cgp:remove) nor adds (cgp:add) anything');

    directiveNodes.add(toNodeId(relaxation));
    const targets = selectors.map((selector) => {
      directiveNodes.add(toNodeId(selector));
      return selectShape(graph, directives, selector, id);
    });
    for (const shape of targets) {
      for (const parameter of removed) {
        const found = graph.getQuads(shape, parameter, null, null);
        if (found.length === 0) throw profileError(id, `finds no ${toNodeId(parameter)} on ${toNodeId(shape)} to remove`);
        removals.push(...found);
      }
      for (const template of templates) {
        directiveNodes.add(toNodeId(template));
        for (const { predicate, object } of directives.getQuads(template, null, null, null)) additions.push(DataFactory.quad(shape, predicate, object));
      }
    }
    applied.push({ id, reason, shapes: targets.map(toNodeId) });
  }

  const drop = new Set(removals.map(quadKey));
  const kept = below.filter((q) => !drop.has(quadKey(q)));
  // A directive's own statements (relaxation, selector, template) are not SHACL: they leave the graph.
  const added = layer.filter((q) => !directiveNodes.has(toNodeId(q.subject)));
  return { shapes: [...kept, ...added, ...additions], applied };
}

/** The one shape below that a selector names; anything else is an error in the profile. */
function selectShape(graph: Store, directives: Store, selector: RDF.Term, relaxation: string): RDF.NamedNode | RDF.BlankNode {
  const [shape] = directives.getObjects(selector, PROFILE.shape, null);
  const [parent] = directives.getObjects(selector, PROFILE.propertyOf, null);
  const [path] = directives.getObjects(selector, PROFILE.path, null);
  const [targetNode] = directives.getObjects(selector, PROFILE.targetNode, null);
  let candidates: RDF.Term[];
  let described: string;
  if (shape !== undefined) {
    candidates = graph.getQuads(shape, null, null, null).some((q) => q.predicate.value.startsWith(SH.$base)) ? [shape] : [];
    described = `the shape ${toNodeId(shape)}`;
  } else if (parent !== undefined && path !== undefined) {
    candidates = graph.getObjects(parent, SH.property, null).filter((p) => graph.countQuads(p, SH.path, path, null) > 0);
    described = `the property shape of ${toNodeId(parent)} with sh:path ${toNodeId(path)}`;
  } else if (targetNode !== undefined) {
    candidates = graph.getSubjects(SH.targetNode, targetNode, null);
    described = `the shape with sh:targetNode ${toNodeId(targetNode)}`;
  } else {
    throw profileError(relaxation, 'has a selector without cgp:shape, cgp:propertyOf + cgp:path, or cgp:targetNode');
  }
  const [only] = candidates;
  if (only === undefined || candidates.length > 1 || (only.termType !== 'NamedNode' && only.termType !== 'BlankNode')) {
    throw profileError(relaxation, `expects exactly one ${described}, found ${candidates.length}`);
  }
  return only;
}

function quadKey(q: RDF.Quad): string {
  return `${toNodeId(q.subject)} ${q.predicate.value} ${toNTriples(q.object)}`;
}

function profileError(relaxation: string, problem: string): InvalidInputError {
  return new InvalidInputError(`Local profile relaxation ${relaxation} ${problem}.`, { relaxation });
}
