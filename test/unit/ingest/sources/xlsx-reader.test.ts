import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/domain/errors.js';
import type { TableRow } from '../../../../src/ingest/sources/csv-reader.js';
import { cellText, readXlsx } from '../../../../src/ingest/sources/xlsx-reader.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/** Writes a workbook built by `build` to a temp file and returns its path. */
async function workbook(build: (book: ExcelJS.Workbook) => void, name = 'objecten.xlsx'): Promise<string> {
  const book = new ExcelJS.Workbook();
  build(book);
  const path = join(tempDir(), name);
  await book.xlsx.writeFile(path);
  return path;
}

async function read(path: string, source?: string): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of readXlsx(path, source)) rows.push(row);
  return rows;
}

describe('readXlsx', () => {
  it('reads the first sheet into rows keyed by the header row, with sheet and row positions', async () => {
    const path = await workbook((book) => {
      const sheet = book.addWorksheet('Objecten');
      sheet.addRow(['objectnummer', 'titel']);
      sheet.addRow(['O1', 'Stoel']);
      sheet.addRow(['O2', 'Tafel']);
    });
    expect(await read(path)).toEqual([
      { kind: 'row', position: { source: 'objecten.xlsx', line: 2, row: 1, sheet: 'Objecten' }, values: { objectnummer: 'O1', titel: 'Stoel' }, warnings: [] },
      { kind: 'row', position: { source: 'objecten.xlsx', line: 3, row: 2, sheet: 'Objecten' }, values: { objectnummer: 'O2', titel: 'Tafel' }, warnings: [] },
    ]);
  });

  it('shows cells as a spreadsheet does: dates, numbers, booleans, formula results, rich text, links', async () => {
    const path = await workbook((book) => {
      const sheet = book.addWorksheet('Objecten');
      sheet.addRow(['datum', 'tijdstip', 'hoogte', 'aantal', 'totaal', 'titel', 'website', 'tentoongesteld', 'fout']);
      sheet.addRow([
        new Date(Date.UTC(1885, 11, 31)),
        new Date(Date.UTC(2020, 0, 2, 13, 30)),
        12.5,
        3,
        { formula: 'C2*D2', result: 37.5 },
        { richText: [{ text: 'Stoel ' }, { font: { bold: true }, text: 'met leuning' }] },
        { text: 'MSK Gent', hyperlink: 'https://www.mskgent.be/' },
        true,
        { formula: '1/0', result: { error: '#DIV/0!' } },
      ]);
    });
    const [row] = await read(path);
    expect(row?.values).toEqual({
      datum: '1885-12-31',
      tijdstip: '2020-01-02T13:30:00.000Z',
      hoogte: '12.5',
      aantal: '3',
      totaal: '37.5',
      titel: 'Stoel met leuning',
      website: 'MSK Gent',
      tentoongesteld: 'true',
      fout: '',
    });
  });

  it('skips empty rows but keeps the sheet\'s row numbers as lines', async () => {
    const path = await workbook((book) => {
      const sheet = book.addWorksheet('Objecten');
      sheet.addRow(['objectnummer', 'titel']);
      sheet.addRow(['O1', 'Stoel']);
      sheet.addRow([]);
      sheet.addRow(['', '  ']);
      sheet.addRow(['O2', 'Tafel']);
    });
    expect((await read(path)).map((r) => [r.position.line, r.position.row, r.values.objectnummer])).toEqual([[2, 1, 'O1'], [5, 2, 'O2']]);
  });

  it('keeps an empty cell in the middle of a row in its own column', async () => {
    const path = await workbook((book) => {
      const sheet = book.addWorksheet('Objecten');
      sheet.addRow(['objectnummer', 'titel', 'datering']);
      sheet.getRow(2).getCell(1).value = 'O1';
      sheet.getRow(2).getCell(3).value = '1885';
    });
    expect((await read(path))[0]?.values).toEqual({ objectnummer: 'O1', titel: '', datering: '1885' });
  });

  it('reads only the first of several sheets', async () => {
    const path = await workbook((book) => {
      book.addWorksheet('Objecten').addRows([['objectnummer'], ['O1']]);
      book.addWorksheet('Thesaurus').addRows([['term'], ['stoel'], ['tafel']]);
    });
    const rows = await read(path);
    expect(rows.map((r) => [r.position.sheet, r.values])).toEqual([['Objecten', { objectnummer: 'O1' }]]);
  });

  it('ignores empty header cells at the end, and warns about values beyond the header', async () => {
    const path = await workbook((book) => {
      const sheet = book.addWorksheet('Objecten');
      sheet.addRow(['objectnummer', 'titel', '', '']);
      sheet.addRow(['O1', 'Stoel', '', 'notitie']);
      sheet.addRow(['O2', 'Tafel']);
    });
    expect((await read(path)).map((r) => [r.values, r.warnings])).toEqual([
      [{ objectnummer: 'O1', titel: 'Stoel' }, ['has values beyond the 2 columns of the header']],
      [{ objectnummer: 'O2', titel: 'Tafel' }, []],
    ]);
  });

  it('refuses a header with an empty column between named ones', async () => {
    const path = await workbook((book) => {
      const sheet = book.addWorksheet('Objecten');
      sheet.getRow(1).getCell(1).value = 'objectnummer';
      sheet.getRow(1).getCell(3).value = 'titel';
      sheet.getRow(2).getCell(1).value = 'O1';
    });
    const error = await read(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('objecten.xlsx row 1: column 2 has no header.');
  });

  it('passes over an empty first sheet to the first sheet with rows, and says where the rows are', async () => {
    const path = await workbook((book) => {
      // A cover sheet with only formatting: a filled cell, no value.
      book.addWorksheet('Leeg').getCell('A1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
      book.addWorksheet('Objecten').addRows([['objectnummer'], ['O1']]);
      book.addWorksheet('Thesaurus').addRows([['term'], ['stoel']]);
    });
    const rows = await read(path);
    expect(rows.map((r) => [r.position.sheet, r.values])).toEqual([['Objecten', { objectnummer: 'O1' }]]);
  });

  it('refuses a workbook without rows in any sheet, and reads a header without rows as no rows', async () => {
    const empty = await workbook((book) => { book.addWorksheet('Leeg'); book.addWorksheet('Ook leeg'); });
    await expect(read(empty)).rejects.toThrow('objecten.xlsx has no rows in any of its worksheets; the table\'s first row is its header.');
    const headerOnly = await workbook((book) => { book.addWorksheet('Objecten').addRows([['objectnummer']]); });
    expect(await read(headerOnly)).toEqual([]);
  });

  it('refuses a file that is not a workbook, naming it', async () => {
    const path = join(tempDir(), 'objecten.xlsx');
    writeFileSync(path, 'objectnummer;titel\nO1;Stoel\n');
    const error = await read(path, 'export.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/^export\.xlsx cannot be read as an XLSX workbook: /);
  });

  it('names the rows by the source it is told to', async () => {
    const path = await workbook((book) => { book.addWorksheet('S').addRows([['a'], ['1']]); });
    expect((await read(path, 'https://example.org/export.xlsx'))[0]?.position.source).toBe('https://example.org/export.xlsx');
  });
});

describe('cellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['tekst', 'tekst'],
    [0, '0'],
    [0.0000001, '0.0000001'],
    [-2.5e-7, '-0.00000025'],
    [1e21, '1000000000000000000000'],
    [12.5, '12.5'],
    [false, 'false'],
    [new Date(Date.UTC(2001, 1, 3)), '2001-02-03'],
    [{ formula: 'A1', result: 'x' }, 'x'],
    [{ sharedFormula: 'A1', result: 4 }, '4'],
    [{ formula: 'A1' }, ''],
    [{ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'https://example.org/' }, 'ab'],
    [{ error: '#N/A' }, ''],
  ] as const)('shows %j as %j', (value, text) => {
    expect(cellText(value as ExcelJS.CellValue)).toBe(text);
  });
});
