import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { DCTERMS, GN, RDF as RDFNS, RDFS, SKOS, WGS84, XSD } from '../vocab/vocabularies.js';

/** The columns of a GeoNames `allCountries.txt`-style dump (readme.txt of the download server). */
const FIELDS = 19;
const ID = 0, NAME = 1, ALTERNATES = 3, LATITUDE = 4, LONGITUDE = 5, FEATURE_CLASS = 6, FEATURE_CODE = 7, COUNTRY = 8;
const ADMIN = [10, 11, 12, 13] as const;
const POPULATION = 14, MODIFIED = 18;
/** Feature codes of the administrative divisions a place is under, by level (0: the country). */
const ADMIN_LEVELS: ReadonlyMap<string, number> = new Map([
  ['PCLI', 0], ['PCLD', 0], ['PCLF', 0], ['PCLS', 0], ['PCL', 0], ['PCLIX', 0], ['ADM1', 1], ['ADM2', 2], ['ADM3', 3], ['ADM4', 4],
]);
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/;

/** The IRI GeoNames gives a feature. */
export const geonamesIri = (id: string): string => `https://sws.geonames.org/${id}/`;

interface Feature {
  readonly id: string;
  readonly line: number;
  readonly fields: readonly string[];
}

interface AlternateName {
  readonly language: string;
  readonly name: string;
  readonly preferred: boolean;
  readonly historic: boolean;
}

/**
 * Reads a GeoNames dump (tab-separated, one feature per line, as `allCountries.txt` or a
 * country file) and optionally its `alternateNamesV2.txt`, into concept records: `skos:prefLabel`
 * the name (and the preferred name per language), `skos:altLabel` the other names per language,
 * `skos:broader` the administrative division the place lies in (found from the admin codes among
 * the dump's own divisions), WGS84 coordinates, feature code, country and population, and the
 * Wikidata item as `skos:exactMatch`. Malformed lines are errors naming their line.
 */
export async function geonamesConcepts(file: string, source: string, listIri: string, alternateNames?: string): Promise<{ concepts: Array<{ iri: string; quads: RDF.Quad[] }>; errors: string[] }> {
  const errors: string[] = [];
  const features: Feature[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (text === '' || text.startsWith('#')) continue;
    const fields = text.split('\t');
    const problem = fields.length !== FIELDS ? `has ${fields.length} tab-separated fields instead of ${FIELDS}`
      : !/^\d+$/.test(fields[ID] ?? '') ? `has "${fields[ID] ?? ''}" as geonameid, which is not a number`
        : !isCoordinate(fields[LATITUDE]) || !isCoordinate(fields[LONGITUDE]) ? `has coordinates "${fields[LATITUDE] ?? ''}", "${fields[LONGITUDE] ?? ''}", which are not numbers`
          : undefined;
    if (problem !== undefined) errors.push(`${source} line ${line} ${problem}`);
    else features.push({ id: fields[ID] ?? '', line, fields });
  }
  const names = alternateNames === undefined ? new Map<string, AlternateName[]>() : await readAlternateNames(alternateNames, new Set(features.map((f) => f.id)), errors);
  const divisions = new Map<string, string>();
  for (const feature of features) {
    const level = ADMIN_LEVELS.get(feature.fields[FEATURE_CODE] ?? '');
    if (level !== undefined) divisions.set(adminKey(feature.fields, level), feature.id);
  }
  const concepts = features.map((feature) => ({ iri: geonamesIri(feature.id), quads: featureQuads(feature, listIri, divisions, names.get(feature.id) ?? []) }));
  return { concepts, errors };
}

