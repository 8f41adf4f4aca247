import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { z } from 'zod';
import { isAbsoluteIri } from '../domain/iri.js';
import { nearestName } from '../domain/nearest-name.js';
import type { StatementLike } from '../rdf/nquads-statements.js';
import { DCTERMS, FOAF, OWL, RDF as RDFNS, SCHEMA, SKOS, XSD } from '../vocab/vocabularies.js';


/** Text per language (`{nl: …, en: …}`); untagged text is stored under `""`. */
export type LanguageMap = Readonly<Record<string, string>>;

/** A term list's own description: what `sources` shows, and what the list record holds. */
export interface TermListMetadata {
  readonly name: LanguageMap;
  readonly alternateName?: string;
  readonly description: LanguageMap;
  /** The publisher or community behind the list. */
  readonly publisher?: { readonly name: string; readonly alternateName?: string; readonly iri?: string };
  /** People or addresses who maintain it. */
  readonly maintainers: readonly string[];
  /** Topic IRIs (see topics.ts). */
  readonly topics: readonly string[];
  /** BCP 47 tags of the languages its labels are in. */
  readonly languages: readonly string[];
  /** Licence or rights statement IRI. */
  readonly license?: string;
  readonly version?: string;
  /** ISO 8601 date or date-time. */
  readonly modified?: string;
  /** A web page about the list. */
  readonly homepage?: string;
}

const iri = z.string().refine(isAbsoluteIri, { message: 'must be an absolute IRI' });
/** What clients show as a link (Network of Terms tools, the pages): a web address, never javascript: or data:. */
const webIri = iri.refine((value) => /^https?:\/\//i.test(value), { message: 'must be an http(s) address' });
const languageMap = z.record(z.string().regex(/^([a-z]{2,3}(-[A-Za-z0-9]{1,8})*)?$/, 'keys are language tags such as "nl" or "en"'), z.string().min(1, 'must not be empty'), {
  // Only for a value that is no map at all (a plain text); a bad key or an empty text says so itself.
  error: (issue) => (issue.code === 'invalid_type' ? 'must give a text per language, such as {"nl": "Materialen", "en": "Materials"}' : undefined),
});

/** Metadata as clients send it (`PUT /api/term-lists/{id}`, `terms import` options): every field optional. */
export const termListMetadataInput = z.strictObject({
  name: languageMap.optional(),
  alternateName: z.string().min(1).optional(),
  description: languageMap.optional(),
  publisher: z.strictObject({ name: z.string().min(1), alternateName: z.string().min(1).optional(), iri: webIri.optional() }).optional(),
  maintainers: z.array(z.string().min(1)).optional(),
  topics: z.array(z.string().min(1)).optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as "nl"')).optional(),
  license: iri.optional(),
  version: z.string().min(1).optional(),
  modified: z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'must be an ISO 8601 date or date-time').optional(),
  homepage: webIri.optional(),
});
export type TermListMetadataInput = z.infer<typeof termListMetadataInput>;

/**
 * Why metadata is not valid, field by field; a field it does not know is named with the one it
 * most likely means (`topic`: did you mean "topics"?) or the fields there are.
 */
export function metadataProblems(error: z.ZodError): string {
  const fields = Object.keys(termListMetadataInput.shape);
  return error.issues.map((issue) => {
    // A bad key of a language map: what its rule says (a language tag), not "Invalid key in record".
    const message = issue.code === 'invalid_key' ? issue.issues[0]?.message ?? issue.message : issue.message;
    if (issue.code !== 'unrecognized_keys') return issue.path.length === 0 ? message : `${issue.path.join('.')}: ${message}`;
    const where = issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
    const known = issue.path.length === 0 ? fields : undefined;
    const named = issue.keys.map((key) => {
      const near = known === undefined ? undefined : nearestName(key, known);
      return near === undefined ? JSON.stringify(key) : `${JSON.stringify(key)} (did you mean "${near}"?)`;
    });
    return `${where}no field ${named.join(', ')}${known === undefined ? '' : `; the fields are ${known.join(', ')}`}`;
  }).join('; ');
}

/** Metadata updated with what `input` gives; a field it leaves out keeps its value. */
export function mergeMetadata(current: TermListMetadata, input: TermListMetadataInput): TermListMetadata {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  return { ...current, ...defined };
}

/** A list's name to show: Dutch, else English, else untagged, else `fallback` (its id). */
export function displayName(metadata: TermListMetadata, fallback: string): string {
  return metadata.name.nl ?? metadata.name.en ?? metadata.name[''] ?? fallback;
}

/** The metadata of a list nobody described yet: named after its id. */
export function defaultMetadata(listId: string): TermListMetadata {
  return { name: { '': listId }, description: {}, maintainers: [], topics: [], languages: [] };
}

