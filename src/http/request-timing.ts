import type { Request } from 'express';

const arrivals = new WeakMap<Request, number>();

/** Notes when a request reached the app; the first middleware calls it. */
export function markArrival(req: Request): void {
  arrivals.set(req, performance.now());
}

/** Milliseconds since the request reached the app (0 when it was never marked). */
export function sinceArrival(req: Request): number {
  const arrival = arrivals.get(req);
  return arrival === undefined ? 0 : performance.now() - arrival;
}
