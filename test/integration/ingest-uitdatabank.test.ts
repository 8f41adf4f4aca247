import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { getMapping } from '../../src/ingest/mapping/mapping-catalog.js';
import { MappingPipeline, type ItemOutcome } from '../../src/ingest/mapping/mapping-pipeline.js';
import type { MappedRecord } from '../../src/ingest/mapping/record-splitter.js';
import { shapeValidators } from '../../src/ingest/shape-validators.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { ingestInto, TEST_BASE_IRI } from '../helpers/ingest.js';
import { parseRdf } from '../helpers/isomorphism.js';
import { tempDir } from '../helpers/temp-dir.js';
import { referenceDir } from '../helpers/reference.js';

const EXAMPLE_JSON = new URL('../../oslo-mappings/uitdatabank/example/uitdatabank.json', import.meta.url).pathname;
/** publiq's UiTdatabank fixtures (GPL-3.0): read from the shared reference folder, never copied. */
const REFERENCE = `${referenceDir('publiq-uitdatabank')}/`;
const HAVE_REFERENCE = existsSync(REFERENCE);

const DATASET = 'uit';
const PRODUCTION = (uuid: string): string => `${TEST_BASE_IRI}id/production/${DATASET}/${uuid}`;
const PLACE = (id: string): string => `${TEST_BASE_IRI}id/place/${DATASET}/${id}`;
const AGENT = (id: string): string => `${TEST_BASE_IRI}id/agent/${DATASET}/${id}`;

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  crm: 'http://www.cidoc-crm.org/cidoc-crm/',
  cp: 'https://data.vlaanderen.be/ns/cultuurparticipatie#',
  m8g: 'http://data.europa.eu/m8g/',
  locn: 'http://www.w3.org/ns/locn#',
  dcterms: 'http://purl.org/dc/terms/',
  schema: 'https://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  prov: 'http://www.w3.org/ns/prov#',
} as const;
const TYPE = `${NS.rdf}type`;
const SUBACTIVITEIT = `${NS.cp}Activiteit.subactiviteit`;
const RUIMTETIJD = `${NS.cp}ruimtetijd`;

/** The values of a property in a graph, as `value@lang` for literals with a language and plain values otherwise. */
function values(graph: Store, subject: string, predicate: string): string[] {
  return graph.getObjects(DataFactory.namedNode(subject), DataFactory.namedNode(predicate), null)
    .map((term) => (term.termType === 'Literal' && term.language !== '' ? `${term.value}@${term.language}` : term.value))
    .sort();
}

/** Follows a path of properties from a subject; every value reached. */
function follow(graph: Store, subject: string, ...path: string[]): string[] {
  let nodes = [subject];
  for (const predicate of path) nodes = nodes.flatMap((node) => values(graph, node, predicate));
  return nodes.sort();
}

function graphOf(record: MappedRecord | undefined): Store {
  if (record === undefined) throw new Error('no such record');
  return new Store([...record.quads]);
}

