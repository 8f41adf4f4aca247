import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { DataFactory, Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePut } from '../../src/rdf/prepare-put.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { importTermList } from '../../src/terms/term-import.js';
import { CRM, RDF, SKOS } from '../../src/vocab/vocabularies.js';
import { ROOT } from '../helpers/cli.js';
import { importFixtureList, TERMS_BASE as BASE } from '../helpers/term-lists.js';
import { parseRdf } from '../helpers/isomorphism.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const BRONS = `${BASE}id/concept/materialen/brons`;
const OBJECT = `${BASE}id/object/msk/1914-AB`;

/** The status of a GET sent with exactly these headers. */
function statusOf(url: string, headers: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject).end();
  });
}

const ACCENTED = `${BASE}id/object/msk/café`;
const ESCAPED = `${BASE}id/object/msk/${encodeURIComponent('émaillage')}`;
/** A record whose IRI has a query string: another IRI than the one without it. */
const VERSIONED = `${BASE}id/object/msk/vaas?v=2`;
/** A concept a mapping minted inside the object's record, with no record of its own. */
const MINTED = `${BASE}id/concept/msk/materiaal/olieverf`;
/** One minted with an escape, as ENCODE_FOR_URI writes it. */
const MINTED_ESCAPED = `${BASE}id/concept/msk/materiaal/%C3%A9mail`;

