/** Where time comes from, so tests can fix it. */
export interface Clock {
  /** The current time as an ISO 8601 UTC string with milliseconds. */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };
