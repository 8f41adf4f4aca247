/** The N-Triples lines of each kind of record in the synthetic heritage dataset. */
import {
  FIRST_NAMES, MATERIALS, MUNICIPALITIES, NOTE_PHRASES, OBJECT_TYPES, QUALIFIERS, SCENES, STILL_LIFE_THINGS, SURNAMES,
} from './flemish-vocabulary.js';
import { crm, RDF_TYPE, RDFS_LABEL, SKOS_NS, UNIT_CENTIMETRE, XSD_NS } from './heritage-vocab.js';
import { iri, langLiteral, triple, typedLiteral } from './ntriples-terms.js';
import type { SeededRandom } from './seeded-random.js';

/** Mints the IRIs of the dataset's entities. */
export interface HeritageIris {
  object(i: number): string;
  agent(i: number): string;
  place(i: number): string;
  concept(i: number): string;
  /** Properties of the dataset's own vocabulary (used when objects carry no blank nodes). */
  vocab(local: string): string;
}

/** What an object may refer to. */
export interface ObjectContext {
  readonly agents: number;
  readonly places: number;
  /** Concepts below this index are materials, the rest object types. */
  readonly materials: number;
  readonly concepts: number;
  readonly blankNodes: boolean;
}

const A = iri(RDF_TYPE);
const LABEL = iri(RDFS_LABEL);
const PREF_LABEL = iri(`${SKOS_NS}prefLabel`);
const P = {
  title: iri(crm('P102_has_title')),
  note: iri(crm('P3_has_note')),
  consistsOf: iri(crm('P45_consists_of')),
  hasType: iri(crm('P2_has_type')),
  producedBy: iri(crm('P108i_was_produced_by')),
  carriedOutBy: iri(crm('P14_carried_out_by')),
  timeSpan: iri(crm('P4_has_time-span')),
  beginOfBegin: iri(crm('P82a_begin_of_the_begin')),
  dimension: iri(crm('P43_has_dimension')),
  value: iri(crm('P90_has_value')),
  unit: iri(crm('P91_has_unit')),
  residence: iri(crm('P74_has_current_or_former_residence')),
};
const C = {
  object: iri(crm('E22_Human-Made_Object')),
  production: iri(crm('E12_Production')),
  dimension: iri(crm('E54_Dimension')),
  person: iri(crm('E21_Person')),
  place: iri(crm('E53_Place')),
  concept: iri(`${SKOS_NS}Concept`),
};
const CENTIMETRE = iri(UNIT_CENTIMETRE);
const G_YEAR = `${XSD_NS}gYear`;
const DECIMAL = `${XSD_NS}decimal`;

/** The label of place `i`: a Flemish municipality, distinct for every place. */
export function placeLabel(i: number): string {
  const name = MUNICIPALITIES[i % MUNICIPALITIES.length] ?? '';
  const round = Math.floor(i / MUNICIPALITIES.length);
  return round === 0 ? name : `${name} ${round + 1}`;
}

export function placeLines(iris: HeritageIris, i: number): string[] {
  const s = iri(iris.place(i));
  return [triple(s, A, C.place), triple(s, LABEL, langLiteral(placeLabel(i), 'nl'))];
}

export function conceptLines(iris: HeritageIris, i: number, materials: number): string[] {
  const s = iri(iris.concept(i));
  const label = i < materials ? termLabel(MATERIALS, i) : termLabel(OBJECT_TYPES, i - materials);
  return [triple(s, A, C.concept), triple(s, PREF_LABEL, langLiteral(label, 'nl'))];
}

export function agentLines(iris: HeritageIris, i: number, place: number, random: SeededRandom): string[] {
  const s = iri(iris.agent(i));
  const name = `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
  return [
    triple(s, A, C.person),
    triple(s, LABEL, langLiteral(name, 'nl')),
    triple(s, P.residence, iri(iris.place(place))),
  ];
}

export function objectLines(iris: HeritageIris, i: number, context: ObjectContext, random: SeededRandom): string[] {
  const s = iri(iris.object(i));
  const title = objectTitle(random, context.places);
  const note = objectNote(random, i);
  // Squared draw: a few materials are common, most are rare, as in real collections.
  const material = Math.floor(context.materials * random.next() ** 2);
  const type = context.materials + random.int(context.concepts - context.materials);
  const agent = iri(iris.agent(random.int(context.agents)));
  const year = typedLiteral(String(1400 + random.int(550)), G_YEAR);
  const size = typedLiteral((5 + random.int(2000) / 10).toFixed(1), DECIMAL);
  const lines = [
    triple(s, A, C.object),
    triple(s, P.title, langLiteral(title, 'nl')),
    triple(s, P.note, langLiteral(note, 'nl')),
    triple(s, P.consistsOf, iri(iris.concept(material))),
    triple(s, P.hasType, iri(iris.concept(type))),
  ];
  if (!context.blankNodes) {
    lines.push(triple(s, iri(iris.vocab('maker')), agent), triple(s, iri(iris.vocab('year')), year));
    return lines;
  }
  const production = `_:o${i}p`;
  const timeSpan = `_:o${i}t`;
  const dimension = `_:o${i}d`;
  lines.push(
    triple(s, P.producedBy, production),
    triple(s, P.dimension, dimension),
    triple(production, A, C.production),
    triple(production, P.carriedOutBy, agent),
    triple(production, P.timeSpan, timeSpan),
    triple(timeSpan, P.beginOfBegin, year),
    triple(dimension, A, C.dimension),
    triple(dimension, P.value, size),
    triple(dimension, P.unit, CENTIMETRE),
  );
  return lines;
}

/** The kinds of title, in the order `objectTitle` draws them. */
const TITLE_PREFIXES = ['Portret van', 'Gezicht op', 'Stilleven met', 'Landschap bij', 'Interieur van'] as const;

function objectTitle(random: SeededRandom, places: number): string {
  const kind = random.int(TITLE_PREFIXES.length);
  switch (kind) {
    case 0: return `Portret van ${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
    case 1: return `Gezicht op ${placeLabel(random.int(places))}`;
    case 2: return `Stilleven met ${random.pick(STILL_LIFE_THINGS)}`;
    case 3: return `Landschap bij ${placeLabel(random.int(places))}`;
    default: return `Interieur van ${random.pick(SCENES)}`;
  }
}

/** A note with quotes, and now and then a second line, so literal escaping is exercised. */
function objectNote(random: SeededRandom, i: number): string {
  const note = `${random.pick(NOTE_PHRASES)} in ${1900 + random.int(124)}; opschrift "${random.pick(SURNAMES)}".`;
  return i % 50 === 0 ? `${note}\nInventarisnummer ${i}\\${random.int(100)}` : note;
}

/** A distinct label for term `i` of a list: the word, then qualified variants once the list runs out. */
function termLabel(words: readonly string[], i: number): string {
  const word = words[i % words.length] ?? '';
  const round = Math.floor(i / words.length);
  return round === 0 ? word : `${word}, ${QUALIFIERS[(round - 1) % QUALIFIERS.length] ?? ''}`;
}