/** Replaces Behat placeholders (`%{placeId}`) in a publiq fixture; an unknown one fails the test. */
function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/%\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the fixture has a placeholder %{${name}} the test does not fill`);
    return value;
  });
}

describe('uitdatabank mapping', () => {
  let pipeline: MappingPipeline;
  const map = (value: unknown): Promise<ItemOutcome> => pipeline.map({ kind: 'json', position: { source: 'test' }, value });
  const accepted = async (value: unknown): Promise<Map<string, MappedRecord>> => {
    const outcome = await map(value);
    if (!outcome.accepted) throw new Error(`rejected: ${JSON.stringify(outcome.problems, null, 2)}`);
    expect(outcome.warnings).toEqual([]);
    return new Map(outcome.records.map((record) => [record.iri, record]));
  };

  beforeAll(async () => {
    const validator = await shapeValidators()('cultuurparticipatie');
    pipeline = MappingPipeline.open(getMapping('uitdatabank'), { baseIri: TEST_BASE_IRI, dataset: DATASET, validator });
  });

  describe('the example (example/uitdatabank.json)', () => {
    const example = JSON.parse(readFileSync(EXAMPLE_JSON, 'utf8')) as unknown[];

    it('ingests every document: events, a place and an organizer on their own', async () => {
      const dataDir = tempDir();
      const result = await ingestInto(dataDir, EXAMPLE_JSON, { dataset: DATASET, mapping: 'uitdatabank' });
      expect(result.report.filter((e) => e.severity === 'error')).toEqual([]);
      expect(result.summary).toMatchObject({ items: 5, rejectedItems: 0 });
      const store = SqliteRecordStore.open(dataDir);
      try {
        const kinds = Object.fromEntries([
          PRODUCTION('4f6f1c52-8a0e-4c4d-9a2b-6d1e2f3a4b5c'), PRODUCTION('9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'), PRODUCTION('2d3e4f50-6a7b-4c8d-9e0f-1a2b3c4d5e6f'),
          AGENT('7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f'), AGENT('9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d-organisator'), AGENT('5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b'),
        ].map((iri) => [iri, store.getRecord(iri)?.kind]));
        expect(Object.values(kinds)).toEqual(['production', 'production', 'production', 'agent', 'agent', 'agent']);
        expect(store.getRecord(PLACE('1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d'))?.deleted).toBe(false);
        expect(store.getRecord(PLACE('9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d-locatie'))?.deleted).toBe(false);
      } finally {
        store.close();
      }
      // The place document repeats the first event's location; its fuller description is kept.
      expect(result.report).toContainEqual(expect.objectContaining({ severity: 'warning', record: PLACE('1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d') }));
      // The permanent tour has no event type: reported, stored.
      expect(result.report).toContainEqual(expect.objectContaining({
        severity: 'warning', focusNode: PRODUCTION('2d3e4f50-6a7b-4c8d-9e0f-1a2b3c4d5e6f'), path: `${NS.dcterms}type`,
      }));
    });

    it('makes a multiple calendar a production with one performance per sub-event, at the location', async () => {
      const records = await accepted(example[0]);
      const production = PRODUCTION('4f6f1c52-8a0e-4c4d-9a2b-6d1e2f3a4b5c');
      const place = PLACE('1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d');
      const organizer = AGENT('7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f');
      expect([...records.keys()].sort()).toEqual([organizer, place, production].sort());

      const graph = graphOf(records.get(production));
      expect(values(graph, production, TYPE)).toEqual([`${NS.crm}E7_Activity`, `${NS.schema}Event`]);
      expect(values(graph, production, `${NS.dcterms}title`)).toEqual(['De wachtkamer@nl', 'The Waiting Room@en']);
      expect(values(graph, production, `${NS.dcterms}type`)).toEqual(['https://taxonomy.uitdatabank.be/terms/0.55.0.0.0']);
      expect(values(graph, production, `${NS.crm}P14_carried_out_by`)).toEqual([organizer]);
      const performances = values(graph, production, SUBACTIVITEIT);
      expect(performances).toEqual(['20251009T200000', '20251010T200000', '20251011T150000'].map((key) => `${production}#voorstelling-${key}`));
      for (const performance of performances) {
        expect(values(graph, performance, TYPE)).toEqual([`${NS.crm}E7_Activity`]);
        expect(follow(graph, performance, RUIMTETIJD, `${NS.crm}P161_has_spatial_projection`)).toEqual([place]);
      }
      expect(follow(graph, `${production}#voorstelling-20251011T150000`, RUIMTETIJD, `${NS.crm}P160_has_temporal_projection`, `${NS.m8g}startTime`))
        .toEqual(['2025-10-11T15:00:00+02:00']);
      expect(values(graph, production, RUIMTETIJD)).toEqual([]);
      expect(follow(graph, production, `${NS.cp}Activiteit.prijs`, `${NS.schema}price`, `${NS.schema}value`).map(Number).sort()).toEqual([10.5, 18]);
      expect(follow(graph, production, `${NS.cp}Activiteit.prijs`, `${NS.skos}prefLabel`)).toEqual(['Base price@en', 'Basistarief@nl', 'Jongeren tot 26@nl', 'Under 26@en']);

      const placeGraph = graphOf(records.get(place));
      expect(values(placeGraph, place, TYPE)).toEqual([`${NS.dcterms}Location`, `${NS.crm}E53_Place`]);
      expect(values(placeGraph, place, `${NS.locn}locatorName`)).toEqual(['Podiumhuis Scheldeoever@nl']);
      expect(follow(placeGraph, place, `${NS.locn}address`, `${NS.locn}fullAddress`)).toEqual(['Scheldeoever 12, 2000 Antwerpen, BE@nl']);
      const organizerGraph = graphOf(records.get(organizer));
      expect(values(organizerGraph, organizer, TYPE)).toEqual([`${NS.crm}E39_Actor`, `${NS.cp}Organisator`]);
      expect(values(organizerGraph, organizer, `${NS.cp}Realisator.naam`)).toEqual(['Podiumhuis Scheldeoever vzw@nl']);
      expect(values(organizerGraph, organizer, 'http://xmlns.com/foaf/0.1/homepage')).toEqual(['https://example.org/podiumhuis-scheldeoever/']);
    });

    it('gives a periodic calendar one time span with opening hours, and legacy locations and organizers without @id records of their own', async () => {
      const records = await accepted(example[1]);
      const uuid = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
      const production = PRODUCTION(uuid);
      expect([...records.keys()].sort()).toEqual([AGENT(`${uuid}-organisator`), PLACE(`${uuid}-locatie`), production].sort());
      const graph = graphOf(records.get(production));
      expect(values(graph, production, SUBACTIVITEIT)).toEqual([]);
      expect(follow(graph, production, RUIMTETIJD, `${NS.crm}P161_has_spatial_projection`)).toEqual([PLACE(`${uuid}-locatie`)]);
      expect(follow(graph, production, RUIMTETIJD, `${NS.crm}P160_has_temporal_projection`, `${NS.m8g}endTime`)).toEqual(['2025-08-31T23:59:59+02:00']);
      const hours = follow(graph, production, `${NS.cp}Activiteit.beschikbaarheid`, `${NS.schema}hoursAvailable`);
      expect(hours).toEqual([`${production}#openingsuren-1000-1700`, `${production}#openingsuren-1100-1800`]);
      expect(values(graph, hours[1] ?? '', `${NS.schema}dayOfWeek`)).toEqual([`${NS.schema}Saturday`, `${NS.schema}Sunday`]);
      const placeGraph = graphOf(records.get(PLACE(`${uuid}-locatie`)));
      const address = `${PLACE(`${uuid}-locatie`)}#adres`;
      expect(values(placeGraph, address, `${NS.locn}thoroughfare`)).toEqual(['Havenkaai@nl']);
      expect(values(placeGraph, address, `${NS.locn}locatorDesignator`)).toEqual(['5 bus 2']);
      expect(follow(placeGraph, PLACE(`${uuid}-locatie`), `${NS.locn}geometry`, 'http://www.opengis.net/ont/geosparql#asWKT')).toEqual(['POINT(2.9187 51.2301)']);
      // A plain-string name is in the document's main language.
      expect(values(graphOf(records.get(AGENT(`${uuid}-organisator`))), AGENT(`${uuid}-organisator`), `${NS.cp}Realisator.naam`)).toEqual(['Vzw Kustlicht@nl']);
    });

    it('puts a permanent offer at its location without a time, and links a bare location without describing it', async () => {
      const production = PRODUCTION('2d3e4f50-6a7b-4c8d-9e0f-1a2b3c4d5e6f');
      const outcome = await map(example[2]);
      if (!outcome.accepted) throw new Error(`rejected: ${JSON.stringify(outcome.problems)}`);
      expect(outcome.records.map((r) => r.iri)).toEqual([production]);
      const graph = graphOf(outcome.records[0]);
      expect(values(graph, production, `${NS.prov}atLocation`)).toEqual([PLACE('1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d')]);
      expect(values(graph, production, RUIMTETIJD)).toEqual([]);
    });

    it('maps place and organizer documents on their own, with one address holding every language', async () => {
      const place = PLACE('1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d');
      const placeGraph = graphOf((await accepted(example[3])).get(place));
      expect(values(placeGraph, place, `${NS.locn}locatorName`)).toEqual(['Podiumhuis Scheldeoever@fr', 'Podiumhuis Scheldeoever@nl']);
      expect(values(placeGraph, place, `${NS.locn}address`)).toEqual([`${place}#adres`]);
      expect(values(placeGraph, `${place}#adres`, `${NS.locn}postName`)).toEqual(['Antwerpen@nl', 'Anvers@fr']);
      expect(values(placeGraph, `${place}#adres`, `${NS.locn}postCode`)).toEqual(['2000']);

      const organizer = AGENT('5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b');
      const records = await accepted(example[4]);
      expect([...records.keys()]).toEqual([organizer]);
      const graph = graphOf(records.get(organizer));
      expect(values(graph, organizer, `${NS.cp}Realisator.naam`)).toEqual(['Kwartet Scheldewind@nl', 'Scheldewind Quartet@en']);
      expect(follow(graph, organizer, `${NS.schema}contactPoint`, `${NS.schema}telephone`)).toEqual(['+32 3 123 45 67']);
    });

    it('rejects a document without @id: nothing to name its records by', async () => {
      const anonymous = { ...(example[0] as Record<string, unknown>) };
      delete anonymous['@id'];
      const outcome = await map(anonymous);
      expect(outcome.accepted).toBe(false);
      expect(outcome.accepted ? [] : outcome.problems.map((p) => p.message)).toEqual([expect.stringMatching(/made no record/)]);
    });

    it('rejects an event whose names have no text (the production shape requires a title)', async () => {
      const outcome = await map({ ...(example[2] as Record<string, unknown>), name: {} });
      expect(outcome.accepted).toBe(false);
      expect(outcome.accepted ? [] : outcome.problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual([`${NS.dcterms}title`]);
    });
  });

  describe.skipIf(!HAVE_REFERENCE)('publiq\'s UiTdatabank samples (skipped when the shared reference folder has no publiq-uitdatabank; see test/helpers/reference.ts)', () => {
    it('maps an API export (EventExport sample) to a production, its place and its organizer', async () => {
      const document = JSON.parse(readFileSync(`${REFERENCE}EventExport_samples_event_with_price.json`, 'utf8')) as unknown;
      const records = await accepted(document);
      const production = PRODUCTION('d1f0e71d-a9a8-4069-81fb-530134502c58');
      const place = PLACE('a871db85-01db-dbd3-daf62cdb2dd7b871');
      const organizer = AGENT('7481a1f9-d5cb-3bc9-d3c308240015b44d');
      expect([...records.keys()].sort()).toEqual([organizer, place, production].sort());

      const graph = graphOf(records.get(production));
      expect(values(graph, production, `${NS.dcterms}title`)).toEqual(['Koran, kaliefen en kruistochten - De fundamenten van de islam@nl']);
      expect(values(graph, production, `${NS.dcterms}type`)).toEqual(['https://taxonomy.uitdatabank.be/terms/0.3.1.0.0']);
      expect(values(graph, production, `${NS.cp}thema`)).toEqual(['https://taxonomy.uitdatabank.be/terms/1.11.0.0.0']);
      expect(values(graph, production, `${NS.crm}P14_carried_out_by`)).toEqual([organizer]);
      // A multiple calendar the export gives without sub-events: the production's own time span.
      expect(values(graph, production, SUBACTIVITEIT)).toEqual([]);
      expect(follow(graph, production, RUIMTETIJD, `${NS.crm}P161_has_spatial_projection`)).toEqual([place]);
      const period = follow(graph, production, RUIMTETIJD, `${NS.crm}P160_has_temporal_projection`);
      expect(values(graph, period[0] ?? '', `${NS.m8g}startTime`).map((t) => Date.parse(t))).toEqual([Date.parse('2015-03-02T13:30:00+01:00')]);
      expect(values(graph, period[0] ?? '', `${NS.m8g}endTime`).map((t) => Date.parse(t))).toEqual([Date.parse('2015-03-30T16:30:00+02:00')]);
      const prices = values(graph, production, `${NS.cp}Activiteit.prijs`);
      expect(prices.flatMap((price) => follow(graph, price, `${NS.schema}price`, `${NS.schema}value`)).map(Number).sort()).toEqual([0, 10.5]);
      expect(prices.flatMap((price) => values(graph, price, `${NS.cp}Prijsinfo.prijscategorie`)))
        .toEqual(['https://data.cultuurparticipatie.be/id/concept/PrijsCategorieType/basis']);

      const placeGraph = graphOf(records.get(place));
      expect(values(placeGraph, place, `${NS.locn}locatorName`)).toEqual(['Cultuurcentrum De Kruisboog@nl']);
      expect(values(placeGraph, place, `${NS.dcterms}description`)).toEqual([expect.stringMatching(/@nl$/)]);
      expect(values(placeGraph, `${place}#adres`, `${NS.locn}fullAddress`)).toEqual(['Sint-Jorisplein 20, 3300 Tienen, BE@nl']);
      expect(values(placeGraph, `${place}#adres`, `${NS.locn}thoroughfare`)).toEqual(['Sint-Jorisplein@nl']);
      expect(values(placeGraph, `${place}#adres`, `${NS.locn}locatorDesignator`)).toEqual(['20']);

      const organizerGraph = graphOf(records.get(organizer));
      expect(values(organizerGraph, organizer, `${NS.cp}Realisator.naam`)).toEqual(['Davidsfonds Academie@nl']);
      expect(follow(organizerGraph, organizer, `${NS.schema}contactPoint`, `${NS.schema}telephone`)).toEqual(['+32 16 310608', '+32 16 310670']);
      expect(follow(organizerGraph, organizer, `${NS.locn}address`, `${NS.locn}fullAddress`)).toEqual(['Blijde-Inkomststraat 77, 3000 Leuven, BE@nl']);
    });

    describe('the event with all fields (POST body) against publiq\'s own expected OSLO RDF', () => {
      const placeId = '3c4d5e6f-7a8b-4c9d-8e0f-a1b2c3d4e5f6';
      const eventId = '6b1f3a2e-4c5d-4e6f-9a7b-8c9d0e1f2a3b';
      const production = PRODUCTION(eventId);
      /** The body as UiTdatabank serves it once created: placeholders filled, an @id given. */
      const served = (): Record<string, unknown> => ({
        ...(JSON.parse(fillPlaceholders(readFileSync(`${REFERENCE}events_rdf_event-with-all-fields.json`, 'utf8'), {
          baseUrl: 'https://io-test.uitdatabank.be', placeId, imageId: 'image-1', imageUrl: 'https://images.uitdatabank.dev/image-1.jpeg',
        })) as Record<string, unknown>),
        '@id': `https://io-test.uitdatabank.be/events/${eventId}`,
      });
      /** publiq's Behat template of the RDF, its placeholders made into IRI-safe text. */
      const expected = (): Store => new Store(parseRdf(readFileSync(`${REFERENCE}events_rdf_event-with-all-fields.ttl`, 'utf8').replace(/%\{(\w+)\}/g, (_, name: string) => (name === 'placeId' ? placeId : `placeholder-${name}`))));
      const subjectsOfType = (graph: Store, type: string): string[] => graph.getSubjects(TYPE, DataFactory.namedNode(type), null).map((s) => s.value);
      const periods = (graph: Store): string[] => subjectsOfType(graph, `${NS.m8g}PeriodOfTime`)
        .map((p) => `${Date.parse(values(graph, p, `${NS.m8g}startTime`)[0] ?? '')}/${Date.parse(values(graph, p, `${NS.m8g}endTime`)[0] ?? '')}`).sort();
      const lastSegment = (iri: string): string => iri.slice(iri.lastIndexOf('/') + 1);
      let graph: Store;
      let publiq: Store;
      let publiqEvent: string;

      beforeAll(async () => {
        const records = await accepted(served());
        // The location is only referenced ({"@id": …}): linked, not described.
        expect([...records.keys()]).toEqual([production]);
        graph = graphOf(records.get(production));
        publiq = expected();
        publiqEvent = subjectsOfType(publiq, `${NS.crm}E7_Activity`)[0] ?? '';
      });

      it('has one performance per sub-event, with the time spans publiq gives the event', () => {
        expect(values(graph, production, SUBACTIVITEIT)).toHaveLength(2);
        expect(subjectsOfType(graph, `${NS.crm}E92_Spacetime_Volume`)).toHaveLength(values(publiq, publiqEvent, RUIMTETIJD).length);
        expect(periods(graph)).toEqual(periods(publiq));
        expect(follow(graph, production, SUBACTIVITEIT, RUIMTETIJD, `${NS.crm}P161_has_spatial_projection`).map(lastSegment))
          .toEqual(follow(publiq, publiqEvent, RUIMTETIJD, `${NS.crm}P161_has_spatial_projection`).map(lastSegment));
        expect(follow(graph, production, SUBACTIVITEIT, RUIMTETIJD, `${NS.crm}P161_has_spatial_projection`)).toEqual([PLACE(placeId), PLACE(placeId)]);
      });

      it('has the titles, descriptions, type and theme publiq gives the event, language-tagged', () => {
        for (const property of [`${NS.dcterms}title`, `${NS.dcterms}description`]) {
          expect(values(graph, production, property)).toEqual(values(publiq, publiqEvent, property));
        }
        expect(values(graph, production, `${NS.dcterms}title`)).toEqual(['Event met alle velden@nl', 'Event with all fields@en']);
        for (const property of [`${NS.dcterms}type`, `${NS.cp}thema`]) {
          expect(values(graph, production, property).map(lastSegment)).toEqual(values(publiq, publiqEvent, property).map(lastSegment));
        }
      });

      it('has the price publiq gives the event, with its name in four languages', () => {
        const price = (g: Store, event: string): string[] => follow(g, event, `${NS.cp}Activiteit.prijs`, `${NS.skos}prefLabel`);
        expect(price(graph, production)).toEqual(price(publiq, publiqEvent));
        expect(price(graph, production)).toHaveLength(4);
        expect(follow(graph, production, `${NS.cp}Activiteit.prijs`, `${NS.schema}price`, `${NS.schema}value`).map(Number))
          .toEqual(follow(publiq, publiqEvent, `${NS.cp}Activiteit.prijs`, `${NS.schema}price`, `${NS.schema}value`).map(Number));
      });
    });
  });
});

