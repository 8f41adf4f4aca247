import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMapping } from '../../src/ingest/mapping/mapping-catalog.js';
import { MappingPipeline } from '../../src/ingest/mapping/mapping-pipeline.js';
import { shapeValidators } from '../../src/ingest/shape-validators.js';
import { openLdes } from '../../src/ingest/sources/ldes-reader.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { ingestInto, storedGraph, TEST_BASE_IRI, type IngestOutcome } from '../helpers/ingest.js';
import { expectIsomorphic, parseRdf } from '../helpers/isomorphism.js';
import { sharedTempDir, tempDir } from '../helpers/temp-dir.js';
import { referenceDir } from '../helpers/reference.js';

const EXAMPLE_DIR = new URL('../../oslo-mappings/oslo-ldes/example/', import.meta.url);
const EXAMPLE = new URL('members.ndjson', EXAMPLE_DIR).pathname;
const EXPECTED_TTL = new URL('expected.ttl', EXAMPLE_DIR).pathname;
const EXAMPLE_OBJECT = 'https://collectie.example.org/id/mensgemaaktobject/vb/1001';
const OPTIONS = { dataset: 'vb', mapping: 'oslo-ldes' } as const;
const PREFIXES = `@prefix crm: <http://www.cidoc-crm.org/cidoc-crm/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix la: <https://linked.art/> .
@prefix la-terms: <https://linked.art/ns/terms/> .
`;

