import { Parser } from 'n3';
import type { PutRecord } from '../../src/domain/record.js';
import { preparePut } from '../../src/rdf/prepare-put.js';

/** A record write from Turtle (prefixes ex:, crm:, skos: and rdfs: predeclared). */
export function putTurtle(iri: string, dataset: string, turtle: string): Promise<PutRecord> {
  const prologue = `@prefix ex: <http://example.org/> .
@prefix crm: <http://www.cidoc-crm.org/cidoc-crm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
`;
  return preparePut(iri, dataset, new Parser({ baseIRI: 'http://example.org/' }).parse(prologue + turtle));
}
