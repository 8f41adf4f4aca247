import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import sparqljs from 'sparqljs';
import { packageRoot } from '../paths.js';
import { ConfigError } from '../config/config.js';
import { InvalidInputError } from '../domain/errors.js';
import { RDF as RDFNS, SCHEMA } from '../vocab/vocabularies.js';
import type { LanguageMap } from './term-list-metadata.js';

/** A term source searched live at a remote SPARQL endpoint, as its catalog entry describes it. */
export interface RemoteTermSource {
  readonly iri: string;
  readonly name: LanguageMap;
  readonly alternateName?: string;
  readonly description: LanguageMap;
  readonly creator: { readonly name: string; readonly alternateName?: string; readonly url?: string };
  /** Topic keys (topics.ts). */
  readonly topics: readonly string[];
  readonly languages: readonly string[];
  readonly homepage?: string;
  /** Term IRIs starting with one of these belong to the source (lookup goes there). */
  readonly uriPrefixes: readonly string[];
  /** The SPARQL endpoint, without the user and password its catalog entry may give. */
  readonly endpoint: string;
  /** `user:password` from the endpoint's URL, sent as HTTP Basic authentication, never shown. */
  readonly credentials?: string;
  /** CONSTRUCT queries; the search binds ?query, the lookup ?uri. */
  readonly searchQuery: sparqljs.ConstructQuery;
  readonly lookupQuery: sparqljs.ConstructQuery;
}

const DISTRIBUTION_ACTIONS = { search: 'SearchAction', lookup: 'FindAction' } as const;

/**
 * Reads a catalog directory (`vocabularies/catalog/`): each `*.ttl` describes sources as
 * `schema:Dataset`s with a SPARQL distribution whose search and lookup actions name `.rq` files
 * next to it. Each entry is checked against the catalog's shapes (`shapes/catalog/`), and an
 * entry that cannot be used (a missing query file, a query that is not a CONSTRUCT or does not
 * use its variable, a source IRI another entry has) is an InvalidInputError naming the file, so
 * a broken catalog stops the server at start rather than failing searches later. So does a
 * directory that is missing (a typo in --catalog would silently drop every remote source); an
 * empty one is an empty catalog.
 */
export async function loadTermSourceCatalog(directory: string): Promise<RemoteTermSource[]> {
  if (!existsSync(directory)) {
    throw new ConfigError(`Invalid configuration:\n  --catalog (CULTUURGRAAF_CATALOG): the term source catalog ${directory} does not exist; give a folder of catalog entries, or an empty folder for no remote sources.`);
  }
  if (!statSync(directory).isDirectory()) {
    throw new ConfigError(`Invalid configuration:\n  --catalog (CULTUURGRAAF_CATALOG): the term source catalog ${directory} is a file, not a folder of catalog entries.`);
  }
  const sources: RemoteTermSource[] = [];
  const fileOf = new Map<string, string>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.ttl')).sort()) {
    const path = join(directory, file);
    let quads;
    try {
      quads = new Parser({ baseIRI: `file:///${file}` }).parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new InvalidInputError(`The term source catalog entry ${path} is not valid Turtle: ${(error as Error).message}`);
    }
    const store = new Store(quads);
    await checkEntry(store, path);
    for (const dataset of store.getSubjects(RDFNS.type, SCHEMA_DATASET, null)) {
      const earlier = fileOf.get(dataset.value);
      if (earlier !== undefined) throw new InvalidInputError(`${path}: the source <${dataset.value}> is described in ${earlier} too; one source, one entry.`);
      fileOf.set(dataset.value, path);
      sources.push(readSource(store, dataset, directory, path));
    }
  }
  return sources;
}

/** The catalog's own SHACL shapes (shapes/catalog/), for tests and tools that check entries. */
export const CATALOG_SHAPES = 'shapes/catalog/catalog-shapes.ttl';

const SCHEMA_DATASET = `${SCHEMA.$base}Dataset`;

/** Built once: every entry, of every catalog loaded, is checked by it. */
let catalogValidator: SHACLValidator | undefined;

type ValidationResult = Awaited<ReturnType<SHACLValidator['validate']>>['results'][number];

/** Refuses an entry the catalog's shapes find fault with, naming the file and every problem. */
async function checkEntry(store: Store, path: string): Promise<void> {
  catalogValidator ??= new SHACLValidator(new Store(new Parser().parse(readFileSync(join(packageRoot(), CATALOG_SHAPES), 'utf8'))));
  const report = await catalogValidator.validate(store);
  if (report.conforms) return;
  // A node that fails its sh:node (the creator, the distribution) says why in its details.
  const leaves = (result: ValidationResult): ValidationResult[] => (result.detail.length === 0 ? [result] : result.detail.flatMap(leaves));
  const problems = report.results.flatMap(leaves).map((full) => {
    // The typings promise a path and a value; a result about the node itself has neither.
    const result = full as unknown as { path: RDF.Term | null; value: RDF.Term | null; message: RDF.Term[]; sourceConstraintComponent: RDF.Term | null };
    const what = result.path?.value.replace(SCHEMA.$base, 'schema:') ?? 'the entry';
    const value = result.value === null || result.value.termType === 'BlankNode' ? '' : ` (${JSON.stringify(result.value.value)})`;
    const message = result.message.map((m) => m.value).join(' ') || (result.sourceConstraintComponent?.value.split('#')[1] ?? 'not as the catalog shapes ask');
    return `${what}${value}: ${message}`;
  });
  throw new InvalidInputError(`The term source catalog entry ${path} does not conform to ${CATALOG_SHAPES}: ${problems.join('; ')}.`);
}