describe('oslo-ldes mapping', () => {
  it('maps the example members to exactly the expected OSLO graph', async () => {
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, EXAMPLE, OPTIONS);
    expect(result.report.filter((e) => e.severity === 'error')).toEqual([]);
    expect(result.summary).toMatchObject({ items: 2, records: 2, created: 2, rejectedItems: 0 });
    await expectIsomorphic(storedGraph(dataDir), parseRdf(readFileSync(EXPECTED_TTL, 'utf8')));
  });

  it('stores a member under the object it is a version of, so a newer version updates that record', async () => {
    const dataDir = tempDir();
    await ingestInto(dataDir, EXAMPLE, OPTIONS);
    const [object = '', agent = ''] = readFileSync(EXAMPLE, 'utf8').trim().split('\n');
    const newer = JSON.parse(object) as Record<string, unknown>;
    newer['@id'] = `${EXAMPLE_OBJECT}/2024-06-01T12:00:00Z`;
    newer['http://www.cidoc-crm.org/cidoc-crm/P102_has_title'] = { '@language': 'nl', '@value': 'Koffiemolen met lade' };
    const file = join(tempDir(), 'newer.ndjson');
    writeFileSync(file, `${JSON.stringify(newer)}\n${agent}\n`);

    const result = await ingestInto(dataDir, file, OPTIONS);
    expect(result.summary).toMatchObject({ items: 2, created: 0, updated: 1, unchanged: 1 });
    const store = SqliteRecordStore.open(dataDir);
    try {
      const record = store.getRecord(EXAMPLE_OBJECT);
      expect(record?.version).toBe(2);
      expect(record?.nquads).toContain('"Koffiemolen met lade"@nl');
      expect(record?.nquads).not.toContain('2024-06-01T12:00:00Z');
    } finally {
      store.close();
    }
  });

  it('reads a decimal comma, an inch and a unit it does not know, and keeps a value that is no number as written, with a warning', async () => {
    const dataDir = tempDir();
    const [object = '', agent = ''] = readFileSync(EXAMPLE, 'utf8').trim().split('\n');
    const member = JSON.parse(object) as Record<string, unknown>;
    const dimension = (type: string, value: string, unit: string) => ({
      '@type': 'Dimensie', 'http://www.cidoc-crm.org/cidoc-crm/P2_has_type': { '@id': `http://vocab.getty.edu/aat/${type}`, 'skos:prefLabel': { '@language': 'nl', '@value': type } },
      'https://schema.org/value': value, 'https://schema.org/unitText': unit,
    });
    member['MensgemaaktObject.dimensie'] = [dimension('hoogte', '52,5', 'cm'), dimension('breedte', '10', 'Inch'), dimension('diepte', '3', 'el'), dimension('gewicht', 'ca. 2', 'kg'),
      dimension('omtrek', '12', 'duimen')];
    const file = join(tempDir(), 'maten.ndjson');
    writeFileSync(file, `${JSON.stringify(member)}\n${agent}\n`);
    const result = await ingestInto(dataDir, file, OPTIONS);
    expect(result.report.filter((e) => e.severity === 'error')).toEqual([]);
    const store = new Store(storedGraph(dataDir));
    const valueOf = (type: string): string | undefined => {
      const [dim] = store.getSubjects('http://www.cidoc-crm.org/cidoc-crm/P2_has_type', `http://vocab.getty.edu/aat/${type}`, null);
      const value = dim === undefined ? undefined : store.getObjects(dim, 'http://www.cidoc-crm.org/cidoc-crm/P90_has_value', null)[0];
      const unit = dim === undefined ? undefined : store.getObjects(dim, 'http://www.cidoc-crm.org/cidoc-crm/P91_has_unit', null)[0];
      const label = unit === undefined ? undefined : store.getObjects(unit, 'http://www.w3.org/2004/02/skos/core#prefLabel', null)[0]?.value;
      return `${value?.value ?? '-'} ${unit?.value.replace(/^.*[/#]/, '') ?? '-'}${label === undefined ? '' : ` "${label}"`}`;
    };
    expect(['hoogte', 'breedte', 'diepte', 'gewicht', 'omtrek'].map(valueOf)).toEqual(['52.5 CentiM', '10 IN', '3 eenheid-el "el"', 'ca. 2 KiloGM', '12 IN']);
    // The value that is no number is kept as written, and A1 says so.
    expect(result.report).toContainEqual(expect.objectContaining({ severity: 'warning', value: '"ca. 2"', message: expect.stringContaining('geen getal') as unknown }));
  });

  it('warns about a key the member\'s contexts do not define and a property the mapping does not read, and stores the rest', async () => {
    const dataDir = tempDir();
    const [object = '', agent = ''] = readFileSync(EXAMPLE, 'utf8').trim().split('\n');
    const misspelt = object
      .replace('"MaterieelDing.productie"', '"MaterieelDing.produktie"')
      .replace('cidoc-crm/P102_has_title"', 'cidoc-crm/P102_has_titel"');
    const file = join(tempDir(), 'tikfouten.ndjson');
    writeFileSync(file, `${misspelt}\n${agent}\n`);
    const result = await ingestInto(dataDir, file, OPTIONS);
    expect(result.summary).toMatchObject({ rejectedItems: 0 });
    const onObject = result.report.filter((e) => e.severity === 'warning' && e.position.line === 1 && !e.message.startsWith('Er is') && e.constraint === undefined);
    expect(onObject).toEqual([
      expect.objectContaining({ path: 'MaterieelDing.produktie', message: 'the key "MaterieelDing.produktie" is not defined by the document\'s JSON-LD context, so it and its value are left out' }),
      expect.objectContaining({
        path: 'http://www.cidoc-crm.org/cidoc-crm/P102_has_titel',
        message: 'the mapping oslo-ldes does not read the property <http://www.cidoc-crm.org/cidoc-crm/P102_has_titel>, so its values are left out',
      }),
    ]);
    // What the mapping leaves out on purpose (mapping.json's leftOut: the version's time and page,
    // the inverse links) gives no warning: the example members give none.
    const example = await ingestInto(tempDir(), EXAMPLE, OPTIONS);
    expect(example.report.filter((e) => e.message.includes('does not read') || e.message.includes('not defined by'))).toEqual([]);
  });

  it('makes the same records of the members when they come as an LDES page', async () => {
    const page = join(tempDir(), 'page.jsonld');
    const members = readFileSync(EXAMPLE, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
    writeFileSync(page, JSON.stringify({
      '@context': { tree: 'https://w3id.org/tree#' },
      '@id': 'https://collectie.example.org/ldes',
      'tree:member': members,
    }));
    const mapping = getMapping('oslo-ldes');
    const validator = await shapeValidators()(mapping.profile);
    const pipeline = MappingPipeline.open(mapping, { baseIri: TEST_BASE_IRI, dataset: 'vb', validator });
    const handle = await openLdes(page, { loader: pipeline.loader, baseIri: TEST_BASE_IRI });
    const quads: RDF.Quad[] = [];
    try {
      for await (const item of handle.items()) {
        expect(item.kind).toBe('rdf');
        const outcome = await pipeline.map(item);
        expect(outcome.accepted).toBe(true);
        if (outcome.accepted) for (const record of outcome.records) quads.push(...record.quads);
      }
    } finally {
      await handle.dispose();
    }
    await expectIsomorphic(new Store(quads).getQuads(null, null, null, null), parseRdf(readFileSync(EXPECTED_TTL, 'utf8')));
  });
});

