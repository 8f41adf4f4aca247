import { describe, expect, it } from 'vitest';
import { itemLimits, megabytes, tooLargeToMap } from '../../../../src/ingest/sources/item-limits.js';

describe('item limits', () => {
  it('rounds a size over a limit up and the limit down, to one decimal below 10 MB, so the two never read the same', () => {
    const mb = 1_048_576;
    expect([megabytes(5.2 * mb, 'up'), megabytes(4.92 * mb, 'down')]).toEqual(['5.2 MB', '4.9 MB']);
    expect([megabytes(75.01 * mb, 'up'), megabytes(75.6 * mb, 'down')]).toEqual(['76 MB', '75 MB']);
    expect(megabytes(98 * mb, 'up')).toBe('98 MB');
    expect(tooLargeToMap(4.95 * mb, { worker: mb, whole: 4.92 * mb })).toMatch(/^is 5 MB of JSON, more than the 4\.9 MB an item may have/);
  });

  it('sends items over 2 MB to the calling thread, and maps whole what the heap can hold, 48 bytes a character besides 512 MB', () => {
    const { worker, whole } = itemLimits();
    expect(worker).toBe(2 * 1_048_576);
    expect(whole).toBeGreaterThanOrEqual(worker);
  });
});