/** The list record's triples: a skos:ConceptScheme with its metadata. */
export function metadataQuads(listIri: string, metadata: TermListMetadata): RDF.Quad[] {
  const list = DataFactory.namedNode(listIri);
  const quads: RDF.Quad[] = [DataFactory.quad(list, DataFactory.namedNode(RDFNS.type), DataFactory.namedNode(SKOS.ConceptScheme))];
  const add = (predicate: string, object: RDF.Quad_Object, subject: RDF.Quad_Subject = list): void => {
    quads.push(DataFactory.quad(subject, DataFactory.namedNode(predicate), object));
  };
  for (const [language, text] of Object.entries(metadata.name)) add(DCTERMS.title, DataFactory.literal(text, language || undefined));
  if (metadata.alternateName !== undefined) add(DCTERMS.alternative, DataFactory.literal(metadata.alternateName));
  for (const [language, text] of Object.entries(metadata.description)) add(DCTERMS.description, DataFactory.literal(text, language || undefined));
  if (metadata.publisher) {
    const publisher = DataFactory.namedNode(metadata.publisher.iri ?? `${listIri}#publisher`);
    add(DCTERMS.publisher, publisher);
    add(RDFNS.type, DataFactory.namedNode(FOAF.Organization), publisher);
    add(SCHEMA.name, DataFactory.literal(metadata.publisher.name), publisher);
    if (metadata.publisher.alternateName !== undefined) add(SCHEMA.alternateName, DataFactory.literal(metadata.publisher.alternateName), publisher);
  }
  for (const maintainer of metadata.maintainers) add(SCHEMA.maintainer, DataFactory.literal(maintainer));
  for (const topic of metadata.topics) add(DCTERMS.subject, DataFactory.namedNode(topic));
  for (const language of metadata.languages) add(DCTERMS.language, DataFactory.literal(language));
  if (metadata.license !== undefined) add(DCTERMS.license, DataFactory.namedNode(metadata.license));
  if (metadata.version !== undefined) add(OWL.versionInfo, DataFactory.literal(metadata.version));
  if (metadata.modified !== undefined) add(DCTERMS.modified, DataFactory.literal(metadata.modified, DataFactory.namedNode(metadata.modified.includes('T') ? XSD.dateTime : XSD.date)));
  if (metadata.homepage !== undefined) add(SCHEMA.mainEntityOfPage, DataFactory.namedNode(metadata.homepage));
  return quads;
}

/** Reads the metadata back from a list record's triples. */
export function metadataOf(listIri: string, quads: Iterable<StatementLike>): TermListMetadata {
  const name: Record<string, string> = {};
  const description: Record<string, string> = {};
  const maintainers: string[] = [];
  const topics: string[] = [];
  const languages: string[] = [];
  const about = new Map<string, StatementLike[]>();
  let metadata: { -readonly [K in keyof TermListMetadata]?: TermListMetadata[K] } = {};
  let publisherNode: string | undefined;
  for (const q of quads) {
    const list = about.get(q.subject.value) ?? [];
    list.push(q);
    about.set(q.subject.value, list);
    if (q.subject.value !== listIri) continue;
    const value = q.object.value;
    const language = q.object.termType === 'Literal' ? q.object.language ?? '' : '';
    switch (q.predicate.value) {
      case DCTERMS.title: name[language] = value; break;
      case SKOS.prefLabel: name[language] ??= value; break;
      case DCTERMS.alternative: metadata.alternateName = value; break;
      case DCTERMS.description: description[language] = value; break;
      case DCTERMS.publisher: publisherNode = value; break;
      case SCHEMA.maintainer: maintainers.push(value); break;
      case DCTERMS.subject: topics.push(value); break;
      case DCTERMS.language: languages.push(value); break;
      case DCTERMS.license: metadata.license = value; break;
      case OWL.versionInfo: metadata.version = value; break;
      case DCTERMS.modified: metadata.modified = value; break;
      case SCHEMA.mainEntityOfPage: metadata.homepage = value; break;
    }
  }
  if (publisherNode !== undefined) {
    const described = about.get(publisherNode) ?? [];
    const field = (predicate: string): string | undefined => described.find((q) => q.predicate.value === predicate)?.object.value;
    const publisherName = field(SCHEMA.name) ?? field(FOAF.name) ?? publisherNode;
    const alternateName = field(SCHEMA.alternateName);
    metadata = {
      ...metadata,
      publisher: {
        name: publisherName,
        ...(alternateName === undefined ? {} : { alternateName }),
        ...(publisherNode.startsWith(`${listIri}#`) ? {} : { iri: publisherNode }),
      },
    };
  }
  return { ...metadata, name, description, maintainers: maintainers.sort(), topics: topics.sort(), languages: languages.sort() };
}
