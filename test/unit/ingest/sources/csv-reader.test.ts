import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/domain/errors.js';
import { readCsv, type CsvDialect, type TableRow } from '../../../../src/ingest/sources/csv-reader.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/** Writes `content` to a file named `name` in a fresh temp dir and returns its path. */
function file(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, source?: string): Promise<{ rows: TableRow[]; dialect: CsvDialect | undefined }> {
  let dialect: CsvDialect | undefined;
  const rows: TableRow[] = [];
  for await (const row of readCsv(path, (d) => { dialect = d; }, source)) rows.push(row);
  return { rows, dialect };
}

async function failure(path: string): Promise<InvalidInputError> {
  const error = await read(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

/** Windows-1252 bytes of `text`, for the characters this test uses. */
function cp1252(text: string): Buffer {
  const bytes: Record<string, number> = { 'é': 0xe9, 'ë': 0xeb, '€': 0x80 };
  return Buffer.from(Array.from(text, (c) => bytes[c] ?? c.charCodeAt(0)));
}

describe('readCsv', () => {
  it.each([
    [';', 'objectnummer;titel\nO1;Stoel\nO2;Tafel\n'],
    [',', 'objectnummer,titel\nO1,Stoel\nO2,Tafel\n'],
    ['\t', 'objectnummer\ttitel\nO1\tStoel\nO2\tTafel\n'],
    ['|', 'objectnummer|titel\nO1|Stoel\nO2|Tafel\n'],
  ])('reads a file delimited by %j into rows keyed by header', async (delimiter, content) => {
    const { rows, dialect } = await read(file('objecten.csv', content));
    expect(dialect).toEqual({ encoding: 'utf-8', delimiter });
    expect(rows).toEqual([
      { kind: 'row', position: { source: 'objecten.csv', line: 2, row: 1 }, values: { objectnummer: 'O1', titel: 'Stoel' }, warnings: [] },
      { kind: 'row', position: { source: 'objecten.csv', line: 3, row: 2 }, values: { objectnummer: 'O2', titel: 'Tafel' }, warnings: [] },
    ]);
  });

  it('drops a UTF-8 byte-order mark, so the first header is clean', async () => {
    const { rows, dialect } = await read(file('bom.csv', '\uFEFFobjectnummer;titel\nO1;Café\n'));
    expect(dialect?.encoding).toBe('utf-8');
    expect(rows[0]?.values).toEqual({ objectnummer: 'O1', titel: 'Café' });
  });

  it('reads Windows-1252 (é as 0xE9, € as 0x80) and says so', async () => {
    const { rows, dialect } = await read(file('export.csv', cp1252('naam;prijs\nJosé;€ 5\nNoël;€ 7\n')));
    expect(dialect).toEqual({ encoding: 'windows-1252', delimiter: ';' });
    expect(rows.map((r) => r.values)).toEqual([{ naam: 'José', prijs: '€ 5' }, { naam: 'Noël', prijs: '€ 7' }]);
  });

  it('reads a small Windows-1252 file whose only accented character is its last byte', async () => {
    const { rows, dialect } = await read(file('kort.csv', cp1252('naam\nJosé')));
    expect(dialect?.encoding).toBe('windows-1252');
    expect(rows[0]?.values).toEqual({ naam: 'José' });
  });

  it('reports a UTF-8 file with a bad byte after the sniffed head as an InvalidInputError, not a crash', async () => {
    const head = `naam;titel\n${'O1;Stoel\n'.repeat(8000)}`;
    const path = file('gemengd.csv', Buffer.concat([Buffer.from(head), cp1252('O2;Café\n')]));
    const error = await failure(path);
    expect(error.message).toBe(`gemengd.csv is not valid utf-8 on line 8002, column 7: byte ${Buffer.byteLength(head) + 'O2;Caf'.length} is 0xE9; save it as UTF-8.`);
    expect(error.extensions).toMatchObject({ file: 'gemengd.csv', line: 8002 });
  });

  it('keeps newlines inside quoted fields and gives later rows their real line numbers', async () => {
    const content = 'objectnummer;beschrijving\nO1;"Een stoel\nmet drie\npoten"\nO2;"Tafel; ""eik"""\n\nO3;Kast\n';
    const { rows } = await read(file('objecten.csv', content));
    expect(rows.map((r) => [r.position.line, r.position.row, r.values.beschrijving])).toEqual([
      [2, 1, 'Een stoel\nmet drie\npoten'],
      [5, 2, 'Tafel; "eik"'],
      [7, 3, 'Kast'],
    ]);
  });

  it('counts lines right in a CRLF file with CRLF inside quotes', async () => {
    const { rows } = await read(file('windows.csv', 'a,b\r\n1,"x\r\ny"\r\n\r\n2,3\r\n4,5'));
    expect(rows.map((r) => [r.position.line, r.values])).toEqual([
      [2, { a: '1', b: 'x\r\ny' }],
      [5, { a: '2', b: '3' }],
      [6, { a: '4', b: '5' }],
    ]);
  });

  it('trims cells and headers', async () => {
    const { rows } = await read(file('spaties.csv', ' objectnummer ; titel \n O1 ;  Stoel  \n'));
    expect(rows[0]?.values).toEqual({ objectnummer: 'O1', titel: 'Stoel' });
  });

  it('warns about a row with fewer fields than the header, and marks one with values beyond it unreadable: they have shifted', async () => {
    // Empty fields beyond the header (an export's trailing separators) lose nothing: no word.
    const { rows } = await read(file('rafels.csv', 'a|b|c\n1|2\n1|2|3|4\n1|2|3\n1|2|3|\n'));
    const shifted = 'has 4 fields where the header has 3: a value holding the delimiter "|" without quotes shifts the values after it into the next columns, so the row is not read; put that value in quotes, or give the extra columns a header';
    expect(rows.map((r) => [r.values, r.warnings, r.unreadable])).toEqual([
      [{ a: '1', b: '2', c: '' }, ['has 2 fields where the header has 3'], undefined],
      [{ a: '1', b: '2', c: '3' }, [], shifted],
      [{ a: '1', b: '2', c: '3' }, [], undefined],
      [{ a: '1', b: '2', c: '3' }, [], undefined],
    ]);
  });

  it('names the file and the line the record with an unterminated quote starts on, and what to do', async () => {
    const error = await failure(file('kapot.csv', 'a,b\n1,2\n3,"niet gesloten\n4,5\n'));
    expect(error.message).toBe('kapot.csv line 3, column 2: a quote opens a value here and is never closed, so the rest of the file would be that one value: close it, or double it ("") if it belongs to the text');
    expect(error.extensions).toEqual({ file: 'kapot.csv', line: 3, column: 2 });
  });

  it('reads a quote inside an unquoted value as part of it, as spreadsheets do (an inch mark, a quoted word)', async () => {
    const { rows } = await read(file('duim.csv', 'a;b\n1;12" hoog\n2;Een "mooie" vaas\n'));
    expect(rows.map((r) => r.values.b)).toEqual(['12" hoog', 'Een "mooie" vaas']);
  });

  it('names the line and column of a quoted value whose quote closes before the value ends, and what to do', async () => {
    const error = await failure(file('kapot.csv', 'a,b\n1,2\n3,"Een" vaas\n'));
    expect(error.message).toBe('kapot.csv line 3, column 2: the value begins with a quote, but the quote closes before the value ends (as in "Een" vaas): put the whole value in quotes and double each quote inside it ("""Een"" vaas")');
    expect(error.extensions).toMatchObject({ file: 'kapot.csv', line: 3, column: 2 });
  });

  it('streams: rows before a syntax error are read before the error is thrown', async () => {
    const seen: string[] = [];
    const error = await (async () => {
      for await (const row of readCsv(file('kapot.csv', `a;b\n${'1;2\n'.repeat(3)}3;"open\n`))) seen.push(row.values.a ?? '');
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['1', '1', '1']);
    expect((error as Error).message).toMatch(/^kapot\.csv line 5, column 2:/);
  });

  it('stops reading cleanly when the consumer stops early', async () => {
    const path = file('groot.csv', `a;b\n${'1;2\n'.repeat(100_000)}`);
    let seen = 0;
    for await (const row of readCsv(path)) {
      seen += row.position.row ?? 0;
      break;
    }
    expect(seen).toBe(1);
    // The file is not left locked in a half-read state: it reads again from the start.
    for await (const row of readCsv(path)) {
      expect(row.position).toEqual({ source: 'groot.csv', line: 2, row: 1 });
      break;
    }
  });

  it('names the file it is told to, such as a URL', async () => {
    const { rows } = await read(file('download.csv', 'a;b\n1;2\n'), 'https://example.org/export.csv');
    expect(rows[0]?.position.source).toBe('https://example.org/export.csv');
  });

  it('refuses an empty file, which has no header', async () => {
    const error = await failure(file('leeg.csv', ''));
    expect(error.message).toBe('leeg.csv is empty: a CSV file needs a header row.');
  });

  it('reads a file with only a header as no rows', async () => {
    expect((await read(file('kop.csv', 'objectnummer;titel\n'))).rows).toEqual([]);
  });

  it('refuses a header with an empty column name, naming the column', async () => {
    const error = await failure(file('kop.csv', 'objectnummer;;titel\nO1;x;Stoel\n'));
    expect(error.message).toBe('kop.csv line 1: column 2 has no header.');
  });

  it('takes empty header cells at the end as no columns, as spreadsheets export them, and empty fields past them as nothing', async () => {
    const { rows } = await read(file('sporen.csv', 'id;prefLabel@nl;;\na;A;;\nb;B;;extra\n'));
    expect(rows.map((r) => [r.values, r.warnings])).toEqual([
      [{ id: 'a', 'prefLabel@nl': 'A' }, []],
      [{ id: 'b', 'prefLabel@nl': 'B' }, []],
    ]);
    expect(rows[1]?.unreadable).toMatch(/^has 4 fields where the header has 2: /);
  });

  it('refuses a header that appears twice, whatever its case', async () => {
    const error = await failure(file('kop.csv', 'Titel;objectnummer;titel\nx;O1;y\n'));
    expect(error.message).toBe('kop.csv line 1: the header "titel" appears twice.');
  });
});
