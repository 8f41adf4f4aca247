import { basename } from 'node:path';
import { syntaxOfFile } from '../rdf-formats.js';
import { readRdfFile } from '../rdf-reader.js';
import { RdfUnitGrouper } from '../rdf-unit-grouper.js';
import type { SourceItem } from './source-item.js';

/** The units of an RDF file as mapping items, grouped once however often they are read. */
export interface RdfUnitsSource {
  items(): AsyncIterable<SourceItem>;
  dispose(): void;
}

/**
 * The units of an RDF file, each an item for a mapping: a named graph, or an IRI subject with
 * its blank-node closure, as `load` groups them (see RdfUnitGrouper). The file is parsed and grouped
 * on the first read, in bounded memory; later reads walk the grouping again.
 */
export function readRdfUnits(path: string, baseIri: string, source = basename(path)): RdfUnitsSource {
  let grouped: Promise<RdfUnitGrouper> | undefined;
  let grouper: RdfUnitGrouper | undefined;
  const group = async (): Promise<RdfUnitGrouper> => {
    grouper = new RdfUnitGrouper();
    const target = grouper;
    await readRdfFile(path, { syntax: syntaxOfFile(path), baseIri }, (quad) => {
      target.add(quad);
    });
    return target;
  };
  return {
    async *items() {
      grouped ??= group();
      for (const unit of (await grouped).units()) {
        yield { kind: 'rdf', position: { source, ...(unit.iri === undefined ? {} : { id: unit.iri }) }, nquads: unit.ntriples() };
      }
    },
    dispose() {
      grouper?.close();
    },
  };
}
