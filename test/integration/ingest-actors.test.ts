import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReportEntry } from '../../src/ingest/report-entry.js';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { ingestInto, servedGraph } from '../helpers/ingest.js';
import { expectIsomorphic, parseRdf } from '../helpers/isomorphism.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLE_DIR = new URL('../../oslo-mappings/actors-csv/example/', import.meta.url);
const EXAMPLE_CSV = new URL('actoren.csv', EXAMPLE_DIR).pathname;
const EXPECTED_TTL = new URL('expected.ttl', EXAMPLE_DIR).pathname;
const OPTIONS = { dataset: 'msk', mapping: 'actors-csv' } as const;
const PERSOON = (id: string): string => `http://localhost:8080/id/persoon/msk/${id}`;
const ORGANISATIE = (id: string): string => `http://localhost:8080/id/organisatie/msk/${id}`;
const NOTATION = 'http://www.w3.org/2004/02/skos/core#notation';

const [HEADER_LINE = '', ...EXAMPLE_ROWS] = readFileSync(EXAMPLE_CSV, 'utf8').trim().split('\n');
const HEADER = HEADER_LINE.split(';');

/** A row of the example's columns; unnamed cells stay empty. */
function row(cells: Readonly<Record<string, string>>): string {
  for (const column of Object.keys(cells)) if (!HEADER.includes(column)) throw new Error(`no column ${column} in the example`);
  return HEADER.map((column) => cells[column] ?? '').join(';');
}

function writeCsv(name: string, rows: readonly string[]): string {
  const path = join(tempDir(), name);
  writeFileSync(path, [HEADER_LINE, ...rows].join('\n'));
  return path;
}

/** The stored records of the data dir, by IRI, as N-Quads; deleted ones are left out. */
function storedRecords(dataDir: string, iris: readonly string[]): Map<string, string> {
  const store = SqliteRecordStore.open(dataDir);
  try {
    return new Map(iris.flatMap((iri) => {
      const record = store.getRecord(iri);
      return record === undefined || record.deleted ? [] : [[iri, record.nquads] as const];
    }));
  } finally {
    store.close();
  }
}

function errorsOfRow(report: readonly ReportEntry[], dataRow: number): ReportEntry[] {
  return report.filter((entry) => entry.severity === 'error' && entry.position.row === dataRow);
}

