import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUMPTION_KEY_SETTING } from '../../src/publish/oai/resumption-key.js';
import { ResumptionTokens } from '../../src/publish/oai/resumption-token.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { expectValidOaiResponses, validateOaiResponses } from '../helpers/oai-schemas.js';
import { errorCodes, headers, metadataByIdentifier, requestElement, resumptionToken, text } from '../helpers/oai-responses.js';
import { putTurtle } from '../helpers/records.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';
import { missingXmlTools } from '../helpers/xml-tools.js';

/**
 * The protocol, verb by verb and error by error, against the real app on a loopback port.
 * Every response any test receives is validated against OAI-PMH.xsd (and oai_dc.xsd) at the end.
 */
const BASE = 'http://data.example.be/';
const BASE_URL = `${BASE}oai`;
const T1 = '2024-03-01T10:00:00.000Z';
const T2 = '2024-03-02T12:30:15.250Z';
const T3 = '2024-03-03T08:00:00.000Z';
const object = (dataset: string, n: number): string => `${BASE}id/object/${dataset}/${n}`;
const AGENT = `${BASE}id/agent/msk-archief/theo`;
const ODD = `${BASE}id/object/kmska-collectie/odd`;
const GONE = `${BASE}id/object/msk-collectie/gone`;
const MSK = Array.from({ length: 300 }, (_, n) => object('msk-collectie', n));
const KMSKA = Array.from({ length: 150 }, (_, n) => object('kmska-collectie', n));
/** Every record in the order of its latest change. */
const ALL = [...MSK, ...KMSKA, AGENT, ODD, GONE];

