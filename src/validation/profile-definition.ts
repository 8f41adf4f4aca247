import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '../domain/errors.js';
import { packageRoot } from '../paths.js';

/** A profile resolved to files: what the validator is built from. */
export interface ProfileDefinition {
  readonly name: string;
  readonly title: string;
  /** Turtle files merged into one shapes graph (official shapes first, then local profiles). */
  readonly shapeFiles: readonly string[];
  /** RDFS files whose subclass and inverse axioms are applied to each record first; may be empty. */
  readonly inferenceFiles: readonly string[];
  /** Checks beyond SHACL the profile makes: `edtf`, a warning for an EDTF value that is none. */
  readonly checks: readonly ProfileCheck[];
}

export type ProfileCheck = 'edtf';

/** Where profiles and vocabularies are read from; the package's own folders by default. */
export interface ProfileDirectories {
  readonly shapesDir?: string;
  readonly vocabulariesDir?: string;
}

const MANIFEST = 'profile.json';

const manifestSchema = z.object({
  title: z.string().min(1),
  shapes: z.array(z.string().min(1)).min(1),
  inference: z.array(z.string().min(1)).default([]),
  checks: z.array(z.enum(['edtf'])).default([]),
}).strict();

/** The names of the profiles: the folders of shapes/ that hold a profile.json. */
export function knownProfiles(directories: ProfileDirectories = {}): string[] {
  const shapesDir = directories.shapesDir ?? join(packageRoot(), 'shapes');
  if (!existsSync(shapesDir)) return [];
  return readdirSync(shapesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(shapesDir, entry.name, MANIFEST)))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Reads `shapes/<name>/profile.json`. Throws InvalidInputError naming the known profiles when
 * there is no such profile, and when the manifest is malformed or lists a missing file.
 */
export function resolveProfile(name: string, directories: ProfileDirectories = {}): ProfileDefinition {
  const shapesDir = directories.shapesDir ?? join(packageRoot(), 'shapes');
  const vocabulariesDir = directories.vocabulariesDir ?? join(packageRoot(), 'vocabularies');
  const known = knownProfiles(directories);
  if (!known.includes(name)) {
    throw new InvalidInputError(
      `Unknown validation profile "${name}"; known profiles: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
      { profile: name, known },
    );
  }
  const profileDir = join(shapesDir, name);
  const manifestFile = join(profileDir, MANIFEST);
  const parsed = manifestSchema.safeParse(readJson(manifestFile));
  if (!parsed.success) {
    throw new InvalidInputError(`${manifestFile}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, { file: manifestFile });
  }
  return {
    name,
    title: parsed.data.title,
    shapeFiles: parsed.data.shapes.map((file) => inside(profileDir, file, manifestFile)),
    inferenceFiles: parsed.data.inference.map((file) => inside(vocabulariesDir, file, manifestFile)),
    checks: parsed.data.checks,
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(`${file}: ${(error as Error).message}`, { file });
  }
}

/** `file` under `dir`; a manifest may not point outside its folder, nor at a missing file. */
function inside(dir: string, file: string, manifestFile: string): string {
  const path = resolve(dir, file);
  if (!path.startsWith(resolve(dir) + sep)) {
    throw new InvalidInputError(`${manifestFile}: ${file} is outside ${dir}.`, { file: manifestFile });
  }
  if (!existsSync(path)) throw new InvalidInputError(`${manifestFile}: ${file} does not exist in ${dir}.`, { file: manifestFile });
  return path;
}
