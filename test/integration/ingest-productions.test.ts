import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { TEST_BASE_IRI, ingestInto, servedGraph } from '../helpers/ingest.js';
import { expectIsomorphic, parseRdf } from '../helpers/isomorphism.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLE_DIR = new URL('../../oslo-mappings/productions-csv/example/', import.meta.url);
const EXAMPLE_CSV = new URL('producties.csv', EXAMPLE_DIR).pathname;
const EXPECTED_TTL = new URL('expected.ttl', EXAMPLE_DIR).pathname;
const OPTIONS = { dataset: 'scheldeoever', mapping: 'productions-csv' } as const;
const PRODUCTION = (id: string): string => `${TEST_BASE_IRI}id/production/scheldeoever/${id}`;

/** The example's rows as cells, header first (cells hold ; inside quotes). */
const EXAMPLE_TABLE: string[][] = parse(readFileSync(EXAMPLE_CSV, 'utf8'), { delimiter: ';' });

/** Writes rows as a ;-separated CSV, quoting every cell. */
function writeCsv(name: string, rows: readonly (readonly string[])[]): string {
  const path = join(tempDir(), name);
  writeFileSync(path, rows.map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(';')).join('\n'));
  return path;
}

function storedRecords(dataDir: string): Map<string, string> {
  const store = SqliteRecordStore.open(dataDir);
  try {
    const iris = new Set(store.changesSince(0, 1_000_000).map((change) => change.iri));
    return new Map([...iris].map((iri) => [iri, store.getRecord(iri)?.kind ?? 'missing']));
  } finally {
    store.close();
  }
}

