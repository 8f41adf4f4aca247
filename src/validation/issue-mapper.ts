import type * as RDF from '@rdfjs/types';
import type { Store } from 'n3';
import type { ValidationReport } from 'rdf-validate-shacl/src/validation-report.js';
import type { ValidationIssue } from '../ports/shape-validator.js';
import { constraintMessage } from './constraint-message.js';
import { propertyPathText } from './property-path-text.js';
import { localName, termKey, toNodeId, toNTriples } from './term-text.js';
import { SH } from './vocabularies.js';

const SEVERITIES: Readonly<Record<string, ValidationIssue['severity']>> = {
  [SH.Violation]: 'violation',
  [SH.Warning]: 'warning',
  [SH.Info]: 'info',
};

/** Message languages in order of preference: the sector works in Dutch, then English. */
const LANGUAGES = ['nl', 'en'];

/**
 * Turns rdf-validate-shacl results into ValidationIssues a data steward can act on. Reads the
 * shapes graph the validator was built from (for sh:message, parameters and complex paths).
 */
export class IssueMapper {
  private readonly messages = new Map<string, string | null>();

  constructor(private readonly shapes: Store) {}

  /**
   * Maps a report's results, in order. The message is the shape's sh:message (Dutch first) or
   * one built from the constraint.
   */
  toIssues(report: ValidationReport): ValidationIssue[] {
    // One pass over the report's statements: each of the library's result getters is a graph
    // query that builds a dataset of its own, which cost more than the validation itself.
    const fields = new Map<string, Map<string, RDF.Term>>();
    for (const result of report.results) fields.set(termKey(result.term), new Map());
    for (const { subject, predicate, object } of report.dataset) {
      const of = fields.get(termKey(subject));
      if (of !== undefined && !of.has(predicate.value)) of.set(predicate.value, object);
    }
    return [...fields.values()].map((of) => this.toIssue(of));
  }

  private toIssue(field: ReadonlyMap<string, RDF.Term>): ValidationIssue {
    const required = (name: string): RDF.Term => {
      const term = field.get(SH.$base + name);
      if (term === undefined) throw new Error(`A SHACL result without sh:${name}`);
      return term;
    };
    const shape = required('sourceShape');
    const component = required('sourceConstraintComponent').value;
    const pathTerm = field.get(SH.resultPath);
    const value = field.get(SH.value);
    const path = pathTerm === undefined ? undefined : pathTerm.termType === 'NamedNode' ? pathTerm.value : propertyPathText(pathTerm, this.shapes);
    const shortPath = pathTerm === undefined ? undefined : propertyPathText(pathTerm, this.shapes, (iri) => `<${localName(iri)}>`);
    const message = this.shapeMessage(shape) ?? constraintMessage({ component, shape, path: shortPath, value }, this.shapes);
    return {
      focusNode: toNodeId(required('focusNode')),
      ...(path === undefined ? {} : { path }),
      ...(value === undefined ? {} : { value: toNTriples(value) }),
      message,
      // SHACL allows other severities; anything unknown is treated as the strictest.
      severity: SEVERITIES[required('resultSeverity').value] ?? 'violation',
      constraint: component,
      shape: toNodeId(shape),
    };
  }

  /** The shape's own sh:message, Dutch before English before any other, with {$param} filled in. */
  private shapeMessage(shape: RDF.Term): string | undefined {
    const key = toNodeId(shape);
    let chosen = this.messages.get(key);
    if (chosen === undefined) {
      const candidates = this.shapes.getObjects(shape, SH.message, null).filter((t) => t.termType === 'Literal') as RDF.Literal[];
      const best = LANGUAGES.map((lang) => candidates.find((m) => m.language === lang)).find((m) => m !== undefined) ?? candidates[0];
      chosen = best?.value ?? null;
      this.messages.set(key, chosen);
    }
    if (chosen === null) return undefined;
    // SHACL message templates: {$minCount} or {?minCount} stands for the shape's parameter value.
    return chosen.replace(/\{[$?]([A-Za-z]+)\}/g, (template, name: string) => {
      const parameter = this.shapes.getObjects(shape, SH.$base + name, null)[0];
      return parameter === undefined ? template : parameter.termType === 'NamedNode' ? `<${localName(parameter.value)}>` : parameter.value;
    });
  }
}
