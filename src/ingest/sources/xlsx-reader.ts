import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import { InvalidInputError } from '../../domain/errors.js';
import type { TableRow } from './csv-reader.js';

/**
 * Streams the rows of the first worksheet that has any (an empty sheet before it is passed
 * over; a workbook without rows is an InvalidInputError) as items keyed by the header row,
 * without holding the workbook in memory. Cells become the text a spreadsheet shows: numbers as
 * written, dates as ISO dates, formulas by their result, rich text and links by their text.
 */
export async function* readXlsx(path: string, source = basename(path)): AsyncGenerator<TableRow> {
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    // Styles are read because they alone tell a date from a number.
    reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache' });
  } catch (error) {
    throw new InvalidInputError(`${source} cannot be read as an XLSX workbook: ${(error as Error).message}`, { file: source });
  }
  try {
    for await (const sheet of reader) {
      let headers: string[] | undefined;
      let row = 0;
      const name = sheetName(sheet);
      for await (const line of sheet) {
        // Array.from, not map: row values are sparse, and an empty cell must stay a column.
        const cells = Array.from((line.values as CellValue[]).slice(1), cellText);
        if (headers === undefined) {
          // A row that is only formatting (a filled or bordered cell) holds no header.
          if (cells.every((c) => c.trim() === '')) continue;
          headers = cells.map((h) => h.trim());
          const empty = headers.findIndex((h) => h === '');
          if (empty !== -1 && headers.slice(empty).some((h) => h !== '')) {
            throw new InvalidInputError(`${source} row 1: column ${empty + 1} has no header.`, { file: source, line: 1 });
          }
          headers = headers.filter((h) => h !== '');
          continue;
        }
        if (cells.every((c) => c.trim() === '')) continue;
        row++;
        const values: Record<string, string> = {};
        headers.forEach((header, i) => {
          values[header] = (cells[i] ?? '').trim();
        });
        const extra = cells.slice(headers.length).some((c) => c.trim() !== '');
        yield {
          kind: 'row', position: { source, line: line.number, row, ...(name === undefined ? {} : { sheet: name }) }, values,
          warnings: extra ? [`has values beyond the ${headers.length} columns of the header`] : [],
          ...(extra ? { beyondHeader: true } : {}),
        };
      }
      // The first worksheet with rows holds the table; an empty one before it (a cover sheet
      // left blank, a deleted first sheet's stand-in) is passed over.
      if (headers !== undefined) return;
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(`${source} cannot be read as an XLSX workbook: ${(error as Error).message}`, { file: source });
  }
  throw new InvalidInputError(`${source} has no rows in any of its worksheets; the table's first row is its header.`, { file: source });
}

function sheetName(sheet: unknown): string | undefined {
  const name = (sheet as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** The text a spreadsheet would show for a cell. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  // As a spreadsheet shows a number: 0.0000001, never JavaScript's 1e-7.
  if (typeof value === 'number') return /e/i.test(String(value)) ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : String(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  if ('result' in value) return cellText(value.result);
  if ('error' in value) return '';
  return '';
}