describe('productions-csv ingest', () => {
  it('round trip: the SPARQL endpoint serves exactly the expected OSLO graph', async () => {
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, EXAMPLE_CSV, OPTIONS);
    expect(result.report.filter((e) => e.severity === 'error')).toEqual([]);
    // Three productions; 7 actors and 4 venues, each written once however many rows name it.
    expect(result.summary).toMatchObject({ items: 3, rejectedItems: 0, created: 14 });
    const served = parseRdf(await servedGraph(dataDir), 'application/n-triples');
    await expectIsomorphic(served, parseRdf(readFileSync(EXPECTED_TTL, 'utf8'), 'text/turtle', TEST_BASE_IRI));
  });

  it('stores productions, actors and venues as records of their own kind', async () => {
    const dataDir = tempDir();
    await ingestInto(dataDir, EXAMPLE_CSV, OPTIONS);
    const records = storedRecords(dataDir);
    expect(records.get(PRODUCTION('sch-2025-01'))).toBe('production');
    expect(records.get(PRODUCTION('nachtvlinders'))).toBe('production');
    expect(records.get(`${TEST_BASE_IRI}id/agent/scheldeoever/lotte-verbeke`)).toBe('agent');
    expect(records.has(`${TEST_BASE_IRI}id/place/scheldeoever/schouwburg-leiedal`)).toBe(true);
    // Performances are parts of their production, not records.
    expect([...records.keys()].filter((iri) => iri.includes('#'))).toEqual([]);
  });

  it('reads the same spreadsheet saved as XLSX to the same records', async () => {
    const dataDir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Producties');
    for (const cells of EXAMPLE_TABLE) sheet.addRow(cells);
    const xlsx = join(tempDir(), 'producties.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const fromXlsx = await ingestInto(dataDir, xlsx, OPTIONS);
    expect(fromXlsx.summary).toMatchObject({ items: 3, rejectedItems: 0 });
    const fromCsv = await ingestInto(dataDir, EXAMPLE_CSV, OPTIONS);
    expect(fromCsv.summary).toMatchObject({ created: 0, updated: 0, unchanged: fromXlsx.summary.records });
  });

  it('recognises other spellings of the headers', async () => {
    const dataDir = tempDir();
    const variants: Readonly<Record<string, string>> = {
      'productie-id': 'Productiecode', titel: 'Title', producent: 'Producent/gezelschap', coproducent: 'In coproductie met',
      makers: 'Artistiek team', regie: 'Regisseur', spel: 'Cast', première: 'Premièredatum', 'première locatie': 'Locatie/zaal',
      speelperiodes: 'Speeldata', beschrijving: 'Omschrijving',
    };
    const [header = [], ...rows] = EXAMPLE_TABLE;
    const renamed = writeCsv('producties-andere-koppen.csv', [header.map((name) => variants[name] ?? name), ...rows]);
    const result = await ingestInto(dataDir, renamed, OPTIONS);
    expect(result.report.filter((e) => e.path !== undefined && e.message.includes('is not read'))).toEqual([]);
    expect(result.summary).toMatchObject({ items: 3, rejectedItems: 0 });
    const served = parseRdf(await servedGraph(dataDir), 'application/n-triples');
    await expectIsomorphic(served, parseRdf(readFileSync(EXPECTED_TTL, 'utf8'), 'text/turtle', TEST_BASE_IRI));
  });

  it('describes a maker as the collection spreadsheet does, so one person in both is one record that neither run changes back and forth', async () => {
    const dataDir = tempDir();
    const COLLECTION_CSV = new URL('../../oslo-mappings/collection-csv/example/objecten.csv', import.meta.url).pathname;
    const both = { dataset: 'gedeeld' } as const;
    await ingestInto(dataDir, COLLECTION_CSV, { ...both, mapping: 'collection-csv' });
    const productions = await ingestInto(dataDir, EXAMPLE_CSV, { ...both, mapping: 'productions-csv' });
    expect(productions.summary.rejectedItems).toBe(0);
    const ELISE = `${TEST_BASE_IRI}id/agent/gedeeld/elise-maes`;
    const store = SqliteRecordStore.open(dataDir);
    try {
      expect(store.getRecord(ELISE)?.version).toBe(1);
    } finally {
      store.close();
    }
    const again = await ingestInto(dataDir, COLLECTION_CSV, { ...both, mapping: 'collection-csv' });
    expect(again.summary).toMatchObject({ created: 0, updated: 0 });
    expect(again.report.filter((e) => e.severity === 'error')).toEqual([]);
    // A replace of the productions with none of them left keeps the maker the collection names.
    const [header = []] = EXAMPLE_TABLE;
    const none = await ingestInto(dataDir, writeCsv('een-productie.csv', [header, ...EXAMPLE_TABLE.slice(1).filter((row) => !row.join(';').includes('Elise Maes')).slice(0, 1)]), { ...both, mapping: 'productions-csv', replace: true });
    expect(none.summary.deleted).toBeGreaterThan(0);
    const after = SqliteRecordStore.open(dataDir);
    try {
      expect(after.getRecord(ELISE)?.deleted).toBe(false);
    } finally {
      after.close();
    }
  });

  it('stores a production that has only its id and title', async () => {
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, writeCsv('alleen-titel.csv', [['productie-id', 'titel'], ['Q-1', 'Alleen titel']]), OPTIONS);
    expect(result.report.filter((e) => e.severity === 'error')).toEqual([]);
    expect(result.summary).toMatchObject({ items: 1, rejectedItems: 0, created: 1 });
    const served = await servedGraph(dataDir);
    expect(served).toContain('"Alleen titel"@nl');
  });

  it('separates several values with | as well as ;, as the collection spreadsheet does', async () => {
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, writeCsv('pijpen.csv', [
      ['productie-id', 'titel', 'producent', 'makers'],
      ['P-1', 'Twee huizen', 'NTGent|Toneelhuis', 'Jan Janssens (regie) | Piet Pieters (spel)'],
    ]), OPTIONS);
    expect(result.summary).toMatchObject({ items: 1, rejectedItems: 0 });
    const served = await servedGraph(dataDir);
    for (const name of ['NTGent', 'Toneelhuis', 'Jan Janssens', 'Piet Pieters']) expect(served, name).toContain(`"${name}"@nl`);
    expect(served).not.toContain('NTGent|Toneelhuis');
    expect(served).toContain('/rol/spel>');
  });

  it('rejects a row with a run it cannot read, with the shape\'s message, and keeps the other rows', async () => {
    const dataDir = tempDir();
    const [header = [], first = [], ...others] = EXAMPLE_TABLE;
    const column = header.indexOf('speelperiodes');
    const broken = first.map((cell, i) => (i === column ? `${cell}; volgend seizoen in Gent` : cell));
    const result = await ingestInto(dataDir, writeCsv('producties-fout.csv', [header, broken, ...others]), OPTIONS);
    expect(result.summary).toMatchObject({ items: 3, rejectedItems: 1 });
    const errors = result.report.filter((e) => e.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({
      record: PRODUCTION('sch-2025-01'),
      focusNode: `${PRODUCTION('sch-2025-01')}#speelperiode-volgend-seizoen-in-gent`,
      path: 'https://data.vlaanderen.be/ns/cultuurparticipatie#ruimtetijd',
    })]);
    expect(errors[0]?.message).toMatch(/speelperiode heeft een datum nodig/);
    const records = storedRecords(dataDir);
    expect(records.has(PRODUCTION('sch-2025-01'))).toBe(false);
    expect(records.has(PRODUCTION('sch-2026-02'))).toBe(true);
  });

  it('rejects a run on a day that does not exist', async () => {
    const dataDir = tempDir();
    const [header = []] = EXAMPLE_TABLE;
    const cells = header.map((name) => ({ titel: 'Proef', speelperiodes: '2025-02-30 Schouwburg Leiedal' })[name] ?? '');
    const result = await ingestInto(dataDir, writeCsv('producties-30-februari.csv', [header, cells]), OPTIONS);
    expect(result.summary).toMatchObject({ items: 1, rejectedItems: 1 });
    expect(result.report.filter((e) => e.severity === 'error').map((e) => e.focusNode))
      .toEqual([`${PRODUCTION('proef')}#speelperiode-20250230-schouwburg-leiedal`]);
  });

  it('refuses a file without a title column, naming it, and writes nothing', async () => {
    const dataDir = tempDir();
    const result = await ingestInto(dataDir, writeCsv('zonder-titel.csv', [['genre', 'producent'], ['dans', 'Compagnie Nachtvlinder']]), OPTIONS);
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/zonder-titel\.csv has no column for "titel"/);
    expect(storedRecords(dataDir).size).toBe(0);
  });
});
