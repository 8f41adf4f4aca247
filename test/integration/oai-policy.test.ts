import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAccessStore } from '../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { errorCodes, headers, metadataByIdentifier } from '../helpers/oai-responses.js';
import { expectValidOaiResponses } from '../helpers/oai-schemas.js';
import { putTurtle } from '../helpers/records.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { missingXmlTools } from '../helpers/xml-tools.js';

/**
 * OAI-PMH obeys the publication policy of the `oai` channel: unpublished datasets and records
 * never appear, restricted properties never leave (not even as a linked record's label), a
 * withdrawn record is a deleted header without content, and a reader of the owning
 * organisation sees its own data as linked data shows it.
 */
const BASE = 'http://data.example.be/';
const OBJECT = `${BASE}id/object/pub/1`;
const WITHDRAWN = `${BASE}id/object/pub/2`;
const SECRET = `${BASE}id/object/priv/1`;
const MAKER = `${BASE}id/agent/agents/maker`;
const HIDDEN_MAKER = `${BASE}id/agent/priv/hidden-maker`;
const MARKS = {
  restrictedNote: 'Geheime notitie',
  restrictedName: 'Geheime naam',
  unpublished: 'Geheim werk',
  hiddenMaker: 'Verborgen maker',
  withdrawn: 'Teruggetrokken werk',
} as const;

