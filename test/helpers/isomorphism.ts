import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import { canonize } from 'rdf-canonize';
import { expect } from 'vitest';

/** A graph in RDFC-1.0 canonical N-Quads: two graphs are isomorphic exactly when these are equal. */
export async function canonicalGraph(quads: readonly RDF.Quad[]): Promise<string> {
  return canonize(quads, { algorithm: 'RDFC-1.0' });
}

/** Parses Turtle or N-Triples (or N-Quads, TriG with `format`). */
export function parseRdf(text: string, format = 'text/turtle', baseIRI?: string): RDF.Quad[] {
  return new Parser({ format, ...(baseIRI === undefined ? {} : { baseIRI }) }).parse(text);
}

/**
 * Asserts that two graphs are isomorphic, by comparing their canonical forms. On a mismatch the
 * failure lists the canonical lines only one side has, which is what a reader needs to see.
 */
export async function expectIsomorphic(actual: readonly RDF.Quad[], expected: readonly RDF.Quad[]): Promise<void> {
  const [a, e] = await Promise.all([canonicalGraph(actual), canonicalGraph(expected)]);
  if (a === e) return;
  const actualLines = new Set(a.split('\n').filter(Boolean));
  const expectedLines = new Set(e.split('\n').filter(Boolean));
  expect({
    onlyInActual: [...actualLines].filter((line) => !expectedLines.has(line)),
    onlyInExpected: [...expectedLines].filter((line) => !actualLines.has(line)),
  }).toEqual({ onlyInActual: [], onlyInExpected: [] });
}
