import type { ReaderRun } from './reader-memory-result.js';

/** A reader is bounded when its peak grows by less than this share of the input added between the two sizes. */
export const GROWTH_SHARE = 0.1;

export interface ReaderVerdict {
  readonly full: ReaderRun;
  readonly quarter: ReaderRun | undefined;
  /** Peak RSS at the full size less the peak at the quarter size. */
  readonly growth: number | undefined;
  readonly bounded: boolean;
  readonly text: string;
}

/**
 * Judges one reader: bounded when its peak RSS stays below the file size and, with a
 * quarter-size run to compare, grows by less than GROWTH_SHARE of the added input; without
 * one, when the peak stays below a quarter of the file.
 */
export function judgeReader(full: ReaderRun, quarter: ReaderRun | undefined): ReaderVerdict {
  const peak = full.child.peakRss;
  if (quarter === undefined) {
    const bounded = peak < full.fileBytes / 4;
    return { full, quarter, growth: undefined, bounded, text: bounded ? 'bounded at this size (flatness not measured)' : '**not bounded**' };
  }
  const growth = peak - quarter.child.peakRss;
  const bounded = peak < full.fileBytes && growth < GROWTH_SHARE * (full.fileBytes - quarter.fileBytes);
  return { full, quarter, growth, bounded, text: bounded ? 'streams: bounded' : '**grows with the input**' };
}
