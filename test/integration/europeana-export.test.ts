import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicationPolicy } from '../../src/access/publication-policy.js';
import { ANONYMOUS } from '../../src/domain/principal.js';
import { parsePolicy } from '../../src/domain/publication-policy.js';
import { mapToEdm } from '../../src/publish/europeana/edm-mapping.js';
import { edmXml } from '../../src/publish/europeana/edm-xml.js';
import { EuropeanaExport, type ReadinessReport } from '../../src/publish/europeana/europeana-export.js';
import { SqliteAccessStore } from '../../src/store/sqlite-access-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { SqliteVersionFeed } from '../../src/store/sqlite-version-feed.js';
import { runCli, ROOT } from '../helpers/cli.js';
import { ingestInto } from '../helpers/ingest.js';
import { putTurtle } from '../helpers/records.js';
import { referenceDir } from '../helpers/reference.js';
import { sharedTempDir, tempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';
import { expectValidOaiResponses } from '../helpers/oai-schemas.js';
import { metadataByIdentifier, resumptionToken } from '../helpers/oai-responses.js';
import { missingXmlTools, runSchematron, validateEdmDir, writeXmlFiles } from '../helpers/xml-tools.js';

const SCHEMAS = referenceDir('europeana-edm', 'schema_xsds');
const GHENT = referenceDir('coghent-ldes');
const COLLECTION_CSV = join(ROOT, 'oslo-mappings', 'collection-csv', 'example', 'objecten.csv');
const missing = missingXmlTools() ?? (existsSync(SCHEMAS) ? undefined : `no ${SCHEMAS}`);
const ALL_CHANNELS = ['sparql', 'graphql', 'linked-data', 'oai', 'europeana', 'ldes', 'dumps'];

/** The XML files of a zip, written into `dir`. */
async function unzipInto(zip: Buffer, dir: string): Promise<string[]> {
  const archive = await JSZip.loadAsync(zip);
  const names = Object.keys(archive.files).sort();
  const files = await Promise.all(Object.values(archive.files).map(async (file) => [file.name, await file.async('string')] as const));
  writeXmlFiles(dir, files);
  return names;
}

/** Sets a dataset's policy the way `cultuurgraaf policy set` does. */
function setPolicy(dataDir: string, dataset: string, policy: unknown): void {
  const access = SqliteAccessStore.open(dataDir);
  try {
    access.setPolicy(dataset, parsePolicy(policy), { actor: 'test', action: 'policy.set', target: dataset });
  } finally {
    access.close();
  }
}

describe.skipIf(missing !== undefined)(`the Europeana export${missing === undefined ? '' : ` (skipped: ${missing})`}`, () => {
  describe('of the demo data, over HTTP', () => {
    const data = sharedTempDir('cultuurgraaf-edm-demo-');
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(data.dir, { demo: true, europeanaProvider: 'Vlaamse aggregator (test)' });
    }, 120_000);

    afterAll(async () => {
      await server.close();
      data.remove();
    });

    it('gives every museum dataset a zip of EDM records that pass the EDM XSD and Europeana\'s schematron, one per ready record', async () => {
      let exported = 0;
      for (const dataset of ['msk-collectie', 'kmska-collectie', 'design-collectie']) {
        const response = await fetch(`${server.url}/api/datasets/${dataset}/europeana`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/zip');
        expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${dataset}-europeana.zip"`);
        const dir = join(data.dir, 'xml', dataset);
        const names = await unzipInto(Buffer.from(await response.arrayBuffer()), dir);
        const report = await (await fetch(`${server.url}/api/datasets/${dataset}/europeana/report`)).json() as ReadinessReport;
        expect(names).toHaveLength(report.counts.ready);
        expect(report.counts.ready).toBeGreaterThan(0);
        const { invalid, failures, files } = await validateEdmDir(dir, SCHEMAS);
        expect(files).toBe(report.counts.ready);
        expect(invalid).toEqual([]);
        expect(failures).toEqual([]);
        exported += files;
      }
      expect(exported).toBe(13);
    }, 120_000);

    it('maps a real work with its maker, date, materials, image and IIIF service', async () => {
      const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(`${server.url}/api/datasets/kmska-collectie/europeana`)).arrayBuffer()));
      const xml = await zip.file('localhost_8080_id_object_kmska-collectie_411.xml')?.async('string');
      expect(xml).toContain('<dc:title xml:lang="nl">Madonna bij de fontein</dc:title>');
      expect(xml).toContain('<dc:creator rdf:resource="http://localhost:8080/id/agent/actoren/jan-van-eyck"/>');
      expect(xml).toMatch(/<edm:Agent rdf:about="http:\/\/localhost:8080\/id\/agent\/actoren\/jan-van-eyck">\s*<skos:prefLabel xml:lang="nl">Jan van Eyck<\/skos:prefLabel>/);
      expect(xml).toContain('<rdaGr2:dateOfDeath>1441</rdaGr2:dateOfDeath>');
      expect(xml).toContain('<dc:type rdf:resource="http://vocab.getty.edu/aat/300033618"/>');
      expect(xml).toMatch(/<edm:TimeSpan [^>]*>\s*<skos:prefLabel xml:lang="nl">1439<\/skos:prefLabel>\s*<edm:begin>1439<\/edm:begin>\s*<edm:end>1439<\/edm:end>/);
      expect(xml).toContain('<edm:dataProvider>Koninklijk Museum voor Schone Kunsten Antwerpen</edm:dataProvider>');
      expect(xml).toContain('<edm:provider>Vlaamse aggregator (test)</edm:provider>');
      expect(xml).toContain('<edm:rights rdf:resource="http://creativecommons.org/publicdomain/mark/1.0/"/>');
      expect(xml).toContain('<edm:isShownBy rdf:resource="https://example.org/iiif/kmska-collectie/411/full/max/0/default.jpg"/>');
      expect(xml).toContain('<svcs:Service rdf:about="https://example.org/iiif/kmska-collectie/411">');
      expect(xml).toContain('<edm:type>IMAGE</edm:type>');
    });

    it('serves the same EDM records by OAI-PMH (metadataPrefix edm), valid in their envelope and to Europeana\'s checks', async () => {
      const formats = await (await fetch(`${server.url}/oai?verb=ListMetadataFormats`)).text();
      expect(formats).toContain('<metadataPrefix>edm</metadataPrefix>');
      const responses: Array<readonly [string, string]> = [];
      const records = new Map<string, string>();
      let url = `${server.url}/oai?verb=ListRecords&metadataPrefix=edm`;
      for (let page = 0; page < 100; page++) {
        const body = await (await fetch(url)).text();
        responses.push([`page-${page}.xml`, body]);
        for (const [identifier, metadata] of metadataByIdentifier(body)) if (metadata !== undefined) records.set(identifier, metadata);
        const token = resumptionToken(body);
        if (token === undefined || token.token === '') break;
        url = `${server.url}/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token.token)}`;
      }
      // The 13 objects the zips hold, and nothing else: productions, agents and concepts have no EDM.
      expect(records.size).toBe(13);
      await expectValidOaiResponses(join(data.dir, 'oai-edm'), responses);
      const dir = join(data.dir, 'oai-edm-records');
      writeXmlFiles(dir, [...records.values()].map((metadata, i) => [`record-${i}.xml`, `<?xml version="1.0" encoding="UTF-8"?>\n${metadata}`] as const));
      const { invalid, failures, files } = await validateEdmDir(dir, SCHEMAS);
      expect(files).toBe(13);
      expect(invalid).toEqual([]);
      expect(failures).toEqual([]);
      // A record that is not ready cannot be disseminated as EDM.
      const notReady = 'http://localhost:8080/id/object/msk-collectie/MSK-DEMO-002';
      const refused = await (await fetch(`${server.url}/oai?verb=GetRecord&metadataPrefix=edm&identifier=${encodeURIComponent(notReady)}`)).text();
      expect(refused).toContain('code="cannotDisseminateFormat"');
    }, 120_000);

    it('reports the records it leaves out with the reason, and the metadata tier of each', async () => {
      const report = await (await fetch(`${server.url}/api/datasets/msk-collectie/europeana/report`)).json() as ReadinessReport;
      expect(report).toMatchObject({ dataset: 'msk-collectie', dataProvider: 'Museum voor Schone Kunsten Gent', provider: 'Vlaamse aggregator (test)', published: true });
      expect(report.counts).toEqual({ objects: 8, ready: 4, notReady: 4, withheld: 0 });
      const notReady = report.records.filter((entry) => !entry.ready);
      for (const entry of notReady) expect(entry.reasons.join('; ')).toContain('no link to a digital object');
      expect(report.records.every((entry) => ['0', 'A', 'B', 'C'].includes(entry.tier?.tier ?? ''))).toBe(true);
      expect(report.tiers.A + report.tiers.B + report.tiers.C + report.tiers[0]).toBe(4);
    });

    it('answers 404 for a dataset the europeana channel does not publish, and for an unknown one', async () => {
      const productions = await fetch(`${server.url}/api/datasets/scheldeoever-producties/europeana`);
      expect(productions.status).toBe(404);
      expect(await productions.text()).toContain('not published on the europeana channel');
      expect((await fetch(`${server.url}/api/datasets/nope/europeana/report`)).status).toBe(404);
    });

    it('leaves out restricted properties and records withheld from the channel; the report names withheld records to their owner only', async () => {
      const put = (path: string, body: unknown) => fetch(`${server.url}${path}`, {
        method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      const withheld = 'http://localhost:8080/id/object/kmska-collectie/132';
      expect((await put('/api/datasets/kmska-collectie/policy', {
        channels: ALL_CHANNELS, rights: 'http://creativecommons.org/publicdomain/mark/1.0/', restrictedProperties: ['http://www.cidoc-crm.org/cidoc-crm/P3_has_note'],
      })).status).toBe(200);
      expect((await put(`/api/datasets/kmska-collectie/records/policy?iri=${encodeURIComponent(withheld)}`, { channels: ['sparql'] })).status).toBe(200);
      const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(`${server.url}/api/datasets/kmska-collectie/europeana`)).arrayBuffer()));
      const texts = await Promise.all(Object.values(zip.files).map((file) => file.async('string')));
      expect(texts.length).toBe(4);
      expect(texts.join('')).not.toContain('<dc:description');
      expect(texts.join('')).not.toContain('kmska-collectie/132');
      const anonymous = await (await fetch(`${server.url}/api/datasets/kmska-collectie/europeana/report`)).json() as ReadinessReport;
      expect(anonymous.records.map((entry) => entry.iri)).not.toContain(withheld);
      const admin = await (await fetch(`${server.url}/api/datasets/kmska-collectie/europeana/report`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).json() as ReadinessReport;
      const entry = admin.records.find((candidate) => candidate.iri === withheld);
      expect(entry?.ready).toBe(false);
      expect(entry?.reasons).toEqual(['the publication policy does not publish it on the europeana channel']);
      expect(admin.counts.withheld).toBe(1);
    });

    it('obeys the europeana channel over OAI-PMH too: what it does not publish is a deleted edm header, and gives no labels', async () => {
      const put = (path: string, body: unknown) => fetch(`${server.url}${path}`, {
        method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      const getRecord = async (prefix: string, iri: string) => (await fetch(`${server.url}/oai?verb=GetRecord&metadataPrefix=${prefix}&identifier=${encodeURIComponent(iri)}`)).text();
      const object = 'http://localhost:8080/id/object/design-collectie/DMG-DEMO-001';
      const withoutEuropeana = ALL_CHANNELS.filter((channel) => channel !== 'europeana');
      expect(await getRecord('edm', object)).toContain('Elise Maes');

      // The maker's dataset leaves europeana: the object is still there, without the maker's name.
      expect((await put('/api/datasets/actoren/policy', { channels: withoutEuropeana, rights: 'http://creativecommons.org/publicdomain/zero/1.0/' })).status).toBe(200);
      const edm = await getRecord('edm', object);
      expect(edm).toContain('<edm:ProvidedCHO');
      expect(edm).not.toContain('Elise Maes');
      expect(await getRecord('oai_dc', object)).toContain('Elise Maes');

      // The object's own dataset leaves europeana: a deleted header in edm, by GetRecord and in lists; oai_dc is unchanged.
      expect((await put('/api/datasets/design-collectie/policy', { channels: withoutEuropeana, rights: 'http://creativecommons.org/publicdomain/mark/1.0/' })).status).toBe(200);
      const deleted = await getRecord('edm', object);
      expect(deleted).toContain('<header status="deleted">');
      expect(deleted).not.toContain('<metadata>');
      const listed = await (await fetch(`${server.url}/oai?verb=ListIdentifiers&metadataPrefix=edm&set=${encodeURIComponent('design-museum-gent:design-collectie')}`)).text();
      expect(listed).toContain('<header status="deleted"><identifier>http://localhost:8080/id/object/design-collectie/DMG-DEMO-001</identifier>');
      expect(await getRecord('oai_dc', object)).toContain('<oai_dc:dc');

      // One record withdrawn from europeana alone, in a dataset that publishes there.
      const record = 'http://localhost:8080/id/object/msk-collectie/1979-C';
      expect(await getRecord('edm', record)).toContain('<edm:ProvidedCHO');
      expect((await put(`/api/datasets/msk-collectie/records/policy?iri=${encodeURIComponent(record)}`, { channels: ['oai', 'linked-data'] })).status).toBe(200);
      expect(await getRecord('edm', record)).toContain('<header status="deleted">');
      expect(await getRecord('oai_dc', record)).toContain('<oai_dc:dc');
    });
  });

  describe('of the ingest fixtures', () => {
    const data = sharedTempDir('cultuurgraaf-edm-ingest-');
    let records: SqliteRecordStore;
    let access: SqliteAccessStore;
    const ghent = ['dmg_obj.ndjson', 'hva_obj.ndjson', 'im_obj.ndjson', 'stam_obj.ndjson'];
    const haveGhent = existsSync(GHENT);

    beforeAll(async () => {
      await ingestInto(data.dir, COLLECTION_CSV, { dataset: 'msk', mapping: 'collection-csv' });
      setPolicy(data.dir, 'msk', { channels: ALL_CHANNELS, rights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
      if (haveGhent) {
        for (const file of ghent) await ingestInto(data.dir, join(GHENT, file), { dataset: 'ghent', mapping: 'oslo-ldes' });
        setPolicy(data.dir, 'ghent', { channels: ALL_CHANNELS, rights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
      }
      records = SqliteRecordStore.open(data.dir);
      access = SqliteAccessStore.open(data.dir);
    }, 180_000);

    afterAll(() => {
      access.close();
      records.close();
      data.remove();
    });

    it('exports every collection-csv row with an image as a valid EDM record', async () => {
      const europeana = new EuropeanaExport({ records, provider: 'Test' });
      const view = new PublicationPolicy(access, records).view(ANONYMOUS, 'europeana');
      const zipPath = join(data.dir, 'msk.zip');
      const summary = await europeana.writeZip('msk', view.policies, createWriteStream(zipPath));
      const rowsWithImage = readFileSync(COLLECTION_CSV, 'utf8').trim().split('\n').slice(1).filter((line) => /;https?:\/\/[^;]+\.(jpg|png)/.test(line)).length;
      expect(summary.exported).toBe(rowsWithImage);
      const dir = join(data.dir, 'xml-msk');
      expect(await unzipInto(readFileSync(zipPath), dir)).toHaveLength(rowsWithImage);
      const { invalid, failures } = await validateEdmDir(dir, SCHEMAS);
      expect(invalid).toEqual([]);
      expect(failures).toEqual([]);
      const first = readFileSync(join(dir, 'localhost_8080_id_object_msk_MSK-DEMO-101.xml'), 'utf8');
      // The CSV's own rights win over the dataset's; its IIIF manifest goes with the image.
      expect(first).toContain('<edm:rights rdf:resource="http://creativecommons.org/publicdomain/mark/1.0/"/>');
      expect(first).toContain('<dcterms:isReferencedBy rdf:resource="https://example.org/iiif/msk-demo-101/manifest.json"/>');
      expect(first).toContain('<dcterms:extent xml:lang="nl">hoogte 54.5 cm</dcterms:extent>');
    }, 60_000);

    it.skipIf(!haveGhent)('lists the Ghent objects as not ready (their stream links no image or page), and maps each to valid EDM once one is given', async () => {
      const europeana = new EuropeanaExport({ records, provider: 'Test' });
      const view = new PublicationPolicy(access, records).view(ANONYMOUS, 'europeana');
      const report = europeana.report('ghent', view);
      expect(report.counts).toMatchObject({ objects: 45, ready: 0, notReady: 45 });
      expect(report.reasons).toHaveLength(1);
      expect(report.reasons[0]).toMatchObject({ records: 45 });
      expect(report.reasons[0]?.reason).toContain('no link to a digital object');
      // With a page of its own, each maps to EDM that Europeana's checks accept.
      const files = [...records.iterateRecords('ghent', 'object')].map((stored) => {
        const page = `<${stored.iri}> <http://xmlns.com/foaf/0.1/page> <https://collectie.example.org/page/${encodeURIComponent(stored.iri)}> <${stored.iri}> .\n`;
        const outcome = mapToEdm({
          iri: stored.iri, nquads: stored.nquads + page, datasetRights: 'http://creativecommons.org/publicdomain/zero/1.0/',
          dataProvider: 'Stad Gent', provider: 'Test', linked: () => undefined,
        });
        expect(outcome.problems).toEqual([]);
        return [`${stored.iri.split('/').slice(-2).join('-')}.xml`, edmXml(outcome.record)] as const;
      });
      const dir = join(data.dir, 'xml-ghent');
      writeXmlFiles(dir, files);
      const { invalid, failures } = await validateEdmDir(dir, SCHEMAS);
      expect(invalid).toEqual([]);
      expect(failures).toEqual([]);
    }, 120_000);
  });

  describe('refuses what Europeana refuses', () => {
    it('a record without rights, with rights Europeana does not accept and with an unknown licence; the schematron agrees', async () => {
      const dir = tempDir('cultuurgraaf-edm-neg-');
      const records = SqliteRecordStore.open(dir);
      const access = SqliteAccessStore.open(dir);
      try {
        records.ensureDataset('neg');
        const object = (id: string, extra: string) => putTurtle(`http://example.org/object/${id}`, 'neg', `<object/${id}> a crm:E22_Human-Made_Object ;
          crm:P102_has_title "Object ${id}"@nl ; crm:P2_has_type <http://vocab.getty.edu/aat/300033618> ;
          <http://xmlns.com/foaf/0.1/depiction> <https://img.example.org/${id}.jpg> ${extra} .`);
        records.writeBatch([
          await object('none', ''),
          await object('nc', '; <http://purl.org/dc/terms/rights> <http://rightsstatements.org/vocab/InC-NC/1.0/>'),
          await object('own', '; <http://purl.org/dc/terms/rights> <http://example.org/licence>'),
          await object('ok', '; <http://purl.org/dc/terms/rights> <https://creativecommons.org/licenses/by-sa/4.0/>'),
        ]);
        // The dataset has no rights statement, so it cannot publish on europeana as a whole: its records do, one by one.
        for (const id of ['none', 'nc', 'own', 'ok']) access.setRecordPolicy(`http://example.org/object/${id}`, { channels: ['europeana'] }, { actor: 'test', action: 'policy.set' });
        const europeana = new EuropeanaExport({ records, provider: 'Test' });
        const view = new PublicationPolicy(access, records).view(ANONYMOUS, 'europeana');
        const reasons = new Map(europeana.report('neg', view).records.map((entry) => [entry.iri.slice(entry.iri.lastIndexOf('/') + 1), entry.reasons.join()]));
        expect([...reasons.keys()].sort()).toEqual(['nc', 'none', 'ok', 'own']);
        expect(reasons.get('none')).toContain('no rights statement');
        expect(reasons.get('nc')).toContain('Europeana does not accept the record\'s rights <http://rightsstatements.org/vocab/InC-NC/1.0/>');
        expect(reasons.get('own')).toContain('<http://example.org/licence> is not a rightsstatements.org statement or a Creative Commons licence');
        expect(reasons.get('ok')).toBe('');
        const zipPath = join(dir, 'neg.zip');
        expect(await europeana.writeZip('neg', view.policies, createWriteStream(zipPath))).toMatchObject({ exported: 1, notReady: 3 });
        const names = await unzipInto(readFileSync(zipPath), join(dir, 'xml'));
        expect(names).toEqual(['example.org_object_ok.xml']);
        const ok = readFileSync(join(dir, 'xml', 'example.org_object_ok.xml'), 'utf8');
        expect(ok).toContain('<edm:rights rdf:resource="http://creativecommons.org/licenses/by-sa/4.0/"/>');
        // Europeana's own schematron refuses the same record with the licence we refused, and without rights.
        mkdirSync(join(dir, 'bad'));
        writeFileSync(join(dir, 'bad', 'own.xml'), ok.replaceAll('http://creativecommons.org/licenses/by-sa/4.0/', 'http://example.org/licence'));
        writeFileSync(join(dir, 'bad', 'none.xml'), ok.replace(/\s*<edm:rights [^>]*\/>/g, ''));
        const failures = await runSchematron(join(dir, 'bad'), join(SCHEMAS, 'schematron', 'schematron.xsl'), join(dir, 'bad-svrl'));
        expect([...new Set(failures.map((failure) => failure.file))].sort()).toEqual(['none.xml', 'own.xml']);
      } finally {
        access.close();
        records.close();
      }
    }, 60_000);
  });

  describe('a download that waits for a slow client', () => {
    it('reads on a connection of its own: the store takes writes meanwhile, and the read ends when the client goes', async () => {
      const dir = tempDir('cultuurgraaf-edm-slow-');
      const records = SqliteRecordStore.open(dir);
      const access = SqliteAccessStore.open(dir);
      const feed = SqliteVersionFeed.open(dir);
      try {
        records.ensureDataset('slow');
        const objects = await Promise.all(Array.from({ length: 400 }, (_, i) => putTurtle(`http://example.org/object/${i}`, 'slow', `<object/${i}> a crm:E22_Human-Made_Object ;
          crm:P102_has_title "Object ${i} ${'x'.repeat(2000)}"@nl ; crm:P2_has_type <http://vocab.getty.edu/aat/300033618> ;
          <http://xmlns.com/foaf/0.1/depiction> <https://img.example.org/${i}.jpg> .`)));
        records.writeBatch(objects);
        access.setPolicy('slow', parsePolicy({ channels: ['europeana'], rights: 'http://creativecommons.org/publicdomain/zero/1.0/' }), { actor: 'test', action: 'policy.set' });
        const europeana = new EuropeanaExport({
          records, provider: 'Test',
          openObjects: (dataset) => {
            const snapshot = feed.snapshot(dataset);
            return { records: () => snapshot.records('object'), close: () => { snapshot.close(); } };
          },
        });
        // A client that takes nothing: the export stops at the first full buffer.
        const stalled = new Writable({ highWaterMark: 1024, write: () => undefined });
        const exporting = europeana.writeZip('slow', new PublicationPolicy(access, records).current(), stalled);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(stalled.writableNeedDrain).toBe(true);
        const more = await putTurtle('http://example.org/object/new', 'slow', '<object/new> crm:P102_has_title "Nieuw"@nl .');
        expect(() => records.writeBatch([more])).not.toThrow();
        expect(() => records.ensureDataset('another')).not.toThrow();
        stalled.destroy();
        const summary = await exporting;
        expect(summary.exported).toBeLessThan(400);
      } finally {
        feed.close();
        access.close();
        records.close();
      }
    }, 60_000);
  });

  describe('cultuurgraaf export europeana', () => {
    it('writes the zip and the readiness report, and explains a dataset it may not export', async () => {
      const dir = tempDir('cultuurgraaf-edm-cli-');
      await ingestInto(dir, COLLECTION_CSV, { dataset: 'msk', mapping: 'collection-csv' });
      const refused = runCli(['export', 'europeana', '--data-dir', dir, '--dataset', 'msk', '--out', join(dir, 'msk.zip')]);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('does not publish on the europeana channel');
      expect(existsSync(join(dir, 'msk.zip'))).toBe(false);
      setPolicy(dir, 'msk', { channels: ALL_CHANNELS, rights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
      const done = runCli(['export', 'europeana', '--data-dir', dir, '--dataset', 'msk', '--out', join(dir, 'msk.zip'), '--report', join(dir, 'report.json'), '--europeana-provider', 'CLI test']);
      expect(done.stderr).toBe('');
      expect(done.status).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ReadinessReport;
      expect(done.stdout).toContain(`Exported ${report.counts.ready} of ${report.counts.objects} heritage objects of "msk" to ${join(dir, 'msk.zip')}`);
      expect(report.provider).toBe('CLI test');
      expect(await unzipInto(readFileSync(join(dir, 'msk.zip')), join(dir, 'xml'))).toHaveLength(report.counts.ready);
      const unknown = runCli(['export', 'europeana', '--data-dir', dir, '--dataset', 'nope', '--out', join(dir, 'x.zip')]);
      expect(unknown.status).not.toBe(0);
      expect(unknown.stderr).toContain('There is no dataset "nope"');
    }, 120_000);
  });
});
