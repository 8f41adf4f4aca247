import type * as RDF from '@rdfjs/types';
import { termKey } from '../validation/term-text.js';
import type { SkosGraph } from './staged-graph.js';
import { DataFactory } from 'n3';
import { GVP, RDF as RDFNS, SKOS, SKOS_LABELS, SKOSXL } from '../vocab/vocabularies.js';
import { listed } from './listed.js';


/** A concept of a term list: its IRI and the triples its record holds. */
export interface ConceptDescription {
  readonly iri: string;
  readonly quads: readonly RDF.Quad[];
}

/** What a SKOS graph holds for a term list, and what is wrong with it. */
export interface SkosContent {
  /** IRIs of the concept schemes it describes. */
  readonly schemes: readonly string[];
  /** Concepts found (blank ones included). */
  readonly count: number;
  /** The concepts' records, made as they are read; read them once. */
  readonly concepts: Iterable<ConceptDescription>;
  /** Problems that do not stop an import (a concept without a label); complete once `concepts` is read. */
  readonly warnings: readonly string[];
  /** Problems that do (a concept without an IRI); complete once `concepts` is read. */
  readonly errors: readonly string[];
}

/** SKOS-XL label properties and the plain SKOS property each entails (SKOS-XL S55–S57). */
const XL_LABELS: ReadonlyArray<readonly [string, string]> = [
  [SKOSXL.prefLabel, SKOS.prefLabel], [SKOSXL.altLabel, SKOS.altLabel], [SKOSXL.hiddenLabel, SKOS.hiddenLabel],
];
/** Notes Getty gives as resources with an rdf:value: each entails the plain note with that text. */
const NOTES = [SKOS.scopeNote, SKOS.definition, SKOS.note];
/** Getty's hierarchy properties, each a sub-property of skos:broader. */
const GETTY_BROADER = [GVP.broaderPreferred, GVP.broader, GVP.broaderGeneric];
const MATCHES = new Set([SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch]);
const localPart = (iri: string): string => `skos:${iri.slice(SKOS.$base.length)}`;
/** Types of what is labelled like a concept but is none (unless also typed skos:Concept). */
const NOT_CONCEPTS = [SKOS.Collection, SKOS.OrderedCollection, GVP.GuideTerm, GVP.Facet, GVP.Hierarchy];
/** Properties that make their subject a concept even without `a skos:Concept`. */
const CONCEPT_MARKERS = [SKOS.inScheme, SKOS.topConceptOf, SKOS.prefLabel, SKOSXL.prefLabel, SKOS.broader, SKOS.narrower];

/**
 * Reads the concepts of a SKOS graph into records: each concept with its own triples, the
 * blank nodes and SKOS-XL label resources it points to, and, for each SKOS-XL label, the plain
 * `skos:prefLabel`/`altLabel`/`hiddenLabel` it entails, so search and clients see Getty's labels
 * like anyone else's. Likewise a note given as a resource (Getty's scope notes) adds the plain
 * note with its `rdf:value`, and Getty's `gvp:broader…` adds the `skos:broader` it implies.
 * Every concept gets `a skos:Concept` and `skos:inScheme <listIri>`, and a top concept the scheme
 * names (`skos:hasTopConcept`) gets `skos:topConceptOf <listIri>`. Concepts are made one at a
 * time as they are read, so a caller can turn each into a record and let it go; problems are
 * collected in `warnings` and `errors` while that happens.
 */