describe('OAI-PMH and the publication policy', () => {
  const temp = sharedTempDir('oai-policy-');
  const data = join(temp.dir, 'data');
  const responses: Array<[string, string]> = [];
  let server: TestServer;
  let readerA = '';
  let readerB = '';

  const oai = async (query: string, token?: string): Promise<string> => {
    const response = await fetch(`${server.url}/oai?${query}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    if (token !== undefined) expect(response.headers.get('cache-control')).toBe('private');
    const body = await response.text();
    responses.push([`${String(responses.length).padStart(3, '0')}.xml`, body]);
    return body;
  };

  /** Everything a principal can get out of /oai, in every format and verb, as one string. */
  const everything = async (token?: string): Promise<string> => {
    const parts = [await oai('verb=ListSets', token)];
    for (const prefix of ['oai_dc', 'rdf']) {
      parts.push(await oai(`verb=ListRecords&metadataPrefix=${prefix}`, token), await oai(`verb=ListIdentifiers&metadataPrefix=${prefix}`, token));
      for (const iri of [OBJECT, WITHDRAWN, SECRET, MAKER, HIDDEN_MAKER]) {
        parts.push(await oai(`verb=GetRecord&metadataPrefix=${prefix}&identifier=${encodeURIComponent(iri)}`, token));
      }
    }
    // What was asked for is echoed in request elements and error messages; the rest is what was sent.
    return parts.join('\n').replace(/<request[^>]*>[^<]*<\/request>|<error[^>]*>[^<]*<\/error>/g, '');
  };

  beforeAll(async () => {
    const store = SqliteRecordStore.open(data);
    store.ensureOrganisation('org-a', 'Organisatie A');
    store.ensureOrganisation('org-b', 'Organisatie B');
    store.ensureDataset('pub', { organisation: 'org-a', title: 'Publiek' });
    store.ensureDataset('agents', { organisation: 'org-a', title: 'Makers' });
    store.ensureDataset('priv', { organisation: 'org-b', title: 'Privé', policy: 'private' });
    store.writeBatch([
      await putTurtle(OBJECT, 'pub', `<${OBJECT}> a crm:E22_Human-Made_Object ; crm:P102_has_title "Zichtbaar werk"@nl ;
        crm:P3_has_note "${MARKS.restrictedNote}"@nl ;
        crm:P108i_was_produced_by [ crm:P14_carried_out_by <${MAKER}> , <${HIDDEN_MAKER}> ] .`),
      await putTurtle(WITHDRAWN, 'pub', `<${WITHDRAWN}> a crm:E22_Human-Made_Object ; crm:P102_has_title "${MARKS.withdrawn}"@nl .`),
      await putTurtle(MAKER, 'agents', `<${MAKER}> a crm:E21_Person ; <http://xmlns.com/foaf/0.1/name> "${MARKS.restrictedName}" ; rdfs:label "Publieke naam" .`),
      await putTurtle(SECRET, 'priv', `<${SECRET}> a crm:E22_Human-Made_Object ; crm:P102_has_title "${MARKS.unpublished}"@nl .`),
      await putTurtle(HIDDEN_MAKER, 'priv', `<${HIDDEN_MAKER}> a crm:E21_Person ; skos:prefLabel "${MARKS.hiddenMaker}" .`),
    ]);
    store.close();
    const access = SqliteAccessStore.open(data);
    const audit = { actor: 'test', action: 'policy.set' };
    access.setPolicy('pub', { channels: ['oai', 'linked-data'], rights: 'http://creativecommons.org/licenses/by/4.0/', restrictedProperties: ['http://www.cidoc-crm.org/cidoc-crm/P3_has_note'] }, audit);
    access.setPolicy('agents', { channels: ['oai'], rights: undefined, restrictedProperties: ['http://xmlns.com/foaf/0.1/name'] }, audit);
    access.setRecordPolicy(WITHDRAWN, { channels: ['linked-data'] }, audit);
    const token = (organisation: string): string => access.createToken(
      { role: 'reader', organisation, termLists: [], description: 'test', expiresAt: undefined, createdBy: 'test' },
      () => ({ actor: 'test', action: 'token.create' }),
    ).secret;
    readerA = token('org-a');
    readerB = token('org-b');
    access.close();
    server = await startTestServer(data, { baseIri: BASE });
  });

  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  it('never shows anonymous harvesters unpublished data or restricted properties', async () => {
    const all = await everything();
    for (const mark of Object.values(MARKS)) expect(all).not.toContain(mark);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('org-b');
    expect(all).toContain('Zichtbaar werk');
    expect(all).toContain('<dc:creator>Publieke naam</dc:creator>');
  });

  it('lists no set and no record of a dataset not published on oai', async () => {
    const sets = await oai('verb=ListSets');
    expect([...sets.matchAll(/<setSpec>([^<]*)</g)].map((m) => m[1])).toEqual(['org-a', 'org-a:agents', 'org-a:pub']);
    expect(errorCodes(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=org-b'))).toEqual(['noRecordsMatch']);
    expect(errorCodes(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(SECRET)}`))).toEqual(['idDoesNotExist']);
    expect(errorCodes(await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(SECRET)}`))).toEqual(['idDoesNotExist']);
  });

  it('shows a withdrawn record as deleted, without content, so harvesters drop their copy', async () => {
    const list = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    expect(headers(list).map((header) => [header.identifier, header.deleted])).toEqual([[OBJECT, false], [MAKER, false], [WITHDRAWN, true]]);
    expect(metadataByIdentifier(list).get(WITHDRAWN)).toBeUndefined();
    const single = await oai(`verb=GetRecord&metadataPrefix=rdf&identifier=${encodeURIComponent(WITHDRAWN)}`);
    expect(headers(single)).toMatchObject([{ identifier: WITHDRAWN, deleted: true, sets: ['org-a:pub'] }]);
    expect(single).not.toContain('<metadata>');
  });

  it('shows a reader its own organisation’s data whole, and nothing more', async () => {
    const a = await everything(readerA);
    expect(a).toContain(MARKS.restrictedNote);
    expect(a).toContain(MARKS.restrictedName);
    expect(a).toContain(MARKS.withdrawn);
    expect(a).not.toContain(MARKS.unpublished);
    expect(a).not.toContain(MARKS.hiddenMaker);
    const b = await everything(readerB);
    expect(b).toContain(MARKS.unpublished);
    expect(b).toContain(MARKS.hiddenMaker);
    expect(b).not.toContain(MARKS.restrictedNote);
    expect(b).not.toContain(MARKS.restrictedName);
    expect(b).not.toContain(MARKS.withdrawn);
    const object = metadataByIdentifier(await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(OBJECT)}`, readerB)).get(OBJECT) ?? '';
    // Org B's reader sees its own maker's name in another organisation's record.
    expect(object).toContain(`<dc:creator>${MARKS.hiddenMaker}</dc:creator>`);
    expect(object).toContain('<dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>');
  });

  it('sends only valid responses', async (context) => {
    const missing = missingXmlTools();
    if (missing !== undefined) context.skip(missing);
    await expectValidOaiResponses(join(temp.dir, 'validation'), responses);
  });
});
