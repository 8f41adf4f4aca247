import { RIGHTS_STATEMENTS } from '../../domain/rights-statements.js';
import type { EdmProperty, EdmRecord, EdmResource, EdmValue } from './edm-model.js';
import { edmType, edtfYears, iiifService } from './edm-rules.js';
import { isBlank, RecordGraph, type Text } from '../../rdf/record-graph.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const DC = 'http://purl.org/dc/elements/1.1/';
const DCT = 'http://purl.org/dc/terms/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const RDF_VALUE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#value';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
const WGS84 = 'http://www.w3.org/2003/01/geo/wgs84_pos#';
const SCHEMA = ['http://schema.org/', 'https://schema.org/'];
const PERSOON = 'https://data.vlaanderen.be/ns/persoon#';
const ADMS_IDENTIFIER = 'http://www.w3.org/ns/adms#identifier';
const EDTF_DESCRIPTION = 'https://periodo.github.io/edtf-ontology/edtfo.ttl#hasEDTFDateTimeDescription';
const EDM = 'http://www.europeana.eu/schemas/edm/';

const schema = (name: string): string[] => SCHEMA.map((base) => base + name);
const LABELS = [`${SKOS}prefLabel`, RDFS_LABEL, `${FOAF}name`, `${PERSOON}volledigeNaam`, ...schema('name')];

/** Vocabularies Europeana dereferences itself: an alignment to one of them is the better link. */
const ALIGNED_VOCABULARIES = [
  'http://vocab.getty.edu/aat/', 'http://vocab.getty.edu/tgn/', 'http://vocab.getty.edu/ulan/',
  'http://www.wikidata.org/entity/', 'https://sws.geonames.org/', 'http://sws.geonames.org/', 'http://viaf.org/viaf/',
];

/** Getty AAT dimension types, as the mappings write them, with their names. */
const DIMENSION_TYPES: ReadonlyMap<string, string> = new Map([
  ['http://vocab.getty.edu/aat/300055644', 'hoogte'],
  ['http://vocab.getty.edu/aat/300055647', 'breedte'],
  ['http://vocab.getty.edu/aat/300072633', 'diepte'],
  ['http://vocab.getty.edu/aat/300055624', 'diameter'],
  ['http://vocab.getty.edu/aat/300056240', 'gewicht'],
  ['http://vocab.getty.edu/aat/300055645', 'lengte'],
]);
const UNITS: ReadonlyMap<string, string> = new Map([
  ['CentiM', 'cm'], ['MilliM', 'mm'], ['M', 'm'], ['KiloGM', 'kg'], ['GM', 'g'], ['IN', 'inch'],
]);

/** What the mapping needs besides the record itself. */
export interface EdmSource {
  /** The record's IRI and content (canonical N-Quads, restricted properties already left out). */
  readonly iri: string;
  readonly nquads: string;
  /** The rights statement of the record's dataset (its publication policy), if any. */
  readonly datasetRights: string | undefined;
  /** The organisation that holds the dataset: `edm:dataProvider`. */
  readonly dataProvider: string;
  /** The aggregator that delivers the data to Europeana: `edm:provider`. */
  readonly provider: string;
  /**
   * The content of another record the object links to (its maker, a concept, a place), when the
   * europeana channel may publish it; undefined otherwise. It gives the contextual classes their labels.
   */
  readonly linked: (iri: string) => string | undefined;
}

/** The EDM record, or why Europeana would refuse it; `record` is there whenever a ProvidedCHO could be made. */
export interface EdmOutcome {
  readonly record: EdmRecord;
  /** Empty when the record meets Europeana's minimum. */
  readonly problems: readonly string[];
}

/**
 * Maps one heritage object record (OSLO Cultureel Erfgoed on CIDOC-CRM) to EDM. The record's own
 * statements and those of the records it links to (when published on the europeana channel)
 * give the ProvidedCHO, the Aggregation, a WebResource per image and the contextual classes.
 * The rules are listed in docs/europeana.md.
 */
