import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import { packageRoot } from '../../paths.js';
import { mappingManifestSchema, type MappingManifest } from './mapping-manifest.js';

/** A mapping as stored in oslo-mappings/: its name, folder and manifest. */
export interface MappingDefinition extends MappingManifest {
  readonly name: string;
  readonly directory: string;
}

/** The folder holding the mappings. */
export function mappingsDirectory(): string {
  return join(packageRoot(), 'oslo-mappings');
}

/** Every mapping, by name. */
export function listMappings(directory = mappingsDirectory()): MappingDefinition[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(directory, entry.name, 'mapping.json')))
    .map((entry) => readMapping(directory, entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One mapping; an unknown name is a NotFoundError that lists the known ones. */
export function getMapping(name: string, directory = mappingsDirectory()): MappingDefinition {
  if (!/^[a-z0-9-]+$/.test(name) || !existsSync(join(directory, name, 'mapping.json'))) {
    const known = listMappings(directory).map((m) => m.name).join(', ');
    throw new NotFoundError(`There is no mapping "${name}"; known mappings: ${known}.`, { mapping: name });
  }
  return readMapping(directory, name);
}

/** Reads a file that belongs to a mapping (its lift or its CONSTRUCT). */
export function mappingFile(mapping: MappingDefinition, file: string): string {
  return readFileSync(join(mapping.directory, file), 'utf8');
}

function readMapping(directory: string, name: string): MappingDefinition {
  const file = join(directory, name, 'mapping.json');
  const parsed = mappingManifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new InvalidInputError(`oslo-mappings/${name}/mapping.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return { ...parsed.data, name, directory: join(directory, name) };
}
