import type { StoredRecord } from '../domain/record.js';
import type { IndexedList } from '../ports/term-index.js';
import { nquadsStatements, type LineStatement, type LineTerm } from '../rdf/nquads-statements.js';
import { preferredValue as pick, type ConceptDoc, type LanguageValue } from '../terms/concept-doc.js';
import { displayName } from '../terms/term-list-metadata.js';

/** Text safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * A link to an IRI, when it is one a browser should follow (http or https); other IRIs (urn:,
 * and javascript: or data: that a list may hold as a "match") are shown as text.
 */
export function linkTo(iri: string, html: string, attributes = ''): string {
  return /^https?:/i.test(iri) ? `<a href="${escapeHtml(iri)}"${attributes}>${html}</a>` : `<span class="iri">${html}</span>`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2{margin-bottom:0}.iri{color:#555;font-family:monospace;word-break:break-all}dt{font-weight:600;margin-top:.8rem}
dd{margin-left:1rem}table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.3rem;vertical-align:top;word-break:break-all}
.lang{color:#777;font-size:.85em}nav{margin-top:2rem;font-size:.9em}`;

/** A page with only a heading and a message in English (an error's detail), styled as the record pages. */
export function messagePage(title: string, message: string): string {
  return htmlDocument(title, '', `<p lang="en">${escapeHtml(message)}</p>`);
}

/** The other forms of a page, by `?format=`. */
const FORMAT_LINKS = [['turtle', 'Turtle'], ['jsonld', 'JSON-LD'], ['rdfxml', 'RDF/XML'], ['ntriples', 'N-Triples']] as const;

/** What a page shows of one resource: its name (text), its IRI and what it says of it (markup). */
export interface Section {
  readonly title: string;
  readonly iri: string;
  readonly body: string;
}

/**
 * The page of the document at `iri`: the section of `iri` itself, if any, under the page's heading,
 * then one of each other resource (a hash resource, `iri#rood`), with the fragment as its anchor
 * so that the browser scrolls to it; links to the other forms of the document.
 */
export function documentPage(iri: string, sections: readonly Section[]): string {
  const own = sections.find((section) => section.iri === iri);
  const others = sections.filter((section) => section !== own).map((section) => `<section${anchor(section.iri)}><h2>${escapeHtml(section.title)}</h2>
<p class="iri">${escapeHtml(section.iri)}</p>
${section.body}</section>`);
  // An IRI with a query string keeps it: the format is one more parameter. An IRI whose own query
  // has a `format` cannot take another one (it would be read as two): programs choose by Accept.
  const formatLink = (format: string): string => `${iri}${iri.includes('?') ? '&' : '?'}format=${format}`;
  const linkable = !/[?&]format(=|&|$)/.test(iri);
  const links = linkable ? `Ook als ${FORMAT_LINKS.map(([format, name]) => `<a href="${escapeHtml(formatLink(format))}">${name}</a>`).join(', ')}; programma's kiezen` : 'Programma\'s kiezen een vorm';
  return htmlDocument(own?.title ?? iri, `<link rel="alternate" type="text/turtle" href="${escapeHtml(iri)}">\n`, `<p class="iri">${escapeHtml(iri)}</p>
${[own?.body ?? '', ...others].filter((body) => body !== '').join('\n')}
<nav>${links} met <code>Accept</code>.</nav>`);
}

/** The `id` attribute a hash resource's part of a page has: its fragment; none for other IRIs. */
function anchor(iri: string): string {
  const fragment = iri.indexOf('#');
  return fragment === -1 || fragment === iri.length - 1 ? '' : ` id="${escapeHtml(iri.slice(fragment + 1))}"`;
}

/** A Dutch HTML page: its title as heading, `head` (markup) in its head, then `body` (markup). */
function htmlDocument(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${head}<style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}
</body></html>
`;
}

/** Values one per line, each with its language tag when it has one. */
function languageValues(values: readonly LanguageValue[]): string {
  return values.map((v) => `${escapeHtml(v.value)}${v.language === '' ? '' : ` <span class="lang">${escapeHtml(v.language)}</span>`}`).join('<br>');
}

/** Rows of label and value (markup) as a definition list, the empty ones left out. */
function definitionList(rows: ReadonlyArray<readonly [string, string]>): string {
  return `<dl>${rows.filter(([, value]) => value !== '').map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`).join('\n')}</dl>`;
}

/** A page is Dutch: a subject's name among `statements` in Dutch when there is one, then an untagged one, then any. */
function nameOf(statements: Iterable<LineStatement>): string | undefined {
  return pick([...statements]
    .filter((s) => s.object.termType === 'Literal' && /(prefLabel|label|title|name)$/.test(s.predicate.value))
    .map((s) => ({ value: s.object.value, language: s.object.termType === 'Literal' ? s.object.language : '' })));
}

/** A concept's page: labels per language, notes, hierarchy, matches and its term list. */
export function conceptPage(doc: ConceptDoc, related: ReadonlyMap<string, readonly LanguageValue[]>, list: IndexedList | undefined): string {
  return documentPage(doc.iri, [conceptSection(doc, related, list)]);
}

/** What a page shows of a concept: see `conceptPage`. */
export function conceptSection(doc: ConceptDoc, related: ReadonlyMap<string, readonly LanguageValue[]>, list: IndexedList | undefined): Section {
  const title = pick(doc.prefLabel) ?? doc.iri;
  const links = (iris: readonly string[]): string => iris.map((iri) => linkTo(iri, escapeHtml(pick(related.get(iri) ?? []) ?? iri))).join('<br>');
  const rows: Array<[string, string]> = [
    ['Voorkeurslabel', languageValues(doc.prefLabel)],
    ['Alternatieve labels', languageValues(doc.altLabel)],
    ['Definitie', languageValues(doc.definition)],
    ['Toelichting', languageValues(doc.scopeNote)],
    ['Notatie', doc.notation.map(escapeHtml).join('<br>')],
    ['Breder', links(doc.broader)],
    ['Smaller', links(doc.narrower)],
    ['Verwant', links(doc.related)],
    ['Zelfde als', links(doc.exactMatch)],
    ['Vergelijkbaar met', links(doc.closeMatch)],
    // skos:broadMatch X: X, in another vocabulary, is broader than this concept.
    ['Bredere term elders', links(doc.broadMatch)],
    ['Smallere term elders', links(doc.narrowMatch)],
    ['Verwante term elders', links(doc.relatedMatch)],
    ['Zie ook', links(doc.seeAlso)],
    ['Termenlijst', list === undefined ? '' : linkTo(list.iri, escapeHtml(displayName(list.metadata, list.id)))],
  ];
  return { title, iri: doc.iri, body: definitionList(rows) };
}

/** Top concepts a term list's page lists; a larger list says how many more there are. */
/** Top concepts a list's page shows; a flat list of 100,000 has as many. */
export const MAX_TOP_CONCEPTS = 500;

/**
 * A term list's page: its metadata, how many terms it holds, and its top concepts by their
 * labels, linked to their pages.
 */
export function termListPage(list: IndexedList, topConcepts: { readonly iris: readonly string[]; readonly total: number }, labels: ReadonlyMap<string, readonly LanguageValue[]>): string {
  return documentPage(list.iri, [termListSection(list, topConcepts, labels)]);
}

/** What a page shows of a term list: see `termListPage`. */
export function termListSection(list: IndexedList, topConcepts: { readonly iris: readonly string[]; readonly total: number }, labels: ReadonlyMap<string, readonly LanguageValue[]>): Section {
  const { metadata } = list;
  const languageMap = (map: Readonly<Record<string, string>>): string => languageValues(Object.entries(map).map(([language, value]) => ({ language, value })));
  const link = (iri: string | undefined): string => (iri === undefined ? '' : linkTo(iri, escapeHtml(iri)));
  const shown = [...topConcepts.iris]
    .map((iri) => ({ iri, name: pick(labels.get(iri) ?? []) ?? iri }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const more = topConcepts.total - Math.min(shown.length, MAX_TOP_CONCEPTS);
  const rows: Array<[string, string]> = [
    ['Naam', languageMap(metadata.name)],
    ['Beschrijving', languageMap(metadata.description)],
    ['Uitgever', metadata.publisher === undefined ? '' : metadata.publisher.iri === undefined ? escapeHtml(metadata.publisher.name) : linkTo(metadata.publisher.iri, escapeHtml(metadata.publisher.name))],
    ['Beheerders', metadata.maintainers.map(escapeHtml).join('<br>')],
    ['Onderwerpen', metadata.topics.map(link).join('<br>')],
    ['Talen', metadata.languages.map(escapeHtml).join(', ')],
    ['Licentie', link(metadata.license)],
    ['Versie', escapeHtml(metadata.version ?? '')],
    ['Gewijzigd', escapeHtml(metadata.modified ?? '')],
    ['Webpagina', link(metadata.homepage)],
    ['Termen', String(list.concepts)],
    ['Topconcepten', shown.slice(0, MAX_TOP_CONCEPTS).map(({ iri, name }) => linkTo(iri, escapeHtml(name))).join('<br>')
      + (more > 0 ? `<br>… en ${more} meer` : '')],
  ];
  return { title: displayName(metadata, list.id), iri: list.iri, body: definitionList(rows) };
}

/** Record kinds as the Dutch pages name them. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  object: 'object', production: 'productie', agent: 'actor', concept: 'concept', 'term-list': 'termenlijst', resource: 'bron',
};

/**
 * What a page shows of any other record: its statements, subjects in order, links where they are
 * IRIs; the first row of a hash resource of the record (`iri#premiere`) is its anchor, unless it
 * is one of `sectioned`, which have sections of their own.
 */
export function recordSection(record: StoredRecord, sectioned: ReadonlySet<string> = new Set()): Section {
  // Anchored here: the hash IRIs this section is the first to state about (a copy of `sectioned`
  // per record made a page of 20,000 hash resources take 50 s).
  const anchored = new Set<string>();
  const rows = [...nquadsStatements(record.nquads)].map((s) => {
    const first = s.subject.termType === 'NamedNode' && s.subject.value.startsWith(`${record.iri}#`) && !sectioned.has(s.subject.value) && !anchored.has(s.subject.value);
    if (first) anchored.add(s.subject.value);
    return `<tr${first ? anchor(s.subject.value) : ''}><td>${term(s.subject)}</td><td>${term(s.predicate)}</td><td>${term(s.object)}</td></tr>`;
  });
  return {
    title: nameOf(nquadsStatements(record.nquads, record.iri)) ?? record.iri, iri: record.iri,
    body: `<p>${escapeHtml(KIND_NAMES[record.kind] ?? record.kind)} · dataset ${escapeHtml(record.dataset)} · versie ${record.version} · bijgewerkt ${escapeHtml(record.updatedAt)}</p>
<table><tbody>${rows.join('\n')}</tbody></table>`,
  };
}

/**
 * What a page shows of an IRI that is no record of its own but is described inside records (a
 * concept or a place a mapping minted in an object's record): what they say of it, and which records.
 */
export function describedSection(iri: string, ntriples: string, records: readonly string[]): Section {
  const statements = [...nquadsStatements(ntriples, iri)];
  const rows = statements.map((s) => `<tr><td>${term(s.predicate)}</td><td>${term(s.object)}</td></tr>`);
  return {
    title: nameOf(statements) ?? iri, iri,
    body: `<p>Geen record op zich: zo beschreven in ${records.length === 1 ? 'het record' : 'de records'} ${records.map((record) => linkTo(record, escapeHtml(record))).join(', ')}.</p>
<table><tbody>${rows.join('\n')}</tbody></table>`,
  };
}

function term(t: LineTerm | { readonly termType: 'NamedNode'; readonly value: string }): string {
  if (t.termType === 'NamedNode') return linkTo(t.value, escapeHtml(t.value));
  if (t.termType === 'BlankNode') return `_:${escapeHtml(t.value)}`;
  return languageValues([t]);
}

