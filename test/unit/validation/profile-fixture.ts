import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import { buildShapeValidator } from '../../../src/validation/load-shape-validator.js';
import type { ShaclShapeValidator } from '../../../src/validation/shacl-shape-validator.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Prefixes every Turtle snippet of these tests may use. */
export const PREFIXES = `@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix crm: <http://www.cidoc-crm.org/cidoc-crm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix cgp: <urn:cultuurgraaf:profile:> .
@prefix ex: <http://example.org/> .
`;

/** Turtle (with PREFIXES) to quads, blank nodes keeping their written labels. */
export function turtle(text: string): RDF.Quad[] {
  return new Parser({ format: 'text/turtle', blankNodePrefix: '' }).parse(PREFIXES + text);
}

/**
 * A validator for shapes written as Turtle layers (each with PREFIXES) in a temporary profile,
 * optionally with an inference schema. Call inside a test: the files go when it finishes.
 */
export function validatorFor(layers: readonly string[], inference?: string): ShaclShapeValidator {
  const dir = tempDir('cultuurgraaf-profile-');
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, PREFIXES + text);
    return file;
  };
  return buildShapeValidator({
    name: 'test',
    title: 'test profile',
    shapeFiles: layers.map((text, i) => write(`layer-${i}.ttl`, text)),
    inferenceFiles: inference === undefined ? [] : [write('schema.ttl', inference)],
    checks: [],
  });
}
