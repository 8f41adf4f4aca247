/**
 * One row of the synthetic collection spreadsheet: the cells of a heritage object as a Flemish
 * museum exports them for the `collection-csv` mapping. Every row is valid under the mapping's
 * shapes; optional cells are left empty now and then, as in real exports.
 */
import {
  ACQUISITIONS, DECORATIONS, DESCRIPTION_OPENINGS, IN_COPYRIGHT, INSTITUTIONS, OBJECT_KINDS, OTHER_RIGHTS, PUBLIC_DOMAIN, SUBJECTS,
  type ObjectKind,
} from './ingest-collection-words.js';
import { FIRST_NAMES, MUNICIPALITIES, SCENES, STILL_LIFE_THINGS, SURNAMES } from './flemish-vocabulary.js';
import type { SeededRandom } from './seeded-random.js';

/** The columns, in the order of `oslo-mappings/collection-csv/example/objecten.csv`. */
export const COLLECTION_COLUMNS = [
  'objectnummer', 'objectnaam', 'titel', 'beschrijving', 'vervaardiger', 'rol', 'datering', 'datering (EDTF)',
  'plaats van vervaardiging', 'materiaal', 'techniek', 'hoogte', 'breedte', 'diepte', 'eenheid', 'onderwerp',
  'verwerving', 'instelling', 'licentie', 'afbeelding', 'IIIF manifest',
] as const;

export type CollectionColumn = (typeof COLLECTION_COLUMNS)[number];
export type CollectionRow = Readonly<Record<CollectionColumn, string>>;

/** The separator of the mapping's columns with several values. */
const SEPARATOR = '|';
/** Places of making: the first 60 municipalities, so a place recurs as it does in a real collection. */
const PLACES = MUNICIPALITIES.slice(0, 60);

/** Row `i` (0-based); the random draws happen in a fixed order, so the same seed gives the same rows. */
export function collectionRow(i: number, random: SeededRandom): CollectionRow {
  const kind = random.pick(OBJECT_KINDS);
  const institution = random.pick(INSTITUTIONS);
  const year = 1450 + random.int(540);
  const dating = datingOf(year, random);
  const acquired = Math.min(2024, Math.max(year, 1850) + random.int(120));
  const number = `${institution.code}.${acquired}.${String(i + 1).padStart(6, '0')}`;
  const makers = random.next() < 0.15 ? [] : makersOf(random);
  const height = random.next() < 0.05 ? undefined : measure(kind.size, random);
  const width = height === undefined || random.next() < 0.2 ? undefined : measure(kind.size, random);
  const depth = kind.solid && width !== undefined ? measure([kind.size[0] / 4, kind.size[1] / 2], random) : undefined;
  const image = random.next() < 0.6 ? `https://beeldbank.example.org/${institution.code.toLowerCase()}/${number}.jpg` : '';
  return {
    objectnummer: number,
    objectnaam: random.next() < 0.1 ? [kind.name, random.pick(OBJECT_KINDS).name].join(SEPARATOR) : kind.name,
    titel: random.next() < 0.05 ? '' : titleOf(kind, random),
    beschrijving: random.next() < 0.25 ? '' : descriptionOf(i, year, random),
    vervaardiger: makers.join(SEPARATOR),
    rol: makers.length === 0 || random.next() < 0.1 ? '' : kind.role,
    datering: dating.text,
    'datering (EDTF)': dating.edtf,
    'plaats van vervaardiging': random.next() < 0.2 ? '' : random.pick(PLACES),
    materiaal: random.next() < 0.05 ? '' : someOf(kind.materials, 1 + random.int(3), random).join(SEPARATOR),
    techniek: random.next() < 0.15 ? '' : someOf(kind.techniques, 1 + random.int(2), random).join(SEPARATOR),
    hoogte: height ?? '',
    breedte: width ?? '',
    diepte: depth ?? '',
    // An empty unit means centimetres to the mapping, as it does to most collection systems.
    eenheid: kind.unit === 'cm' && random.next() < 0.3 ? '' : kind.unit,
    onderwerp: kind.pictorial ? someOf(SUBJECTS, random.int(4), random).join(SEPARATOR) : '',
    verwerving: random.next() < 0.1 ? '' : acquisitionOf(acquired, random),
    instelling: institution.name,
    licentie: random.next() < 0.05 ? '' : rightsOf(year, random),
    afbeelding: image,
    'IIIF manifest': image !== '' && random.next() < 0.5 ? `https://iiif.example.org/${institution.code.toLowerCase()}/${number}/manifest.json` : '',
  };
}

