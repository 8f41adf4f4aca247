import sparqljs from 'sparqljs';

/**
 * The properties a CONSTRUCT query's WHERE clause reads: every IRI in a predicate position,
 * property paths, sub-selects and EXISTS filters included. `'all'` when a variable in predicate
 * position also stands in the template, as in a query that copies every triple. A variable
 * predicate the template does not use (`?doc ?any ?value` to find the nodes nothing points to) and
 * a negated property set test the data's shape; they carry no property's values to the result.
 * What a lifted item states with any other property is left out by the mapping.
 */
export function propertiesRead(query: string): ReadonlySet<string> | 'all' {
  const parsed = new sparqljs.Parser().parse(query);
  if (parsed.type !== 'query') throw new Error('propertiesRead: not a query');
  const read = new Set<string>();
  const found = { all: false };
  const templated = new Set<string>();
  for (const triple of parsed.queryType === 'CONSTRUCT' ? parsed.template ?? [] : []) {
    for (const term of [triple.subject, triple.predicate, triple.object] as unknown[]) {
      const { termType, value } = term as { termType?: string; value?: string };
      if (termType === 'Variable' && value !== undefined) templated.add(value);
    }
  }
  const visitPredicate = (predicate: unknown): void => {
    if (found.all || typeof predicate !== 'object' || predicate === null) return;
    const term = predicate as { termType?: string; value?: string; type?: string; pathType?: string; items?: unknown[] };
    if (term.termType === 'Variable') {
      if (templated.has(term.value ?? '')) found.all = true;
    } else if (term.termType === 'NamedNode' && term.value !== undefined) {
      read.add(term.value);
    } else if (term.type === 'path' && term.pathType !== '!') {
      for (const item of term.items ?? []) visitPredicate(item);
    }
  };
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const inner of node) visit(inner);
      return;
    }
    const record = node as Record<string, unknown>;
    if ('subject' in record && 'predicate' in record && 'object' in record) visitPredicate(record.predicate);
    for (const [key, inner] of Object.entries(record)) {
      if (key !== 'predicate' && key !== 'template' && key !== 'prefixes') visit(inner);
    }
  };
  visit(parsed.where ?? []);
  return found.all ? 'all' : read;
}