export function mapToEdm(source: EdmSource): EdmOutcome {
  return new EdmMapper(source).map();
}

class EdmMapper {
  private readonly graph: RecordGraph;
  private readonly contextual = new Map<string, EdmResource>();
  private readonly looked = new Set<string>();
  private readonly minted = new Map<string, number>();

  constructor(private readonly source: EdmSource) {
    this.graph = new RecordGraph(source.nquads);
  }

  map(): EdmOutcome {
    const { iri } = this.source;
    const g = this.graph;
    const cho: EdmProperty[] = [];
    const add = (element: string, values: readonly EdmValue[]): void => {
      for (const value of values) cho.push({ element, value });
    };
    const titles = [...g.texts(iri, `${CRM}P102_has_title`), ...g.nodes(iri, `${CRM}P102_has_title`).flatMap((node) => g.texts(node, RDFS_LABEL, `${CRM}P190_has_symbolic_content`, RDF_VALUE))];
    const descriptions = g.texts(iri, `${CRM}P3_has_note`, `${DC}description`, `${DCT}description`);
    add('dc:title', titles);
    add('dc:description', descriptions);
    const productions = g.nodes(iri, `${CRM}P108i_was_produced_by`);
    add('dc:creator', productions.flatMap((production) => g.nodes(production, `${CRM}P14_carried_out_by`)).map((agent) => this.agent(agent)).filter(present));
    const objectNames = g.nodes(iri, `${CRM}P41i_was_classified_by`).flatMap((assignment) => g.nodes(assignment, `${CRM}P42_assigned`));
    const types = [...objectNames, ...g.nodes(iri, `${CRM}P2_has_type`)];
    add('dc:type', types.flatMap((node) => this.concept(node)));
    add('dc:subject', [
      ...g.nodes(iri, `${DC}subject`, `${CRM}P62_depicts`, `${CRM}P129_is_about`),
      ...g.nodes(iri, `${CRM}P128_carries`).flatMap((carried) => g.nodes(carried, `${CRM}P129_is_about`, `${CRM}P67_refers_to`)),
    ].flatMap((node) => this.subject(node)));
    add('dc:format', productions.flatMap((production) => g.nodes(production, `${CRM}P32_used_general_technique`)).flatMap((node) => this.concept(node)));
    add('dc:identifier', g.nodes(iri, ADMS_IDENTIFIER, `${CRM}P1_is_identified_by`).flatMap((node) => g.texts(node, `${SKOS}notation`, `${CRM}P190_has_symbolic_content`, RDF_VALUE))
      .map((text) => ({ value: text.value, language: '' })));
    add('dcterms:created', productions.flatMap((production) => g.nodes(production, `${CRM}P4_has_time-span`)).flatMap((node) => this.timeSpan(node)));
    add('dcterms:medium', g.nodes(iri, `${CRM}P45_consists_of`).flatMap((node) => this.concept(node)));
    add('dcterms:extent', g.nodes(iri, `${CRM}P43_has_dimension`).flatMap((node) => this.dimension(node)));
    add('dcterms:spatial', productions.flatMap((production) => g.nodes(production, `${CRM}P7_took_place_at`)).map((node) => this.place(node)).filter(present));
    add('dcterms:isReferencedBy', g.iris(iri, `${DCT}isReferencedBy`).map((resource) => ({ resource })));

    // Only web links are digital objects or pages: a javascript: or data: "image" is nothing Europeana can show.
    const webLink = (link: string): boolean => /^https?:\/\//.test(link);
    const images = g.iris(iri, `${FOAF}depiction`, ...schema('image'), `${EDM}isShownBy`).filter(webLink);
    const landing = g.iris(iri, `${FOAF}page`, `${FOAF}homepage`, ...schema('url'), `${EDM}isShownAt`).filter(webLink);
    const { type, reason } = edmType(images, types.flatMap((node) => this.labels(node)).map((label) => label.value));
    if (type === 'TEXT') add('dc:language', languagesOf([...titles, ...descriptions]).map((language) => ({ value: language, language: '' })));
    add('owl:sameAs', g.iris(iri, OWL_SAME_AS).map((resource) => ({ resource })));

    const problems: string[] = [];
    if (!titles.some(nonEmpty) && !descriptions.some(nonEmpty)) problems.push('no title or description (crm:P102_has_title, crm:P3_has_note)');
    if (!cho.some((p) => p.element === 'dc:type' || p.element === 'dc:subject' || p.element === 'dcterms:spatial')) {
      problems.push('no object name, subject or place that Europeana can file it under (dc:type, dc:subject, dcterms:spatial)');
    }
    if (images.length === 0 && landing.length === 0) problems.push('no link to a digital object: neither an image (foaf:depiction) nor a web page showing it (foaf:page)');
    const rights = this.rights(problems);

    const webResources: EdmResource[] = [];
    const services: EdmResource[] = [];
    for (const [position, image] of images.entries()) {
      const properties: EdmProperty[] = [];
      if (rights !== undefined) properties.push({ element: 'edm:rights', value: { resource: rights } });
      // The IIIF manifest describes the object's images: it goes with the one Europeana shows.
      if (position === 0) for (const manifest of g.iris(iri, `${DCT}isReferencedBy`)) properties.push({ element: 'dcterms:isReferencedBy', value: { resource: manifest } });
      const service = iiifService(image);
      if (service !== undefined) {
        properties.push({ element: 'svcs:has_service', value: { resource: service } });
        if (!services.some((known) => known.about === service)) {
          services.push({ element: 'svcs:Service', about: service, properties: [
            { element: 'dcterms:conformsTo', value: { resource: 'http://iiif.io/api/image' } },
            { element: 'doap:implements', value: { resource: 'http://iiif.io/api/image/2/level1.json' } },
          ] });
        }
      }
      webResources.push({ element: 'edm:WebResource', about: image, properties });
    }

    const aggregation: EdmProperty[] = [
      { element: 'edm:aggregatedCHO', value: { resource: iri } },
      { element: 'edm:dataProvider', value: { value: this.source.dataProvider, language: '' } },
      ...images.slice(1).map((image): EdmProperty => ({ element: 'edm:hasView', value: { resource: image } })),
      ...landing.slice(0, 1).map((page): EdmProperty => ({ element: 'edm:isShownAt', value: { resource: page } })),
      ...images.slice(0, 1).map((image): EdmProperty => ({ element: 'edm:isShownBy', value: { resource: image } })),
      { element: 'edm:provider', value: { value: this.source.provider, language: '' } },
      ...(rights === undefined ? [] : [{ element: 'edm:rights', value: { resource: rights } }]),
    ];
    return {
      problems,
      record: {
        iri, type, typeReason: reason,
        providedCho: { element: 'edm:ProvidedCHO', about: iri, properties: cho },
        aggregation: { element: 'ore:Aggregation', about: `${iri}${iri.includes('#') ? '-' : '#'}aggregation`, properties: aggregation },
        webResources, services,
        contextual: [...this.contextual.values()],
      },
    };
  }