function readSource(store: Store, dataset: RDF.Term, directory: string, path: string): RemoteTermSource {
  const one = (subject: RDF.Term, property: string): string | undefined => store.getObjects(subject, `${SCHEMA.$base}${property}`, null)[0]?.value;
  const all = (subject: RDF.Term, property: string): RDF.Term[] => store.getObjects(subject, `${SCHEMA.$base}${property}`, null);
  const texts = (property: string): LanguageMap => Object.fromEntries(all(dataset, property).map((t) => [t.termType === 'Literal' ? t.language : '', t.value]));
  const distribution = all(dataset, 'distribution')[0];
  const contentUrl = distribution === undefined ? undefined : one(distribution, 'contentUrl');
  const uriPrefixes = all(dataset, 'url').map((t) => t.value);
  if (distribution === undefined || contentUrl === undefined || uriPrefixes.length === 0) {
    throw new InvalidInputError(`${path}: the source <${dataset.value}> needs schema:url (its terms' IRI prefix) and a distribution with schema:contentUrl (its SPARQL endpoint).`);
  }
  const { endpoint, credentials } = endpointOf(contentUrl, dataset.value, path);
  const query = (action: keyof typeof DISTRIBUTION_ACTIONS, variable: string): sparqljs.ConstructQuery => {
    const node = all(distribution, 'potentialAction').find((a) => store.countQuads(a, RDFNS.type, `${SCHEMA.$base}${DISTRIBUTION_ACTIONS[action]}`, null) > 0);
    const name = node === undefined ? undefined : one(node, 'query');
    if (name === undefined) throw new InvalidInputError(`${path}: the source <${dataset.value}> has no schema:${DISTRIBUTION_ACTIONS[action]} with a schema:query file.`);
    const file = resolve(directory, name);
    // A query file is the catalog's own: next to the entry, or in a folder below it.
    if (!file.startsWith(resolve(directory) + sep)) {
      throw new InvalidInputError(`${path}: the query file ${name} is outside the catalog folder; put it next to the entry.`);
    }
    if (!existsSync(file)) throw new InvalidInputError(`${path}: the query file ${name} does not exist.`);
    // Nor through a link: what the file is, not what it is called, must be in the folder.
    if (!realpathSync(file).startsWith(realpathSync(directory) + sep)) {
      throw new InvalidInputError(`${path}: the query file ${name} is a link to a file outside the catalog folder; put the file itself next to the entry.`);
    }
    const text = readFileSync(file, 'utf8');
    let parsed: sparqljs.SparqlQuery;
    try {
      parsed = new sparqljs.Parser().parse(text);
    } catch (error) {
      throw new InvalidInputError(`${file} (the ${action} query of <${dataset.value}>) is not valid SPARQL: ${(error as Error).message}`);
    }
    if (parsed.type !== 'query' || parsed.queryType !== 'CONSTRUCT') throw new InvalidInputError(`${file}: a term source query must be a CONSTRUCT.`);
    if (!usesVariable(parsed.where ?? [], variable)) throw new InvalidInputError(`${file}: the query must use ?${variable} in its WHERE clause, which cultuurgraaf binds.`);
    return parsed;
  };
  const creator = all(dataset, 'creator')[0];
  const creatorName = creator === undefined ? undefined : one(creator, 'name');
  const alternateName = one(dataset, 'alternateName');
  const homepage = one(dataset, 'mainEntityOfPage');
  const creatorAlternate = creator === undefined ? undefined : one(creator, 'alternateName');
  const creatorUrl = creator === undefined ? undefined : one(creator, 'url');
  return {
    iri: dataset.value, name: texts('name'), description: texts('description'),
    ...(alternateName === undefined ? {} : { alternateName }),
    creator: { name: creatorName ?? dataset.value, ...(creatorAlternate === undefined ? {} : { alternateName: creatorAlternate }), ...(creatorUrl === undefined ? {} : { url: creatorUrl }) },
    topics: all(dataset, 'genre').map((t) => t.value).sort(),
    languages: all(dataset, 'inLanguage').map((t) => t.value).sort(),
    ...(homepage === undefined ? {} : { homepage }),
    uriPrefixes, endpoint, ...(credentials === undefined ? {} : { credentials }),
    searchQuery: query('search', 'query'),
    lookupQuery: query('lookup', 'uri'),
  };
}

/** The endpoint's URL without a user and password, and those apart: they are sent, never shown. */
function endpointOf(contentUrl: string, source: string, path: string): { endpoint: string; credentials?: string } {
  let url: URL;
  try {
    url = new URL(contentUrl);
  } catch {
    throw new InvalidInputError(`${path}: the SPARQL endpoint of <${source}> is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidInputError(`${path}: the SPARQL endpoint of <${source}> is not an http(s) URL.`);
  if (url.username === '' && url.password === '') return { endpoint: url.href };
  let credentials: string;
  try {
    credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  } catch {
    throw new InvalidInputError(`${path}: the user or password in the SPARQL endpoint of <${source}> has a broken %-escape; write it percent-encoded (%40 for @, %3A for :).`);
  }
  url.username = '';
  url.password = '';
  return { endpoint: url.href, credentials };
}

/** Whether ?`name` occurs in a query's patterns (not in a comment, which the parser drops). */
function usesVariable(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((item) => usesVariable(item, name));
  if (node === null || typeof node !== 'object') return false;
  const term = node as Partial<RDF.Term>;
  if (term.termType === 'Variable') return term.value === name;
  return Object.values(node).some((value) => usesVariable(value, name));
}
