import type { ShapeValidator } from '../ports/shape-validator.js';
import { loadShapeValidator } from '../validation/load-shape-validator.js';

/** A validator per shapes profile, each loaded once and shared by every record and run of the process. */
export function shapeValidators(): (profile: string) => Promise<ShapeValidator> {
  return (profile) => cached.get(profile) ?? remember(profile);
}

const cached = new Map<string, Promise<ShapeValidator>>();

function remember(profile: string): Promise<ShapeValidator> {
  const loading = loadShapeValidator(profile);
  cached.set(profile, loading);
  loading.catch(() => cached.delete(profile));
  return loading;
}
