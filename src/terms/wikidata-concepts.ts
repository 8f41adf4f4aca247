import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { z } from 'zod';
import { RDF as RDFNS, SCHEMA, SKOS, WGS84, XSD } from '../vocab/vocabularies.js';
import { listed } from './listed.js';

const ENTITY = 'http://www.wikidata.org/entity/';
const DIRECT = 'http://www.wikidata.org/prop/direct/';
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]+)*$/i;

const text = z.object({ language: z.string(), value: z.string() });
const claim = z.object({ rank: z.string().optional(), mainsnak: z.object({ datavalue: z.object({ value: z.unknown() }).optional() }) });
/** Dumps before 2019 wrote an empty map as `[]`. */
const map = <T extends z.ZodType>(value: T) => z.preprocess((v) => (Array.isArray(v) && v.length === 0 ? {} : v), z.record(z.string(), value)).optional();
const entitySchema = z.object({
  id: z.string().regex(/^[QP]\d+$/, 'must be a Wikidata id such as Q42'),
  type: z.string().optional(),
  labels: map(text),
  aliases: map(z.array(text)),
  descriptions: map(text),
  claims: map(z.array(claim)),
});

/**
 * Reads a Wikidata JSON entity dump (`latest-all.json`, or a subset of it; `.gz` too): one entity
 * per line, inside `[`/`]` lines and with trailing commas as Wikidata writes it, or as plain JSON
 * lines. Each entity becomes a concept `http://www.wikidata.org/entity/{id}` with
 * `skos:prefLabel` its label per language, `skos:altLabel` its aliases, `skos:scopeNote` its
 * descriptions, `skos:broader` its "subclass of" (P279) values and `wdt:P31` its "instance of"
 * values (deprecated statements left out). What the Network of Terms tells of a place or a
 * person comes along in schema.org and WGS84 (see `factQuads`). Property entities are left out
 * with a warning. A line that is not an entity is an error naming the line.
 */
