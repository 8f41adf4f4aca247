/**
 * JSON inputs: UiTdatabank-like events (the shape of oslo-mappings/uitdatabank/example) as JSON
 * lines or as one pretty-printed array, and OSLO LDES members as JSON lines (the shape of
 * oslo-mappings/oslo-ldes/example/members.ndjson).
 */
import { FIRST_NAMES, MATERIALS, MUNICIPALITIES, OBJECT_TYPES, SCENES, SURNAMES } from './flemish-vocabulary.js';
import type { ItemLayout } from './reader-memory-file.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';

/** Events as JSON lines, one per line. */
export function eventLines(seed = 42): ItemLayout {
  const random = seededRandom(seed);
  return { head: '', item: (i) => `${JSON.stringify(event(i, random))}\n`, tail: '' };
}

/** Events as one JSON array, each element indented as an API export prints it. */
export function eventArray(seed = 42): ItemLayout {
  const random = seededRandom(seed);
  return { head: '[\n', item: (i) => `  ${JSON.stringify(event(i, random), null, 2).replace(/\n/g, '\n  ')}`, separator: ',\n', tail: '\n]\n' };
}

/** Events as the `member` array of one Hydra collection object, as the UiTdatabank search API answers. */
export function eventCollection(seed = 42): ItemLayout {
  const random = seededRandom(seed);
  return {
    head: '{"@context": "http://www.w3.org/ns/hydra/context.jsonld", "@type": "PagedCollection", "itemsPerPage": 30, "member": [\n',
    item: (i) => JSON.stringify(event(i, random)),
    separator: ',\n',
    tail: '\n]}\n',
  };
}

/** LDES members as JSON lines, each a version of an object with its own @context. */
export function memberLines(seed = 42): ItemLayout {
  const random = seededRandom(seed);
  return { head: '', item: (i) => `${JSON.stringify(member(i, random))}\n`, tail: '' };
}

const GENRES = [['0.55.0.0.0', 'Theatervoorstelling'], ['0.0.0.0.0', 'Tentoonstelling'], ['0.3.1.0.0', 'Cursus of workshop'], ['0.50.4.0.0', 'Concert']] as const;

function uuid(random: SeededRandom): string {
  const hex = (n: number): string => Array.from({ length: n }, () => random.int(16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

function event(i: number, random: SeededRandom): unknown {
  const [genreId, genre] = random.pick(GENRES);
  const town = random.pick(MUNICIPALITIES);
  const day = String(1 + random.int(28)).padStart(2, '0');
  const month = String(1 + random.int(12)).padStart(2, '0');
  return {
    '@id': `https://io.uitdatabank.be/events/${uuid(random)}`,
    '@type': 'Event',
    '@context': '/contexts/event',
    mainLanguage: 'nl',
    name: { nl: `${genre}: ${random.pick(SCENES)} (${i + 1})` },
    description: { nl: `Een avond rond ${random.pick(OBJECT_TYPES)} en ${random.pick(MATERIALS)} in ${town}, met ${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}.` },
    terms: [{ id: genreId, label: genre, domain: 'eventtype' }],
    location: {
      '@id': `https://io.uitdatabank.be/places/${uuid(random)}`,
      '@type': 'Place',
      mainLanguage: 'nl',
      name: { nl: `Cultuurcentrum ${town}` },
      address: { nl: { addressCountry: 'BE', addressLocality: town, postalCode: String(1000 + random.int(8999)), streetAddress: `Markt ${1 + random.int(80)}` } },
    },
    organizer: { '@id': `https://io.uitdatabank.be/organizers/${uuid(random)}`, '@type': 'Organizer', name: { nl: `${town} Cultuur vzw` } },
    calendarType: 'single',
    startDate: `2025-${month}-${day}T20:00:00+02:00`,
    endDate: `2025-${month}-${day}T22:00:00+02:00`,
    priceInfo: [{ category: 'base', name: { nl: 'Basistarief' }, price: 5 + random.int(30), priceCurrency: 'EUR' }],
  };
}

const MEMBER_CONTEXT = [
  'https://data.vlaanderen.be/doc/applicatieprofiel/cultureel-erfgoed-object/kandidaatstandaard/2020-07-17/context/cultureel-erfgoed-object-ap.jsonld',
  'https://data.vlaanderen.be/context/persoon-basis.jsonld',
  'https://brechtvdv.github.io/demo-data/cultureel-erfgoed-event-ap.jsonld',
  { 'dcterms:isVersionOf': { '@type': '@id' }, prov: 'http://www.w3.org/ns/prov#' },
];
const BASE = 'https://collectie.example.org/id/';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';

function member(i: number, random: SeededRandom): unknown {
  const object = `${BASE}mensgemaaktobject/bm/${i + 1}`;
  const time = `2024-${String(1 + random.int(12)).padStart(2, '0')}-${String(1 + random.int(28)).padStart(2, '0')}T09:00:00Z`;
  const type = random.pick(OBJECT_TYPES);
  const material = random.pick(MATERIALS);
  return {
    '@context': MEMBER_CONTEXT,
    '@id': `${object}/${time}`,
    '@type': 'MensgemaaktObject',
    'http://purl.org/dc/terms/isVersionOf': { '@id': object },
    [`${CRM}P102_has_title`]: { '@language': 'nl', '@value': `${type} uit ${random.pick(MUNICIPALITIES)}` },
    [`${CRM}P3_has_note`]: { '@language': 'nl', '@value': `${type} in ${material}, gemaakt door ${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}.` },
    'MaterieelDing.productie': {
      '@type': 'Productie',
      'Productie.product': [object],
      'Activiteit.uitgevoerdDoor': [{ '@id': `${BASE}entiteit/${1 + random.int(50_000)}`, '@type': 'Agent', 'http://www.w3.org/2000/01/rdf-schema#label': { '@language': 'nl', '@value': `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}` } }],
      [`${CRM}P4_has_time-span`]: { '@type': 'http://id.loc.gov/datatypes/edtf/EDTF', '@value': String(1600 + random.int(400)) },
    },
    'Entiteit.classificatie': [{
      '@type': 'Classificatie',
      'Classificatie.getypeerdeEntiteit': object,
      'Classificatie.toegekendType': [{ '@id': `${BASE}concept/${encodeURIComponent(type)}`, 'skos:prefLabel': { '@language': 'nl', '@value': type } }],
    }],
    'MensgemaaktObject.materiaal': { '@id': `${BASE}concept/${encodeURIComponent(material)}`, 'skos:prefLabel': { '@language': 'nl', '@value': material } },
    'MensgemaaktObject.dimensie': [{ '@type': 'Dimensie', 'https://schema.org/value': `${10 + random.int(190)}.${random.int(10)}`, 'https://schema.org/unitText': 'cm' }],
    'MaterieelDing.beheerder': [`${BASE}organisatie/museum`],
    'prov:generatedAtTime': time,
  };
}