const GHENT = referenceDir('coghent-ldes');

// The Ghent members are reference data whose licence is unverified: they are read where they
// are and never copied into the repository. Without that folder there is nothing to test.
describe.skipIf(!existsSync(GHENT))(`the Ghent museums' LDES members (${GHENT}; skipped when that folder is missing)`, () => {
  const data = sharedTempDir('cultuurgraaf-ghent-');
  const results = new Map<string, IngestOutcome>();

  beforeAll(async () => {
    for (const file of ['dmg_obj.ndjson', 'hva_obj.ndjson', 'im_obj.ndjson', 'stam_obj.ndjson', 'agents.ndjson']) {
      results.set(file, await ingestInto(data.dir, join(GHENT, file), { dataset: file.replace(/(_obj)?\.ndjson$/, ''), mapping: 'oslo-ldes' }));
    }
  }, 120_000);

  afterAll(() => {
    data.remove();
  });

  const errors = (file: string): unknown[] => (results.get(file)?.report ?? []).filter((entry) => entry.severity === 'error');

  it('stores all 15 Design Museum Gent objects', () => {
    expect(results.get('dmg_obj.ndjson')).toMatchObject({ status: 'succeeded', summary: { items: 15, records: 15, created: 15, rejectedItems: 0 } });
    expect(errors('dmg_obj.ndjson')).toEqual([]);
  });

  it('stores the 12 Huis van Alijn members as 11 objects: two are versions of one object', () => {
    expect(results.get('hva_obj.ndjson')).toMatchObject({
      status: 'succeeded', summary: { items: 12, records: 11, created: 11, unchanged: 0, rejectedItems: 0 },
    });
    expect(errors('hva_obj.ndjson')).toEqual([]);
    // The versions differ only in what the record leaves out (the version IRI and its time): the
    // second gives the same record, which is written once and is no news worth a warning.
    expect(results.get('hva_obj.ndjson')?.report.filter((entry) => entry.message.includes('describes'))).toEqual([]);
  });

  it('stores all 7 Industriemuseum objects and all 12 STAM objects', () => {
    expect(results.get('im_obj.ndjson')).toMatchObject({ status: 'succeeded', summary: { items: 7, created: 7, rejectedItems: 0 } });
    expect(errors('im_obj.ndjson')).toEqual([]);
    expect(results.get('stam_obj.ndjson')).toMatchObject({ status: 'succeeded', summary: { items: 12, created: 12, rejectedItems: 0 } });
    expect(errors('stam_obj.ndjson')).toEqual([]);
  });

  it('stores 3 of the 4 agents and rejects the one whose birth place has no name', () => {
    expect(results.get('agents.ndjson')).toMatchObject({ status: 'succeeded', summary: { items: 4, created: 3, rejectedItems: 1 } });
    expect(errors('agents.ndjson')).toEqual([expect.objectContaining({
      position: expect.objectContaining({ source: 'agents.ndjson', line: 4 }) as unknown,
      record: 'https://stad.gent/id/agent/530000001',
      focusNode: 'http://vocab.getty.edu/tgn/7006947',
      path: 'http://www.w3.org/2000/01/rdf-schema#label',
      constraint: 'http://www.w3.org/ns/shacl#MinCountConstraintComponent',
    })]);
    // The agents write skos:inscheme for skos:inScheme: the mapping does not read it, and says so.
    expect(results.get('agents.ndjson')?.report.filter((entry) => entry.message.includes('does not read')).map((entry) => entry.path))
      .toEqual(Array(4).fill('http://www.w3.org/2004/02/skos/core#inscheme'));
    for (const file of ['dmg_obj.ndjson', 'hva_obj.ndjson', 'im_obj.ndjson', 'stam_obj.ndjson']) {
      expect(results.get(file)?.report.filter((entry) => entry.message.includes('does not read') || entry.message.includes('not defined by'))).toEqual([]);
    }
    const stored = storedGraph(data.dir, ['https://stad.gent/id/agent/470014938']);
    expect(stored.map((q) => `${q.predicate.value} ${q.object.value}`)).toEqual(expect.arrayContaining([
      'http://www.w3.org/2002/07/owl#sameAs http://www.wikidata.org/entity/Q673267',
      'https://data.vlaanderen.be/ns/persoon#datum 1908',
    ]));
  });

  it('maps a Design Museum Gent object to current OSLO: E22_Human-Made_Object, titled, produced by its maker, classified, kept', async () => {
    const object = 'https://stad.gent/id/mensgemaaktobject/dmg/530027440';
    await expectIsomorphic(storedGraph(data.dir, [object]), parseRdf(`${PREFIXES}
<${object}> a crm:E22_Human-Made_Object ;
  crm:P102_has_title "type 294"@nl ;
  crm:P108i_was_produced_by <${object}#vervaardiging> ;
  crm:P41i_was_classified_by <${object}#classificatie-530009149> ;
  crm:P45_consists_of <http://vocab.getty.edu/aat/300010900>, <http://vocab.getty.edu/aat/300014570> ;
  crm:P24i_changed_ownership_through <${object}#verwerving> ;
  crm:P50_has_current_keeper <http://www.wikidata.org/entity/Q1809071> ;
  la-terms:member_of <${object}#collectie-300257284> ;
  crm:P55_has_current_location <${object}#locatie> .
<${object}#vervaardiging> a crm:E12_Production ;
  crm:P108_has_produced <${object}> ;
  crm:P14_carried_out_by <https://stad.gent/id/entiteit/530001198> .
<https://stad.gent/id/entiteit/530001198> a dcterms:Agent ; rdfs:label "Nova"@nl .
<${object}#classificatie-530009149> a crm:E17_Type_Assignment ;
  crm:P41_classified <${object}> ;
  crm:P42_assigned <https://stad.gent/id/concept/530009149> .
<https://stad.gent/id/concept/530009149> a skos:Concept ; skos:prefLabel "tafelgrill"@nl .
<http://vocab.getty.edu/aat/300010900> a skos:Concept ; skos:prefLabel "metaal"@nl .
<http://vocab.getty.edu/aat/300014570> a skos:Concept ; skos:prefLabel "kunststof"@nl .
<${object}#verwerving> a crm:E8_Acquisition ;
  crm:P24_transferred_title_of <${object}> ;
  crm:P22_transferred_title_to <http://www.wikidata.org/entity/Q1809071> .
<http://www.wikidata.org/entity/Q1809071> a dcterms:Agent .
<${object}#collectie-300257284> a la:Set ; crm:P2_has_type <http://vocab.getty.edu/aat/300257284> .
<http://vocab.getty.edu/aat/300257284> a skos:Concept ; skos:prefLabel "huishoudelijke apparaten (ok)"@nl .
<${object}#locatie> a prov:Location ; crm:P3_has_note "depot"@nl .
`));
  });
});
