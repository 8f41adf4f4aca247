/** A seeded pseudo-random source, so generated data is the same on every run and machine. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
}

/** mulberry32: a small 32-bit generator, plenty for test data (not for anything secret). */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(list: readonly T[]): T => {
      const value = list[int(list.length)];
      if (value === undefined) throw new Error('pick from an empty list');
      return value;
    },
  };
}
