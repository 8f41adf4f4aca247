import { InvalidInputError } from '../domain/errors.js';

/** The RDF syntaxes `load` reads. */
export type RdfSyntax = 'turtle' | 'ntriples' | 'nquads' | 'trig' | 'rdfxml' | 'jsonld';

export const RDF_SYNTAXES: readonly RdfSyntax[] = ['turtle', 'ntriples', 'nquads', 'trig', 'rdfxml', 'jsonld'];

const BY_EXTENSION: ReadonlyMap<string, RdfSyntax> = new Map<string, RdfSyntax>([
  ['.ttl', 'turtle'],
  ['.turtle', 'turtle'],
  ['.nt', 'ntriples'],
  ['.ntriples', 'ntriples'],
  ['.nq', 'nquads'],
  ['.nquads', 'nquads'],
  ['.trig', 'trig'],
  ['.rdf', 'rdfxml'],
  ['.owl', 'rdfxml'],
  ['.xml', 'rdfxml'],
  ['.jsonld', 'jsonld'],
  ['.json', 'jsonld'],
]);

/** The N3.js format name of each syntax N3.js parses. */
export const N3_FORMATS: Partial<Record<RdfSyntax, string>> = {
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  nquads: 'application/n-quads',
  trig: 'application/trig',
};

/** The syntax a file name implies (a trailing `.gz` is looked through), or a clear error. */
export function syntaxOfFile(path: string, source = path): RdfSyntax {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  const extension = name.slice(name.lastIndexOf('.'));
  const syntax = BY_EXTENSION.get(extension);
  if (!syntax) {
    throw new InvalidInputError(
      `Cannot tell the RDF syntax of ${source} from its extension; pass --format (${RDF_SYNTAXES.join(', ')}).`,
    );
  }
  return syntax;
}
