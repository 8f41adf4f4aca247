import { describe, expect, it } from 'vitest';
import { describePosition } from '../../../../src/ingest/sources/source-item.js';

describe('describePosition', () => {
  it.each([
    [{ source: 'objecten.csv', line: 12, row: 11 }, 'objecten.csv line 12 (row 11)'],
    [{ source: 'objecten.xlsx', sheet: 'Objecten', line: 3, row: 2 }, 'objecten.xlsx sheet "Objecten" line 3 (row 2)'],
    [{ source: 'items.json', row: 4 }, 'items.json row 4'],
    [{ source: 'items.ndjson', line: 7 }, 'items.ndjson line 7'],
    [{ source: 'https://example.org/ldes?page=2', id: 'https://example.org/id/1' }, 'https://example.org/ldes?page=2 <https://example.org/id/1>'],
    [{ source: 'data.ttl' }, 'data.ttl'],
  ])('formats %j', (position, text) => {
    expect(describePosition(position)).toBe(text);
  });
});
