import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestInto, storedGraph } from '../helpers/ingest.js';
import { expectIsomorphic, parseRdf } from '../helpers/isomorphism.js';
import { referenceDir } from '../helpers/reference.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLE_DIR = new URL('../../oslo-mappings/oslo-cultureel-erfgoed/example/', import.meta.url);
const EXAMPLE = new URL('object.jsonld', EXAMPLE_DIR).pathname;
const EXPECTED_TTL = new URL('expected.ttl', EXAMPLE_DIR).pathname;
const OBJECT = 'https://collectie.example.org/id/object/2031';
const OPTIONS = { dataset: 'vb', mapping: 'oslo-cultureel-erfgoed' } as const;
const REFERENCE = referenceDir('oslo-cultureel-erfgoed');
const available = existsSync(join(REFERENCE, 'example-publicatie-reynaert-de-vos.jsonld'));

function exampleDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
}

describe('oslo-cultureel-erfgoed mapping', () => {
  it('stores a document in the current OSLO model as it is, with the bundled context, and a second run changes nothing', async () => {
    const dataDir = tempDir();
    const first = await ingestInto(dataDir, EXAMPLE, OPTIONS);
    expect(first.report.filter((e) => e.severity === 'error')).toEqual([]);
    expect(first.summary).toMatchObject({ items: 1, records: 1, created: 1, rejectedItems: 0 });
    await expectIsomorphic(storedGraph(dataDir), parseRdf(readFileSync(EXPECTED_TTL, 'utf8')));

    const second = await ingestInto(dataDir, EXAMPLE, OPTIONS);
    expect(second.summary).toMatchObject({ items: 1, created: 0, updated: 0, unchanged: 1 });
  });

  it('takes JSON lines of documents one by one: a misspelt key is a warning, a title without a language rejects only its own document', async () => {
    const misspelt = { ...exampleDocument(), 'MensgemaaktObject.titell': 'Stilleven' };
    const plainTitle = { ...exampleDocument(), '@id': 'https://collectie.example.org/id/object/2032', 'MensgemaaktObject.titel': 'Stilleven zonder taal' };
    const file = join(tempDir(), 'objects.ndjson');
    writeFileSync(file, `${JSON.stringify(misspelt)}\n${JSON.stringify(plainTitle)}\n`);

    const result = await ingestInto(tempDir(), file, OPTIONS);
    expect(result.summary).toMatchObject({ items: 2, created: 1, rejectedItems: 1 });
    const warning = result.report.find((e) => e.path === 'MensgemaaktObject.titell');
    expect(warning).toMatchObject({ severity: 'warning', position: { line: 1 } });
    expect(warning?.message).toContain('not defined by the document\'s JSON-LD context');
    const errors = result.report.filter((e) => e.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      position: { line: 2 }, record: 'https://collectie.example.org/id/object/2032',
      path: 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title', value: '"Stilleven zonder taal"',
    });
  });

  it('writes the older E22_Man-Made_Object as E22_Human-Made_Object', async () => {
    const older = { ...exampleDocument(), '@type': 'http://www.cidoc-crm.org/cidoc-crm/E22_Man-Made_Object' };
    const file = join(tempDir(), 'older.jsonld');
    writeFileSync(file, JSON.stringify(older));
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, file, OPTIONS);
    expect(result.summary).toMatchObject({ items: 1, created: 1 });
    const types = storedGraph(dataDir).filter((q) => q.subject.value === OBJECT && q.predicate.value.endsWith('#type')).map((q) => q.object.value);
    expect(types).toEqual(['http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object']);
  });

  it('refuses a document whose context is not bundled, naming the context, and stores nothing', async () => {
    const file = join(tempDir(), 'other.jsonld');
    writeFileSync(file, JSON.stringify({ ...exampleDocument(), '@context': 'https://example.org/unknown-context.jsonld' }));
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, file, OPTIONS);
    expect(result.summary).toMatchObject({ items: 1, created: 0, rejectedItems: 1 });
    expect(result.report.find((e) => e.severity === 'error')?.message).toContain('<https://example.org/unknown-context.jsonld> is not bundled');
    expect(storedGraph(dataDir)).toEqual([]);
  });
});

describe.skipIf(!available)(
  available
    ? 'the official OSLO Cultureel Erfgoed examples through the oslo-cultureel-erfgoed mapping'
    : 'the official OSLO Cultureel Erfgoed examples through the oslo-cultureel-erfgoed mapping (skipped: the shared reference folder with oslo-cultureel-erfgoed/ is missing; see test/helpers/reference.ts)',
  () => {
    const run = (file: string) => ingestInto(tempDir(), join(REFERENCE, file), { ...OPTIONS, dryRun: true });
    const errors = (result: Awaited<ReturnType<typeof run>>) => result.report.filter((e) => e.severity === 'error').map((e) => `${e.focusNode ?? '-'} ${e.path ?? '-'} ${e.value ?? '-'}`).sort();

    it('Publicatie Reynaert de Vos: its information object is one valid record', async () => {
      const result = await run('example-publicatie-reynaert-de-vos.jsonld');
      expect(errors(result)).toEqual([]);
      expect(result.summary).toMatchObject({ items: 1, records: 1, rejectedItems: 0 });
    });

    it('Museaal object (Van Rysselberghe): rejected for the currency the example gives as a literal', async () => {
      const result = await run('example-museaal-object-schilderij-theo-van-rysselberghe.jsonld');
      expect(result.summary).toMatchObject({ items: 1, rejectedItems: 1, rejectedRecords: 1 });
      expect(errors(result)).toEqual([
        'ex:Dimensie002 http://www.cidoc-crm.org/cidoc-crm/P180_has_currency "https://example.com/valuta/belgische_frank"^^<http://www.w3.org/2004/02/skos/core#Concept>',
      ]);
    });

    it('Archief Tumult: its four sets are rejected together, for the carried set and for a member given as ""', async () => {
      const result = await run('example-archief-tumult.jsonld');
      expect(result.summary).toMatchObject({ items: 1, rejectedItems: 1, rejectedRecords: 4 });
      // "Set.heeftLid": [""] is a reference to the document itself, which JSON-LD resolves
      // against the base: here the server's base IRI, which is no heritage entity.
      expect(errors(result).map((line) => line.replace(/^_:\S+/, '_:'))).toEqual([
        '_: http://www.cidoc-crm.org/cidoc-crm/P128_carries <https://hdl.handle.net/10796/9405f30b-564a-44c4-a86a-a089065ff129>',
        'https://hdl.handle.net/10796/58eaf63c-6c3c-417d-9da0-06e25b1ab4e9 https://linked.art/ns/terms/has_member <http://localhost:8080/>',
      ]);
    });
  },
);
