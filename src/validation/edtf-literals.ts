import type * as RDF from '@rdfjs/types';
import edtf from 'edtf';
import type { ValidationIssue } from '../ports/shape-validator.js';
import { toNodeId, toNTriples } from './term-text.js';

/** The datatype of EDTF values (Library of Congress), as OSLO's Periode.inEDTF has it. */
export const EDTF_DATATYPE = 'http://id.loc.gov/datatypes/edtf/EDTF';

/** The shape an ill-formed EDTF value is reported under: no shape file has it, the validator does. */
export const EDTF_SHAPE = 'urn:cultuurgraaf:shapes:edtf-lexical-form';

const DATATYPE_COMPONENT = 'http://www.w3.org/ns/shacl#DatatypeConstraintComponent';

/** Lexical forms already judged; dates repeat row after row. */
const judged = new Map<string, boolean>();
const MAX_JUDGED = 10_000;

/** Whether a text is a date in EDTF (ISO 8601-2, levels 0 to 2), by the `edtf` parser. */
export function isEdtf(text: string): boolean {
  let valid = judged.get(text);
  if (valid === undefined) {
    try {
      edtf(text);
      valid = true;
    } catch {
      valid = false;
    }
    if (judged.size >= MAX_JUDGED) judged.clear();
    judged.set(text, valid);
  }
  return valid;
}

/**
 * A warning for every literal typed edtf:EDTF whose text is no EDTF date ("19de eeuw",
 * "1890-1895", "2025-02-30"). No SHACL engine knows EDTF, so the official shapes let any text
 * through, and queries and aggregators would read it as a date. A warning, not a violation:
 * OSLO's own Reynaert example writes "1713-1717", and the standard's shapes accept it.
 */
export function illFormedEdtf(quads: readonly RDF.Quad[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const quad of quads) {
    const object = quad.object;
    if (object.termType !== 'Literal' || object.datatype.value !== EDTF_DATATYPE || isEdtf(object.value)) continue;
    issues.push({
      focusNode: toNodeId(quad.subject), path: quad.predicate.value, value: toNTriples(object),
      message: `"${object.value}" is geen datering in EDTF (zoals 1890, 1890-05-12, 1890/1895, 189X, 1930~ of [1667,1668]), dus geen programma leest ze als datum; een datering in woorden hoort in het tekstveld.`,
      severity: 'warning', constraint: DATATYPE_COMPONENT, shape: EDTF_SHAPE,
    });
  }
  return issues;
}
