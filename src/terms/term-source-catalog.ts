import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { Parser, Store } from 'n3';
import sparqljs from 'sparqljs';
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
  /** Term IRIs starting with this belong to the source (lookup goes there). */
  readonly uriPrefix: string;
  readonly endpoint: string;
  /** CONSTRUCT queries; the search binds ?query, the lookup ?uri. */
  readonly searchQuery: sparqljs.ConstructQuery;
  readonly lookupQuery: sparqljs.ConstructQuery;
}

const DISTRIBUTION_ACTIONS = { search: 'SearchAction', lookup: 'FindAction' } as const;

/**
 * Reads a catalog directory (`vocabularies/catalog/`): each `*.ttl` describes sources as
 * `schema:Dataset`s with a SPARQL distribution whose search and lookup actions name `.rq` files
 * next to it. An entry that cannot be used (a missing query file, a query that is not a
 * CONSTRUCT or does not use its variable) is an InvalidInputError naming the file, so a broken
 * catalog stops the server at start rather than failing searches later. So does a directory that
 * is missing (a typo in --catalog would silently drop every remote source); an empty one is an
 * empty catalog.
 */
export function loadTermSourceCatalog(directory: string): RemoteTermSource[] {
  if (!existsSync(directory)) {
    throw new ConfigError(`Invalid configuration:\n  --catalog (CULTUURGRAAF_CATALOG): the term source catalog ${directory} does not exist; give a folder of catalog entries, or an empty folder for no remote sources.`);
  }
  if (!statSync(directory).isDirectory()) {
    throw new ConfigError(`Invalid configuration:\n  --catalog (CULTUURGRAAF_CATALOG): the term source catalog ${directory} is a file, not a folder of catalog entries.`);
  }
  const sources: RemoteTermSource[] = [];
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.ttl')).sort()) {
    let quads;
    try {
      quads = new Parser({ baseIRI: `file:///${file}` }).parse(readFileSync(join(directory, file), 'utf8'));
    } catch (error) {
      throw new InvalidInputError(`The term source catalog entry ${join(directory, file)} is not valid Turtle: ${(error as Error).message}`);
    }
    const store = new Store(quads);
    for (const dataset of store.getSubjects(RDFNS.type, SCHEMA_DATASET, null)) {
      sources.push(readSource(store, dataset, directory, file));
    }
  }
  return sources;
}

/** The catalog's own SHACL shapes (shapes/catalog/), for tests and tools that check entries. */
export const CATALOG_SHAPES = 'shapes/catalog/catalog-shapes.ttl';

const SCHEMA_DATASET = `${SCHEMA.$base}Dataset`;

function readSource(store: Store, dataset: RDF.Term, directory: string, file: string): RemoteTermSource {
  const one = (subject: RDF.Term, property: string): string | undefined => store.getObjects(subject, `${SCHEMA.$base}${property}`, null)[0]?.value;
  const all = (subject: RDF.Term, property: string): RDF.Term[] => store.getObjects(subject, `${SCHEMA.$base}${property}`, null);
  const texts = (property: string): LanguageMap => Object.fromEntries(all(dataset, property).map((t) => [t.termType === 'Literal' ? t.language : '', t.value]));
  const distribution = all(dataset, 'distribution')[0];
  const endpoint = distribution === undefined ? undefined : one(distribution, 'contentUrl');
  const uriPrefix = one(dataset, 'url');
  if (distribution === undefined || endpoint === undefined || uriPrefix === undefined) {
    throw new InvalidInputError(`${file}: the source <${dataset.value}> needs schema:url (its terms' IRI prefix) and a distribution with schema:contentUrl (its SPARQL endpoint).`);
  }
  const query = (action: keyof typeof DISTRIBUTION_ACTIONS, variable: string): sparqljs.ConstructQuery => {
    const node = all(distribution, 'potentialAction').find((a) => store.countQuads(a, RDFNS.type, `${SCHEMA.$base}${DISTRIBUTION_ACTIONS[action]}`, null) > 0);
    const name = node === undefined ? undefined : one(node, 'query');
    if (name === undefined) throw new InvalidInputError(`${file}: the source <${dataset.value}> has no schema:${DISTRIBUTION_ACTIONS[action]} with a schema:query file.`);
    const path = join(directory, name);
    if (!existsSync(path)) throw new InvalidInputError(`${file}: the query file ${name} does not exist.`);
    const text = readFileSync(path, 'utf8');
    let parsed: sparqljs.SparqlQuery;
    try {
      parsed = new sparqljs.Parser().parse(text);
    } catch (error) {
      throw new InvalidInputError(`${name}: ${(error as Error).message.split('\n')[0] ?? 'not SPARQL'}`);
    }
    if (parsed.type !== 'query' || parsed.queryType !== 'CONSTRUCT') throw new InvalidInputError(`${name}: a term source query must be a CONSTRUCT.`);
    if (!text.includes(`?${variable}`)) throw new InvalidInputError(`${name}: the query must use ?${variable}, which cultuurgraaf binds.`);
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
    uriPrefix, endpoint,
    searchQuery: query('search', 'query'),
    lookupQuery: query('lookup', 'uri'),
  };
}
