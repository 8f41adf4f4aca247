import { CRM, FOAF, ORG, PERSON, SCHEMA, SCHEMA_HTTP, SKOS } from '../vocab/vocabularies.js';

/** What a record describes; `stats` counts per kind and later channels select by it. */
export const RECORD_KINDS = ['object', 'production', 'agent', 'concept', 'term-list', 'resource'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function isRecordKind(value: string): value is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(value);
}

/** schema.org classes by kind, in both the https and the http namespace. */
const SCHEMA_KINDS: ReadonlyArray<[keyof typeof SCHEMA, RecordKind]> = [
  ['Event', 'production'], ['TheaterEvent', 'production'], ['DanceEvent', 'production'], ['MusicEvent', 'production'],
  ['Person', 'agent'], ['Organization', 'agent'],
];

/** Classes that decide a record's kind. A record with none of them is a plain `resource`. */
const KIND_BY_CLASS: ReadonlyMap<string, RecordKind> = new Map<string, RecordKind>([
  ...SCHEMA_KINDS.flatMap(([term, kind]): Array<[string, RecordKind]> => [[SCHEMA[term], kind], [SCHEMA_HTTP[term], kind]]),
  [CRM['E22_Human-Made_Object'], 'object'],
  [CRM['E22_Man-Made_Object'], 'object'],
  [CRM.E78_Curated_Holding, 'object'],
  [CRM.E7_Activity, 'production'],
  [CRM.E5_Event, 'production'],
  [CRM.E21_Person, 'agent'],
  [CRM.E39_Actor, 'agent'],
  [CRM.E40_Legal_Body, 'agent'],
  [CRM.E74_Group, 'agent'],
  [FOAF.Person, 'agent'],
  [FOAF.Organization, 'agent'],
  [FOAF.Agent, 'agent'],
  [FOAF.Group, 'agent'],
  [ORG.Organization, 'agent'],
  [ORG.FormalOrganization, 'agent'],
  [PERSON.Person, 'agent'],
  [SKOS.Concept, 'concept'],
  [SKOS.ConceptScheme, 'term-list'],
]);

/** Precedence when a record has classes of several kinds (an object that is also a concept is an object). */
const PRECEDENCE: readonly RecordKind[] = ['term-list', 'object', 'production', 'agent', 'concept'];

/** Derives a record's kind from its rdf:type values. */
export function kindOfTypes(types: Iterable<string>): RecordKind {
  const kinds = new Set<RecordKind>();
  for (const type of types) {
    const kind = KIND_BY_CLASS.get(type);
    if (kind) kinds.add(kind);
  }
  return PRECEDENCE.find((kind) => kinds.has(kind)) ?? 'resource';
}
