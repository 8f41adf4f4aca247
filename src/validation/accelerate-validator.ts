import type * as RDF from '@rdfjs/types';
import type { AnyPointer } from 'clownface';
import type SHACLValidator from 'rdf-validate-shacl';
import { isInstanceOf, rdfListToArray } from 'rdf-validate-shacl/src/dataset-utils.js';
import type { ShaclPropertyPath } from 'rdf-validate-shacl/src/property-path.js';
import ShapesGraph from 'rdf-validate-shacl/src/shapes-graph.js';
import type { Constraint } from 'rdf-validate-shacl/src/shapes-graph.js';
import type { PropertyValidator, Validator } from 'rdf-validate-shacl/src/validation-engine.js';
import { RecordIndex } from './record-index.js';
import { termKey } from './term-text.js';
import { RDFS_SCHEMA, SH } from './vocabularies.js';

/**
 * Makes a reused rdf-validate-shacl validator fast on small records without changing any result:
 * test/unit/validation/accelerate-validator.test.ts compares it with the plain validator on
 * records built to hit every shortcut and fallback, test/conformance/oslo-examples.test.ts on
 * the official examples. On a 24-triple collection record against the OSLO shapes it takes a
 * validation from ~4.5 ms to ~0.25 ms. It works through the library's own extension points
 * (its validator registry, its Shape objects) and so depends on rdf-validate-shacl 0.6.x, which
 * package.json pins; those tests are what an upgrade must pass.
 *
 * The library answers every question through clownface pointers over the data and shapes
 * datasets, and each step builds new datasets. Per record, that cost is paid for:
 * 1. targets: every shape re-reads its sh:targetClass/targetNode/... from the shapes graph.
 *    Here they are read once, and answered from an index of the record built in one pass.
 * 2. value nodes and sh:minCount/sh:maxCount on a plain IRI path: read from the same index.
 * 3. `sh:or` and `sh:class`: each alternative ran in a cloned engine with its own report
 *    dataset, and each failing one built a result with a copy of its shape. Nearly all OSLO
 *    alternatives are `[ sh:class C ]`; those become one type lookup.
 * 4. node-check counting: the engine keys every (focus node, shape) check with JSON.stringify
 *    to stop runaway recursion. A shapes graph without reference cycles cannot recurse, so for
 *    such a graph it is switched off.
 *
 * SHACL class membership also follows rdfs:subClassOf triples in the data graph; for a record
 * that holds any, the class shortcuts hand over to the library's own code.
 */
export function accelerateValidator(validator: SHACLValidator): void {
  const component = (name: string) => validator.factory.namedNode(SH.$base + name);
  const plainClass = validator.validators.get(component('ClassConstraintComponent'));
  if (plainClass === undefined || !('validate' in plainClass)) throw new Error('rdf-validate-shacl has no sh:class validator');
  const classParameter = validator.factory.namedNode(SH.class);

  validator.validators.set(component('ClassConstraintComponent'), {
    ...plainClass,
    validate(context, focusNode, valueNode, constraint) {
      const index = RecordIndex.of(context.$data.dataset);
      const cls = constraint.getParameterValue(classParameter);
      if (index.followsSubClassOf || cls.termType !== 'NamedNode') return plainClass.validate(context, focusNode, valueNode, constraint);
      return index.hasType(valueNode, cls.value);
    },
  });
  validator.validators.set(component('OrConstraintComponent'), fastOr(validator));
  validator.validators.set(component('MinCountConstraintComponent'), fastCount(validator, 'MinCountConstraintComponent', (n, limit) => n >= limit));
  validator.validators.set(component('MaxCountConstraintComponent'), fastCount(validator, 'MaxCountConstraintComponent', (n, limit) => n <= limit));
  // Constraint components bind their validator when the shapes graph is built: build it again.
  validator.shapesGraph = new ShapesGraph(validator);
  precomputeTargets(validator);
  indexValueNodes(validator);
  if (!hasShapeCycle(validator.$shapes)) validator.validationEngine.maxNodeChecks = 0;
}

/** The IRI of a plain one-step path, undefined for anything more complex. */
function simplePath(path: ShaclPropertyPath | null): string | undefined {
  return path !== null && 'termType' in path && path.termType === 'NamedNode' ? path.value : undefined;
}

/** sh:minCount or sh:maxCount that counts a plain path's values from the record index. */
function fastCount(validator: SHACLValidator, name: string, holds: (count: number, limit: number) => boolean): Validator {
  const plain = validator.validators.get(validator.factory.namedNode(SH.$base + name));
  if (plain === undefined || !('propertyValidate' in plain)) throw new Error(`rdf-validate-shacl has no ${name} validator`);
  const parameter = validator.factory.namedNode(name.startsWith('Min') ? SH.minCount : SH.maxCount);
  const fast: PropertyValidator = {
    ...plain,
    propertyValidate(context, focusNode, valueNode, constraint: Constraint) {
      const path = simplePath(constraint.pathObject);
      if (path === undefined) return plain.propertyValidate(context, focusNode, valueNode, constraint);
      return holds(RecordIndex.of(context.$data.dataset).objects(focusNode, path).length, Number(constraint.getParameterValue(parameter).value));
    },
  };
  return fast;
}

interface Alternative {
  readonly shape: RDF.Term;
  /** Set when the alternative is exactly `[ sh:class <C> ]`: the class IRI. */
  readonly onlyClass: string | undefined;
}

