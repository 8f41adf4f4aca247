import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { ShapeValidator } from '../ports/shape-validator.js';
import { accelerateValidator } from './accelerate-validator.js';
import { IssueMapper } from './issue-mapper.js';
import { loadProfileShapes } from './load-profile-shapes.js';
import { resolveProfile, type ProfileDefinition, type ProfileDirectories } from './profile-definition.js';
import { readTurtleFiles } from './read-turtle-files.js';
import { SchemaInference } from './schema-inference.js';
import { ShaclShapeValidator } from './shacl-shape-validator.js';

/**
 * Loads the validator of a named profile (`shapes/<profile>/`): its shapes, local relaxations
 * and inference schema, read once. Load it once and reuse it for every record. Rejects with an
 * InvalidInputError listing the known profiles when `profile` is not one of them.
 */
export function loadShapeValidator(profile: string, directories: ProfileDirectories = {}): Promise<ShapeValidator> {
  return Promise.resolve().then(() => buildShapeValidator(resolveProfile(profile, directories)));
}

/** Builds a validator from resolved files (tests use it to vary the inference or the shapes). */
export function buildShapeValidator(definition: ProfileDefinition): ShaclShapeValidator {
  const { shapes, relaxations } = loadProfileShapes(definition);
  const inference = definition.inferenceFiles.length === 0
    ? SchemaInference.none
    : SchemaInference.fromQuads(readTurtleFiles(definition.inferenceFiles).flat());
  const graph = new Store(shapes);
  const validator = new SHACLValidator(graph);
  accelerateValidator(validator);
  return new ShaclShapeValidator(definition.name, validator, inference, new IssueMapper(graph), relaxations, definition.checks);
}
