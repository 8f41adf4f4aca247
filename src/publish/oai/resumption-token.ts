import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../ports/clock.js';
import { datestamp } from './oai-dates.js';

/** The list verbs that page with resumption tokens. */
export type ListVerb = 'ListIdentifiers' | 'ListRecords';

/** Everything a list request sequence needs to go on, carried by the token itself (no state on the server). */
export interface ResumptionState {
  readonly verb: ListVerb;
  readonly metadataPrefix: string;
  readonly set: string | undefined;
  readonly from: string | undefined;
  readonly until: string | undefined;
  /** The harvest's position: the change-log sequence number of the last entry passed. */
  readonly after: number;
  /** How many items earlier responses of the sequence returned. */
  readonly cursor: number;
  readonly completeListSize: number;
  /** Who harvests (an audit actor, never a secret): what the list shows depends on it. */
  readonly viewer: string;
}

const payload = z.object({
  v: z.literal(1),
  verb: z.enum(['ListIdentifiers', 'ListRecords']),
  m: z.string(),
  s: z.string().optional(),
  f: z.string().optional(),
  u: z.string().optional(),
  a: z.number().int().nonnegative(),
  c: z.number().int().nonnegative(),
  n: z.number().int().nonnegative(),
  w: z.string(),
  /** Expiry, milliseconds since the epoch. */
  x: z.number().int(),
}).strict();

const SHAPE = /^[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{43}$/;

/**
 * Opaque, stateless resumption tokens: the state as base64url JSON and an HMAC-SHA256 of it
 * under a key only this repository knows, so a token cannot be forged or altered, and any
 * server of the data dir can resume it. A token expires after `lifetimeMs`.
 */
export class ResumptionTokens {
  constructor(private readonly key: () => Buffer, private readonly clock: Clock, private readonly lifetimeMs: number) {}

  /** A token for `state`, with its expirationDate (UTCdatetime). */
  issue(state: ResumptionState): { token: string; expirationDate: string } {
    const expires = Date.parse(this.clock.now()) + this.lifetimeMs;
    const body = Buffer.from(JSON.stringify({
      v: 1, verb: state.verb, m: state.metadataPrefix, s: state.set, f: state.from, u: state.until,
      a: state.after, c: state.cursor, n: state.completeListSize, w: state.viewer, x: expires,
    })).toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expirationDate: datestamp(expires) };
  }

  /** The state of a token this repository issued to `viewer` for `verb`, or why it cannot be resumed (badResumptionToken). */
  read(token: string, verb: ListVerb, viewer: string): ResumptionState | { problem: string } {
    const forged = { problem: 'The resumptionToken is not one this repository issued, or it was altered; start the list request again.' };
    if (!SHAPE.test(token)) return forged;
    const [body = '', signature = ''] = token.split('.');
    const expected = Buffer.from(this.sign(body), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return forged;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return forged;
    }
    const parsed = payload.safeParse(json);
    if (!parsed.success) return forged;
    const state = parsed.data;
    if (state.x <= Date.parse(this.clock.now())) {
      return { problem: `The resumptionToken expired at ${datestamp(state.x)}; start the list request again.` };
    }
    if (state.verb !== verb) return { problem: `The resumptionToken continues a ${state.verb} request, not ${verb}.` };
    if (state.w !== viewer) return { problem: 'The resumptionToken was issued with other credentials; resume it with the same Authorization as the first request.' };
    return {
      verb: state.verb, metadataPrefix: state.m, set: state.s, from: state.f, until: state.u,
      after: state.a, cursor: state.c, completeListSize: state.n, viewer: state.w,
    };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key()).update(body).digest('base64url');
  }
}
