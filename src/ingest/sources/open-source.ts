import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InvalidInputError } from '../../domain/errors.js';
import type { DocumentLoader } from '../mapping/json-lift.js';
import type { MappingInput } from '../mapping/mapping-manifest.js';
import { RDF_SYNTAXES, syntaxOfFile } from '../rdf-formats.js';
import { readCsv, type CsvDialect } from './csv-reader.js';
import { localSource } from './fetch-source.js';
import type { ItemLimits } from './item-limits.js';
import { readJson } from './json-reader.js';
import { openLdes } from './ldes-reader.js';
import { readRdfUnits } from './rdf-units-reader.js';
import type { SourceHandle, SourceItem } from './source-item.js';
import { readXlsx } from './xlsx-reader.js';

const TABLE_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx'];
const JSON_EXTENSIONS = ['.json', '.jsonld', '.ndjson', '.jsonl'];

export interface OpenOptions {
  readonly baseIri: string;
  /** How the input is named in reports; the file's own name (or the URL) by default. */
  readonly name?: string;
  /** Serves the JSON-LD contexts an LDES page refers to (never fetched). */
  readonly loader: DocumentLoader;
  /** Told the encoding and delimiter a CSV file turned out to have. */
  readonly onDialect?: (dialect: CsvDialect) => void;
  /** How large a JSON item may be; by default from the heap (itemLimits). */
  readonly itemLimits?: ItemLimits;
}

/**
 * Opens a file or an http(s) URL for a mapping's input type: table rows (CSV or XLSX), JSON
 * items (JSON, JSON lines), RDF units, or the members of an LDES. A URL is downloaded first
 * (an LDES is crawled instead). An input that does not fit the mapping, then one that does
 * not exist, is refused by name before anything is read.
 */
export async function openSource(input: MappingInput, source: string, options: OpenOptions): Promise<SourceHandle> {
  // An LDES is crawled page by page from where it starts, so it gets the URL itself.
  if (input === 'ldes') {
    return openLdes(source, {
      loader: options.loader, baseIri: options.baseIri,
      ...(options.name === undefined ? {} : { name: options.name }), ...(options.itemLimits === undefined ? {} : { itemLimits: options.itemLimits }),
    });
  }
  const local = await localSource(source);
  const name = options.name ?? local.name;
  try {
    if (input === 'rdf') {
      syntaxOfFile(local.path);
      await requireFile(local.path, name);
      const units = readRdfUnits(local.path, options.baseIri, name);
      return { name, items: () => units.items(), dispose: async () => { units.dispose(); await local.dispose(); } };
    }
    const items = readerFor(input, local.path, name, options);
    await requireFile(local.path, name);
    return { name, items, dispose: () => local.dispose() };
  } catch (error) {
    await local.dispose();
    throw error;
  }
}

/** A missing path is refused by name: a reader would fail on it with a bare ENOENT and a stack trace. */
async function requireFile(path: string, name: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InvalidInputError(`${name} does not exist.`, { file: name });
  if (!info.isFile()) throw new InvalidInputError(`${name} is not a file.`, { file: name });
}

function readerFor(input: MappingInput, path: string, name: string, options: OpenOptions): () => AsyncIterable<SourceItem> {
  if (path.toLowerCase().endsWith('.gz')) {
    throw new InvalidInputError(`${name} is gzip-compressed; only RDF files are read compressed. Unpack it first (gunzip ${name}).`, { file: name });
  }
  const extension = extname(path.toLowerCase());
  switch (input) {
    case 'table':
      if (extension === '.xlsx') return () => readXlsx(path, name);
      if (TABLE_EXTENSIONS.includes(extension)) return () => readCsv(path, options.onDialect, name);
      throw new InvalidInputError(`${name} is not a table this mapping reads; give a .csv, .tsv or .xlsx file.`, { file: name });
    case 'json':
    case 'jsonld':
      if (JSON_EXTENSIONS.includes(extension)) return () => readJson(path, name, options.itemLimits);
      throw new InvalidInputError(`${name} is not JSON this mapping reads; give a .json, .jsonld, .ndjson or .jsonl file.`, { file: name });
    default:
      throw new InvalidInputError(`Unknown input ${input}; RDF syntaxes: ${RDF_SYNTAXES.join(', ')}.`);
  }
}
