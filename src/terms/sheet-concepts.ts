import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { isAbsoluteIri } from '../domain/iri.js';
import { describePosition, type SourcePosition } from '../ingest/sources/source-item.js';
import { RDF as RDFNS, SKOS } from '../vocab/vocabularies.js';


/** A row of a term-list spreadsheet, keyed by header. */
export interface SheetRow {
  readonly position: SourcePosition;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * A cell that is a concept's own IRI rather than a local id: an http(s) IRI or a URN. Anything
 * else with a colon (`M:1.1`, `foto:12`, and `javascript:…`, which a client would make a link of)
 * is a local id, minted under the list.
 */
function isOwnIri(value: string): boolean {
  return isAbsoluteIri(value) && /^(?:https?:\/\/[^/]|urn:[a-z0-9][a-z0-9-]{0,31}:)/i.test(value);
}

/** Columns of the convention (docs/terms.md): the SKOS property each becomes, and what its cells hold. */
const COLUMNS: ReadonlyMap<string, { readonly property: string; readonly cell: 'text' | 'iri' | 'reference'; readonly tagged: boolean }> = new Map([
  ['preflabel', { property: SKOS.prefLabel, cell: 'text', tagged: true }],
  ['altlabel', { property: SKOS.altLabel, cell: 'text', tagged: true }],
  ['hiddenlabel', { property: SKOS.hiddenLabel, cell: 'text', tagged: true }],
  ['definition', { property: SKOS.definition, cell: 'text', tagged: true }],
  ['scopenote', { property: SKOS.scopeNote, cell: 'text', tagged: true }],
  ['notation', { property: SKOS.notation, cell: 'text', tagged: false }],
  ['broader', { property: SKOS.broader, cell: 'reference', tagged: false }],
  ['related', { property: SKOS.related, cell: 'reference', tagged: false }],
  ['exactmatch', { property: SKOS.exactMatch, cell: 'iri', tagged: false }],
  ['closematch', { property: SKOS.closeMatch, cell: 'iri', tagged: false }],
  ['broadmatch', { property: SKOS.broadMatch, cell: 'iri', tagged: false }],
  ['narrowmatch', { property: SKOS.narrowMatch, cell: 'iri', tagged: false }],
  ['relatedmatch', { property: SKOS.relatedMatch, cell: 'iri', tagged: false }],
]);
/** Cells that hold several values separate them with this. */
const SEPARATOR = '|';

/** The concepts of a spreadsheet, or the problems that stop its import (each naming its row). */
export interface SheetContent {
  /** `where` names the concept's row, for messages. */
  readonly concepts: ReadonlyArray<{ readonly iri: string; readonly quads: readonly RDF.Quad[]; readonly where: string }>;
  readonly errors: readonly string[];
}

/**
 * Reads a term-list spreadsheet: one concept per row, `id` (a local id, minted as
 * `{conceptBase}{id}`, or the concept's own IRI), label columns per language (`prefLabel@nl`;
 * several values separated by `|`), `broader` and `related` as ids of other rows or IRIs, and
 * matches as IRIs. A concept without a broader one is a top concept of the list
 * (`skos:topConceptOf`). Headers are matched case-insensitively.
 */
export function sheetConcepts(rows: readonly SheetRow[], listIri: string, conceptBase: string): SheetContent {
  const errors: string[] = [];
  const first = rows[0];
  if (first === undefined) return { concepts: [], errors: ['the sheet has no rows'] };
  const headers = Object.keys(first.values);
  const idHeader = headers.find((h) => h.trim().toLowerCase() === 'id');
  const columns = headers.map((header) => ({ header, ...parseHeader(header) }));
  for (const column of columns) {
    if (column.header !== idHeader && column.spec === undefined) {
      errors.push(`${first.position.source}: the column "${column.header}" is not part of the convention (id, ${[...COLUMNS.keys()].join(', ')}, with @language on labels and notes)`);
    }
  }
  if (idHeader === undefined) errors.push(`${first.position.source}: there is no "id" column`);
  if (!columns.some((c) => c.spec?.property === SKOS.prefLabel)) errors.push(`${first.position.source}: there is no prefLabel column (such as "prefLabel@nl")`);
  if (errors.length > 0 || idHeader === undefined) return { concepts: [], errors };

  const iriOf = (id: string): string => (isOwnIri(id) ? id : `${conceptBase}${encodeURIComponent(id)}`);
  const rowOfId = new Map<string, SheetRow>();
  // Every row with an id; a repeated id's row is read too, so its other problems are listed with it.
  const identified: Array<{ id: string; row: SheetRow; repeated: boolean }> = [];
  for (const row of rows) {
    const id = row.values[idHeader]?.trim() ?? '';
    if (id === '') {
      errors.push(`${describePosition(row.position)}: the id is empty`);
      continue;
    }
    const earlier = rowOfId.get(id);
    if (earlier) errors.push(`${describePosition(row.position)}: the id "${id}" is also on ${describePosition(earlier.position)}`);
    else rowOfId.set(id, row);
    identified.push({ id, row, repeated: earlier !== undefined });
  }
  const concepts = [];
  for (const { id, row, repeated } of identified) {
    const subject = DataFactory.namedNode(iriOf(id));
    const quads: RDF.Quad[] = [
      DataFactory.quad(subject, DataFactory.namedNode(RDFNS.type), DataFactory.namedNode(SKOS.Concept)),
      DataFactory.quad(subject, DataFactory.namedNode(SKOS.inScheme), DataFactory.namedNode(listIri)),
    ];
    for (const { header, spec, language } of columns) {
      if (spec === undefined) continue;
      const values = (row.values[header] ?? '').split(SEPARATOR).map((v) => v.trim()).filter((v) => v !== '');
      if (spec.property === SKOS.prefLabel && values.length > 1) {
        errors.push(`${describePosition(row.position)}: ${header} holds ${values.length} labels; SKOS allows one preferred label per language (put the others in altLabel)`);
      }
      for (const value of values) {
        if (spec.cell === 'text') {
          quads.push(DataFactory.quad(subject, DataFactory.namedNode(spec.property), DataFactory.literal(value, language)));
        } else if (spec.cell === 'iri' || (isOwnIri(value) && !rowOfId.has(value))) {
          if (!isAbsoluteIri(value)) errors.push(`${describePosition(row.position)}: ${header} "${value}" is not an absolute IRI`);
          // A match leads to another vocabulary's concept on the web; "aat:300015050" is a prefixed name, not an IRI.
          else if (spec.cell === 'iri' && !/^https?:\/\/[^/]/i.test(value)) errors.push(`${describePosition(row.position)}: ${header} "${value}" is not an http(s) IRI; write the whole IRI (http://vocab.getty.edu/aat/300015050), not a prefixed name`);
          else quads.push(DataFactory.quad(subject, DataFactory.namedNode(spec.property), DataFactory.namedNode(value)));
        } else if (!rowOfId.has(value)) {
          errors.push(`${describePosition(row.position)}: ${header} "${value}" is neither an id in this sheet nor an IRI`);
        } else {
          quads.push(DataFactory.quad(subject, DataFactory.namedNode(spec.property), DataFactory.namedNode(iriOf(value))));
        }
      }
    }
    // A concept without a broader one heads the list's hierarchy: a top concept of the scheme.
    if (!quads.some((q) => q.predicate.value === SKOS.broader)) {
      quads.push(DataFactory.quad(subject, DataFactory.namedNode(SKOS.topConceptOf), DataFactory.namedNode(listIri)));
    }
    if (!quads.some((q) => q.predicate.value === SKOS.prefLabel)) errors.push(`${describePosition(row.position)}: "${id}" has no prefLabel`);
    if (!repeated) concepts.push({ iri: subject.value, quads, where: describePosition(row.position) });
  }
  return { concepts, errors };
}

/** `prefLabel@nl` → the prefLabel column in Dutch; `notation` → notation; anything else → no column. */
function parseHeader(header: string): { spec?: NonNullable<ReturnType<typeof COLUMNS.get>>; language?: string } {
  const match = /^\s*([A-Za-z]+)\s*(?:@\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*))?\s*$/.exec(header);
  const spec = match?.[1] === undefined ? undefined : COLUMNS.get(match[1].toLowerCase());
  if (spec === undefined) return {};
  const language = match?.[2]?.toLowerCase();
  if (language !== undefined && !spec.tagged) return {};
  return language === undefined ? { spec } : { spec, language };
}
