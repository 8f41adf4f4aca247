import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { SqliteIngestRunStore } from '../../src/store/sqlite-ingest-run-store.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { ingestInto, servedGraph } from '../helpers/ingest.js';
import { expectIsomorphic, parseRdf } from '../helpers/isomorphism.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLE_DIR = new URL('../../oslo-mappings/collection-csv/example/', import.meta.url);
const EXAMPLE_CSV = new URL('objecten.csv', EXAMPLE_DIR).pathname;
const EXPECTED_TTL = new URL('expected.ttl', EXAMPLE_DIR).pathname;
const OBJECT = (nr: string): string => `http://localhost:8080/id/object/msk/${nr}`;

function versions(dataDir: string): Map<string, { version: number; deleted: boolean }> {
  const store = SqliteRecordStore.open(dataDir);
  try {
    const iris = new Set(store.changesSince(0, 1_000_000).map((change) => change.iri));
    return new Map([...iris].map((iri) => {
      const record = store.getRecord(iri);
      return [iri, { version: record?.version ?? -1, deleted: record?.deleted ?? true }];
    }));
  } finally {
    store.close();
  }
}

describe('collection-csv ingest', () => {
  it('round trip: the SPARQL endpoint serves exactly the expected OSLO graph', async () => {
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, EXAMPLE_CSV, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.report.filter((e) => e.severity === 'error')).toEqual([]);
    expect(result.summary).toMatchObject({ items: 6, rejectedItems: 0 });
    const served = parseRdf(await servedGraph(dataDir), 'application/n-triples');
    await expectIsomorphic(served, parseRdf(readFileSync(EXPECTED_TTL, 'utf8'), 'text/turtle'));
  });

  it('reads the same spreadsheet saved as XLSX to the same records', async () => {
    const dataDir = tempDir();
    const csvDir = tempDir();
    const lines = readFileSync(EXAMPLE_CSV, 'utf8').trim().split('\n').map((line) => line.split(';'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Objecten');
    for (const cells of lines) sheet.addRow(cells.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
    const xlsx = join(csvDir, 'objecten.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const fromXlsx = await ingestInto(dataDir, xlsx, { dataset: 'msk', mapping: 'collection-csv' });
    expect(fromXlsx.summary).toMatchObject({ items: 6, rejectedItems: 0 });
    const fromCsv = await ingestInto(dataDir, EXAMPLE_CSV, { dataset: 'msk', mapping: 'collection-csv' });
    // Same content from either file: the CSV run changes nothing.
    expect(fromCsv.summary).toMatchObject({ created: 0, updated: 0, unchanged: fromXlsx.summary.records });
  });

  it('creates no new versions when the same input is ingested again', async () => {
    const dataDir = tempDir();
    const first = await ingestInto(dataDir, EXAMPLE_CSV, { dataset: 'msk', mapping: 'collection-csv' });
    const before = versions(dataDir);
    const second = await ingestInto(dataDir, EXAMPLE_CSV, { dataset: 'msk', mapping: 'collection-csv' });
    expect(second.summary).toMatchObject({ created: 0, updated: 0, unchanged: first.summary.records, deleted: 0 });
    expect(versions(dataDir)).toEqual(before);
  });

  it('keeps the later of two rows with the same object number as one version, and a second run changes nothing', async () => {
    const dataDir = tempDir();
    const twice = join(tempDir(), 'dubbel.csv');
    writeFileSync(twice, 'objectnummer;titel\nDUP;een\nDUP;twee\n');
    const first = await ingestInto(dataDir, twice, { dataset: 'msk', mapping: 'collection-csv' });
    expect(first.summary).toMatchObject({ created: 1, updated: 0 });
    expect(first.report.map((e) => e.message)).toContain(`dubbel.csv line 2 (row 1) describes <${OBJECT('DUP')}> differently; this later description is kept`);
    const again = await ingestInto(dataDir, twice, { dataset: 'msk', mapping: 'collection-csv' });
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const store = SqliteRecordStore.open(dataDir);
    try {
      expect(store.history(OBJECT('DUP'))).toHaveLength(1);
      expect(store.getRecord(OBJECT('DUP'))?.nquads).toContain('"twee"');
    } finally {
      store.close();
    }
  });

  const AGENT = (slug: string): string => `http://localhost:8080/id/agent/msk/${slug}`;

  it('warns about a column it does not read, naming the column a misspelt header most likely means', async () => {
    const input = join(tempDir(), 'tikfout.csv');
    writeFileSync(input, 'objectnummer;Vervaardigr;hoogt;Kleur;titel;vervaardigers rol;ID\nA-1;Jan;12;rood;Stoel;schilder;7\n');
    const result = await ingestInto(tempDir(), input, { dataset: 'msk', mapping: 'collection-csv', dryRun: true });
    expect(result.report.filter((e) => e.message.includes('is not read')).map((e) => [e.path, e.message])).toEqual([
      ['Vervaardigr', 'the column "Vervaardigr" is not read by the mapping collection-csv; did you mean "vervaardiger"? Rename the column to read it'],
      ['hoogt', 'the column "hoogt" is not read by the mapping collection-csv; did you mean "hoogte"? Rename the column to read it'],
      ['Kleur', 'the column "Kleur" is not read by the mapping collection-csv'],
      // "vervaardiger rol" is another name of rol: one letter off.
      ['vervaardigers rol', 'the column "vervaardigers rol" is not read by the mapping collection-csv; did you mean "rol"? Rename the column to read it'],
      // A short name is no misspelling of a short title (d, the depth).
      ['ID', 'the column "ID" is not read by the mapping collection-csv'],
    ]);
  });

  it('keeps the earlier of two rows with the same object number when the later one is rejected', async () => {
    const dataDir = tempDir();
    const store = SqliteRecordStore.open(dataDir);
    try {
      // Row 2's maker is a record of another dataset: row 2 cannot be stored.
      const nquads = `<${AGENT('piet')}> <http://www.w3.org/2000/01/rdf-schema#label> "Piet" <${AGENT('piet')}> .\n`;
      store.writeBatch([{ op: 'put', iri: AGENT('piet'), dataset: 'elders', kind: 'resource', nquads, hash: 'h', triples: 1 }], { createDatasets: [{ id: 'elders' }] });
    } finally {
      store.close();
    }
    const input = join(tempDir(), 'afgewezen.csv');
    writeFileSync(input, 'objectnummer;titel;vervaardiger\nDUP;een;Jan\nDUP;twee;Piet\n');
    const result = await ingestInto(dataDir, input, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.summary).toMatchObject({ rejectedItems: 1, created: 2 });
    expect(result.report.map((e) => e.message).filter((m) => m.includes('later description'))).toEqual([]);
    const after = SqliteRecordStore.open(dataDir);
    try {
      expect(after.getRecord(OBJECT('DUP'))?.nquads).toContain('"een"');
    } finally {
      after.close();
    }
  });

  it('a full re-import that drops two rows marks exactly those two records deleted and leaves the others unchanged', async () => {
    const dataDir = tempDir();
    await ingestInto(dataDir, EXAMPLE_CSV, { dataset: 'msk', mapping: 'collection-csv' });
    const before = versions(dataDir);
    const shorter = join(tempDir(), 'objecten-zonder-103-105.csv');
    writeFileSync(shorter, readFileSync(EXAMPLE_CSV, 'utf8').split('\n').filter((line) => !/^MSK-DEMO-10[35];/.test(line)).join('\n'));

    const result = await ingestInto(dataDir, shorter, { dataset: 'msk', mapping: 'collection-csv', replace: true });
    expect(result.status).toBe('succeeded');
    expect(result.summary).toMatchObject({ deleted: 2, created: 0, updated: 0 });
    const after = versions(dataDir);
    const changed = [...after].filter(([iri, state]) => before.get(iri)?.version !== state.version || before.get(iri)?.deleted !== state.deleted);
    expect(changed.map(([iri, state]) => [iri, state.deleted]).sort()).toEqual([[OBJECT('MSK-DEMO-103'), true], [OBJECT('MSK-DEMO-105'), true]]);
  });

  it('a full re-import with one mapping deletes only what that mapping wrote to the dataset, and says what it kept', async () => {
    const dataDir = tempDir();
    const ACTORS_CSV = new URL('../../oslo-mappings/actors-csv/example/actoren.csv', import.meta.url).pathname;
    await ingestInto(dataDir, EXAMPLE_CSV, { dataset: 'msk', mapping: 'collection-csv' });
    await ingestInto(dataDir, ACTORS_CSV, { dataset: 'msk', mapping: 'actors-csv' });
    const before = versions(dataDir);
    const lines = readFileSync(ACTORS_CSV, 'utf8').split('\n');
    const fewer = join(tempDir(), 'actoren-min-een.csv');
    // Without the last actor row.
    writeFileSync(fewer, [...lines.slice(0, lines.findLastIndex((line) => line.trim() !== '')), ''].join('\n'));

    const result = await ingestInto(dataDir, fewer, { dataset: 'msk', mapping: 'actors-csv', replace: true });
    expect(result.status).toBe('succeeded');
    expect(result.summary.deleted).toBe(1);
    const after = versions(dataDir);
    const deleted = [...after].filter(([iri, state]) => state.deleted && before.get(iri)?.deleted === false).map(([iri]) => iri);
    expect(deleted).toHaveLength(1);
    expect(deleted).toEqual(['http://localhost:8080/id/organisatie/msk/O-0003']);
    // Every object of the collection spreadsheet is still there.
    for (const [iri, state] of after) if (iri.startsWith(OBJECT(''))) expect(state.deleted, iri).toBe(false);
    expect(result.report).toContainEqual(expect.objectContaining({
      severity: 'warning', message: expect.stringMatching(/^\d+ records of dataset "msk" that this input does not hold were kept: another mapping describes them too, or no ingest run wrote them \(`cultuurgraaf load`, an edit\); --replace with actors-csv deletes only what actors-csv alone describes$/) as unknown,
    }));
  });

  it('records every run with its counts, mapping, source and report', async () => {
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, EXAMPLE_CSV, { dataset: 'msk', mapping: 'collection-csv' });
    const runs = SqliteIngestRunStore.open(dataDir);
    try {
      const run = runs.get(result.runId ?? '');
      expect(run).toMatchObject({
        dataset: 'msk', mapping: 'collection-csv', source: 'objecten.csv', status: 'succeeded', replace: false,
        // Six objects, their keeper and three makers: a keeper or maker named on several rows is written once.
        summary: { items: 6, records: 10, created: 10 },
      });
      expect(run?.summary.durationMs).toBeGreaterThan(0);
      expect(run?.report).toEqual(result.report);
    } finally {
      runs.close();
    }
  });

  it('rejects a row whose cell does not fit its column, naming file, line and column, and keeps the other rows', async () => {
    const dataDir = tempDir();
    const bad = join(tempDir(), 'objecten-fout.csv');
    const text = readFileSync(EXAMPLE_CSV, 'utf8').replace('MSK-DEMO-104;vaas;Vaas met blauw glazuur;;Jan Peeters;keramist;ca. 1930;1930~;Kortrijk;aardewerk;draaien|glazuren;31;', 'MSK-DEMO-104;vaas;Vaas met blauw glazuur;;Jan Peeters;keramist;ca. 1930;1930~;Kortrijk;aardewerk;draaien|glazuren;31 cm;');
    writeFileSync(bad, text);
    const result = await ingestInto(dataDir, bad, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.summary).toMatchObject({ items: 6, rejectedItems: 1 });
    const errors = result.report.filter((e) => e.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ position: { source: 'objecten-fout.csv', line: 5, row: 4 }, path: 'hoogte', value: '31 cm' })]);
    expect(errors[0]?.message).toMatch(/hoogte/);
    expect(versions(dataDir).has(OBJECT('MSK-DEMO-104'))).toBe(false);
    expect(versions(dataDir).has(OBJECT('MSK-DEMO-105'))).toBe(true);
  });

  it('rejects a row whose values have shifted past the header (a delimiter in a value without quotes), and keeps the other rows', async () => {
    const dataDir = tempDir();
    const bad = join(tempDir(), 'verschoven.csv');
    // "Zicht op de Leie; Gent" holds the delimiter without quotes: every value after it lands one
    // column on, the IIIF manifest past the header.
    writeFileSync(bad, readFileSync(EXAMPLE_CSV, 'utf8').replace('MSK-DEMO-101;schilderij;Zicht op de Leie;', 'MSK-DEMO-101;schilderij;Zicht op de Leie; Gent;'));
    const result = await ingestInto(dataDir, bad, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.summary).toMatchObject({ items: 6, rejectedItems: 1 });
    expect(result.report.filter((e) => e.severity === 'error')).toEqual([expect.objectContaining({
      position: { source: 'verschoven.csv', line: 2, row: 1 },
      message: expect.stringMatching(/^the row has 22 fields where the header has 21: a value holding the delimiter ";" without quotes shifts/) as unknown,
    })]);
    expect(versions(dataDir).has(OBJECT('MSK-DEMO-101'))).toBe(false);
    expect(versions(dataDir).has(OBJECT('MSK-DEMO-105'))).toBe(true);
  });

  it('reads a unit it knows in any spelling, rejects one it does not, and lists every bad cell of a row under the sheet\'s own headers', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'eenheden.csv');
    writeFileSync(file, [
      'objectnummer;objectnaam;hoogte;eenheid;licentie',
      'E-1;vaas;5;Inch;',
      'E-2;vaas;5;furlong;',
      'E-3;vaas;hoog;cm.;geen-licentie',
      'E-4;vaas;7;Duimen;',
    ].join('\n'));
    const result = await ingestInto(dataDir, file, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.summary).toMatchObject({ items: 4, rejectedItems: 2 });
    const graph = await servedGraph(dataDir);
    expect(graph).toContain('<http://qudt.org/vocab/unit/IN>');
    // Dutch plurals too: 7 duimen.
    expect(graph).toMatch(/"7"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#decimal>/);
    const errors = result.report.filter((e) => e.severity === 'error').map((e) => [e.position.row, e.path, e.value, e.message]);
    const units = 'cm, centimeter, centimeters, mm, millimeter, millimeters, m, meter, meters, in, inch, inches, duim, duimen, kg, kilogram, kilogrammen, g, gram, grammen';
    expect(errors).toEqual([
      [2, 'eenheid', 'furlong', `the column eenheid holds "furlong", which is not one of ${units}`],
      [3, 'hoogte', 'hoog', 'the column hoogte holds "hoog", which is not a number'],
      [3, 'eenheid', 'cm.', `the column eenheid holds "cm.", which is not one of ${units}`],
      [3, 'licentie', 'geen-licentie', expect.stringMatching(/^the column "licentie" \(rechtenstatus\) holds "geen-licentie"/)],
    ]);
  });

  it('gives each maker the role in the same place of the rol column, one role to all, and rejects a row whose counts differ', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'rollen.csv');
    writeFileSync(file, [
      'objectnummer;objectnaam;vervaardiger;rol',
      'R-1;prent;Jan Jansen|Piet Peeters;ontwerper|graveur',
      'R-2;prent;An Aerts|Bert Bos;schilder',
      'R-3;prent;Cas Claes|Dirk Dams|Eva Eyck;drukker||uitgever',
      'R-4;prent;Fien Fox|Gert Goos|Hans Hus;schilder|graveur',
    ].join('\n'));
    const result = await ingestInto(dataDir, file, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.summary).toMatchObject({ items: 4, rejectedItems: 1 });
    expect(result.report.filter((e) => e.severity === 'error').map((e) => [e.position.row, e.path, e.value, e.message])).toEqual([[
      4, 'rol', 'schilder|graveur',
      'the column rol holds 2 values for the 3 of vervaardiger, which they go with in order: give one for each (an empty one for none, as in "a||c") or one for all',
    ]]);
    const graph = new Store(parseRdf(await servedGraph(dataDir)));
    const roleOf = (object: string, maker: string): string[] => graph
      .getSubjects('https://data.vlaanderen.be/ns/cultureel-erfgoed#Rol.agent', `http://localhost:8080/id/agent/msk/${maker}`, null)
      .filter((role) => role.value.startsWith(OBJECT(object)))
      .flatMap((role) => graph.getObjects(role, 'http://www.cidoc-crm.org/cidoc-crm/P14.1_in_the_role_of', null))
      .map((concept) => concept.value.replace(/^.*\/rol\//, ''));
    expect([roleOf('R-1', 'jan-jansen'), roleOf('R-1', 'piet-peeters')]).toEqual([['ontwerper'], ['graveur']]);
    expect([roleOf('R-2', 'an-aerts'), roleOf('R-2', 'bert-bos')]).toEqual([['schilder'], ['schilder']]);
    expect([roleOf('R-3', 'cas-claes'), roleOf('R-3', 'dirk-dams'), roleOf('R-3', 'eva-eyck')]).toEqual([['drukker'], [], ['uitgever']]);
  });

  it('mints names into IRIs as productions-csv does: lower-case words joined by -, accents kept', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'namen.csv');
    writeFileSync(file, 'objectnummer;objectnaam;vervaardiger;plaats van vervaardiging\nN-1;vaas;Jeanne d\'Hondt;Sint-Niklaas, België\nN-2;vaas;?;?\nN-3;vaas;(...);\n');
    const result = await ingestInto(dataDir, file, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.summary.rejectedItems).toBe(0);
    const graph = await servedGraph(dataDir);
    expect(graph).toContain('<http://localhost:8080/id/agent/msk/jeanne-d-hondt>');
    expect(graph).toContain('<http://localhost:8080/id/place/msk/sint-niklaas-belgi%C3%AB>');
    // A name without a letter or digit keeps its own characters: "?" and "(...)" stay two makers.
    expect(graph).toContain('<http://localhost:8080/id/agent/msk/%3F>');
    expect(graph).toContain('<http://localhost:8080/id/agent/msk/%28...%29>');
    expect(graph).toContain('<http://localhost:8080/id/place/msk/%3F>');
    expect(graph).not.toContain('<http://localhost:8080/id/agent/msk/>');
  });

  it('warns about columns the mapping does not read, once, and still ingests', async () => {
    const dataDir = tempDir();
    const extra = join(tempDir(), 'objecten-extra.csv');
    const [header = '', ...rows] = readFileSync(EXAMPLE_CSV, 'utf8').trim().split('\n');
    writeFileSync(extra, [`${header};standplaats;inventarisnummer`, ...rows.map((row) => `${row};depot 3;INV-1`)].join('\n'));
    const result = await ingestInto(dataDir, extra, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.summary.rejectedItems).toBe(0);
    const warnings = result.report.filter((e) => e.message.includes('standplaats'));
    expect(warnings).toEqual([expect.objectContaining({ severity: 'warning', path: 'standplaats' })]);
    // Another name for a column already read says so, rather than that the mapping does not read it.
    expect(result.report.filter((e) => e.path === 'inventarisnummer').map((e) => e.message)).toEqual([
      'the column "inventarisnummer" is another name for objectnummer, which is read from the column "objectnummer"; "inventarisnummer" is not read',
    ]);
  });

  it('refuses a file without the required column, naming it, and writes nothing', async () => {
    const dataDir = tempDir();
    const noNumber = join(tempDir(), 'zonder-nummer.csv');
    writeFileSync(noNumber, 'titel;objectnaam\nZicht op de Leie;schilderij\n');
    const result = await ingestInto(dataDir, noNumber, { dataset: 'msk', mapping: 'collection-csv' });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/zonder-nummer\.csv has no column for "objectnummer"/);
    expect(versions(dataDir).size).toBe(0);
  });

  it('names the known mappings when asked for an unknown one', async () => {
    await expect(ingestInto(tempDir(), EXAMPLE_CSV, { dataset: 'msk', mapping: 'collectie' }))
      .rejects.toThrow(/There is no mapping "collectie"; known mappings: .*collection-csv/);
  });
});
