import { CRM, FOAF, ORG, PERSON, SCHEMA, SKOS } from '../vocab/vocabularies.js';

/** What a record describes; `stats` counts per kind and later channels select by it. */
export const RECORD_KINDS = ['object', 'production', 'agent', 'concept', 'term-list', 'resource'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function isRecordKind(value: string): value is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(value);
}

/** Classes that decide a record's kind. A record with none of them is a plain `resource`. */
const KIND_BY_CLASS: ReadonlyMap<string, RecordKind> = new Map<string, RecordKind>([
  [CRM['E22_Human-Made_Object'], 'object'],
  [CRM['E22_Man-Made_Object'], 'object'],
  [CRM.E78_Curated_Holding, 'object'],
  [CRM.E7_Activity, 'production'],
  [CRM.E5_Event, 'production'],
  [SCHEMA.Event, 'production'],
  [SCHEMA.TheaterEvent, 'production'],
  [SCHEMA.DanceEvent, 'production'],
  [SCHEMA.MusicEvent, 'production'],
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
  [SCHEMA.Person, 'agent'],
  [SCHEMA.Organization, 'agent'],
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
