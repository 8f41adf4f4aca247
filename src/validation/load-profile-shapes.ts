import type * as RDF from '@rdfjs/types';
import { applyRelaxations, type AppliedRelaxation } from './apply-relaxations.js';
import type { ProfileDefinition } from './profile-definition.js';
import { readTurtleFiles } from './read-turtle-files.js';

/**
 * Reads a profile's shapes graph. Each file is a layer over the files before it (official shapes
 * first): its relaxations change those layers, and its own shapes are added.
 */
export function loadProfileShapes(definition: ProfileDefinition): { shapes: RDF.Quad[]; relaxations: AppliedRelaxation[] } {
  let shapes: RDF.Quad[] = [];
  const relaxations: AppliedRelaxation[] = [];
  for (const layer of readTurtleFiles(definition.shapeFiles)) {
    const next = applyRelaxations(shapes, layer);
    shapes = next.shapes;
    relaxations.push(...next.applied);
  }
  return { shapes, relaxations };
}