describe('uitdatabank --replace', () => {
  const items = JSON.parse(readFileSync(EXAMPLE_JSON, 'utf8')) as Array<Record<string, unknown>>;
  const lines = (values: readonly unknown[]): string => `${values.map((value) => JSON.stringify(value)).join('\n')}\n`;
  /** The live records of the dataset, as N-Quads. */
  const storedNQuads = (dataDir: string): string => {
    const store = SqliteRecordStore.open(dataDir);
    try {
      return [...store.iterateNQuads({ dataset: 'uit-replace' })].join('');
    } finally {
      store.close();
    }
  };
  const liveRecords = (dataDir: string): string[] => {
    const quads = new Parser({ format: 'application/n-quads' }).parse(storedNQuads(dataDir));
    return [...new Set(quads.map((q) => q.graph.value))].sort();
  };

  it('rejects an item with a value no IRI can be made of, naming it, and stores the others', async () => {
    const dir = tempDir();
    const input = join(dir, 'sjabloon.ndjson');
    const template = { ...items[1], location: { ...(items[1]?.location as Record<string, unknown>), '@id': '%{baseUrl}/places/x' } };
    writeFileSync(input, lines([items[0], template, ...items.slice(2)]));
    // Batches of one: the items before and after the bad one are written in batches of their own.
    const outcome = await ingestInto(join(dir, 'data'), input, { dataset: 'uit-replace', mapping: 'uitdatabank', batchSize: 1, threads: 1 });
    expect(outcome.summary).toMatchObject({ rejectedItems: 1 });
    expect(outcome.summary.created).toBeGreaterThan(0);
    const errors = outcome.report.filter((entry) => entry.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({
      position: expect.objectContaining({ line: 2 }) as unknown,
      path: 'location', value: `${TEST_BASE_IRI}%{baseUrl}/places/x`,
      message: expect.stringMatching(new RegExp(`^"${TEST_BASE_IRI}%\\{baseUrl\\}/places/x" cannot be stored as an IRI \\(`)) as unknown,
    })]);
    expect(liveRecords(join(dir, 'data')).length).toBeGreaterThan(3);
  });

  it('warns about a key an item repeats, naming its line, and stores the item with the last value as JSON reads it', async () => {
    const dir = tempDir();
    const input = join(dir, 'dubbel.ndjson');
    const text = lines(items.slice(0, 2));
    const [first = '', second = ''] = text.split('\n');
    // The second item names itself twice: the exporting tool's bug, not the mapping's.
    writeFileSync(input, `${first}\n${second.replace(/^\{/, '{"name":{"nl":"Eerst"},')}\n`);
    const outcome = await ingestInto(join(dir, 'data'), input, { dataset: 'uit-replace', mapping: 'uitdatabank', threads: 1 });
    expect(outcome.summary).toMatchObject({ rejectedItems: 0 });
    const repeated = outcome.report.filter((entry) => entry.message.includes('repeats the one at'));
    expect(repeated).toEqual([expect.objectContaining({
      severity: 'warning', position: expect.objectContaining({ line: 2 }) as unknown,
      message: expect.stringMatching(/^the key "name" at line 2, column \d+ repeats the one at line 2, column 2 in the same object; JSON keeps only the last value/) as unknown,
    })]);
  });

  it('warns about a key it does not read, a misspelt one or an address in a language it does not know, and stores the document', async () => {
    const dir = tempDir();
    const input = join(dir, 'onbekend.ndjson');
    const place = items[3] ?? {};
    const address = place.address as Record<string, unknown>;
    const misspelt = { ...items[0], startdate: items[0]?.startDate };
    const spanish = { ...place, address: { ...address, es: address.nl } };
    writeFileSync(input, lines([misspelt, spanish]));
    const outcome = await ingestInto(join(dir, 'data'), input, { dataset: 'uit-replace', mapping: 'uitdatabank', threads: 1 });
    expect(outcome.summary).toMatchObject({ rejectedItems: 0 });
    const unread = outcome.report.filter((entry) => entry.message.includes('does not read'));
    expect(unread).toEqual([
      expect.objectContaining({ severity: 'warning', position: expect.objectContaining({ line: 1 }) as unknown, path: 'startdate', message: 'the mapping uitdatabank does not read the key "startdate", so its values are left out' }),
      expect.objectContaining({ severity: 'warning', position: expect.objectContaining({ line: 2 }) as unknown, path: 'es', message: 'the mapping uitdatabank does not read the key "es", so its values are left out' }),
    ]);
    // The keys the mapping reads, the address languages it knows and those its context leaves out
    // on purpose (a term's label, labels, mediaObject, ...) give no warning: the example gives none.
    const example = await ingestInto(join(dir, 'voorbeeld'), EXAMPLE_JSON, { dataset: 'uit-replace', mapping: 'uitdatabank', threads: 1 });
    expect(example.report.filter((entry) => entry.message.includes('does not read'))).toEqual([]);
  });

  it('reads a day without a time as an xsd:date, as UiTdatabank writes a periodic offer\'s dates', async () => {
    const dir = tempDir();
    const input = join(dir, 'dagen.ndjson');
    const periodic = { ...items[1], startDate: '2025-01-01', endDate: '2025-12-31' };
    writeFileSync(input, lines([periodic]));
    const outcome = await ingestInto(join(dir, 'data'), input, { dataset: 'uit-replace', mapping: 'uitdatabank', threads: 1 });
    expect(outcome.report.filter((entry) => entry.severity === 'error')).toEqual([]);
    expect(outcome.summary).toMatchObject({ rejectedItems: 0 });
    const text = storedNQuads(join(dir, 'data'));
    expect(text).toContain('"2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>');
    expect(text).toContain('"2025-12-31"^^<http://www.w3.org/2001/XMLSchema#date>');
  });

  it('says that a document without "@id" has nothing to name its records by', async () => {
    const dir = tempDir();
    const input = join(dir, 'zonder-id.ndjson');
    const withoutId = Object.fromEntries(Object.entries(items[0] ?? {}).filter(([key]) => key !== '@id'));
    writeFileSync(input, lines([withoutId]));
    const outcome = await ingestInto(join(dir, 'data'), input, { dataset: 'uit-replace', mapping: 'uitdatabank', threads: 1 });
    expect(outcome.report.filter((entry) => entry.severity === 'error').map((entry) => entry.message)).toEqual([
      'the mapping uitdatabank made no record of it: the document has no "@id", which names its records',
    ]);
  });

  it('leaves the keys it does not read unread: a bad @id in a mediaObject does not reject the event', async () => {
    const dir = tempDir();
    const input = join(dir, 'media.ndjson');
    const withMedia = { ...items[0], image: 'https://images.example.org/x y.jpg', mediaObject: [{ '@id': 'https://io.uitdatabank.be/images/x y', contentUrl: 'https://images.example.org/x y.jpg' }] };
    writeFileSync(input, lines([withMedia]));
    const outcome = await ingestInto(join(dir, 'data'), input, { dataset: 'uit-replace', mapping: 'uitdatabank', threads: 1 });
    expect(outcome.report.filter((entry) => entry.severity === 'error')).toEqual([]);
    expect(outcome.summary).toMatchObject({ rejectedItems: 0 });
    // The image, whose URL has a space, is kept, the space written %20.
    expect(storedNQuads(join(dir, 'data'))).toContain('<https://schema.org/image> <https://images.example.org/x%20y.jpg>');
  });

  it('deletes nothing when an item was rejected before its records were known, and says why', async () => {
    const dir = tempDir();
    const full = join(dir, 'volledig.ndjson');
    writeFileSync(full, lines(items));
    const first = await ingestInto(join(dir, 'data'), full, { dataset: 'uit-replace', mapping: 'uitdatabank' });
    expect(first.summary.rejectedItems).toBe(0);
    const stored = liveRecords(join(dir, 'data'));
    expect(stored.length).toBeGreaterThan(3);

    // The last event's line is broken so badly that its records cannot be known.
    const broken = join(dir, 'kapot.ndjson');
    writeFileSync(broken, lines([...items.slice(0, 2), { ...items[2], '@id': 5 }, ...items.slice(3)]));
    const guarded = await ingestInto(join(dir, 'data'), broken, { dataset: 'uit-replace', mapping: 'uitdatabank', replace: true });
    expect(guarded.summary).toMatchObject({ rejectedItems: 1, rejectedRecords: 0, deleted: 0 });
    expect(guarded.report.map((e) => e.message)).toContain(
      '1 rejected item could not be mapped far enough to tell which records it describes, so --replace deleted nothing; fix the input or the mapping and run again',
    );
    expect(liveRecords(join(dir, 'data'))).toEqual(stored);

    // Without that item, the replace does delete what it described alone.
    const fewer = join(dir, 'minder.ndjson');
    writeFileSync(fewer, lines([...items.slice(0, 2), ...items.slice(3)]));
    const replaced = await ingestInto(join(dir, 'data'), fewer, { dataset: 'uit-replace', mapping: 'uitdatabank', replace: true });
    expect(replaced.summary.deleted).toBeGreaterThan(0);
    expect(liveRecords(join(dir, 'data')).length).toBe(stored.length - replaced.summary.deleted);
  });
});