export function skosConcepts(store: SkosGraph, listIri: string): SkosContent {
  const schemes = store.subjects(RDFNS.type, SKOS.ConceptScheme).filter((s) => s.termType === 'NamedNode').map((s) => s.value);
  const schemeSet = new Set(schemes);
  const candidates = new Map<string, RDF.Quad_Subject>();
  for (const subject of store.subjects(RDFNS.type, SKOS.Concept)) candidates.set(termKey(subject), subject);
  for (const marker of CONCEPT_MARKERS) {
    for (const subject of store.subjects(marker)) {
      if (!schemeSet.has(subject.value) && !isXlLabel(store, subject)) candidates.set(termKey(subject), subject);
    }
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  // Labelled and placed in the hierarchy, but no concepts: collections (SKOS S37: disjoint from
  // concepts), Getty's guide terms, facets and hierarchies, and subjects Getty made obsolete.
  const notConcepts: string[] = [];
  for (const [key, subject] of candidates) {
    const types = new Set(store.objects(subject, RDFNS.type).map((t) => t.value));
    if (types.has(GVP.ObsoleteSubject) || (!types.has(SKOS.Concept) && NOT_CONCEPTS.some((type) => types.has(type)))) {
      candidates.delete(key);
      notConcepts.push(subject.termType === 'NamedNode' ? `<${subject.value}>` : `a blank node ${blankNodeClue(store, subject)}`);
    }
  }
  if (notConcepts.length > 0) {
    notConcepts.sort();
    warnings.push(`${notConcepts.length} ${notConcepts.length === 1 ? 'resource is' : 'resources are'} a collection, a Getty guide term, facet or hierarchy, or obsolete, and not imported as a concept: ${listed(notConcepts, ', ')}`);
  }
  function* concepts(): Generator<ConceptDescription> {
    for (const subject of candidates.values()) {
      const concept = describeConcept(store, subject, listIri, warnings);
      if (concept === undefined) errors.push(`a concept without an IRI (a blank node ${blankNodeClue(store, subject)}); give it an IRI`);
      else yield concept;
    }
  }
  return { schemes, count: candidates.size, concepts: concepts(), warnings, errors };
}

/** One concept's record, or undefined when the concept is a blank node. */
function describeConcept(store: SkosGraph, subject: RDF.Quad_Subject, listIri: string, warnings: string[]): ConceptDescription | undefined {
  if (subject.termType !== 'NamedNode') return undefined;
  const own = describe(store, subject);
  const extra: RDF.Quad[] = [];
  for (const [xl, plain] of XL_LABELS) {
    for (const label of store.objects(subject, xl)) {
      for (const form of store.objects(label, SKOSXL.literalForm)) extra.push(DataFactory.quad(subject, DataFactory.namedNode(plain), form));
    }
  }
  for (const note of NOTES) {
    for (const resource of store.objects(subject, note)) {
      if (resource.termType === 'Literal') continue;
      for (const text of store.objects(resource, RDFNS.value)) extra.push(DataFactory.quad(subject, DataFactory.namedNode(note), text));
    }
  }
  for (const broader of GETTY_BROADER) {
    for (const parent of store.objects(subject, broader)) extra.push(DataFactory.quad(subject, DataFactory.namedNode(SKOS.broader), parent));
  }
  // The scheme's `skos:hasTopConcept` is stated on the concept too (SKOS S8), so its record keeps it.
  if (store.subjects(SKOS.hasTopConcept, subject.value).some((scheme) => scheme.value === listIri)) {
    extra.push(DataFactory.quad(subject, DataFactory.namedNode(SKOS.topConceptOf), DataFactory.namedNode(listIri)));
  }
  extra.push(DataFactory.quad(subject, DataFactory.namedNode(RDFNS.type), DataFactory.namedNode(SKOS.Concept)));
  extra.push(DataFactory.quad(subject, DataFactory.namedNode(SKOS.inScheme), DataFactory.namedNode(listIri)));
  const all = dedupe([...own, ...extra]);
  if (!all.some((q) => q.subject.equals(subject) && (q.predicate.value === SKOS.prefLabel || q.predicate.value === SKOS.altLabel))) {
    warnings.push(`<${subject.value}> has no label, so search cannot find it`);
  }
  for (const q of all) {
    if (!q.subject.equals(subject)) continue;
    if (MATCHES.has(q.predicate.value) && q.object.termType === 'Literal') {
      warnings.push(`<${subject.value}> has the text "${q.object.value}" as ${localPart(q.predicate.value)}, where an IRI belongs; search and clients ignore it`);
    }
    if (SKOS_LABELS.has(q.predicate.value) && q.object.termType === 'Literal' && q.object.value.trim() === '') {
      warnings.push(`<${subject.value}> has an empty ${localPart(q.predicate.value)}${q.object.language === '' ? '' : ` in "${q.object.language}"`}`);
    }
  }
  const perLanguage = new Map<string, number>();
  for (const q of all) {
    if (!q.subject.equals(subject) || q.predicate.value !== SKOS.prefLabel || q.object.termType !== 'Literal') continue;
    perLanguage.set(q.object.language, (perLanguage.get(q.object.language) ?? 0) + 1);
  }
  for (const [language, count] of perLanguage) {
    if (count > 1) warnings.push(`<${subject.value}> has ${count} preferred labels${language === '' ? ' without a language' : ` in "${language}"`}; SKOS allows one`);
  }
  return { iri: subject.value, quads: all };
}

/** A subject's triples and those of the blank nodes and SKOS-XL labels it points to, recursively. */
function describe(store: SkosGraph, subject: RDF.Quad_Subject): RDF.Quad[] {
  const quads: RDF.Quad[] = [];
  const seen = new Set<string>([termKey(subject)]);
  const queue: RDF.Term[] = [subject];
  while (queue.length > 0) {
    const node = queue.pop();
    if (node === undefined) break;
    for (const q of store.quads(node)) {
      quads.push(q);
      const target = q.object;
      const follow = target.termType === 'BlankNode'
        || (target.termType === 'NamedNode' && (XL_LABELS.some(([xl]) => xl === q.predicate.value) || NOTES.includes(q.predicate.value)));
      if (follow && !seen.has(termKey(target))) {
        seen.add(termKey(target));
        queue.push(target);
      }
    }
  }
  return quads;
}

function isXlLabel(store: SkosGraph, subject: RDF.Term): boolean {
  return store.has(subject, SKOSXL.literalForm) && !store.has(subject, SKOS.prefLabel);
}

/** Relations by which a file names a concept: how a blank one is found in it. */
const NAMING_RELATIONS = [SKOS.broader, SKOS.narrower, SKOS.related, SKOS.hasTopConcept, SKOS.exactMatch, SKOS.closeMatch];

/**
 * What tells a user which blank node a message is about: its labels, else a statement that
 * points to it. The parser's own name for it (`_:f1_n3-0`) is in no file.
 */
function blankNodeClue(store: SkosGraph, subject: RDF.Quad_Subject, seen: ReadonlySet<string> = new Set()): string {
  const labels = labelsOf(store, subject);
  if (labels !== '') return `labelled ${labels}`;
  const path = new Set([...seen, termKey(subject)]);
  for (const predicate of NAMING_RELATIONS) {
    const [from] = store.subjects(predicate, subject);
    if (from === undefined) continue;
    const relation = `without a label, the skos:${predicate.slice(predicate.indexOf('#') + 1)} of`;
    if (from.termType === 'NamedNode') return `${relation} <${from.value}>`;
    // Blank nodes that point at each other (related both ways) would lead round for ever.
    return path.has(termKey(from)) || path.size >= 3 ? `${relation} another blank node` : `${relation} another blank node ${blankNodeClue(store, from, path)}`;
  }
  return 'without a label, which nothing in the file points to';
}

function labelsOf(store: SkosGraph, subject: RDF.Term): string {
  return store.objects(subject, SKOS.prefLabel).map((o) => JSON.stringify(o.value)).join(', ');
}

function dedupe(quads: readonly RDF.Quad[]): RDF.Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const k = `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