function featureQuads(feature: Feature, listIri: string, divisions: ReadonlyMap<string, string>, alternates: readonly AlternateName[]): RDF.Quad[] {
  const { fields } = feature;
  const subject = DataFactory.namedNode(geonamesIri(feature.id));
  const quads: RDF.Quad[] = [];
  const add = (predicate: string, object: RDF.Quad_Object): void => {
    quads.push(DataFactory.quad(subject, DataFactory.namedNode(predicate), object));
  };
  add(RDFNS.type, DataFactory.namedNode(SKOS.Concept));
  add(RDFNS.type, DataFactory.namedNode(GN.Feature));
  add(SKOS.inScheme, DataFactory.namedNode(listIri));
  const name = fields[NAME] ?? '';
  add(SKOS.prefLabel, DataFactory.literal(name));
  const labelled = new Set([`\u0000${name}`]);
  const texts = new Set([name]);
  const label = (predicate: string, text: string, language: string): void => {
    if (text === '' || labelled.has(`${language}\u0000${text}`)) return;
    labelled.add(`${language}\u0000${text}`);
    texts.add(text);
    add(predicate, DataFactory.literal(text, language === '' ? undefined : language));
  };
  const preferredIn = new Set<string>();
  for (const alternate of alternates) {
    if (alternate.language === 'wkdt' && /^Q\d+$/.test(alternate.name)) add(SKOS.exactMatch, DataFactory.namedNode(`http://www.wikidata.org/entity/${alternate.name}`));
    else if (alternate.language === 'link' && /^https?:\/\//.test(alternate.name)) add(RDFS.seeAlso, DataFactory.namedNode(alternate.name));
    else if (alternate.language === '' || LANGUAGE.test(alternate.language)) {
      const preferred = alternate.preferred && !alternate.historic && !preferredIn.has(alternate.language) && alternate.language !== '';
      if (preferred) preferredIn.add(alternate.language);
      label(preferred ? SKOS.prefLabel : SKOS.altLabel, alternate.name, alternate.language);
    }
  }
  // The dump's own list of names, untagged: those not already a name in some language.
  for (const alternate of (fields[ALTERNATES] ?? '').split(',')) {
    if (!texts.has(alternate.trim())) label(SKOS.altLabel, alternate.trim(), '');
  }
  add(WGS84.lat, DataFactory.literal(fields[LATITUDE] ?? '', DataFactory.namedNode(XSD.decimal)));
  add(WGS84.long, DataFactory.literal(fields[LONGITUDE] ?? '', DataFactory.namedNode(XSD.decimal)));
  if (fields[FEATURE_CLASS] && fields[FEATURE_CODE]) add(GN.featureCode, DataFactory.namedNode(`${GN.$base}${fields[FEATURE_CLASS]}.${fields[FEATURE_CODE]}`));
  if (fields[COUNTRY]) add(GN.countryCode, DataFactory.literal(fields[COUNTRY]));
  if (/^\d+$/.test(fields[POPULATION] ?? '') && fields[POPULATION] !== '0') add(GN.population, DataFactory.literal(fields[POPULATION] ?? '', DataFactory.namedNode(XSD.integer)));
  if (/^\d{4}-\d{2}-\d{2}$/.test(fields[MODIFIED] ?? '')) add(DCTERMS.modified, DataFactory.literal(fields[MODIFIED] ?? '', DataFactory.namedNode(XSD.date)));
  const parent = broaderOf(fields, divisions, feature.id);
  if (parent !== undefined) add(SKOS.broader, DataFactory.namedNode(geonamesIri(parent)));
  return quads;
}

/** The division a feature lies in: the deepest one above it that the dump holds. */
function broaderOf(fields: readonly string[], divisions: ReadonlyMap<string, string>, self: string): string | undefined {
  const own = ADMIN_LEVELS.get(fields[FEATURE_CODE] ?? '');
  const deepest = ADMIN.reduce((level, column, i) => ((fields[column] ?? '') !== '' && (fields[column] ?? '') !== '00' ? i + 1 : level), 0);
  for (let level = Math.min(own === undefined ? deepest : own - 1, deepest); level >= 0; level--) {
    const id = divisions.get(adminKey(fields, level));
    if (id !== undefined && id !== self) return id;
  }
  return undefined;
}

/** `BE`, `BE.VLG`, `BE.VLG.VOV`, ...: a division's codes down to `level`. */
function adminKey(fields: readonly string[], level: number): string {
  return [fields[COUNTRY] ?? '', ...ADMIN.slice(0, level).map((column) => fields[column] ?? '')].join('.');
}

async function readAlternateNames(file: string, wanted: ReadonlySet<string>, errors: string[]): Promise<Map<string, AlternateName[]>> {
  const names = new Map<string, AlternateName[]>();
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (text === '') continue;
    const fields = text.split('\t');
    if (fields.length < 4 || !/^\d+$/.test(fields[1] ?? '')) {
      errors.push(`${file.split('/').pop() ?? file} line ${line} is not an alternate name (alternateNameId, geonameid, isolanguage, name, ...)`);
      continue;
    }
    const id = fields[1] ?? '';
    if (!wanted.has(id)) continue;
    const list = names.get(id) ?? [];
    list.push({ language: fields[2] ?? '', name: fields[3] ?? '', preferred: fields[4] === '1', historic: fields[7] === '1' });
    names.set(id, list);
  }
  return names;
}

function isCoordinate(value: string | undefined): boolean {
  return value !== undefined && /^-?\d+(\.\d+)?$/.test(value);
}
