import { isResource, type EdmRecord, type EdmResource } from './edm-model.js';

/** Europeana's metadata tiers, and '0' for a record below tier A. */
export type MetadataTier = '0' | 'A' | 'B' | 'C';

/** A record's metadata tier and the three criteria it is the lowest of. */
export interface TierAssessment {
  readonly tier: MetadataTier;
  /** The share of the relevant ProvidedCHO elements with a language-tagged value (0–1). */
  readonly languageShare: number;
  readonly language: MetadataTier;
  /** The distinct enabling elements present, and the discovery scenarios they cover. */
  readonly enablingElements: readonly string[];
  readonly scenarios: number;
  readonly enabling: MetadataTier;
  /** The contextual classes (by class) that have their minimum elements. */
  readonly contextualClasses: readonly string[];
  readonly contextual: MetadataTier;
}

/** The ProvidedCHO elements the language criterion counts (Europeana Publishing Framework, tiers A–C). */
const LANGUAGE_ELEMENTS = new Set([
  'dc:coverage', 'dc:description', 'dc:format', 'dc:relation', 'dc:rights', 'dc:source', 'dc:subject', 'dc:title', 'dc:type',
  'dcterms:alternative', 'dcterms:hasPart', 'dcterms:isPartOf', 'dcterms:isReferencedBy', 'dcterms:medium', 'dcterms:provenance',
  'dcterms:references', 'dcterms:spatial', 'dcterms:tableOfContents', 'dcterms:temporal', 'edm:currentLocation', 'edm:hasType', 'edm:isRelatedTo',
]);

/** The discovery scenarios and their enabling elements; a `→` names the class the link must reach. */
const SCENARIOS: ReadonlyArray<readonly string[]> = [
  ['dcterms:issued', 'dcterms:created', 'dcterms:temporal', 'edm:hasMet→edm:TimeSpan'],
  ['dc:subject→skos:Concept', 'dc:format', 'dc:type', 'dcterms:medium'],
  ['dc:creator', 'dc:contributor', 'dc:publisher', 'dc:subject→edm:Agent', 'edm:hasMet→edm:Agent'],
  ['dc:subject→edm:Place', 'dcterms:spatial', 'edm:currentLocation'],
];

/**
 * The metadata tier of an EDM record by the three criteria of the Europeana Publishing
 * Framework: language (A 25 %, B 50 %, C 75 % of the relevant elements language-tagged, or
 * linked to a Place, Concept or TimeSpan of the record with a tagged prefLabel), enabling
 * elements (A one, B three from two scenarios, C four from two), and contextual classes with
 * their minimum elements (A none, B one, C two classes). The tier is the lowest of the three.
 */
export function metadataTier(record: EdmRecord): TierAssessment {
  const classOf = new Map(record.contextual.map((resource) => [resource.about, resource]));
  const properties = record.providedCho.properties;

  const relevant = new Map<string, boolean>();
  for (const { element, value } of properties) {
    if (!LANGUAGE_ELEMENTS.has(element)) continue;
    const tagged = isResource(value) ? hasTaggedPrefLabel(classOf.get(value.resource)) : value.language !== '';
    relevant.set(element, (relevant.get(element) ?? false) || tagged);
  }
  const languageShare = relevant.size === 0 ? 0 : [...relevant.values()].filter(Boolean).length / relevant.size;
  const language: MetadataTier = languageShare >= 0.75 ? 'C' : languageShare >= 0.5 ? 'B' : languageShare >= 0.25 ? 'A' : '0';

  const enablingElements = new Set<string>();
  const scenarios = new Set<number>();
  for (const { element, value } of properties) {
    const linked = isResource(value) ? classOf.get(value.resource)?.element : undefined;
    for (const [index, members] of SCENARIOS.entries()) {
      const member = members.find((candidate) => candidate === element || (linked !== undefined && candidate === `${element}→${linked}`));
      if (member !== undefined) {
        enablingElements.add(member);
        scenarios.add(index);
      }
    }
  }
  const count = enablingElements.size;
  const enabling: MetadataTier = count >= 4 && scenarios.size >= 2 ? 'C' : count >= 3 && scenarios.size >= 2 ? 'B' : count >= 1 ? 'A' : '0';

  const linkedFromCho = new Set(properties.flatMap(({ value }) => (isResource(value) ? [value.resource] : [])));
  const contextualClasses = [...new Set(record.contextual
    .filter((resource) => linkedFromCho.has(resource.about) && hasMinimum(resource))
    .map((resource) => resource.element))].sort();
  const contextual: MetadataTier = contextualClasses.length >= 2 ? 'C' : contextualClasses.length === 1 ? 'B' : 'A';

  const tiers: MetadataTier[] = [language, enabling, contextual];
  const tier = (['0', 'A', 'B', 'C'] as const).find((candidate) => tiers.includes(candidate)) ?? '0';
  return {
    tier, languageShare, language, enablingElements: [...enablingElements].sort(), scenarios: scenarios.size, enabling, contextualClasses, contextual,
  };
}

function hasTaggedPrefLabel(resource: EdmResource | undefined): boolean {
  return resource !== undefined && resource.element !== 'edm:Agent'
    && resource.properties.some(({ element, value }) => element === 'skos:prefLabel' && !isResource(value) && value.language !== '');
}

/**
 * Whether a contextual class has the minimum elements the framework asks of it: a preferred
 * label, and for an agent a date or an occupation, for a place its coordinates, for a time
 * span its begin and end, for a concept a relation or a note.
 */
function hasMinimum(resource: EdmResource): boolean {
  const has = (...elements: string[]): boolean => resource.properties.some((property) => elements.includes(property.element));
  if (!has('skos:prefLabel')) return false;
  switch (resource.element) {
    case 'edm:Agent': return has('rdaGr2:dateOfBirth', 'rdaGr2:dateOfDeath', 'rdaGr2:dateOfEstablishment', 'rdaGr2:dateOfTermination', 'edm:begin', 'edm:end', 'rdaGr2:professionOrOccupation');
    case 'edm:Place': return has('wgs84_pos:lat') && has('wgs84_pos:long');
    case 'edm:TimeSpan': return has('edm:begin') && has('edm:end');
    case 'skos:Concept': return has('skos:broader', 'skos:narrower', 'skos:related', 'skos:exactMatch', 'skos:closeMatch', 'skos:broadMatch', 'skos:note');
    default: return false;
  }
}
