/**
 * A collection export in the layout of the collection-csv mapping (the columns of
 * oslo-mappings/collection-csv/example/objecten.csv, `;`-separated), one object per row.
 */
import {
  FIRST_NAMES, MATERIALS, MUNICIPALITIES, OBJECT_TYPES, QUALIFIERS, SCENES, STILL_LIFE_THINGS, SURNAMES,
} from './flemish-vocabulary.js';
import type { ItemLayout } from './reader-memory-file.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';

const HEADER = [
  'objectnummer', 'objectnaam', 'titel', 'beschrijving', 'vervaardiger', 'rol', 'datering', 'datering (EDTF)',
  'plaats van vervaardiging', 'materiaal', 'techniek', 'hoogte', 'breedte', 'diepte', 'eenheid', 'onderwerp',
  'verwerving', 'instelling', 'licentie', 'afbeelding', 'IIIF manifest',
];
const ROLES = ['schilder', 'beeldhouwer', 'ontwerper', 'graveur', 'fotograaf', 'keramist'];
const TECHNIQUES = ['schilderen', 'gieten', 'graveren', 'draaien|glazuren', 'weven', 'etsen'];
/** Words with accents, so a Windows-1252 export holds bytes that are not UTF-8 from its first row on. */
const ACCENTED = ['geëmailleerd', 'crèmekleurig', 'één hoek beschadigd', 'naïef', 'patiné', 'gerestaureerd in café Hélène'];
const ACQUISITIONS = ['aankoop', 'schenking', 'legaat', 'bruikleen'];
const LICENCES = ['http://creativecommons.org/publicdomain/mark/1.0/', 'http://rightsstatements.org/vocab/InC/1.0/'];

/** Rows of a collection export; `seed` fixes every value. */
export function collectionCsv(seed = 42): ItemLayout {
  const random = seededRandom(seed);
  return { head: `${HEADER.join(';')}\r\n`, item: (i) => `${row(i, random).map(cell).join(';')}\r\n`, tail: '' };
}

function row(i: number, random: SeededRandom): string[] {
  const year = 1600 + random.int(400);
  const approximate = random.int(3) === 0;
  const maker = `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
  const number = `BM-${String(i + 1).padStart(7, '0')}`;
  return [
    number,
    random.int(4) === 0 ? `${random.pick(OBJECT_TYPES)}|${random.pick(OBJECT_TYPES)}` : random.pick(OBJECT_TYPES),
    title(random),
    description(i, random),
    random.int(5) === 0 ? `${maker}|Atelier ${random.pick(SURNAMES)}` : maker,
    random.pick(ROLES),
    approximate ? `ca. ${year}` : String(year),
    approximate ? `${year}~` : String(year),
    random.pick(MUNICIPALITIES),
    `${random.pick(MATERIALS)}|${random.pick(MATERIALS)}`,
    random.pick(TECHNIQUES),
    `${10 + random.int(190)},${random.int(10)}`,
    String(10 + random.int(150)),
    random.int(2) === 0 ? '' : String(1 + random.int(60)),
    'cm',
    random.pick(SCENES),
    `${random.pick(ACQUISITIONS)} ${1900 + random.int(125)}`,
    `Museum voor Schone Kunsten ${random.pick(MUNICIPALITIES)}`,
    random.pick(LICENCES),
    `https://example.org/images/${number.toLowerCase()}.jpg`,
    random.int(3) === 0 ? `https://example.org/iiif/${number.toLowerCase()}/manifest.json` : '',
  ];
}

function title(random: SeededRandom): string {
  switch (random.int(3)) {
    case 0: return `Portret van ${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
    case 1: return `Stilleven met ${random.pick(STILL_LIFE_THINGS)}`;
    default: return `Gezicht op ${random.pick(SCENES)}`;
  }
}

/** Every 20th description holds a `;` and quotes, every 100th a line break: quoting the reader must get right. */
function description(i: number, random: SeededRandom): string {
  let text = `${random.pick(QUALIFIERS)} ${random.pick(MATERIALS)}, ${random.pick(ACCENTED)}`;
  if (i % 20 === 0) text += '; met opschrift "Anno" op de achterzijde';
  if (i % 100 === 0) text += '\nTweede regel van de beschrijving.';
  return text;
}

/** A CSV field, quoted when it holds the delimiter, a quote or a line break. */
function cell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
