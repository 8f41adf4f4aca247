import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import oxigraph from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePut } from '../../src/rdf/prepare-put.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { importTermList } from '../../src/terms/term-import.js';
import { SKOS } from '../../src/vocab/vocabularies.js';
import { expectIsomorphic, parseRdf } from '../helpers/isomorphism.js';
import { TERMS_BASE as BASE } from '../helpers/term-lists.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

/** A term list whose concepts are hash IRIs of the list's own: a client asks for `…/kleuren` for any of them. */
const KLEUREN = `${BASE}id/kleuren`;
/** Hash concepts of an IRI that is no record: their list's IRI is minted elsewhere. */
const TINTEN = `${BASE}id/tinten`;
/** Hash concepts of a list no channel publishes. */
const GEHEIM = `${BASE}id/geheim`;
/** An object whose record describes its hash resources itself, as a production's describes its première. */
const VAAS = `${BASE}id/object/kunst/vaas`;
/** An IRI whose only hash resource was deleted. */
const WEG = `${BASE}id/object/kunst/weg`;

const kleuren = (withPaars: boolean): string => `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<${KLEUREN}> a skos:ConceptScheme ; skos:prefLabel "Kleuren"@nl .
<${KLEUREN}#rood> a skos:Concept ; skos:prefLabel "rood"@nl ; skos:definition "Geheime definitie van rood"@nl ; skos:topConceptOf <${KLEUREN}> .
<${KLEUREN}#blauw> a skos:Concept ; skos:prefLabel "blauw"@nl ; skos:related <${KLEUREN}#rood> ; skos:topConceptOf <${KLEUREN}> .
<${KLEUREN}#groen> a skos:Concept ; skos:prefLabel "groen"@nl ; skos:topConceptOf <${KLEUREN}> .
${withPaars ? `<${KLEUREN}#paars> a skos:Concept ; skos:prefLabel "paars"@nl ; skos:topConceptOf <${KLEUREN}> .` : ''}
`;

describe('dereferencing hash IRIs under the base', () => {
  const temp = sharedTempDir('linked-data-hash-');
  const data = join(temp.dir, 'data');
  let server: TestServer;
  let reader = '';
  beforeAll(async () => {
    const records = SqliteRecordStore.open(data);
    try {
      records.ensureOrganisation('kunst', 'Kunst');
      const file = (name: string, turtle: string): string => {
        writeFileSync(join(temp.dir, name), turtle);
        return join(temp.dir, name);
      };
      const list = async (id: string, turtle: string, policy: 'open' | 'private' = 'open'): Promise<void> => {
        await importTermList({ file: file(`${id}.ttl`, turtle), source: `${id}.ttl`, list: id, baseIri: BASE, newDataset: { organisation: 'kunst', policy } }, { records });
      };
      // Paars is imported, then left out: deleted.
      await list('kleuren', kleuren(true));
      await list('kleuren', kleuren(false));
      await list('tinten', `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<${TINTEN}#licht> a skos:Concept ; skos:prefLabel "licht"@nl .
