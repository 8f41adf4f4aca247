import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { InvalidInputError } from '../domain/errors.js';
import { packageRoot } from '../paths.js';

/** vocabularies/contexts/index.json maps each context URL to a file beside it. */
function contextIndex(): Record<string, string> {
  const indexFile = join(packageRoot(), 'vocabularies', 'contexts', 'index.json');
  return existsSync(indexFile) ? (JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, string>) : {};
}

/**
 * A JSON-LD document loader that serves the contexts bundled in vocabularies/contexts/, and
 * those a mapping supplies (`extra`: URL → absolute file path), and nothing else: no remote
 * fetch ever happens (offline machines, speed, no request forgery).
 */
export function bundledContextLoader(extra: Readonly<Record<string, string>> = {}): (url: string) => Promise<RemoteDocument> {
  const bundled = contextIndex();
  const contextsDir = join(packageRoot(), 'vocabularies', 'contexts');
  const index: Record<string, string> = {};
  for (const [url, file] of Object.entries(bundled)) index[url] = join(contextsDir, file);
  Object.assign(index, extra);
  const cache = new Map<string, unknown>();
  return (url: string) => {
    const file = index[url] ?? index[url.replace(/^http:/, 'https:')] ?? index[url.replace(/^https:/, 'http:')];
    if (file === undefined) {
      return Promise.reject(new InvalidInputError(
        `The JSON-LD context <${url}> is not bundled, and remote contexts are never fetched. Add it to vocabularies/contexts/ and index.json.`,
        { context: url },
      ));
    }
    let document = cache.get(file);
    if (document === undefined) {
      document = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      cache.set(file, document);
    }
    return Promise.resolve({ contextUrl: undefined, documentUrl: url, document } as RemoteDocument);
  };
}
