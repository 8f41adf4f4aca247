import { describe, expect, it } from 'vitest';
import { datestamp, datestampRange, parseUtcDatetime } from '../../../../src/publish/oai/oai-dates.js';

describe('UTCdatetime arguments', () => {
  it('reads both granularities', () => {
    expect(parseUtcDatetime('2024-05-01')).toEqual({ granularity: 'day', time: Date.UTC(2024, 4, 1) });
    expect(parseUtcDatetime('2024-05-01T13:04:05Z')).toEqual({ granularity: 'seconds', time: Date.UTC(2024, 4, 1, 13, 4, 5) });
    expect(parseUtcDatetime('2024-02-29')?.time).toBe(Date.UTC(2024, 1, 29));
    expect(parseUtcDatetime('0099-01-01')?.time).toBe(Date.parse('0099-01-01T00:00:00Z'));
  });

  it.each([
    '2024-5-1', '2024-05-01T13:04Z', '2024-05-01T13:04:05', '2024-05-01T13:04:05.120Z', '2024-05-01T13:04:05+02:00',
    '2024-05-01 13:04:05Z', '2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-05-00', '2024-05-01T24:00:00Z',
    '2024-05-01T23:60:00Z', '2024-05-01T23:59:60Z', '0000-01-01', '', 'yesterday', ' 2024-05-01', '2024-05-01\n',
  ])('refuses %j', (value) => {
    expect(parseUtcDatetime(value)).toBeUndefined();
  });
});

describe('from/until ranges', () => {
  it('makes until inclusive at its granularity', () => {
    expect(datestampRange('2024-05-01', '2024-05-02')).toEqual({ from: '2024-05-01T00:00:00.000Z', before: '2024-05-03T00:00:00.000Z' });
    expect(datestampRange('2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z'))
      .toEqual({ from: '2024-05-01T10:00:00.000Z', before: '2024-05-01T10:00:01.000Z' });
    expect(datestampRange(undefined, '2024-12-31')).toEqual({ from: undefined, before: '2025-01-01T00:00:00.000Z' });
    expect(datestampRange('2024-12-31T23:59:59Z', undefined)).toEqual({ from: '2024-12-31T23:59:59.000Z', before: undefined });
    expect(datestampRange(undefined, undefined)).toEqual({ from: undefined, before: undefined });
  });

  it('reads an until at the end of the year 9999 as no upper bound (the next moment has no ISO form that sorts)', () => {
    expect(datestampRange(undefined, '9999-12-31')).toEqual({ from: undefined, before: undefined });
    expect(datestampRange('2024-01-01T00:00:00Z', '9999-12-31T23:59:59Z')).toEqual({ from: '2024-01-01T00:00:00.000Z', before: undefined });
    expect(datestampRange(undefined, '9999-12-30')).toEqual({ from: undefined, before: '9999-12-31T00:00:00.000Z' });
  });

  it('names what is wrong', () => {
    expect(datestampRange('2024-05-01', '2024-05-01T00:00:00Z')).toEqual({ problem: expect.stringContaining('same granularity') as unknown });
    expect(datestampRange('2024-05-02', '2024-05-01')).toEqual({ problem: expect.stringContaining('later than until') as unknown });
    expect(datestampRange('2024-05-01T10:00:01Z', '2024-05-01T10:00:00Z')).toEqual({ problem: expect.stringContaining('later') as unknown });
    const both = datestampRange('2024-02-30', 'soon');
    expect('problem' in both && both.problem).toMatch(/from "2024-02-30".*until "soon"/);
  });
});

describe('datestamps', () => {
  it('are at seconds granularity, rounded down', () => {
    expect(datestamp('2024-05-01T10:00:00.999Z')).toBe('2024-05-01T10:00:00Z');
    expect(datestamp(Date.UTC(2024, 0, 2, 3, 4, 5, 6))).toBe('2024-01-02T03:04:05Z');
  });
});
