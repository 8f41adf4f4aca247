import { namespace } from '../vocab/namespace.js';
import { RDF } from '../vocab/vocabularies.js';

/**
 * The vocabularies validation refers to by IRI. They live here, not in src/vocab/, because only
 * this module uses them; move them there when a second module needs one.
 */

/** SHACL core: the shape, target, path and constraint terms this module reads or writes. */
export const SH = namespace('http://www.w3.org/ns/shacl#', [
  'property', 'path', 'targetClass', 'targetNode', 'targetSubjectsOf', 'targetObjectsOf', 'deactivated',
  'message', 'severity', 'Violation', 'Warning', 'Info',
  'focusNode', 'resultPath', 'value', 'resultSeverity', 'sourceShape', 'sourceConstraintComponent',
  'inversePath', 'alternativePath', 'zeroOrMorePath', 'oneOrMorePath', 'zeroOrOnePath',
  'class', 'datatype', 'nodeKind', 'minCount', 'maxCount', 'or', 'and', 'xone', 'not', 'node', 'in', 'hasValue',
  'pattern', 'minLength', 'maxLength', 'languageIn', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive',
  'equals', 'disjoint', 'lessThan', 'lessThanOrEquals', 'qualifiedValueShape', 'qualifiedMinCount', 'qualifiedMaxCount',
  'IRI', 'BlankNode', 'Literal', 'BlankNodeOrIRI', 'BlankNodeOrLiteral', 'IRIOrLiteral',
  'ClassConstraintComponent', 'OrConstraintComponent',
]);

export const OWL = namespace('http://www.w3.org/2002/07/owl#', ['inverseOf']);

/** RDF Schema terms the inference step and SHACL's class semantics need. */
export const RDFS_SCHEMA = namespace('http://www.w3.org/2000/01/rdf-schema#', ['subClassOf', 'Class']);

/** RDF collections, for reading sh:or lists and sequence paths. */
export const RDF_LIST = namespace(RDF.$base, ['first', 'rest', 'nil']);

/**
 * The directives a local profile uses to relax official shapes it cannot name (they are blank
 * nodes). See shapes/README.md.
 */
export const PROFILE = namespace('urn:cultuurgraaf:profile:', [
  'Relaxation', 'select', 'shape', 'propertyOf', 'path', 'targetNode', 'remove', 'add',
]);