describe('the OAI-PMH provider', () => {
  const temp = sharedTempDir('oai-protocol-');
  const data = join(temp.dir, 'data');
  const responses: Array<[string, string]> = [];
  let server: TestServer;

  /** GETs /oai with the query (or POSTs it as a form) and keeps the response for the schema check. */
  const oai = async (query: string, init: { method?: 'POST'; headers?: Record<string, string> } = {}): Promise<string> => {
    const response = init.method === 'POST'
      ? await fetch(`${server.url}/oai`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers }, body: query })
      : await fetch(`${server.url}/oai?${query}`, { headers: init.headers ?? {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const body = await response.text();
    responses.push([`${String(responses.length).padStart(3, '0')}.xml`, body]);
    return body;
  };

  /** Follows a list to its end; returns each response. */
  const harvest = async (query: string): Promise<string[]> => {
    const pages = [await oai(query)];
    const verb = /verb=(\w+)/.exec(query)?.[1] ?? '';
    for (let token = resumptionToken(pages[0] ?? ''); token?.token; token = resumptionToken(pages[pages.length - 1] ?? '')) {
      pages.push(await oai(`verb=${verb}&resumptionToken=${encodeURIComponent(token.token)}`));
    }
    return pages;
  };

  beforeAll(async () => {
    let now = T1;
    const store = SqliteRecordStore.open(data, { clock: { now: () => now } });
    store.ensureOrganisation('msk-gent', 'MSK Gent & "co" <test>');
    store.ensureOrganisation('kmska', 'KMSKA');
    store.ensureDataset('msk-collectie', { organisation: 'msk-gent', title: 'Collectie <MSK>' });
    store.ensureDataset('msk-archief', { organisation: 'msk-gent', title: 'Archief' });
    store.ensureDataset('kmska-collectie', { organisation: 'kmska', title: 'Collectie KMSKA' });
    const objectTurtle = (iri: string, n: number): string => `<${iri}> a crm:E22_Human-Made_Object ; crm:P102_has_title "Werk ${n} & co"@nl ;
      crm:P108i_was_produced_by [ crm:P14_carried_out_by <${AGENT}> ] .`;
    store.writeBatch([
      ...await Promise.all(MSK.map((iri, n) => putTurtle(iri, 'msk-collectie', objectTurtle(iri, n)))),
      await putTurtle(GONE, 'msk-collectie', `<${GONE}> crm:P102_has_title "Weg" .`),
    ]);
    now = T2;
    store.writeBatch([
      ...await Promise.all(KMSKA.map((iri, n) => putTurtle(iri, 'kmska-collectie', objectTurtle(iri, n)))),
      await putTurtle(AGENT, 'msk-archief', `<${AGENT}> a crm:E21_Person ; skos:prefLabel "Théo van Rysselberghe"@nl .`),
      await putTurtle(ODD, 'kmska-collectie', `<${ODD}> crm:P102_has_title "Oneven" ; <http://example.org/vocab/123> "no XML name" .`),
    ]);
    now = T3;
    store.writeBatch([{ op: 'delete', iri: GONE }]);
    store.close();
    server = await startTestServer(data, { baseIri: BASE, oaiAdminEmail: 'oai@data.example.be' });
  });

  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  describe('Identify', () => {
    it('describes the repository', async () => {
      const body = await oai('verb=Identify');
      expect(requestElement(body)).toBe(`<request verb="Identify">${BASE_URL}</request>`);
      expect(text(body, 'repositoryName')).toBe('cultuurgraaf (data.example.be)');
      expect(text(body, 'baseURL')).toBe(BASE_URL);
      expect(text(body, 'protocolVersion')).toBe('2.0');
      expect(text(body, 'adminEmail')).toBe('oai@data.example.be');
      expect(text(body, 'earliestDatestamp')).toBe('2024-03-01T10:00:00Z');
      expect(text(body, 'deletedRecord')).toBe('persistent');
      expect(text(body, 'granularity')).toBe('YYYY-MM-DDThh:mm:ssZ');
      expect(text(body, 'responseDate')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it('takes no arguments', async () => {
      const body = await oai('verb=Identify&metadataPrefix=oai_dc');
      expect(errorCodes(body)).toEqual(['badArgument']);
      expect(requestElement(body)).toBe(`<request>${BASE_URL}</request>`);
    });
  });

  describe('ListMetadataFormats', () => {
    it('lists the formats of the repository, and of one record those it can be disseminated in', async () => {
      const prefixes = (xml: string): string[] => [...xml.matchAll(/<metadataPrefix>([^<]*)</g)].map((m) => m[1] ?? '');
      const all = await oai('verb=ListMetadataFormats');
      expect(prefixes(all)).toEqual(['oai_dc', 'rdf', 'edm']);
      expect(all).toContain('<metadataFormat><metadataPrefix>edm</metadataPrefix><schema>http://www.europeana.eu/schemas/edm/EDM.xsd</schema>'
        + '<metadataNamespace>http://www.europeana.eu/schemas/edm/</metadataNamespace></metadataFormat>');
      expect(all).toContain('<metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>'
        + '<metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat>');
      // The object has no rights statement and no image: no EDM (docs/europeana.md).
      expect(prefixes(await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(object('msk-collectie', 1))}`))).toEqual(['oai_dc', 'rdf']);
      const odd = await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(ODD)}`);
      expect(prefixes(odd)).toEqual(['oai_dc']);
      expect(requestElement(odd)).toBe(`<request verb="ListMetadataFormats" identifier="${ODD}">${BASE_URL}</request>`);
    });

    it('answers idDoesNotExist for an unknown record and noMetadataFormats for a deleted one', async () => {
      expect(errorCodes(await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(`${BASE}id/nothing`)}`))).toEqual(['idDoesNotExist']);
      expect(errorCodes(await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(GONE)}`))).toEqual(['noMetadataFormats']);
      // An unusual but legal URI is echoed in the request element, which must stay valid.
      expect(errorCodes(await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent('urn:x:é?a=1&b=%2F#frag')}`))).toEqual(['idDoesNotExist']);
      // One that is no URI (a bad escape here) has illegal syntax.
      expect(errorCodes(await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent('urn:x:%zz')}`))).toEqual(['badArgument']);
      expect(errorCodes(await oai('verb=ListMetadataFormats&identifier=not%20a%20uri'))).toEqual(['badArgument']);
    });
  });

  describe('ListSets', () => {
    it('lists organisations with their datasets below them', async () => {
      const body = await oai('verb=ListSets');
      const sets = [...body.matchAll(/<set><setSpec>([^<]*)<\/setSpec><setName>([^<]*)<\/setName><\/set>/g)].map((m) => [m[1], m[2]]);
      expect(sets).toEqual([
        ['kmska', 'KMSKA'], ['kmska:kmska-collectie', 'Collectie KMSKA'],
        ['msk-gent', 'MSK Gent &amp; "co" &lt;test&gt;'], ['msk-gent:msk-archief', 'Archief'], ['msk-gent:msk-collectie', 'Collectie &lt;MSK&gt;'],
      ]);
    });

    it('issues no resumption tokens, so refuses any', async () => {
      expect(errorCodes(await oai('verb=ListSets&resumptionToken=abc'))).toEqual(['badResumptionToken']);
    });
  });

  describe('GetRecord', () => {
    it('gives a record in oai_dc, with its set and datestamp', async () => {
      const body = await oai(`verb=GetRecord&identifier=${encodeURIComponent(object('msk-collectie', 7))}&metadataPrefix=oai_dc`);
      expect(requestElement(body)).toBe(`<request verb="GetRecord" identifier="${object('msk-collectie', 7)}" metadataPrefix="oai_dc">${BASE_URL}</request>`);
      expect(headers(body)).toEqual([{ identifier: object('msk-collectie', 7), datestamp: '2024-03-01T10:00:00Z', deleted: false, sets: ['msk-gent:msk-collectie'] }]);
      const dc = metadataByIdentifier(body).get(object('msk-collectie', 7)) ?? '';
      expect(dc).toContain('<dc:title xml:lang="nl">Werk 7 &amp; co</dc:title>');
      expect(dc).toContain('<dc:creator xml:lang="nl">Théo van Rysselberghe</dc:creator>');
      expect(dc).toContain('<dc:publisher>MSK Gent &amp; "co" &lt;test&gt;</dc:publisher>');
    });

    it('gives a record in rdf', async () => {
      const body = await oai(`verb=GetRecord&identifier=${encodeURIComponent(AGENT)}&metadataPrefix=rdf`);
      const rdf = metadataByIdentifier(body).get(AGENT) ?? '';
      expect(rdf).toMatch(/^<rdf:RDF /);
      expect(rdf).toContain(`rdf:about="${AGENT}"`);
      expect(rdf).toContain('Théo van Rysselberghe');
    });

    it('gives a deleted record as a header with status deleted and no metadata', async () => {
      const body = await oai(`verb=GetRecord&identifier=${encodeURIComponent(GONE)}&metadataPrefix=rdf`);
      expect(headers(body)).toEqual([{ identifier: GONE, datestamp: '2024-03-03T08:00:00Z', deleted: true, sets: ['msk-gent:msk-collectie'] }]);
      expect(body).not.toContain('<metadata>');
    });

    it('reports an unknown format, an unknown record, or both', async () => {
      expect(errorCodes(await oai(`verb=GetRecord&identifier=${encodeURIComponent(object('msk-collectie', 7))}&metadataPrefix=marc21`))).toEqual(['cannotDisseminateFormat']);
      expect(errorCodes(await oai(`verb=GetRecord&identifier=${encodeURIComponent(`${BASE}id/none`)}&metadataPrefix=oai_dc`))).toEqual(['idDoesNotExist']);
      const both = await oai(`verb=GetRecord&identifier=${encodeURIComponent(`${BASE}id/none`)}&metadataPrefix=marc21`);
      expect(errorCodes(both)).toEqual(['cannotDisseminateFormat', 'idDoesNotExist']);
      expect(requestElement(both)).toBe(`<request verb="GetRecord" identifier="${BASE}id/none" metadataPrefix="marc21">${BASE_URL}</request>`);
      expect(errorCodes(await oai(`verb=GetRecord&identifier=${encodeURIComponent(ODD)}&metadataPrefix=rdf`))).toEqual(['cannotDisseminateFormat']);
      expect(errorCodes(await oai(`verb=GetRecord&identifier=${encodeURIComponent(ODD)}`))).toEqual(['badArgument']);
    });
  });

  describe('ListIdentifiers and ListRecords', () => {
    it('page through every record with resumption tokens, in the order of their latest change', async () => {
      const pages = await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc');
      expect(pages).toHaveLength(3);
      expect(pages.map((page) => headers(page).length)).toEqual([200, 200, 53]);
      expect(pages.flatMap((page) => headers(page).map((header) => header.identifier))).toEqual(ALL);
      const tokens = pages.map(resumptionToken);
      expect(tokens[0]).toMatchObject({ completeListSize: 453, cursor: 0, expirationDate: expect.stringMatching(/Z$/) as unknown });
      expect(tokens[1]).toMatchObject({ completeListSize: 453, cursor: 200 });
      expect(tokens[2]).toEqual({ token: '', completeListSize: 453, cursor: 400, expirationDate: undefined });
      expect(requestElement(pages[1] ?? '')).toBe(`<request verb="ListIdentifiers" resumptionToken="${tokens[0]?.token ?? ''}">${BASE_URL}</request>`);
      const last = headers(pages[2] ?? '');
      expect(last[last.length - 1]).toEqual({ identifier: GONE, datestamp: '2024-03-03T08:00:00Z', deleted: true, sets: ['msk-gent:msk-collectie'] });
    });

    it('give a short list in one response, without a token', async () => {
      const body = await oai('verb=ListRecords&metadataPrefix=oai_dc&set=msk-gent:msk-archief');
      expect(headers(body).map((header) => header.identifier)).toEqual([AGENT]);
      expect(resumptionToken(body)).toBeUndefined();
    });

    it('resume idempotently: the same token gives the same page', async () => {
      const first = await oai('verb=ListRecords&metadataPrefix=rdf');
      const token = resumptionToken(first)?.token ?? '';
      const again = (await Promise.all([1, 2].map(() => oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`)))).map(headers);
      expect(again[0]).toEqual(again[1]);
      expect(again[0]?.[0]?.identifier).toBe(MSK[200]);
    });

    it('leave out records the format cannot disseminate, and count the list again at its end', async () => {
      const pages = await harvest('verb=ListIdentifiers&metadataPrefix=rdf');
      const listed = pages.flatMap((page) => headers(page).map((header) => header.identifier));
      expect(listed).toEqual(ALL.filter((iri) => iri !== ODD));
      expect(resumptionToken(pages[pages.length - 1] ?? '')).toMatchObject({ completeListSize: 452, cursor: 400 });
    });

    it('select by set: an organisation takes its datasets', async () => {
      const ids = async (query: string): Promise<string[]> => (await harvest(query)).flatMap((page) => headers(page).map((h) => h.identifier));
      expect(await ids('verb=ListIdentifiers&metadataPrefix=oai_dc&set=msk-gent')).toEqual([...MSK, AGENT, GONE]);
      expect(await ids('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kmska:kmska-collectie')).toEqual([...KMSKA, ODD]);
      expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kmska:msk-archief'))).toEqual(['noRecordsMatch']);
      expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=nowhere'))).toEqual(['noRecordsMatch']);
    });

    it('select by datestamp at day and seconds granularity, both bounds inclusive', async () => {
      const ids = async (query: string): Promise<string[]> => (await harvest(query)).flatMap((page) => headers(page).map((h) => h.identifier));
      expect(await ids('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2024-03-01')).toEqual(MSK);
      expect(await ids('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-03-02T12:30:15Z&until=2024-03-02T12:30:15Z')).toEqual([...KMSKA, AGENT, ODD]);
      expect(await ids('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-03-02T12:30:16Z')).toEqual([GONE]);
      expect(await ids('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-03-02&until=2024-03-02&set=msk-gent')).toEqual([AGENT]);
      const none = await oai('verb=ListRecords&metadataPrefix=oai_dc&until=2024-02-29');
      expect(errorCodes(none)).toEqual(['noRecordsMatch']);
      expect(requestElement(none)).toBe(`<request verb="ListRecords" metadataPrefix="oai_dc" until="2024-02-29">${BASE_URL}</request>`);
    });

    it('refuse bad dates, an unknown format and bad tokens', async () => {
      for (const query of [
        'verb=ListRecords&metadataPrefix=oai_dc&from=2024-03-01&until=2024-03-02T00:00:00Z',
        'verb=ListRecords&metadataPrefix=oai_dc&from=2024-03-02&until=2024-03-01',
        'verb=ListRecords&metadataPrefix=oai_dc&from=2024-03-01T10:00:00.000Z',
        'verb=ListIdentifiers&metadataPrefix=oai_dc&until=2024-02-30',
      ]) {
        const body = await oai(query);
        expect(errorCodes(body)).toEqual(['badArgument']);
        expect(requestElement(body)).toBe(`<request>${BASE_URL}</request>`);
      }
      expect(errorCodes(await oai('verb=ListRecords&metadataPrefix=marc21'))).toEqual(['cannotDisseminateFormat']);
      const token = resumptionToken(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc'))?.token ?? '';
      const refused = async (verb: string, value: string): Promise<void> => {
        expect(errorCodes(await oai(`verb=${verb}&resumptionToken=${encodeURIComponent(value)}`))).toEqual(['badResumptionToken']);
      };
      await refused('ListRecords', token);
      await refused('ListIdentifiers', `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`);
      await refused('ListIdentifiers', 'not-a-token');
      const store = SqliteRecordStore.open(data);
      const key = Buffer.from(store.getSetting(RESUMPTION_KEY_SETTING) ?? '', 'base64url');
      store.close();
      const state = {
        verb: 'ListIdentifiers' as const, metadataPrefix: 'oai_dc', set: undefined, from: undefined, until: undefined,
        after: 200, cursor: 200, completeListSize: 453, viewer: 'anonymous',
      };
      const yesterday = new ResumptionTokens(() => key, { now: () => new Date(Date.now() - 86_400_000).toISOString() }, 3_600_000);
      const expired = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(yesterday.issue(state).token)}`);
      expect(errorCodes(expired)).toEqual(['badResumptionToken']);
      expect(expired).toContain('expired');
      const foreign = new ResumptionTokens(() => Buffer.alloc(32, 1), { now: () => new Date().toISOString() }, 3_600_000);
      await refused('ListIdentifiers', foreign.issue(state).token);
      const valid = new ResumptionTokens(() => key, { now: () => new Date().toISOString() }, 3_600_000);
      expect(headers(await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(valid.issue(state).token)}`))[0]?.identifier).toBe(MSK[200]);
      // A token belongs to who asked for it.
      expect(errorCodes(await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })))
        .toEqual(['badResumptionToken']);
    });
  });

  describe('requests', () => {
    it('answer badVerb for a missing, repeated or unknown verb, with a bare request element', async () => {
      for (const query of ['', 'verb=Identify&verb=Identify', 'verb=nastyVerb', 'metadataPrefix=oai_dc']) {
        const body = await oai(query);
        expect(errorCodes(body)).toEqual(['badVerb']);
        expect(requestElement(body)).toBe(`<request>${BASE_URL}</request>`);
      }
    });

    it('answer badArgument for illegal, repeated, missing or non-exclusive arguments, reporting each', async () => {
      expect(errorCodes(await oai('verb=ListRecords'))).toEqual(['badArgument']);
      expect(errorCodes(await oai('verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=rdf'))).toEqual(['badArgument']);
      expect(errorCodes(await oai('verb=ListSets&foo=bar&set=x'))).toEqual(['badArgument', 'badArgument']);
      expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&resumptionToken=x'))).toEqual(['badArgument']);
      expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=bad%20set'))).toEqual(['badArgument']);
    });

    it('take POST with a form body as GET', async () => {
      const query = `verb=GetRecord&identifier=${encodeURIComponent(AGENT)}&metadataPrefix=oai_dc`;
      const [viaGet, viaPost] = [await oai(query), await oai(query, { method: 'POST' })];
      expect(viaPost.replace(/<responseDate>[^<]*/, '')).toBe(viaGet.replace(/<responseDate>[^<]*/, ''));
      expect(errorCodes(await oai('verb=Identify&verb=ListSets', { method: 'POST' }))).toEqual(['badVerb']);
      // A form POST without any body (no Content-Length, as curl -X POST sends it) carries its arguments in the URL.
      const { port } = new URL(server.url);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.end('POST /oai?verb=Identify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n');
        });
        let received = '';
        socket.on('data', (chunk: Buffer) => { received += chunk.toString('utf8'); });
        socket.on('end', () => { resolve(received); });
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 200/);
      expect(raw).toContain('<Identify>');
    });

    it('refuse other methods and other request bodies at the HTTP level', async () => {
      const put = await fetch(`${server.url}/oai?verb=Identify`, { method: 'PUT' });
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET, POST');
      const json = await fetch(`${server.url}/oai`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"verb":"Identify"}' });
      expect(json.status).toBe(415);
    });
  });

  describe('while the data changes', () => {
    it('lists a record changed during a harvest again at the end and skips none', async () => {
      const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
      const store = SqliteRecordStore.open(data);
      // One record already harvested, one not yet.
      store.writeBatch(await Promise.all([5, 210].map((n) => putTurtle(MSK[n] ?? '', 'msk-collectie', `<${MSK[n] ?? ''}> crm:P102_has_title "Nieuw ${n}" .`))));
      store.close();
      const rest: string[] = [];
      for (let token = resumptionToken(first); token?.token; ) {
        const page = await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token.token)}`);
        rest.push(page);
        token = resumptionToken(page);
      }
      const listed = [first, ...rest].flatMap((page) => headers(page).map((header) => header.identifier));
      expect(listed.filter((iri) => iri === MSK[5])).toHaveLength(2);
      expect(listed.filter((iri) => iri === MSK[210])).toHaveLength(1);
      expect(new Set(listed)).toEqual(new Set(ALL));
      expect(listed.slice(-2)).toEqual([MSK[5], MSK[210]]);
      expect(listed).toHaveLength(ALL.length + 1);
    });

    it('has no set hierarchy once nothing is published, and lists what was withdrawn as deleted', async () => {
      for (const dataset of ['msk-collectie', 'msk-archief', 'kmska-collectie']) {
        const response = await fetch(`${server.url}/api/datasets/${dataset}/policy`, {
          method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ channels: ['sparql'] }),
        });
        expect(response.status).toBe(200);
      }
      expect(errorCodes(await oai('verb=ListSets'))).toEqual(['noSetHierarchy']);
      expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=msk-gent:nothing'))).toEqual(['noSetHierarchy']);
      const pages = await harvest('verb=ListRecords&metadataPrefix=oai_dc&set=msk-gent:msk-archief');
      expect(headers(pages[0] ?? '')).toMatchObject([{ identifier: AGENT, deleted: true }]);
      expect(pages[0]).not.toContain('<metadata>');
      expect(errorCodes(await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(AGENT)}`))).toEqual(['noMetadataFormats']);
    });
  });

  it('sends only responses that validate against OAI-PMH.xsd and the metadata schemas', async (context) => {
    const missing = missingXmlTools();
    if (missing !== undefined) context.skip(missing);
    expect(responses.length).toBeGreaterThan(60);
    await expectValidOaiResponses(join(temp.dir, 'validation'), responses);
  });

  it('is checked by a validator that finds invalid responses', async (context) => {
    const missing = missingXmlTools();
    if (missing !== undefined) context.skip(missing);
    const valid = responses.find(([, body]) => body.includes('<ListRecords>'))?.[1] ?? '';
    const broken: Array<[string, string]> = [
      ['request-attribute.xml', valid.replace('<request verb=', '<request until="2002-06-01T03:020:00Z" verb=')],
      ['dc-element.xml', valid.replace('<dc:title', '<dc:tittle').replace('</dc:title>', '</dc:tittle>')],
      ['order.xml', valid.replace(/(<responseDate>[^<]*<\/responseDate>\n)(<request[^>]*>[^<]*<\/request>\n)/, '$2$1')],
    ];
    const verdicts = await validateOaiResponses(join(temp.dir, 'negative'), broken);
    expect(verdicts.map((verdict) => verdict.errors)).toEqual([
      expect.stringContaining("attribute 'until'"), expect.stringContaining('tittle'), expect.stringContaining('request'),
    ]);
  });
});