export async function wikidataConcepts(file: string, source: string, listIri: string): Promise<{ concepts: Array<{ iri: string; quads: RDF.Quad[] }>; errors: string[]; warnings: string[] }> {
  const errors: string[] = [];
  const properties: string[] = [];
  const concepts: Array<{ iri: string; quads: RDF.Quad[] }> = [];
  const input = createReadStream(file).pipe(file.toLowerCase().endsWith('.gz') ? createGunzip() : new PassThrough());
  let line = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    const trimmed = raw.trim().replace(/,$/, '');
    if (trimmed === '' || trimmed === '[' || trimmed === ']') continue;
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      errors.push(`${source} line ${line} is not JSON: ${(error as Error).message}`);
      continue;
    }
    const parsed = entitySchema.safeParse(json);
    if (!parsed.success) {
      errors.push(`${source} line ${line} is not a Wikidata entity: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(the line)'} ${i.message}`).join('; ')}`);
      continue;
    }
    // A property (P279 itself, in a full dump) is no concept of a term list.
    if (parsed.data.type === 'property' || parsed.data.id.startsWith('P')) {
      properties.push(parsed.data.id);
      continue;
    }
    concepts.push({ iri: `${ENTITY}${parsed.data.id}`, quads: entityQuads(parsed.data, listIri) });
  }
  const warnings = properties.length === 0 ? [] : [`${source} holds ${properties.length} ${properties.length === 1 ? 'property' : 'properties'} (${listed(properties, ', ')}): properties are no concepts, and are left out`];
  return { concepts, errors, warnings };
}

function entityQuads(entity: Entity, listIri: string): RDF.Quad[] {
  const subject = DataFactory.namedNode(`${ENTITY}${entity.id}`);
  const quads: RDF.Quad[] = [];
  const add = (predicate: string, object: RDF.Quad_Object): void => {
    quads.push(DataFactory.quad(subject, DataFactory.namedNode(predicate), object));
  };
  add(RDFNS.type, DataFactory.namedNode(SKOS.Concept));
  add(SKOS.inScheme, DataFactory.namedNode(listIri));
  const literal = (value: { language: string; value: string }): RDF.Literal =>
    DataFactory.literal(value.value, LANGUAGE.test(value.language) ? value.language.toLowerCase() : undefined);
  for (const label of Object.values(entity.labels ?? {})) add(SKOS.prefLabel, literal(label));
  for (const aliases of Object.values(entity.aliases ?? {})) for (const alias of aliases) add(SKOS.altLabel, literal(alias));
  for (const description of Object.values(entity.descriptions ?? {})) add(SKOS.scopeNote, literal(description));
  for (const parent of claimItems(entity, 'P279')) add(SKOS.broader, DataFactory.namedNode(`${ENTITY}${parent}`));
  for (const type of claimItems(entity, 'P31')) add(`${DIRECT}P31`, DataFactory.namedNode(`${ENTITY}${type}`));
  factQuads(entity, add);
  return quads;
}

type Entity = z.infer<typeof entitySchema>;

/** The values of an entity's statements of a property; a deprecated statement is one Wikidata keeps as wrong. */
function claimValues(entity: Entity, property: string): unknown[] {
  return (entity.claims?.[property] ?? []).filter((c) => c.rank !== 'deprecated').map((c) => c.mainsnak.datavalue?.value);
}

/** The ids of the entities an entity's statements of a property name (`Q5`). */
function claimItems(entity: Entity, property: string): string[] {
  return claimValues(entity, property)
    .flatMap((value) => (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? [(value as { id: string }).id] : []));
}

/** Wikidata's Earth, the globe WGS84 coordinates are on. */
const EARTH = `${ENTITY}Q2`;

/**
 * A place's coordinates (P625, on Earth) as WGS84 `lat`/`long`; a person's dates of birth and
 * death (P569, P570) as schema.org `birthDate`/`deathDate` in EDTF at the precision Wikidata
 * gives (a day, a month, a year, a decade `185X`, a century `18XX`), and their places of birth and
 * death (P19, P20), occupations (P106) and citizenships (P27) as schema.org links to the entities.
 */
function factQuads(entity: Entity, add: (predicate: string, object: RDF.Quad_Object) => void): void {
  const position = claimValues(entity, 'P625').map((value) => coordinates.safeParse(value)).find((parsed) => parsed.success && (parsed.data.globe ?? EARTH) === EARTH);
  if (position?.success === true) {
    add(WGS84.lat, DataFactory.literal(String(position.data.latitude), DataFactory.namedNode(XSD.decimal)));
    add(WGS84.long, DataFactory.literal(String(position.data.longitude), DataFactory.namedNode(XSD.decimal)));
  }
  for (const [property, predicate] of [['P569', SCHEMA.birthDate], ['P570', SCHEMA.deathDate]] as const) {
    const date = claimValues(entity, property).map(edtf).find((text) => text !== undefined);
    if (date !== undefined) add(predicate, DataFactory.literal(date));
  }
  for (const [property, predicate] of [['P19', SCHEMA.birthPlace], ['P20', SCHEMA.deathPlace], ['P106', SCHEMA.hasOccupation], ['P27', SCHEMA.nationality]] as const) {
    for (const id of new Set(claimItems(entity, property))) add(predicate, DataFactory.namedNode(`${ENTITY}${id}`));
  }
}

const coordinates = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), globe: z.string().optional() });
const time = z.object({ time: z.string().regex(/^[+-]\d{4,}-\d{2}-\d{2}T/), precision: z.number().int() });

/**
 * A Wikidata time value in EDTF, at its precision; undefined for one coarser than a century.
 * Wikidata numbers the years before the common era as people write them (-0044 is 44 BCE; its
 * RDF export already numbers them as ISO 8601 does); EDTF numbers them as ISO 8601 does, with a
 * year zero (1 BCE), so -0044 becomes -0043.
 */
export function edtf(value: unknown): string | undefined {
  const parsed = time.safeParse(value);
  if (!parsed.success) return undefined;
  const [, sign = '', digits = '', month = '', day = ''] = /^([+-])(\d+)-(\d{2})-(\d{2})T/.exec(parsed.data.time) ?? [];
  const number = sign === '-' && BigInt(digits) > 0n ? BigInt(digits) - 1n : BigInt(digits);
  const year = `${sign === '-' && number > 0n ? '-' : ''}${number.toString().padStart(4, '0')}`;
  // EDTF writes a year beyond four digits with a "Y".
  const written = /^-?\d{5,}$/.test(year) ? `Y${year}` : year;
  switch (parsed.data.precision) {
    case 11: return `${written}-${month}-${day}`;
    case 10: return `${written}-${month}`;
    case 9: return written;
    case 8: return /^-?\d{4}$/.test(year) ? `${year.slice(0, -1)}X` : undefined;
    case 7: return /^-?\d{4}$/.test(year) ? `${year.slice(0, -2)}XX` : undefined;
    default: return undefined;
  }
}
