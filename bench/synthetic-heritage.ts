/**
 * A deterministic synthetic Flemish heritage dataset (CIDOC-CRM) as N-Triples, for benchmarks
 * and tests. The same options always give byte-identical output. Every record (one IRI subject
 * with its blank nodes) is written contiguously: places, then concepts, agents and objects.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import {
  agentLines, conceptLines, objectLines, placeLabel, placeLines, type HeritageIris,
} from './heritage-record-lines.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';

export interface SyntheticOptions {
  /** Number of heritage objects; agents, places and concepts scale with it. */
  readonly objects: number;
  readonly baseIri?: string;   // default 'http://localhost:8080/' (ends with '/')
  readonly seed?: number;      // default 42
  /** When false, objects carry no blank nodes (faster to load). Default true. */
  readonly blankNodes?: boolean;
}

export interface SyntheticSummary { readonly triples: number; readonly records: number; }

export { placeLabel };

export const DEFAULT_BASE_IRI = 'http://localhost:8080/';
export const PLACES = 200;
export const CONCEPTS = 300;
/** Concepts c0 … c149 are materials (crm:P45_consists_of); the rest are object types (crm:P2_has_type). */
export const MATERIAL_CONCEPTS = 150;
const PLACE_TRIPLES = 2;
const CONCEPT_TRIPLES = 2;
const AGENT_TRIPLES = 3;
/** Records per yielded chunk. */
const CHUNK_RECORDS = 2_000;

/** Yields N-Triples text in chunks (each chunk many complete lines, ending in "\n"). */
export function* syntheticNTriples(options: SyntheticOptions): Generator<string> {
  let lines: string[] = [];
  let records = 0;
  for (const record of recordsOf(shapeOf(options), seededRandom(options.seed ?? 42))) {
    for (const line of record) lines.push(line);
    if (++records % CHUNK_RECORDS === 0) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

/** The lines of each record in output order; the random draws happen in this order too. */
function* recordsOf(shape: Shape, random: SeededRandom): Generator<readonly string[]> {
  const iris = irisOf(shape.baseIri);
  for (let i = 0; i < PLACES; i++) yield placeLines(iris, i);
  for (let i = 0; i < CONCEPTS; i++) yield conceptLines(iris, i, MATERIAL_CONCEPTS);
  for (let i = 0; i < shape.agents; i++) yield agentLines(iris, i, random.int(PLACES), random);
  const context = { agents: shape.agents, places: PLACES, materials: MATERIAL_CONCEPTS, concepts: CONCEPTS, blankNodes: shape.blankNodes };
  for (let i = 0; i < shape.objects; i++) yield objectLines(iris, i, context, random);
}

/** Writes the dataset to a file, streaming; returns counts. */
export async function writeSyntheticDataset(path: string, options: SyntheticOptions): Promise<SyntheticSummary> {
  const shape = shapeOf(options);
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_resolve, reject) => { out.once('error', reject); });
  // Handled by the races below; this only keeps an early error from counting as unhandled.
  failed.catch(() => undefined);
  let triples = 0;
  for (const chunk of syntheticNTriples(options)) {
    triples += countLines(chunk);
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { triples, records: PLACES + CONCEPTS + shape.agents + shape.objects };
}

/** Number of objects that gives about `triples` triples (with blank nodes, the default). */
export function objectsForTriples(triples: number): number {
  let low = 1;
  let high = Math.max(1, Math.ceil(triples / objectTriples(true)));
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (expectedTriples(middle, true) >= triples) high = middle;
    else low = middle + 1;
  }
  const below = Math.max(1, low - 1);
  return triples - expectedTriples(below, true) < expectedTriples(low, true) - triples ? below : low;
}

/** IRIs the benchmark queries use (an object IRI, etc.), derived from options. Indexes wrap around the counts. */
export function sampleIris(options: SyntheticOptions): { object: (i: number) => string; agent: (i: number) => string } {
  const shape = shapeOf(options);
  const iris = irisOf(shape.baseIri);
  return {
    object: (i) => iris.object(wrap(i, shape.objects)),
    agent: (i) => iris.agent(wrap(i, shape.agents)),
  };
}

/** The exact triple count the options give, without generating anything. */
export function expectedTriples(objects: number, blankNodes: boolean): number {
  return PLACES * PLACE_TRIPLES + CONCEPTS * CONCEPT_TRIPLES + agentsFor(objects) * AGENT_TRIPLES + objects * objectTriples(blankNodes);
}

function objectTriples(blankNodes: boolean): number {
  // Object: type, title, note, material, type, production, dimension (7) + production (3) + time-span (1) + dimension (3).
  return blankNodes ? 14 : 7;
}

function agentsFor(objects: number): number {
  return Math.max(10, Math.floor(objects / 10));
}

interface Shape {
  readonly objects: number;
  readonly agents: number;
  readonly baseIri: string;
  readonly blankNodes: boolean;
}

function shapeOf(options: SyntheticOptions): Shape {
  if (!Number.isSafeInteger(options.objects) || options.objects < 1) {
    throw new RangeError(`objects must be a positive integer; got ${options.objects}`);
  }
  const baseIri = options.baseIri ?? DEFAULT_BASE_IRI;
  if (!baseIri.endsWith('/')) throw new RangeError(`baseIri must end with "/"; got ${baseIri}`);
  return { objects: options.objects, agents: agentsFor(options.objects), baseIri, blankNodes: options.blankNodes ?? true };
}

function irisOf(base: string): HeritageIris {
  return {
    object: (i) => `${base}id/object/synthetic/o${i}`,
    agent: (i) => `${base}id/agent/synthetic/a${i}`,
    place: (i) => `${base}id/place/synthetic/p${i}`,
    concept: (i) => `${base}id/concept/synthetic/c${i}`,
    vocab: (local) => `${base}vocab/${local}`,
  };
}

function wrap(i: number, n: number): number {
  return ((Math.trunc(i) % n) + n) % n;
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
