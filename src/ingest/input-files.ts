import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '../domain/errors.js';
import { syntaxOfFile } from './rdf-formats.js';

/**
 * The files a load reads: files as given, and for a directory every file in it (and its
 * subdirectories) whose extension names an RDF syntax, in name order. Missing paths and
 * directories without RDF files are errors that name the path.
 */
export async function inputFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new InvalidInputError(`${path} does not exist.`, { file: path });
    if (info.isFile()) {
      files.push(path);
      continue;
    }
    if (!info.isDirectory()) throw new InvalidInputError(`${path} is neither a file nor a directory.`, { file: path });
    const found = (await filesBelow(path)).filter(isRdfFile);
    if (found.length === 0) {
      throw new InvalidInputError(`${path} holds no RDF files (.ttl, .nt, .nq, .trig, .rdf, .owl, .xml, .jsonld, .json, optionally .gz).`, { file: path });
    }
    files.push(...found);
  }
  return files;
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.sort((a, b) => a.name.localeCompare(b.name)).map(async (entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesBelow(path);
    return entry.isFile() ? [path] : [];
  }));
  return nested.flat();
}

function isRdfFile(path: string): boolean {
  try {
    syntaxOfFile(path);
    return true;
  } catch {
    return false;
  }
}
