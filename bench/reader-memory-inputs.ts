/** The inputs the reader benchmark generates, one per reader ingest has, and how each is written. */
import type { MappingInput } from '../src/ingest/mapping/mapping-manifest.js';
import { collectionCsv } from './reader-memory-csv.js';
import { layoutText, writeText, type FileEncoding } from './reader-memory-file.js';
import { eventArray, eventCollection, eventLines, memberLines } from './reader-memory-json.js';
import { heritageNTriples, heritageOptionsForBytes, heritageTurtle } from './reader-memory-rdf.js';

export interface InputKind {
  /** Short name, for `--kinds` and the report. */
  readonly name: string;
  /** What the file is. */
  readonly label: string;
  /** The code that reads it, as `openSource` picks it. */
  readonly reader: string;
  /** The mapping input type `openSource` is given. */
  readonly input: MappingInput;
  /** The generated file's name; its extension is what `openSource` dispatches on. */
  readonly fileName: string;
  /** Writes about `targetBytes` of this input to `path`; returns the size written. */
  write(path: string, targetBytes: number): Promise<number>;
}

/** Turtle bytes per N-Triples byte for this dataset (measured). */
const TURTLE_SHARE = 0.48;

const sized = (layout: Parameters<typeof layoutText>[0], encoding: FileEncoding = 'utf-8') =>
  (path: string, targetBytes: number): Promise<number> => writeText(path, layoutText(layout, targetBytes), encoding);

export const INPUT_KINDS: readonly InputKind[] = [
  {
    name: 'csv', label: 'CSV, collection-csv columns, `;`, UTF-8', reader: '`readCsv` (csv-parse)', input: 'table', fileName: 'objecten.csv',
    write: (path, bytes) => sized(collectionCsv())(path, bytes),
  },
  {
    name: 'csv-1252', label: 'the same CSV in Windows-1252', reader: '`readCsv` (csv-parse)', input: 'table', fileName: 'objecten-1252.csv',
    write: (path, bytes) => sized(collectionCsv(), 'windows-1252')(path, bytes),
  },
  {
    name: 'ndjson', label: 'UiTdatabank-like events, JSON lines', reader: '`readJson` (JSON lines)', input: 'json', fileName: 'events.ndjson',
    write: (path, bytes) => sized(eventLines())(path, bytes),
  },
  {
    name: 'json-array', label: 'the same events as one indented JSON array', reader: '`readJson` (array splitter)', input: 'json', fileName: 'events.json',
    write: (path, bytes) => sized(eventArray())(path, bytes),
  },
  {
    name: 'json-hydra', label: 'the same events as the `member` array of one Hydra collection object', reader: '`readJson` (object; `member` streamed above the item limit)',
    input: 'json', fileName: 'collection.json',
    write: (path, bytes) => sized(eventCollection())(path, bytes),
  },
  {
    name: 'ldes-ndjson', label: 'OSLO LDES members, JSON lines', reader: '`openLdes` (local JSON lines)', input: 'ldes', fileName: 'members.ndjson',
    write: (path, bytes) => sized(memberLines())(path, bytes),
  },
  {
    name: 'ntriples', label: 'synthetic heritage dataset, N-Triples', reader: '`readRdfUnits` (N3.js + `RdfUnitGrouper`)', input: 'rdf', fileName: 'heritage.nt',
    write: (path, bytes) => writeText(path, heritageNTriples(heritageOptionsForBytes(bytes))),
  },
  {
    name: 'turtle', label: 'the same triples as Turtle (prefixes, `;` lists)', reader: '`readRdfUnits` (N3.js + `RdfUnitGrouper`)', input: 'rdf', fileName: 'heritage.ttl',
    // Turtle is about 48 % of the N-Triples size; ask for more triples so the file is near the target.
    write: (path, bytes) => writeText(path, heritageTurtle(heritageOptionsForBytes(bytes / TURTLE_SHARE))),
  },
];
