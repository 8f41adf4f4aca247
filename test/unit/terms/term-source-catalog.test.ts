import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { CATALOG_SHAPES, loadTermSourceCatalog } from '../../../src/terms/term-source-catalog.js';
import { ROOT } from '../../helpers/cli.js';

const CATALOG = join(ROOT, 'vocabularies/catalog');
const shapes = new Store(new Parser().parse(readFileSync(join(ROOT, CATALOG_SHAPES), 'utf8')));

async function validate(turtle: string): Promise<string[]> {
  const report = await new SHACLValidator(shapes).validate(new Store(new Parser().parse(turtle)));
  return report.results.map((result) => `${result.path.value}: ${result.message.map((m) => m.value).join(' ')}`);
}

describe('the remote term source catalog', () => {
  it.each(readdirSync(CATALOG).filter((file) => file.endsWith('.ttl')))('%s conforms to the catalog shapes', async (file) => {
    expect(await validate(readFileSync(join(CATALOG, file), 'utf8'))).toEqual([]);
  });

  it('ships Getty AAT and Wikidata, each with a search and a lookup CONSTRUCT', () => {
    const sources = loadTermSourceCatalog(CATALOG);
    expect(sources.map((s) => [s.iri, s.endpoint, s.uriPrefix])).toEqual([
      ['http://vocab.getty.edu/aat/', 'http://vocab.getty.edu/sparql', 'http://vocab.getty.edu/aat/'],
      ['http://www.wikidata.org/entity/', 'https://query.wikidata.org/sparql', 'http://www.wikidata.org/entity/'],
    ]);
    for (const source of sources) expect([source.searchQuery.queryType, source.lookupQuery.queryType]).toEqual(['CONSTRUCT', 'CONSTRUCT']);
  });

  it('finds what the shapes refuse, and refuses an entry it cannot use, naming the file', async () => {
    const entry = readFileSync(join(CATALOG, 'aat.ttl'), 'utf8');
    expect(await validate(entry.replace('schema:genre "abstract-concepts" ,', 'schema:genre "kunst" ,'))).not.toEqual([]);
    expect(await validate(entry.replace(/schema:url "[^"]*" ;/, ''))).toEqual([expect.stringContaining("schema:url is the IRI prefix of the source's terms.")]);
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    try {
      writeFileSync(join(dir, 'aat.ttl'), entry);
      expect(() => loadTermSourceCatalog(dir)).toThrow(/aat\.ttl: the query file aat-search\.rq does not exist/);
      writeFileSync(join(dir, 'aat-search.rq'), 'SELECT * WHERE { ?s ?p ?query }');
      expect(() => loadTermSourceCatalog(dir)).toThrow(/aat-search\.rq: a term source query must be a CONSTRUCT/);
      writeFileSync(join(dir, 'aat.ttl'), 'garbage');
      expect(() => loadTermSourceCatalog(dir)).toThrow(/The term source catalog entry .*aat\.ttl is not valid Turtle: Unexpected "garbage"/);
      expect(() => loadTermSourceCatalog(join(dir, 'aat.ttl'))).toThrow(/--catalog \(CULTUURGRAAF_CATALOG\): the term source catalog .*aat\.ttl is a file, not a folder of catalog entries/);
      mkdirSync(join(dir, 'empty'));
      expect(loadTermSourceCatalog(join(dir, 'empty'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A typo in --catalog must not silently drop every remote source.
    expect(() => loadTermSourceCatalog(join(dir, 'gone'))).toThrow(/--catalog \(CULTUURGRAAF_CATALOG\): the term source catalog .*gone does not exist; give a folder of catalog entries, or an empty folder/);
  });
});