/** One or two makers; a workshop now and then. Names are drawn from a fixed pool, so makers recur across rows. */
function makersOf(random: SeededRandom): string[] {
  const maker = (): string => (random.next() < 0.1 ? `Atelier ${random.pick(SURNAMES)}` : `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`);
  const first = maker();
  if (random.next() >= 0.15) return [first];
  const second = maker();
  return second === first ? [first] : [first, second];
}

/** The date as written and as EDTF, in the forms collection systems hold (or neither). */
function datingOf(year: number, random: SeededRandom): { text: string; edtf: string } {
  const draw = random.next();
  if (draw < 0.05) return { text: '', edtf: '' };
  if (draw < 0.45) return { text: String(year), edtf: String(year) };
  if (draw < 0.65) return { text: `ca. ${year}`, edtf: `${year}~` };
  if (draw < 0.8) {
    const end = year + 1 + random.int(20);
    return { text: `${year}-${end}`, edtf: `${year}/${end}` };
  }
  if (draw < 0.85) return { text: `${year}?`, edtf: `${year}?` };
  if (draw < 0.95) {
    const century = Math.floor(year / 100);
    return { text: `${century + 1}de eeuw`, edtf: `${century}XX` };
  }
  const month = 1 + random.int(12);
  const day = 1 + random.int(28);
  return { text: `${day} ${MONTHS[month - 1] ?? ''} ${year}`, edtf: `${year}-${pad2(month)}-${pad2(day)}` };
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

function titleOf(kind: ObjectKind, random: SeededRandom): string {
  if (!kind.pictorial) return `${capitalise(kind.name)} met ${random.pick(DECORATIONS)}`;
  switch (random.int(4)) {
    case 0: return `Portret van ${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
    case 1: return `Gezicht op ${random.pick(SCENES)}`;
    case 2: return `Stilleven met ${random.pick(STILL_LIFE_THINGS)}`;
    default: return `Landschap bij ${random.pick(PLACES)}`;
  }
}

/**
 * A description with commas, quotes and semicolons (so the writer must quote the cell); every
 * 250th spans two lines.
 */
function descriptionOf(i: number, year: number, random: SeededRandom): string {
  const opening = random.pick(DESCRIPTION_OPENINGS);
  const surname = random.pick(SURNAMES);
  let text: string;
  if (opening.startsWith('Gesigneerd')) text = `${opening}: "${surname.toUpperCase()} ${year}"; in rood.`;
  else if (opening.startsWith('Opschrift')) text = `${opening}: "${random.pick(SCENES)}", in potlood.`;
  else if (opening.startsWith('Volgens') || opening.startsWith('Afkomstig')) text = `${opening} ${surname}, ${1800 + random.int(220)}.`;
  else if (opening.startsWith('Restauratie')) text = `${opening} ${1950 + random.int(74)}, vernis verwijderd.`;
  else text = opening;
  return i % 250 === 249 ? `${text}\nZie ook het dossier "${surname}".` : text;
}

/** A measure as spreadsheets hold it: `54,5`, `54.5` or `54`. */
function measure([low, high]: readonly [number, number], random: SeededRandom): string {
  const value = low + random.next() * (high - low);
  const draw = random.next();
  if (draw < 0.3) return String(Math.max(1, Math.round(value)));
  const decimal = value.toFixed(1);
  return draw < 0.8 ? decimal.replace('.', ',') : decimal;
}

function acquisitionOf(year: number, random: SeededRandom): string {
  const how = random.pick(ACQUISITIONS);
  return how.includes(' ') || random.next() < 0.3 ? how : `${how} ${year}`;
}

function rightsOf(year: number, random: SeededRandom): string {
  if (random.next() < 0.15) return random.pick(OTHER_RIGHTS);
  return year < 1900 ? PUBLIC_DOMAIN : IN_COPYRIGHT;
}

/** Up to `count` distinct words of a list, in list order. */
function someOf(words: readonly string[], count: number, random: SeededRandom): string[] {
  const chosen = new Set<string>();
  for (let n = 0; n < count; n++) chosen.add(random.pick(words));
  return words.filter((word) => chosen.has(word));
}

function capitalise(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