  /** The rights statement for `edm:rights`: the record's own, else its dataset's; problems say why there is none. */
  private rights(problems: string[]): string | undefined {
    const { iri } = this.source;
    const own = [
      ...this.graph.iris(iri, `${DCT}rights`, `${DCT}license`, `${EDM}rights`),
      ...this.graph.nodes(iri, `${CRM}P104_is_subject_to`).flatMap((right) => this.graph.iris(right, `${CRM}P2_has_type`)),
    ];
    const candidates = own.length > 0 ? own : this.source.datasetRights === undefined ? [] : [this.source.datasetRights];
    const whose = own.length > 0 ? 'the record\'s rights' : 'the dataset\'s rights statement';
    if (candidates.length === 0) {
      problems.push('no rights statement: the record names none and its dataset\'s policy has none (cultuurgraaf policy set --rights)');
      return undefined;
    }
    const known = candidates.map(knownStatement);
    const accepted = known.find((statement) => statement !== undefined && RIGHTS_STATEMENTS.get(statement)?.europeana === true);
    if (accepted !== undefined) return accepted;
    const statement = known.find(present);
    problems.push(statement === undefined
      ? `${whose} <${candidates[0] ?? ''}> is not a rightsstatements.org statement or a Creative Commons licence, which Europeana requires in edm:rights`
      : `Europeana does not accept ${whose} <${statement}>; it accepts the Creative Commons licences and marks and six rightsstatements.org statements (InC, InC-EDU, InC-OW-EU, NoC-NC, NoC-OKLR, CNE)`);
    return undefined;
  }