describe('actors-csv ingest', () => {
  it('round trip: the SPARQL endpoint serves exactly the expected OSLO graph, with the one SHACL warning the example earns', async () => {
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, EXAMPLE_CSV, OPTIONS);
    expect(result.status).toBe('succeeded');
    expect(result.summary).toMatchObject({ items: 6, records: 6, created: 6, rejectedItems: 0 });
    // The anonymous master has no given name: OSLO Persoon asks for one, this profile warns. The
    // dataset is new: the run says it made it.
    expect(result.report).toEqual([expect.objectContaining({
      severity: 'warning', position: { source: 'actoren.csv', line: 4, row: 3 }, record: PERSOON('P-0003'),
      path: 'http://xmlns.com/foaf/0.1/givenName', message: expect.stringContaining('"voornaam"') as unknown,
    }), {
      severity: 'warning', position: { source: 'actoren.csv' },
      message: `the dataset "${OPTIONS.dataset}" did not exist: this run created it, in organisation "default", published on every channel but europeana (policy open); `
        + 'if you meant another dataset, `cultuurgraaf stats` lists them and `cultuurgraaf policy set` changes where this one is published',
    }]);
    // Into it again: no such word.
    expect((await ingestInto(dataDir, EXAMPLE_CSV, OPTIONS)).report.filter((e) => e.message.includes('did not exist'))).toEqual([]);
    const served = parseRdf(await servedGraph(dataDir), 'application/n-triples');
    await expectIsomorphic(served, parseRdf(readFileSync(EXPECTED_TTL, 'utf8'), 'text/turtle'));
  });

  it('reads the same sheet saved as XLSX to the same records', async () => {
    const dataDir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Actoren');
    // Spreadsheets hold numbers as numbers: the KBO number, postcode and house number among them.
    for (const line of [HEADER_LINE, ...EXAMPLE_ROWS]) sheet.addRow(line.split(';').map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
    const xlsx = join(tempDir(), 'actoren.xlsx');
    await workbook.xlsx.writeFile(xlsx);

    const fromXlsx = await ingestInto(dataDir, xlsx, OPTIONS);
    expect(fromXlsx.summary).toMatchObject({ items: 6, records: 6, rejectedItems: 0 });
    const fromCsv = await ingestInto(dataDir, EXAMPLE_CSV, OPTIONS);
    expect(fromCsv.summary).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
  });

  it('mints the same IRIs on a re-import, whatever the order of the rows', async () => {
    const dataDir = tempDir();
    await ingestInto(dataDir, EXAMPLE_CSV, OPTIONS);
    const reordered = writeCsv('actoren-omgekeerd.csv', [...EXAMPLE_ROWS].reverse());
    const again = await ingestInto(dataDir, reordered, OPTIONS);
    expect(again.summary).toMatchObject({ items: 6, created: 0, updated: 0, unchanged: 6 });
  });

  it('writes a KBO number in its 10-digit form however the sheet writes it', async () => {
    const dataDir = tempDir();
    const spellings = ['BE 0412.345.614', '0412 345 614', '412345614', 'be0412345614'];
    const input = writeCsv('kbo.csv', spellings.map((kbo, i) => row({ id: `K-${i}`, type: 'organisatie', naam: `Organisatie ${i}`, 'KBO-nummer': kbo })));
    const result = await ingestInto(dataDir, input, OPTIONS);
    expect(result.summary).toMatchObject({ items: 4, rejectedItems: 0 });
    const records = storedRecords(dataDir, spellings.map((_, i) => ORGANISATIE(`K-${i}`)));
    expect(records.size).toBe(4);
    for (const [iri, nquads] of records) {
      const notations = parseRdf(nquads, 'application/n-quads').filter((q) => q.predicate.value === NOTATION && q.subject.value === `${iri}#kbo`);
      expect(notations.map((q) => q.object.value)).toEqual(['0412345614']);
    }
  });

  describe('rejects a bad row with a report entry naming the row and the column, and keeps the good rows', () => {
    const good = (id: string): Record<string, string> => ({ id, type: 'persoon', naam: 'Goed', voornaam: 'Gert' });
    const cases: ReadonlyArray<{ what: string; cells: Record<string, string>; column: string; value?: string }> = [
      { what: 'a KBO number of the wrong length', cells: { id: 'B-01', type: 'organisatie', naam: 'Kort', 'KBO-nummer': '0412.345' }, column: 'KBO-nummer', value: '"0412.345"' },
      { what: 'a KBO number whose check digits fail', cells: { id: 'B-02', type: 'organisatie', naam: 'Fout', 'KBO-nummer': 'BE 0412345615' }, column: 'KBO-nummer', value: '"0412.345.615"' },
      { what: 'an unknown type', cells: { id: 'B-03', type: 'kunstenaar', naam: 'Onbekend' }, column: 'type' },
      { what: 'a missing name', cells: { id: 'B-04', type: 'persoon', voornaam: 'Jan' }, column: 'naam' },
      { what: 'a date that does not exist', cells: { ...good('B-05'), geboortedatum: '30/02/1890' }, column: 'geboortedatum', value: '"30/02/1890"' },
      { what: 'an approximate date', cells: { ...good('B-06'), overlijdensdatum: 'ca. 1950' }, column: 'overlijdensdatum', value: '"ca. 1950"' },
      { what: 'an ISNI of 12 characters', cells: { ...good('B-07'), ISNI: '0000 0004 7821' }, column: 'isni', value: '<https://isni.org/isni/000000047821>' },
      { what: 'a VIAF number with letters', cells: { ...good('B-08'), VIAF: 'n79022935' }, column: 'viaf', value: '<http://viaf.org/viaf/N79022935>' },
      { what: 'a Wikidata id without its Q', cells: { ...good('B-09'), Wikidata: '5582' }, column: 'wikidata', value: '<http://www.wikidata.org/entity/5582>' },
      { what: 'a given name on an organisation', cells: { id: 'B-10', type: 'organisatie', naam: 'Peeters', voornaam: 'Jan' }, column: 'voornaam' },
      { what: 'a KBO number on a person', cells: { ...good('B-11'), 'KBO-nummer': '0412345614' }, column: 'KBO-nummer' },
      { what: 'an address on a person', cells: { ...good('B-12'), straat: 'Kerkstraat' }, column: 'straat' },
    ];
    // The bad rows first, then two good ones: data rows 1..n are the cases in order.
    const input = (): string => writeCsv('actoren-fout.csv', [...cases.map((c) => row(c.cells)), row(good('G-01')), row({ id: 'G-02', type: 'organisatie', naam: 'Goed vzw', 'KBO-nummer': '0876.543.270' })]);

    it('stores the good rows only', async () => {
      const dataDir = tempDir();
      const result = await ingestInto(dataDir, input(), OPTIONS);
      expect(result.summary).toMatchObject({ items: cases.length + 2, rejectedItems: cases.length, records: 2 });
      const rejected = cases.map((c) => c.cells.id ?? '').flatMap((id) => [PERSOON(id), ORGANISATIE(id), `http://localhost:8080/id/agent/msk/${id}`]);
      expect([...storedRecords(dataDir, [...rejected, PERSOON('G-01'), ORGANISATIE('G-02')]).keys()]).toEqual([PERSOON('G-01'), ORGANISATIE('G-02')]);
    });

    it.each(cases.map((c, i) => ({ ...c, dataRow: i + 1 })))('$what (row $dataRow)', async ({ column, value, dataRow }) => {
      const result = await ingestInto(tempDir(), input(), { ...OPTIONS, dryRun: true });
      const errors = errorsOfRow(result.report, dataRow);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.position).toEqual({ source: 'actoren-fout.csv', line: dataRow + 1, row: dataRow });
        // The lift names the column in `path`; a shape names it in its message.
        expect(error.path === column || error.message.includes(`"${column}"`), `${error.message} should name the column ${column}`).toBe(true);
      }
      if (value !== undefined) expect(errors.map((e) => e.value)).toContain(value);
    });
  });

  it('refuses a sheet without an id column, naming it, and writes nothing', async () => {
    const dataDir = tempDir();
    const noId = join(tempDir(), 'zonder-id.csv');
    writeFileSync(noId, 'type;naam;voornaam\npersoon;Maes;Elise\n');
    const result = await ingestInto(dataDir, noId, OPTIONS);
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/zonder-id\.csv has no column for "id"/);
    expect(storedRecords(dataDir, [PERSOON('1'), `http://localhost:8080/id/agent/msk/1`]).size).toBe(0);
  });
});
