import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/**
 * The team's shared reference folder (official schemas and shapes, real published records),
 * which tests read but the repository never copies: `CULTUURGRAAF_REFERENCE_DIR` if set, else
 * `../shared/reference` beside the repository, else `/work/shared/reference` (where a clean
 * clone elsewhere, as CI makes, still finds it).
 */
export function referenceDir(...parts: string[]): string {
  const candidates = [
    process.env.CULTUURGRAAF_REFERENCE_DIR,
    join(packageRoot(), '..', 'shared', 'reference'),
    '/work/shared/reference',
  ].filter((dir): dir is string => dir !== undefined && dir !== '');
  const base = candidates.find((dir) => existsSync(dir)) ?? candidates[0] ?? '/work/shared/reference';
  return resolve(base, ...parts);
}