  /** A link to an agent, with its edm:Agent; a blank node gives its name as text. */
  private agent(node: string): EdmValue | undefined {
    const names = this.labels(node);
    if (isBlank(node)) return names[0];
    if (!this.looked.has(node)) {
      this.looked.add(node);
      const g = this.withLinked(node);
      const [prefLabels, altLabels] = onePerLanguage(names);
      const dates = (birthOrDeath: 'Geboorte' | 'Overlijden', schemaName: string, crm: string): Text[] => [
        ...g.texts(node, ...schema(schemaName)),
        ...g.nodes(node, `${PERSOON}heeft${birthOrDeath}`).flatMap((event) => g.texts(event, `${PERSOON}datum`)),
        ...g.nodes(node, crm).flatMap((event) => g.nodes(event, `${CRM}P4_has_time-span`)).flatMap((span) => g.texts(span, `${CRM}P82a_begin_of_the_begin`)),
      ].map((text) => ({ value: text.value, language: '' }));
      const born = dates('Geboorte', 'birthDate', `${CRM}P98i_was_born`);
      const died = dates('Overlijden', 'deathDate', `${CRM}P100i_died_in`);
      const occupations = g.nodes(node, ...schema('hasOccupation')).flatMap((occupation) => g.texts(occupation, ...schema('name')));
      if (prefLabels.length > 0) {
        this.contextual.set(node, { element: 'edm:Agent', about: node, properties: [
          ...prefLabels.map((value) => ({ element: 'skos:prefLabel', value })),
          ...altLabels.map((value) => ({ element: 'skos:altLabel', value })),
          ...g.texts(node, `${CRM}P3_has_note`).map((value) => ({ element: 'skos:note', value })),
          ...born.slice(0, 1).map((value) => ({ element: 'rdaGr2:dateOfBirth', value })),
          ...died.slice(0, 1).map((value) => ({ element: 'rdaGr2:dateOfDeath', value })),
          ...occupations.map((value) => ({ element: 'rdaGr2:professionOrOccupation', value })),
          ...g.iris(node, OWL_SAME_AS).map((resource) => ({ element: 'owl:sameAs', value: { resource } })),
        ] });
      }
    }
    return { resource: node };
  }

  /** A link to a concept (the aligned vocabulary's IRI where there is one), with its skos:Concept; a blank node gives its labels. */
  private concept(node: string): EdmValue[] {
    if (isBlank(node)) return this.labels(node);
    const g = this.withLinked(node);
    const aligned = g.iris(node, `${SKOS}exactMatch`, OWL_SAME_AS).find((match) => ALIGNED_VOCABULARIES.some((base) => match.startsWith(base)));
    const about = ALIGNED_VOCABULARIES.some((base) => node.startsWith(base)) ? node : aligned ?? node;
    if (!this.contextual.has(about)) {
      const [prefLabels, altLabels] = onePerLanguage(this.labels(node));
      if (prefLabels.length > 0) {
        this.contextual.set(about, { element: 'skos:Concept', about, properties: [
          ...prefLabels.map((value) => ({ element: 'skos:prefLabel', value })),
          ...[...altLabels, ...g.texts(node, `${SKOS}altLabel`)].map((value) => ({ element: 'skos:altLabel', value })),
          ...g.iris(node, `${SKOS}broader`).map((resource) => ({ element: 'skos:broader', value: { resource } })),
          ...g.iris(node, `${SKOS}exactMatch`).filter((match) => match !== about).map((resource) => ({ element: 'skos:exactMatch', value: { resource } })),
          ...(about === node ? [] : [{ element: 'skos:exactMatch', value: { resource: node } }]),
          ...g.texts(node, `${SKOS}definition`, `${SKOS}scopeNote`, `${SKOS}note`).map((value) => ({ element: 'skos:note', value })),
          ...g.texts(node, `${SKOS}notation`).slice(0, 1).map((text) => ({ element: 'skos:notation', value: { value: text.value, language: '' } })),
        ] });
      }
    }
    return [{ resource: about }];
  }

