import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/domain/errors.js';
import type { MappingInput } from '../../../../src/ingest/mapping/mapping-manifest.js';
import type { CsvDialect } from '../../../../src/ingest/sources/csv-reader.js';
import { openSource, type OpenOptions } from '../../../../src/ingest/sources/open-source.js';
import type { SourceItem } from '../../../../src/ingest/sources/source-item.js';
import { tempDir } from '../../../helpers/temp-dir.js';

const OPTIONS: OpenOptions = {
  baseIri: 'http://example.org/',
  loader: (url) => Promise.reject(new InvalidInputError(`<${url}> is not bundled`)),
};

const CONTENT: Record<string, string> = {
  '.csv': 'objectnummer;titel\nO1;Stoel\n',
  '.tsv': 'objectnummer\ttitel\nO1\tStoel\n',
  '.txt': 'objectnummer|titel\nO1|Stoel\n',
  '.json': '[{"id":"O1"}]',
  '.jsonld': '{"@id":"http://example.org/o1","http://example.org/p":"v"}',
  '.ndjson': '{"id":"O1"}\n',
  '.jsonl': '{"id":"O1"}\n',
  '.ttl': '<o1> <p> "v" .',
  '.nt': '<http://example.org/o1> <http://example.org/p> "v" .\n',
  '.nq': '<http://example.org/o1> <http://example.org/p> "v" <http://example.org/g> .\n',
  '.trig': '<g> { <o1> <p> "v" . }',
  '.rdf': '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/o1"><ex:p>v</ex:p></rdf:Description></rdf:RDF>',
  '.pdf': '%PDF-1.4',
};

async function fileWith(extension: string): Promise<string> {
  const path = join(tempDir(), `bron${extension}`);
  if (extension === '.xlsx') {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Objecten').addRows([['objectnummer', 'titel'], ['O1', 'Stoel']]);
    await book.xlsx.writeFile(path);
  } else {
    writeFileSync(path, CONTENT[extension] ?? '');
  }
  return path;
}

async function items(input: MappingInput, path: string, options: OpenOptions = OPTIONS): Promise<SourceItem[]> {
  const source = await openSource(input, path, options);
  const all: SourceItem[] = [];
  try {
    for await (const item of source.items()) all.push(item);
  } finally {
    await source.dispose();
  }
  return all;
}

async function refusal(input: MappingInput, path: string): Promise<InvalidInputError> {
  const error = await openSource(input, path, OPTIONS).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('openSource', () => {
  it.each([
    ['table', '.csv', 'row'], ['table', '.tsv', 'row'], ['table', '.txt', 'row'], ['table', '.xlsx', 'row'],
    ['json', '.json', 'json'], ['json', '.jsonld', 'json'], ['json', '.ndjson', 'json'], ['json', '.jsonl', 'json'],
    ['jsonld', '.jsonld', 'json'], ['jsonld', '.json', 'json'],
    ['rdf', '.ttl', 'rdf'], ['rdf', '.nt', 'rdf'], ['rdf', '.nq', 'rdf'], ['rdf', '.trig', 'rdf'], ['rdf', '.rdf', 'rdf'], ['rdf', '.jsonld', 'rdf'],
  ] as const)('opens a %s input from a %s file as %s items', async (input, extension, kind) => {
    const read = await items(input, await fileWith(extension));
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((item) => item.kind === kind && item.position.source === `bron${extension}`)).toBe(true);
  });

  it('reads the rows of a table by header', async () => {
    const [row] = await items('table', await fileWith('.xlsx'));
    expect(row).toMatchObject({ kind: 'row', values: { objectnummer: 'O1', titel: 'Stoel' } });
  });

  it('reads an RDF input as units named by their subject', async () => {
    const [unit] = await items('rdf', await fileWith('.ttl'));
    expect(unit).toEqual({ kind: 'rdf', position: { source: 'bron.ttl', id: 'http://example.org/o1' }, nquads: '<http://example.org/o1> <http://example.org/p> "v" .\n' });
  });

  it.each([
    ['table', '.json', 'bron.json is not a table this mapping reads; give a .csv, .tsv or .xlsx file.'],
    ['table', '.ttl', 'bron.ttl is not a table this mapping reads; give a .csv, .tsv or .xlsx file.'],
    ['json', '.csv', 'bron.csv is not JSON this mapping reads; give a .json, .jsonld, .ndjson or .jsonl file.'],
    ['json', '.xlsx', 'bron.xlsx is not JSON this mapping reads; give a .json, .jsonld, .ndjson or .jsonl file.'],
    ['jsonld', '.ttl', 'bron.ttl is not JSON this mapping reads; give a .json, .jsonld, .ndjson or .jsonl file.'],
  ] as const)('refuses a %s input from a %s file by name', async (input, extension, message) => {
    const error = await refusal(input, await fileWith(extension));
    expect(error.message).toBe(message);
    expect(error.extensions).toMatchObject({ file: `bron${extension}` });
  });

  it.each(['.csv', '.xlsx', '.pdf'])('refuses an rdf input from a %s file, saying which syntaxes it reads', async (extension) => {
    const error = await refusal('rdf', await fileWith(extension));
    expect(error.message).toMatch(/^Cannot tell the RDF syntax of .*bron\.\w+ from its extension; pass --format \(turtle, ntriples, nquads, trig, rdfxml, jsonld\)\.$/);
  });

  it('refuses a file that does not fit before reading it, so a missing file is refused by its extension', async () => {
    const error = await refusal('table', join(tempDir(), 'bestaat-niet.pdf'));
    expect(error.message).toBe('bestaat-niet.pdf is not a table this mapping reads; give a .csv, .tsv or .xlsx file.');
  });

  it('judges the extension whatever its case', async () => {
    const path = join(tempDir(), 'OBJECTEN.CSV');
    writeFileSync(path, 'a;b\n1;2\n');
    expect(await items('table', path)).toHaveLength(1);
  });

  it('names items as it is told, and tells the CSV dialect', async () => {
    const dialects: CsvDialect[] = [];
    const read = await items('table', await fileWith('.csv'), { ...OPTIONS, name: 'Export mei', onDialect: (d) => dialects.push(d) });
    expect(read[0]?.position.source).toBe('Export mei');
    expect(dialects).toEqual([{ encoding: 'utf-8', delimiter: ';' }]);
  });

  it('reads the items again on a second pass', async () => {
    for (const [input, extension] of [['table', '.csv'], ['json', '.ndjson'], ['rdf', '.ttl']] as const) {
      const source = await openSource(input, await fileWith(extension), OPTIONS);
      const first: SourceItem[] = [];
      for await (const item of source.items()) first.push(item);
      const second: SourceItem[] = [];
      for await (const item of source.items()) second.push(item);
      await source.dispose();
      expect(second).toEqual(first);
    }
  });

  it('leaves a local file in place when disposed', async () => {
    const path = await fileWith('.csv');
    const source = await openSource('table', path, OPTIONS);
    await source.dispose();
    expect(existsSync(path)).toBe(true);
  });
});
