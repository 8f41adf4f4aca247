import { GN, SCHEMA, SCHEMA_HTTP, WDT, WGS84 } from '../vocab/vocabularies.js';
import type { LanguageValue } from './concept-doc.js';

/** A value a concept states about the place or person it denotes: a resource, or text. */
export type FactValue = { readonly iri: string } | LanguageValue;

/**
 * What a term's `place` and `person` (the Network of Terms' fields) are read from, by the
 * property that states it. schema.org as the Network of Terms' sources write it (either
 * scheme), and what the GeoNames and Wikidata imports write: WGS84 positions, GeoNames' country
 * and feature codes, Wikidata's "instance of".
 */
const PLACE = {
  latitude: [WGS84.lat, SCHEMA.latitude, SCHEMA_HTTP.latitude],
  longitude: [WGS84.long, SCHEMA.longitude, SCHEMA_HTTP.longitude],
  addressCountry: [GN.countryCode, SCHEMA.addressCountry, SCHEMA_HTTP.addressCountry],
  additionalType: [GN.featureCode, SCHEMA.additionalType, SCHEMA_HTTP.additionalType],
} as const;
const PERSON = {
  birthDate: [SCHEMA.birthDate, SCHEMA_HTTP.birthDate],
  deathDate: [SCHEMA.deathDate, SCHEMA_HTTP.deathDate],
  birthPlace: [SCHEMA.birthPlace, SCHEMA_HTTP.birthPlace],
  deathPlace: [SCHEMA.deathPlace, SCHEMA_HTTP.deathPlace],
  hasOccupation: [SCHEMA.hasOccupation, SCHEMA_HTTP.hasOccupation],
  nationality: [SCHEMA.nationality, SCHEMA_HTTP.nationality],
} as const;

/** Every property a concept document keeps among its facts. */
export const FACT_PROPERTIES: ReadonlySet<string> = new Set([...Object.values(PLACE).flat(), ...Object.values(PERSON).flat(), WDT.P31]);

type Facts = Readonly<Record<string, readonly FactValue[]>>;

/** The place a concept denotes, as the Network of Terms' `Place` has it (names aside). */
export interface PlaceFacts {
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly addressCountry: string | null;
  /** IRIs of the kinds of place it is, in the source's vocabulary. */
  readonly additionalType: readonly string[];
}

/** The person a concept denotes, as the Network of Terms' `Person` has it. */
export interface PersonFacts {
  readonly birthDate: string | null;
  readonly deathDate: string | null;
  readonly birthPlace: readonly FactValue[];
  readonly deathPlace: readonly FactValue[];
  readonly hasOccupation: readonly FactValue[];
  readonly nationality: readonly FactValue[];
}

const values = (facts: Facts, properties: readonly string[]): FactValue[] => properties.flatMap((property) => facts[property] ?? []);
const texts = (facts: Facts, properties: readonly string[]): string[] => values(facts, properties).flatMap((v) => ('value' in v ? [v.value] : []));
const iris = (facts: Facts, properties: readonly string[]): string[] => [...new Set(values(facts, properties).flatMap((v) => ('iri' in v ? [v.iri] : [])))];

function coordinate(facts: Facts, properties: readonly string[], limit: number): number | null {
  for (const text of texts(facts, properties)) {
    const number = Number(text.trim());
    if (text.trim() !== '' && Number.isFinite(number) && Math.abs(number) <= limit) return number;
  }
  return null;
}

/**
 * The place a concept denotes, or null when it states nothing of one. A position, a country or a
 * kind of place (GeoNames' feature code, schema.org's additionalType) makes it a place; then
 * Wikidata's "instance of" counts among its kinds too.
 */
export function placeFacts(facts: Facts | undefined): PlaceFacts | null {
  if (facts === undefined) return null;
  const latitude = coordinate(facts, PLACE.latitude, 90);
  const longitude = coordinate(facts, PLACE.longitude, 180);
  // A country code (GeoNames: "BE"); a country named by IRI is no ISO 3166 code.
  const addressCountry = texts(facts, PLACE.addressCountry).map((code) => code.trim().toUpperCase()).find((code) => /^[A-Z]{2}$/.test(code)) ?? null;
  const kinds = iris(facts, PLACE.additionalType);
  if (latitude === null && longitude === null && addressCountry === null && kinds.length === 0) return null;
  return { latitude, longitude, addressCountry, additionalType: [...new Set([...kinds, ...iris(facts, [WDT.P31])])] };
}

/** The person a concept denotes, or null when it states nothing of one. */
export function personFacts(facts: Facts | undefined): PersonFacts | null {
  if (facts === undefined) return null;
  const person: PersonFacts = {
    birthDate: texts(facts, PERSON.birthDate)[0] ?? null,
    deathDate: texts(facts, PERSON.deathDate)[0] ?? null,
    birthPlace: values(facts, PERSON.birthPlace),
    deathPlace: values(facts, PERSON.deathPlace),
    hasOccupation: values(facts, PERSON.hasOccupation),
    nationality: values(facts, PERSON.nationality),
  };
  const stated = person.birthDate !== null || person.deathDate !== null
    || person.birthPlace.length + person.deathPlace.length + person.hasOccupation.length + person.nationality.length > 0;
  return stated ? person : null;
}

/** The resources a concept's place and person name, whose labels a client is given. */
export function factIris(facts: Facts | undefined): string[] {
  const place = placeFacts(facts);
  const person = personFacts(facts);
  const named = (list: readonly FactValue[]): string[] => list.flatMap((v) => ('iri' in v ? [v.iri] : []));
  return [
    ...(place?.additionalType ?? []),
    ...(person === null ? [] : [...named(person.birthPlace), ...named(person.deathPlace), ...named(person.hasOccupation), ...named(person.nationality)]),
  ];
}