  /** What the object is about: an agent, a place or a concept, by what the node says it is. */
  private subject(node: string): EdmValue[] {
    const types = this.withLinked(node).types(node);
    if (types.some((type) => /E39_Actor|E21_Person|E74_Group|\/Agent$|#Person$|Organization$/.test(type))) return [this.agent(node)].filter(present);
    if (types.some((type) => /E53_Place|Location$|#Feature$/.test(type))) return [this.place(node)].filter(present);
    return this.concept(node);
  }

  /** A link to a place, with its edm:Place (coordinates when it or its aligned record has them). */
  private place(node: string): EdmValue | undefined {
    const labels = this.labels(node);
    if (labels.length === 0 && isBlank(node)) return undefined;
    const about = isBlank(node) ? this.mint('plaats') : node;
    if (!this.contextual.has(about)) {
      const g = this.withLinked(node);
      const coordinates = [node, ...g.iris(node, `${SKOS}exactMatch`, OWL_SAME_AS)].map((candidate) => {
        const graph = candidate === node ? g : this.withLinked(candidate);
        const lat = graph.texts(candidate, `${WGS84}lat`)[0];
        const long = graph.texts(candidate, `${WGS84}long`)[0];
        return lat !== undefined && long !== undefined ? { lat, long } : undefined;
      }).find(present);
      const [prefLabels, altLabels] = onePerLanguage(labels);
      if (prefLabels.length > 0 || coordinates !== undefined) {
        this.contextual.set(about, { element: 'edm:Place', about, properties: [
          ...(coordinates === undefined ? [] : [
            { element: 'wgs84_pos:lat', value: { value: coordinates.lat.value, language: '' } },
            { element: 'wgs84_pos:long', value: { value: coordinates.long.value, language: '' } },
          ]),
          ...prefLabels.map((value) => ({ element: 'skos:prefLabel', value })),
          ...altLabels.map((value) => ({ element: 'skos:altLabel', value })),
          ...(isBlank(node) ? [] : g.iris(node, OWL_SAME_AS, `${SKOS}exactMatch`).map((resource) => ({ element: 'owl:sameAs', value: { resource } }))),
        ] });
      }
    }
    return { resource: about };
  }

  /** When the object was made: an edm:TimeSpan when a begin or an end is known, else the date as written. */
  private timeSpan(node: string): EdmValue[] {
    const g = this.graph;
    const labels = g.texts(node, RDFS_LABEL, `${SKOS}prefLabel`);
    const edtf = g.texts(node, EDTF_DESCRIPTION)[0]?.value;
    const years = edtf === undefined ? undefined : edtfYears(edtf);
    const begin = g.texts(node, `${CRM}P82a_begin_of_the_begin`, `${CRM}P82_at_some_time_within`)[0]?.value ?? years?.begin;
    const end = g.texts(node, `${CRM}P82b_end_of_the_end`, `${CRM}P82_at_some_time_within`)[0]?.value ?? years?.end;
    const written = labels.length > 0 ? labels : edtf === undefined ? [] : [{ value: edtf, language: '' }];
    if (begin === undefined && end === undefined) return written;
    const about = isBlank(node) ? this.mint('datering') : node;
    const [prefLabels, altLabels] = onePerLanguage(written.length > 0 ? written : [{ value: begin === end || end === undefined ? begin ?? '' : `${begin ?? '?'}/${end}`, language: '' }]);
    this.contextual.set(about, { element: 'edm:TimeSpan', about, properties: [
      ...prefLabels.map((value) => ({ element: 'skos:prefLabel', value })),
      ...altLabels.map((value) => ({ element: 'skos:altLabel', value })),
      ...(begin === undefined ? [] : [{ element: 'edm:begin', value: { value: begin, language: '' } }]),
      ...(end === undefined ? [] : [{ element: 'edm:end', value: { value: end, language: '' } }]),
    ] });
    return [{ resource: about }];
  }

  /** A dimension as text: `hoogte 54.5 cm`. */
  private dimension(node: string): EdmValue[] {
    const g = this.graph;
    const value = g.texts(node, `${CRM}P90_has_value`, ...schema('value'))[0]?.value;
    if (value === undefined) return [];
    const type = g.objects(node, `${CRM}P2_has_type`)[0];
    const typeName = type === undefined ? undefined
      : type.termType === 'NamedNode' ? DIMENSION_TYPES.get(type.value) ?? this.labels(type.value)[0]?.value : this.labels(`_:${type.value}`)[0]?.value;
    const unitIri = g.iris(node, `${CRM}P91_has_unit`)[0];
    const unit = unitIri === undefined ? g.texts(node, ...schema('unitText'))[0]?.value : UNITS.get(unitIri.slice(unitIri.lastIndexOf('/') + 1)) ?? this.labels(unitIri)[0]?.value;
    const text = [typeName, value, unit].filter(present).join(' ');
    return [{ value: text, language: typeName === undefined ? '' : 'nl' }];
  }

  /** A node's labels, from the record and, for a linked record, from that record. */
  private labels(node: string): Text[] {
    return this.withLinked(node).texts(node, ...LABELS);
  }

  /** The record graph, with the linked record of `node` added the first time it is asked for. */
  private withLinked(node: string): RecordGraph {
    if (!isBlank(node) && !this.looked.has(`linked ${node}`)) {
      this.looked.add(`linked ${node}`);
      if (node !== this.source.iri) {
        const linked = this.source.linked(node);
        if (linked !== undefined) this.graph.add(linked);
      }
    }
    return this.graph;
  }

  /** An IRI for a node that has none (a blank node), under the record's. */
  private mint(name: string): string {
    const n = (this.minted.get(name) ?? 0) + 1;
    this.minted.set(name, n);
    const { iri } = this.source;
    return `${iri}${iri.includes('#') ? '-' : '#'}${name}${n > 1 ? `-${n}` : ''}`;
  }
}

/** A rights IRI in the form Europeana demands (`http://`, trailing slash), when it is a known statement. */
function knownStatement(iri: string): string | undefined {
  const http = iri.replace(/^https:/, 'http:');
  return [iri, http, `${http}/`].find((candidate) => RIGHTS_STATEMENTS.has(candidate));
}

/** Labels split into one preferred label per language (Europeana allows no more) and the rest. */
function onePerLanguage(labels: readonly Text[]): [Text[], Text[]] {
  const seen = new Set<string>();
  const pref: Text[] = [];
  const alt: Text[] = [];
  for (const label of labels) {
    if (seen.has(label.language)) alt.push(label);
    else {
      seen.add(label.language);
      pref.push(label);
    }
  }
  return [pref, alt];
}

/** The languages of tagged texts, most used first (as `dc:language` of a TEXT object). */
function languagesOf(texts: readonly Text[]): string[] {
  const counts = new Map<string, number>();
  for (const { language } of texts) {
    const primary = language.split('-')[0] ?? '';
    if (primary !== '') counts.set(primary, (counts.get(primary) ?? 0) + 1);
  }
  const languages = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([language]) => language);
  return languages.length > 0 ? languages : ['und'];
}

function nonEmpty(text: Text): boolean {
  return text.value.trim() !== '';
}

function present<T>(value: T | undefined): value is T {
  return value !== undefined;
}
