import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('ships Getty AAT and Wikidata, each with a search and a lookup CONSTRUCT', async () => {
    const sources = await loadTermSourceCatalog(CATALOG);
    expect(sources.map((s) => [s.iri, s.endpoint, s.uriPrefixes])).toEqual([
      ['http://vocab.getty.edu/aat/', 'http://vocab.getty.edu/sparql', ['http://vocab.getty.edu/aat/']],
      ['http://www.wikidata.org/entity/', 'https://query.wikidata.org/sparql', ['http://www.wikidata.org/entity/']],
    ]);
    for (const source of sources) expect([source.searchQuery.queryType, source.lookupQuery.queryType]).toEqual(['CONSTRUCT', 'CONSTRUCT']);
  });

  it('finds what the shapes refuse, and refuses an entry it cannot use, naming the file', async () => {
    const entry = readFileSync(join(CATALOG, 'aat.ttl'), 'utf8');
    expect(await validate(entry.replace('schema:genre "abstract-concepts" ,', 'schema:genre "kunst" ,'))).not.toEqual([]);
    expect(await validate(entry.replace(/schema:url "[^"]*" ;/, ''))).toEqual([expect.stringContaining("schema:url is the IRI prefix of the source's terms (one or more)")]);
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    try {
      writeFileSync(join(dir, 'aat.ttl'), entry);
      await expect(loadTermSourceCatalog(dir)).rejects.toThrow(/aat\.ttl: the query file aat-search\.rq does not exist/);
      writeFileSync(join(dir, 'aat-search.rq'), 'SELECT * WHERE { ?s ?p ?query }');
      await expect(loadTermSourceCatalog(dir)).rejects.toThrow(/aat-search\.rq: a term source query must be a CONSTRUCT/);
      writeFileSync(join(dir, 'aat.ttl'), 'garbage');
      await expect(loadTermSourceCatalog(dir)).rejects.toThrow(/The term source catalog entry .*aat\.ttl is not valid Turtle: Unexpected "garbage"/);
      await expect(loadTermSourceCatalog(join(dir, 'aat.ttl'))).rejects.toThrow(/--catalog \(CULTUURGRAAF_CATALOG\): the term source catalog .*aat\.ttl is a file, not a folder of catalog entries/);
      mkdirSync(join(dir, 'empty'));
      expect(await loadTermSourceCatalog(join(dir, 'empty'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A typo in --catalog must not silently drop every remote source.
    await expect(loadTermSourceCatalog(join(dir, 'gone'))).rejects.toThrow(/--catalog \(CULTUURGRAAF_CATALOG\): the term source catalog .*gone does not exist; give a folder of catalog entries, or an empty folder/);
  });

  it('checks an installer\'s entry at start: the catalog shapes, one entry per source, query files inside the catalog, the variable in the query itself', async () => {
    const entry = readFileSync(join(CATALOG, 'aat.ttl'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    const load = (text: string) => {
      writeFileSync(join(dir, 'aat.ttl'), text);
      return loadTermSourceCatalog(dir);
    };
    try {
      for (const name of ['aat-search.rq', 'aat-lookup.rq']) writeFileSync(join(dir, name), readFileSync(join(CATALOG, name), 'utf8'));
      await expect(load(entry.replace(/schema:url "[^"]*"/, 'schema:url ""'))).rejects.toThrow(/aat\.ttl does not conform to shapes\/catalog\/catalog-shapes\.ttl: schema:url \(""\): schema:url is the IRI prefix/);
      await expect(load(entry.replace('schema:genre "abstract-concepts" ,', 'schema:genre "kunst" ,'))).rejects.toThrow(/schema:genre \("kunst"\): A genre is one of the topic keys: abstract-concepts, events/);
      await expect(load(entry.replace('<http://vocab.getty.edu/sparql>', '<sparql>'))).rejects.toThrow(/schema:contentUrl .*an absolute http\(s\) URL/);
      await expect(load(entry.replace('<http://vocab.getty.edu/sparql>', '<http://u:%zz@vocab.getty.edu/sparql>'))).rejects.toThrow(/aat\.ttl: the user or password in the SPARQL endpoint of <http:\/\/vocab\.getty\.edu\/aat\/> has a broken %-escape/);
      // A regional language is a language.
      const [regional] = await load(entry.replace('schema:inLanguage "en" , "nl"', 'schema:inLanguage "en" , "nl-BE"'));
      expect(regional?.languages).toEqual(['en', 'nl-BE']);
      await expect(load(entry.replace('"aat-lookup.rq"', '"../aat-lookup.rq"'))).rejects.toThrow(/the query file \.\.\/aat-lookup\.rq is outside the catalog folder/);
      // Nor through a link in the folder to a file outside it.
      const outside = mkdtempSync(join(tmpdir(), 'elders-'));
      writeFileSync(join(outside, 'lookup.rq'), readFileSync(join(CATALOG, 'aat-lookup.rq'), 'utf8'));
      symlinkSync(join(outside, 'lookup.rq'), join(dir, 'linked-lookup.rq'));
      await expect(load(entry.replace('"aat-lookup.rq"', '"linked-lookup.rq"'))).rejects.toThrow(/the query file linked-lookup\.rq is a link to a file outside the catalog folder/);
      rmSync(join(dir, 'linked-lookup.rq'));
      rmSync(outside, { recursive: true, force: true });
      writeFileSync(join(dir, 'copy.ttl'), entry);
      await expect(load(entry)).rejects.toThrow(/copy\.ttl: the source <http:\/\/vocab\.getty\.edu\/aat\/> is described in .*aat\.ttl too/);
      rmSync(join(dir, 'copy.ttl'));
      writeFileSync(join(dir, 'aat-lookup.rq'), '# ?uri is bound by cultuurgraaf\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }');
      await expect(load(entry)).rejects.toThrow(/aat-lookup\.rq: the query must use \?uri in its WHERE clause/);
      writeFileSync(join(dir, 'aat-lookup.rq'), 'CONSTRUCT { ?uri ?p ?o }\nWHERE { ?uri ?p ?o .\n FILTER( }');
      await expect(load(entry)).rejects.toThrow(/aat-lookup\.rq \(the lookup query of <http:\/\/vocab\.getty\.edu\/aat\/>\) is not valid SPARQL: Parse error on line 3:\n\.\.\.ri \?p \?o \. FILTER\( }\n-+\^/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
