import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import { InvalidInputError } from '../domain/errors.js';

/**
 * Parses Turtle files, one list of quads per file. Blank nodes keep the labels written in the
 * file (`_:df_2_115` in a report can be found in the official SHACL), so the same label in two
 * files would merge two nodes: that is refused with an error naming both files.
 */
export function readTurtleFiles(files: readonly string[]): RDF.Quad[][] {
  const perFile: RDF.Quad[][] = [];
  const labelOwner = new Map<string, string>();
  for (const file of files) {
    let parsed: RDF.Quad[];
    try {
      parsed = new Parser({ format: 'text/turtle', blankNodePrefix: '' }).parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new InvalidInputError(`${basename(file)}: ${(error as Error).message}`, { file });
    }
    const labels = new Set<string>();
    for (const quad of parsed) {
      for (const term of [quad.subject, quad.object]) if (term.termType === 'BlankNode') labels.add(term.value);
    }
    for (const label of labels) {
      const owner = labelOwner.get(label);
      if (owner !== undefined) {
        throw new InvalidInputError(
          `Blank node _:${label} is written in both ${basename(owner)} and ${basename(file)}; rename it in one of them.`,
          { file },
        );
      }
      labelOwner.set(label, file);
    }
    perFile.push(parsed);
  }
  return perFile;
}