<${TINTEN}#donker> a skos:Concept ; skos:prefLabel "donker"@nl .
`);
      await list('geheim', `<${GEHEIM}#x> a <http://www.w3.org/2004/02/skos/core#Concept> ; <http://www.w3.org/2004/02/skos/core#prefLabel> "geheim"@nl .`, 'private');
      const node = (iri: string): ReturnType<typeof DataFactory.namedNode> => DataFactory.namedNode(iri);
      const crm = (property: string): ReturnType<typeof node> => node(`http://www.cidoc-crm.org/cidoc-crm/${property}`);
      const title = crm('P102_has_title');
      records.writeBatch([
        await preparePut(VAAS, 'kunst', [
          DataFactory.quad(node(VAAS), title, DataFactory.literal('Vaas', 'nl')),
          DataFactory.quad(node(VAAS), crm('P108i_was_produced_by'), node(`${VAAS}#vervaardiging`)),
          DataFactory.quad(node(`${VAAS}#vervaardiging`), crm('P4_has_time_span'), DataFactory.literal('1920')),
        ]),
        await preparePut(`${WEG}#a`, 'kunst', [DataFactory.quad(node(`${WEG}#a`), title, DataFactory.literal('Weg', 'nl'))]),
      ], { createDatasets: [{ id: 'kunst', organisation: 'kunst' }] });
      records.writeBatch([{ op: 'delete', iri: `${WEG}#a` }]);
    } finally {
      records.close();
    }
    server = await startTestServer(data, { baseIri: BASE });
    const admin = (method: string, path: string, body: unknown): Promise<Response> => fetch(`${server.url}${path}`, {
      method, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect((await admin('PUT', '/api/datasets/kleuren/policy', { channels: ['sparql', 'graphql', 'linked-data'], restrictedProperties: [SKOS.definition] })).status).toBe(200);
    expect((await admin('PUT', `/api/datasets/kleuren/records/policy?iri=${encodeURIComponent(`${KLEUREN}#groen`)}`, { channels: ['sparql'] })).status).toBe(200);
    reader = ((await (await admin('POST', '/api/tokens', { role: 'reader', organisation: 'kunst' })).json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const get = (iri: string, accept: string, token?: string): Promise<Response> => fetch(`${server.url}/${iri.slice(BASE.length)}`, {
    headers: { accept, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
  });
  /** The graph of an answer in any RDF syntax, as N-Triples quads. */
  const graphOf = async (response: Response): Promise<ReturnType<typeof parseRdf>> => {
    expect(response.status).toBe(200);
    const store = new oxigraph.Store();
    store.load(await response.text(), { format: (response.headers.get('content-type') ?? '').split(';')[0] ?? '', base_iri: KLEUREN });
    return parseRdf(store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() }), 'application/n-triples');
  };
  const subjects = (quads: ReturnType<typeof parseRdf>): string[] => [...new Set(quads.map((q) => q.subject.value))].sort();

  it('describes the hash resources of an IRI in its document, in every syntax, as the policy publishes them', async () => {
    const turtle = await graphOf(await get(KLEUREN, 'text/turtle'));
    // Groen is withheld from linked data, paars deleted; rood's definition is a restricted property.
    expect(subjects(turtle)).toEqual([KLEUREN, `${KLEUREN}#blauw`, `${KLEUREN}#rood`]);
    expect(turtle.filter((q) => q.subject.value === `${KLEUREN}#rood`).map((q) => q.object.value)).toContain('rood');
    expect(turtle.some((q) => q.predicate.value === SKOS.definition)).toBe(false);
    for (const accept of ['application/n-triples', 'application/ld+json', 'application/rdf+xml']) {
      await expectIsomorphic(await graphOf(await get(KLEUREN, accept)), turtle);
    }
    // A reader of the list's organisation sees what the public does not, as for any record.
    expect(subjects(await graphOf(await get(KLEUREN, 'text/turtle', reader)))).toEqual([KLEUREN, `${KLEUREN}#blauw`, `${KLEUREN}#groen`, `${KLEUREN}#rood`]);
  });

  it('gives each hash resource a part of the page with its fragment as anchor', async () => {
    const response = await get(KLEUREN, 'text/html');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>Kleuren</title>');
    expect(html).toContain(`<dt>Topconcepten</dt><dd><a href="${KLEUREN}#blauw">blauw</a><br><a href="${KLEUREN}#rood">rood</a>`);
    expect(html).toContain(`<section id="rood"><h2>rood</h2>\n<p class="iri">${KLEUREN}#rood</p>`);
    expect(html).toContain(`<section id="blauw"><h2>blauw</h2>`);
    // Blauw's related concept is named by its label and links to its anchor.
    expect(html).toContain(`<dt>Verwant</dt><dd><a href="${KLEUREN}#rood">rood</a></dd>`);
    expect(html).not.toContain('groen');
    expect(html).not.toContain('paars');
    expect(html).not.toContain('Geheime definitie');
    expect(html).toContain(`<a href="${KLEUREN}?format=turtle">Turtle</a>`);
  });

  it('answers for hash resources of an IRI that is no record of its own', async () => {
    expect(subjects(await graphOf(await get(TINTEN, 'application/ld+json')))).toEqual([`${TINTEN}#donker`, `${TINTEN}#licht`]);
    const html = await (await get(TINTEN, 'text/html')).text();
    expect(html).toContain(`<title>${TINTEN}</title>`);
    expect(html).toContain('<section id="donker"><h2>donker</h2>');
    expect(html).toContain('<section id="licht"><h2>licht</h2>');
  });

  it('anchors the hash resources a record describes itself on the page of its statements', async () => {
    const html = await (await get(VAAS, 'text/html')).text();
    expect(html).toMatch(new RegExp(`<tr id="vervaardiging"><td><a href="${VAAS}#vervaardiging">`));
    expect(html.match(/ id="vervaardiging"/g)).toHaveLength(1);
    expect(subjects(await graphOf(await get(VAAS, 'text/turtle')))).toEqual([VAAS, `${VAAS}#vervaardiging`]);
  });

  it('answers 404 for hash resources the policy withholds, as for an unknown IRI, and 410 for deleted ones', async () => {
    const hidden = await get(GEHEIM, 'application/json');
    expect([hidden.status, ((await hidden.json()) as { detail: string }).detail]).toEqual([404, `There is no record <${GEHEIM}>.`]);
    expect(subjects(await graphOf(await get(GEHEIM, 'text/turtle', reader)))).toEqual([`${GEHEIM}#x`]);
    const gone = await get(WEG, 'application/json');
    expect([gone.status, ((await gone.json()) as { code: string }).code]).toEqual([410, 'GONE']);
  });
});
