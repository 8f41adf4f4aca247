import { getHeapStatistics } from 'node:v8';

/**
 * How large a JSON item an ingest maps whole, in characters of its text. A JSON item (a JSON-LD
 * document, an LDES member, a UiTdatabank event) is expanded, lifted, split into records and
 * validated in one piece, which takes about 40 bytes of heap for each character of its text
 * (measured on documents of OSLO objects in one `@graph`: 41 MB peaked at 1.8 GB of RSS, 98 MB
 * at 4.4 GB, at the edge of Node's default heap of 4 GB on a machine of 24 GB).
 */
export interface ItemLimits {
  /**
   * Larger items are mapped on the calling thread, not by a mapping worker: a worker's heap is
   * capped at 256 MB (map-pool.ts), and ran out on one JSON-LD document of 7 MB.
   */
  readonly worker: number;
  /** Larger items are not mapped at all: each is rejected, saying why, and the run goes on. */
  readonly whole: number;
}

/** Heap an item takes while it is mapped, per character of its text, with some 15 % to spare: a crash loses the run. */
const HEAP_PER_CHARACTER = 48;
/** Heap the process needs besides the item: the shapes, the mapping, the run's own state. */
const HEAP_BESIDES = 512 * 1024 * 1024;

/** The limits for this thread, from its heap limit (`--max-old-space-size` raises them). */
export function itemLimits(): ItemLimits {
  const worker = 2 * 1024 * 1024;
  return { worker, whole: Math.max(worker, Math.floor((getHeapStatistics().heap_size_limit - HEAP_BESIDES) / HEAP_PER_CHARACTER)) };
}

/** Why an item of `size` characters is not mapped, for the report: `the item is …`. */
export function tooLargeToMap(size: number, limits: ItemLimits): string {
  const heap = getHeapStatistics().heap_size_limit;
  return `is ${megabytes(size, 'up')} of JSON, more than the ${megabytes(limits.whole, 'down')} an item may have (it is mapped whole, in this process's heap of ${megabytes(heap, 'down')}); `
    + 'split it into smaller documents, one per record with what it describes, or give Node a larger heap (NODE_OPTIONS=--max-old-space-size=…)';
}

/**
 * A size in MB, to one decimal below 10 MB. Rounded `up` (a size over a limit) or `down` (the
 * limit), so that a size over a limit never reads as the same number.
 */
export function megabytes(size: number, rounding: 'up' | 'down'): string {
  const places = size < 10 * 1_048_576 ? 10 : 1;
  const rounded = (rounding === 'up' ? Math.ceil : Math.floor)((size / 1_048_576) * places) / places;
  return `${rounded.toLocaleString('en')} MB`;
}