describe('dereferencing minted IRIs', () => {
  const temp = sharedTempDir('linked-data-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      await importFixtureList(records, 'materialen', { name: { nl: 'Materialen' } });
      const smaller = join(temp.dir, 'materialen.csv');
      writeFileSync(smaller, readFileSync(join(ROOT, 'fixtures/terms/materialen.csv'), 'utf8').split('\n').filter((line) => !line.startsWith('eik;')).join('\n'));
      await importTermList({ file: smaller, source: 'materialen.csv', list: 'materialen', baseIri: BASE }, { records });
      const object = DataFactory.namedNode(OBJECT);
      const title = DataFactory.namedNode('http://www.cidoc-crm.org/cidoc-crm/P102_has_title');
      const accented = DataFactory.namedNode(ACCENTED);
      records.writeBatch([await preparePut(OBJECT, 'msk', [
        DataFactory.quad(object, DataFactory.namedNode(RDF.type), DataFactory.namedNode(CRM['E22_Human-Made_Object'])),
        DataFactory.quad(object, title, DataFactory.literal('View of <the> Lys', 'en')),
        DataFactory.quad(object, title, DataFactory.literal('Zicht op <de> Leie', 'nl')),
        DataFactory.quad(object, DataFactory.namedNode('http://www.cidoc-crm.org/cidoc-crm/P45_consists_of'), DataFactory.namedNode(MINTED)),
        DataFactory.quad(DataFactory.namedNode(MINTED), DataFactory.namedNode(RDF.type), DataFactory.namedNode('http://www.w3.org/2004/02/skos/core#Concept')),
        DataFactory.quad(DataFactory.namedNode(MINTED), DataFactory.namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), DataFactory.literal('olieverf', 'nl')),
        DataFactory.quad(object, DataFactory.namedNode('http://www.cidoc-crm.org/cidoc-crm/P45_consists_of'), DataFactory.namedNode(MINTED_ESCAPED)),
        DataFactory.quad(DataFactory.namedNode(MINTED_ESCAPED), DataFactory.namedNode('http://www.w3.org/2004/02/skos/core#prefLabel'), DataFactory.literal('émail', 'nl')),
      ]), await preparePut(ACCENTED, 'msk', [DataFactory.quad(accented, title, DataFactory.literal('Café', 'nl'))]),
      // As a sheet mints an id with an accent: in its URI form, escapes in upper case.
      await preparePut(ESCAPED, 'msk', [DataFactory.quad(DataFactory.namedNode(ESCAPED), title, DataFactory.literal('Émaillage', 'fr'))]),
      // A spreadsheet's vertical tab in a title, and a property IRI that ends in no XML name: RDF/XML can hold neither.
      await preparePut(`${BASE}id/object/msk/kast`, 'msk', [DataFactory.quad(DataFactory.namedNode(`${BASE}id/object/msk/kast`), title, DataFactory.literal('Kast\u000Bmet lade', 'nl'))]),
      await preparePut(VERSIONED, 'msk', [DataFactory.quad(DataFactory.namedNode(VERSIONED), title, DataFactory.literal('Vaas, tweede versie', 'nl'))]),
      await preparePut(`${BASE}id/object/msk/boek`, 'msk', [DataFactory.quad(DataFactory.namedNode(`${BASE}id/object/msk/boek`), DataFactory.namedNode('urn:isbn:123'), DataFactory.literal('x'))]),
      ], { createDatasets: [{ id: 'msk' }] });
    } finally {
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const get = (iri: string, accept: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}/${iri.slice(BASE.length)}`, { headers: { accept, ...headers } });

  it('gives people an HTML page of a concept: labels, hierarchy, matches and its list', async () => {
    const response = await get(BRONS, 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('vary')).toBe('Accept, Authorization');
    const html = await response.text();
    expect(html).toContain('<title>brons</title>');
    expect(html).toContain('bronze <span class="lang">en</span>');
    expect(html).toContain(`<a href="${BASE}id/concept/materialen/metaal">metaal</a>`);
    expect(html).toContain('<a href="http://vocab.getty.edu/aat/300010957">');
    expect(html).toContain(`<a href="${BASE}id/term-list/materialen">Materialen</a>`);
    const metaal = await (await get(`${BASE}id/concept/materialen/metaal`, 'text/html')).text();
    expect(metaal).toContain(`<a href="${BRONS}">brons</a>`);
  });

  it('gives a term list a page of its own: its metadata, its size and its top concepts', async () => {
    const html = await (await get(`${BASE}id/term-list/materialen`, 'text/html')).text();
    expect(html).toContain('<title>Materialen</title>');
    expect(html).toContain('<dt>Naam</dt><dd>Materialen <span class="lang">nl</span></dd>');
    expect(html).toContain('<dt>Termen</dt><dd>5</dd>');
    expect(html).toContain(`<dt>Topconcepten</dt><dd><a href="${BASE}id/concept/materialen/materiaal">materiaal</a></dd>`);
  });

  it('gives machines the record graph as Turtle (the default), N-Triples, JSON-LD or RDF/XML', async () => {
    const turtle = await get(BRONS, '*/*');
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/);
    const quads = new Parser({ baseIRI: BRONS }).parse(await turtle.text());
    expect(quads.filter((q) => q.subject.value === BRONS && q.predicate.value === SKOS.prefLabel).map((q) => q.object.value).sort()).toEqual(['brons', 'bronze']);
    const ntriples = await (await get(BRONS, 'application/n-triples')).text();
    expect(ntriples.trim().split('\n')).toHaveLength(quads.length);
    const jsonld = JSON.parse(await (await get(BRONS, 'application/ld+json')).text()) as unknown;
    expect(JSON.stringify(jsonld)).toContain(BRONS);
    const rdfxml = await get(BRONS, 'application/rdf+xml');
    expect(rdfxml.headers.get('content-type')).toMatch(/^application\/rdf\+xml/);
    expect(await rdfxml.text()).toMatch(/<rdf:RDF[\s\S]*rdf:about="http:\/\/localhost:8080\/id\/concept\/materialen\/brons"/);
    expect((await get(BRONS, 'application/pdf')).status).toBe(406);
    // What RDF/XML cannot hold is refused in RDF/XML, saying why and what to ask for instead; other syntaxes hold it.
    for (const [id, why] of [['kast', 'the control character U\\+000B'], ['boek', 'does not end in a name XML allows']]) {
      const xml = await get(`${BASE}id/object/msk/${id}`, 'application/rdf+xml');
      expect([id, xml.status]).toEqual([id, 406]);
      expect(((await xml.json()) as { detail: string }).detail).toMatch(new RegExp(`^This record cannot be written as RDF/XML: .*${why}.*; ask for one of text/turtle`));
      expect((await get(`${BASE}id/object/msk/${id}`, 'text/turtle')).status).toBe(200);
      // A client that accepts another syntax too gets that one.
      const fallback = await get(`${BASE}id/object/msk/${id}`, 'application/rdf+xml, text/turtle;q=0.5');
      expect([id, fallback.status, fallback.headers.get('content-type')?.split(';')[0]]).toEqual([id, 200, 'text/turtle']);
      const named = await fetch(`${server.url}/id/object/msk/${id}?format=rdfxml`, { headers: { accept: 'text/turtle' } });
      expect([id, named.status]).toEqual([id, 406]);
    }
    // A media range's parameters other than q ask for nothing else: a charset, a JSON-LD profile.
    for (const [accept, type] of [['text/turtle; charset=utf-8', 'text/turtle'], ['application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"', 'application/ld+json'],
      ['text/html;q=0.5, application/n-triples; charset=utf-8;q=0.9', 'application/n-triples']]) {
      const answer = await get(BRONS, accept ?? '');
      expect([accept, answer.status, answer.headers.get('content-type')?.split(';')[0]]).toEqual([accept, 200, type]);
    }
    // Plain JSON is JSON-LD.
    const json = await get(BRONS, 'application/json');
    expect(json.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(JSON.stringify(await json.json())).toContain(BRONS);
  });

  it('answers 304 for an unchanged record, 410 for a deleted one and 404 for an unknown one', async () => {
    const first = await get(BRONS, 'text/turtle');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    // fetch() adds Cache-Control: no-cache to a conditional request (as a browser's reload does); a cache does not.
    expect(await statusOf(`${server.url}/${BRONS.slice(BASE.length)}`, { accept: 'text/turtle', 'if-none-match': etag ?? '' })).toBe(304);
    // A browser gets a page; a program its problem document.
    const gone = await get(`${BASE}id/concept/materialen/eik`, 'text/html');
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await gone.text()).toContain('<h1>Verwijderd</h1>');
    expect(await (await get(`${BASE}id/concept/materialen/eik`, 'application/json')).json()).toMatchObject({ code: 'GONE' });
    const unknown = await get(`${BASE}id/concept/materialen/nergens`, 'text/html');
    expect(unknown.status).toBe(404);
    // What the public may not see is a 404 that a reader's token would not get: no shared cache may keep it for both.
    expect(unknown.headers.get('vary')).toContain('Authorization');
  });

  it('shows any other record as a table of its statements, escaped, titled by its Dutch name', async () => {
    const html = await (await get(OBJECT, 'text/html')).text();
    expect(html).toContain('<title>Zicht op &lt;de&gt; Leie</title>');
    expect(html).toContain('object · dataset msk');
    expect(html).not.toContain('<de>');
    // Browsers cannot choose what they accept: the page links its other forms.
    expect(html).toContain(`<a href="${OBJECT}?format=turtle">Turtle</a>`);
  });

  it('gives the form ?format= names, whatever the browser accepts, and refuses an unknown one', async () => {
    const turtle = await get(`${OBJECT}?format=turtle`, 'text/html');
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect(await turtle.text()).toContain('Zicht op <de> Leie');
    expect((await get(`${OBJECT}?format=jsonld`, 'text/html')).headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect((await get(`${OBJECT}?format=pdf`, 'text/html')).status).toBe(400);
  });

  it('takes a query string as part of the IRI, but for format', async () => {
    const versioned = await get(VERSIONED, 'text/turtle');
    expect(versioned.status).toBe(200);
    expect(parseRdf(await versioned.text()).map((q) => [q.subject.value, q.object.value])).toEqual([[VERSIONED, 'Vaas, tweede versie']]);
    // Another query string is another IRI, of no record; so is the record's IRI with one.
    for (const iri of [`${BASE}id/object/msk/vaas?v=3`, `${BASE}id/object/msk/vaas`, `${OBJECT}?v=2`, `${BASE}id/topic/materials?v=2`]) {
      const unknown = await get(iri, 'application/json');
      expect([iri, unknown.status]).toEqual([iri, 404]);
      if (iri.includes('?')) expect(((await unknown.json()) as { detail: string }).detail).toBe(`There is no record <${iri}>: a query string is part of the IRI, and format (?format=turtle) is the only parameter read here.`);
    }
    // format chooses the syntax of the IRI without it, wherever it stands among the parameters.
    for (const path of ['vaas?v=2&format=ntriples', 'vaas?format=ntriples&v=2']) {
      const ntriples = await get(`${BASE}id/object/msk/${path}`, 'text/html');
      expect([path, ntriples.headers.get('content-type')]).toEqual([path, 'application/n-triples; charset=utf-8']);
      expect(await ntriples.text()).toContain(`<${VERSIONED}> `);
    }
    expect((await get(`${BASE}id/topic/materials?format=ntriples`, 'text/html')).headers.get('content-type')).toMatch(/^application\/n-triples/);
    expect((await get(`${OBJECT}?format=turtle&format=jsonld`, 'text/turtle')).status).toBe(400);
    // The page of such a record links its other forms with the parameter added.
    expect(await (await get(VERSIONED, 'text/html')).text()).toContain(`<a href="${VERSIONED}&amp;format=turtle">Turtle</a>`);
  });

  it('answers for an IRI described only inside records (a concept a mapping minted) with what they say, and links them', async () => {
    const html = await (await get(MINTED, 'text/html')).text();
    expect(html).toContain('<title>olieverf</title>');
    expect(html).toContain(`<a href="${OBJECT}">${OBJECT}</a>`);
    const turtle = await get(MINTED, 'text/turtle');
    expect(turtle.status).toBe(200);
    const quads = parseRdf(await turtle.text());
    expect(quads.map((q) => `${q.subject.value} ${q.object.value}`).sort()).toEqual([`${MINTED} http://www.w3.org/2004/02/skos/core#Concept`, `${MINTED} olieverf`]);
    // Its escapes in lower case are the same URI.
    for (const path of ['%C3%A9mail', '%c3%a9mail']) {
      const escaped = await fetch(`${server.url}/id/concept/msk/materiaal/${path}`, { headers: { accept: 'text/turtle' } });
      expect(escaped.status, path).toBe(200);
      expect(await escaped.text()).toContain('"émail"@nl');
    }
  });

  it('finds a record whose IRI has characters beyond ASCII by its URI, as a browser asks for it', async () => {
    const response = await fetch(`${server.url}/id/object/msk/caf%C3%A9`, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"Café"@nl');
    expect((await fetch(`${server.url}/id/object/msk/caf%C3%A8`)).status).toBe(404);
    // Escapes in lower case are the same URI; an IRI minted with escapes is found by both.
    expect((await fetch(`${server.url}/id/object/msk/caf%c3%a9`, { headers: { accept: 'text/turtle' } })).status).toBe(200);
    for (const path of ['%C3%A9maillage', '%c3%a9maillage']) {
      const found = await fetch(`${server.url}/id/object/msk/${path}`, { headers: { accept: 'text/turtle' } });
      expect(found.status, path).toBe(200);
      expect(await found.text()).toContain('"Émaillage"@fr');
    }
    // Its own policy holds under that form too: withheld from linked-data, it is not found.
    const withheld = await fetch(`${server.url}/api/datasets/msk/records/policy?iri=${encodeURIComponent(ACCENTED)}`, {
      method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ channels: ['sparql'] }),
    });
    expect(withheld.status).toBe(200);
    expect((await fetch(`${server.url}/id/object/msk/caf%C3%A9`, { headers: { accept: 'text/turtle' } })).status).toBe(404);
  });
});
