/**
 * OAI-PMH's UTCdatetime (section 3.3): `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`. This repository's
 * granularity is seconds; change-log times carry milliseconds, which datestamps drop.
 */
export type Granularity = 'day' | 'seconds';

export interface UtcDatetime {
  readonly granularity: Granularity;
  /** Milliseconds since the epoch of the start of the day or second. */
  readonly time: number;
}

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;
const YEAR_10000 = Date.UTC(10_000, 0, 1);
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/;

/** Reads a UTCdatetime argument; undefined when it is not one (wrong form, or no such day or time). */
export function parseUtcDatetime(value: string): UtcDatetime | undefined {
  const match = PATTERN.exec(value);
  if (match === null) return undefined;
  const part = (index: number): number => Number(match[index] ?? 0);
  const [year, month, day, hours, minutes, seconds] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  // XML Schema has no year 0000; a 24th hour or 60th second is not a moment of a day here.
  if (year === 0 || month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, 0);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { granularity: match[4] === undefined ? 'day' : 'seconds', time: date.getTime() };
}

/** The ISO 8601 bounds a `from`/`until` pair selects: `from` inclusive, `before` exclusive. */
export interface DatestampRange {
  readonly from?: string | undefined;
  readonly before?: string | undefined;
}

/**
 * Turns `from` and `until` into bounds on change-log times, or names the problem (a badArgument):
 * a value that is no UTCdatetime, two granularities, or `from` after `until`. Both bounds are
 * inclusive at their granularity: `until=2024-05-01` takes the whole day.
 */
export function datestampRange(from: string | undefined, until: string | undefined): DatestampRange | { problem: string } {
  const start = from === undefined ? undefined : parseUtcDatetime(from);
  const end = until === undefined ? undefined : parseUtcDatetime(until);
  const problems: string[] = [];
  if (from !== undefined && start === undefined) problems.push(`from "${from}" is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDThh:mm:ssZ)`);
  if (until !== undefined && end === undefined) problems.push(`until "${until}" is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDThh:mm:ssZ)`);
  if (problems.length > 0) return { problem: `${problems.join('; ')}.` };
  if (start !== undefined && end !== undefined) {
    if (start.granularity !== end.granularity) return { problem: 'from and until must have the same granularity (both dates or both times).' };
    if (start.time > end.time) return { problem: `from (${from ?? ''}) is later than until (${until ?? ''}).` };
  }
  const before = end === undefined ? undefined : end.time + (end.granularity === 'day' ? DAY_MS : SECOND_MS);
  return {
    from: start === undefined ? undefined : new Date(start.time).toISOString(),
    // Past the year 9999 an ISO time is written with a sign (+010000-…) and no longer sorts with
    // the change log's times: an `until` that far ahead bounds nothing.
    before: before === undefined || before >= YEAR_10000 ? undefined : new Date(before).toISOString(),
  };
}

/** A datestamp at seconds granularity (`YYYY-MM-DDThh:mm:ssZ`) from an ISO 8601 time, rounded down. */
export function datestamp(time: string | number | Date): string {
  const date = time instanceof Date ? time : new Date(time);
  return `${date.toISOString().slice(0, 19)}Z`;
}