/** sh:or that answers `[ sh:class C ]` alternatives from the record's type index. */
function fastOr(validator: SHACLValidator): Validator {
  const orParameter = validator.factory.namedNode(SH.or);
  const alternativesByList = new Map<string, readonly Alternative[]>();
  const alternativesOf = (list: RDF.Term): readonly Alternative[] => {
    const key = termKey(list);
    let alternatives = alternativesByList.get(key);
    if (alternatives === undefined) {
      alternatives = rdfListToArray(validator.$shapes.node(list)).map((shape) => ({ shape, onlyClass: onlyClass(validator, shape) }));
      alternativesByList.set(key, alternatives);
    }
    return alternatives;
  };
  return {
    validate(context, _focusNode, valueNode, constraint) {
      const index = RecordIndex.of(context.$data.dataset);
      return alternativesOf(constraint.getParameterValue(orParameter)).some(({ shape, onlyClass }) =>
        onlyClass !== undefined && !index.followsSubClassOf
          ? index.hasType(valueNode, onlyClass)
          : context.nodeConformsToShape(valueNode, shape));
    },
  };
}

/** The class of a shape whose only constraint is one sh:class, as the library parsed it. */
function onlyClass(validator: SHACLValidator, shapeNode: RDF.Term): string | undefined {
  const shape = validator.shapesGraph.getShape(shapeNode);
  const [constraint, ...others] = shape.constraints;
  if (constraint === undefined || others.length > 0 || shape.deactivated || shape.isPropertyShape) return undefined;
  if (constraint.component.node.value !== SH.ClassConstraintComponent) return undefined;
  const cls = constraint.getParameterValue(validator.factory.namedNode(SH.class));
  return cls.termType === 'NamedNode' ? cls.value : undefined;
}

/** Replaces each targeted shape's target lookup with one that reads its targets only once. */
function precomputeTargets(validator: SHACLValidator): void {
  const $shapes = validator.$shapes;
  const out = (pointer: AnyPointer, predicate: string): RDF.Term[] => pointer.out(validator.factory.namedNode(predicate)).terms;
  const rdfsClass = $shapes.node(validator.factory.namedNode(RDFS_SCHEMA.Class));
  for (const shape of validator.shapesGraph.shapesWithTarget) {
    const pointer = $shapes.node(shape.shapeNode);
    const implicitClass = isInstanceOf(pointer, rdfsClass, validator.ns);
    const classes = [...(implicitClass ? [shape.shapeNode] : []), ...out(pointer, SH.targetClass)].map((term) => term.value);
    const nodes = out(pointer, SH.targetNode);
    const subjectsOf = out(pointer, SH.targetSubjectsOf);
    const objectsOf = out(pointer, SH.targetObjectsOf);
    const plain = shape.getTargetNodes.bind(shape);
    shape.getTargetNodes = (dataGraph: AnyPointer): RDF.Term[] => {
      const index = RecordIndex.of(dataGraph.dataset);
      if (index.followsSubClassOf) return plain(dataGraph);
      const targets = new Map<string, RDF.Term>();
      const add = (term: RDF.Term) => { targets.set(termKey(term), term); };
      for (const cls of classes) index.instancesOf(cls).forEach(add);
      nodes.forEach(add);
      for (const predicate of subjectsOf) for (const q of dataGraph.dataset.match(null, predicate, null)) add(q.subject);
      for (const predicate of objectsOf) for (const q of dataGraph.dataset.match(null, predicate, null)) add(q.object);
      return [...targets.values()];
    };
  }
}

/** Gives every property shape with a plain IRI path value nodes straight from the record index. */
function indexValueNodes(validator: SHACLValidator): void {
  const pathPredicate = validator.factory.namedNode(SH.path);
  for (const { subject } of validator.$shapes.dataset.match(null, pathPredicate, null)) {
    const shape = validator.shapesGraph.getShape(subject);
    const path = simplePath(shape.pathObject);
    if (path === undefined) continue;
    shape.getValueNodes = (focusNode: RDF.Term, dataGraph: AnyPointer): RDF.Term[] => [...RecordIndex.of(dataGraph.dataset).objects(focusNode, path)];
  }
}

/** Shape-to-shape references: sh:property, sh:node, sh:not, sh:qualifiedValueShape and the members of sh:and/or/xone. */
const REFERENCES = new Set([SH.property, SH.node, SH.not, SH.qualifiedValueShape]);
const LIST_REFERENCES = new Set([SH.and, SH.or, SH.xone]);

/** True when some shape reaches itself through shape references (so validation may recurse). */
function hasShapeCycle($shapes: AnyPointer): boolean {
  const edges = new Map<string, string[]>();
  const link = (from: RDF.Term, to: RDF.Term) => {
    const key = termKey(from);
    const list = edges.get(key);
    if (list === undefined) edges.set(key, [termKey(to)]);
    else list.push(termKey(to));
  };
  for (const { subject, predicate, object } of $shapes.dataset) {
    if (REFERENCES.has(predicate.value)) link(subject, object);
    else if (LIST_REFERENCES.has(predicate.value)) for (const member of rdfListToArray($shapes.node(object))) link(subject, member);
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string): boolean => {
    const seen = state.get(node);
    if (seen !== undefined) return seen === 'open';
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) if (visit(next)) return true;
    state.set(node, 'done');
    return false;
  };
  return [...edges.keys()].some(visit);
}
