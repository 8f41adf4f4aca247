import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { TokenService } from '../access/token-service.js';
import { TooManyRequestsError, UnauthorizedError } from '../domain/errors.js';
import { actorOf, ANONYMOUS, type Principal } from '../domain/principal.js';
import type { NewAuditEntry } from '../ports/access-store.js';

const principals = new WeakMap<Request, Principal>();

/**
 * Resolves `Authorization: Bearer` to the request's principal. A request without the header is
 * anonymous; one with a bad, expired or revoked token is refused (401) even where no token is
 * needed, so a client learns at once that its token is wrong, and counts towards the address's
 * failed-authentication throttle.
 */
export function authentication(tokens: TokenService, throttle: AuthFailureThrottle): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      next();
      return;
    }
    const address = clientAddress(req);
    try {
      throttle.check(address);
      principals.set(req, tokens.authenticate(header));
      next();
    } catch (error) {
      if (error instanceof UnauthorizedError) throttle.fail(address);
      next(error);
    }
  };
}

/** The client's address: the peer's, or, behind a proxy trusted with --trust-proxy, the one it forwarded. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? '';
}

export function principalOf(req: Request | undefined): Principal {
  return (req === undefined ? undefined : principals.get(req)) ?? ANONYMOUS;
}

/** The principal, or 401 naming what needs a token. */
export function requireToken(req: Request, action: string): Principal {
  const principal = principalOf(req);
  if (principal.kind === 'anonymous') throw new UnauthorizedError(`${action} needs the header Authorization: Bearer <token>.`);
  return principal;
}

/** Who, and from where, for the audit log. */
export function auditActor(req: Request): Omit<NewAuditEntry, 'action'> {
  const principal = principalOf(req);
  return {
    actor: actorOf(principal),
    role: principal.kind === 'token' ? principal.role : principal.kind === 'operator' ? 'admin' : undefined,
    organisation: principal.kind === 'token' ? principal.organisation : undefined,
    ip: clientAddress(req) || undefined,
  };
}

export interface RateLimitOptions {
  /** Requests per minute from one address without a token; 0: no limit. */
  readonly perAddress: number;
  /** Requests per minute with one token; 0: no limit. */
  readonly perToken: number;
  /** Requests with a bad token per minute from one address before all its token requests wait; 0: no limit. */
  readonly failedAuth: number;
}

const MINUTE_MS = 60_000;

/**
 * Failed-authentication throttling: counts, per address, the requests whose token was refused
 * (401), and past `limit` in a minute refuses every request from that address that carries a
 * token, before the token is looked at, until the minute is over (429 with Retry-After).
 * Requests without a token pass: the address can still read what is public. Only failures are
 * counted, so a client with a good token pays nothing for it.
 */
export class AuthFailureThrottle {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly limit: number, private readonly windowMs = MINUTE_MS) {}

  /** Throws TooManyRequestsError while the address is throttled. */
  check(address: string, now = Date.now()): void {
    if (this.limit <= 0) return;
    const entry = this.failures.get(address);
    if (entry === undefined) return;
    if (entry.resetAt <= now) {
      this.failures.delete(address);
      return;
    }
    if (entry.count >= this.limit) {
      const seconds = Math.max(1, Math.ceil((entry.resetAt - now) / 1000));
      throw new TooManyRequestsError(`Too many requests with a bad token from this address (at most ${this.limit} a minute); try again in ${seconds} s.`, seconds);
    }
  }

  fail(address: string, now = Date.now()): void {
    if (this.limit <= 0) return;
    const entry = this.failures.get(address);
    if (entry === undefined || entry.resetAt <= now) {
      // Forget addresses whose minute is over, so the map holds only the recent ones.
      if (this.failures.size > 10_000) for (const [key, old] of this.failures) if (old.resetAt <= now) this.failures.delete(key);
      this.failures.set(address, { count: 1, resetAt: now + this.windowMs });
    } else {
      entry.count++;
    }
  }
}

/**
 * Rate limits per address (requests without a token) and per token, counted in memory per
 * minute (rate-limiter-flexible: about 2 µs a request; express-rate-limit cost 11 to 27 µs, a
 * tenth of a SPARQL lookup). Past a limit: 429 with Retry-After. Put them after `authentication`.
 */
export function rateLimits(options: RateLimitOptions): RequestHandler[] {
  return [
    limiter(options.perAddress, (req) => (principalOf(req).kind === 'anonymous' ? clientAddress(req) : undefined),
      'Too many requests from this address'),
    limiter(options.perToken, (req) => {
      const principal = principalOf(req);
      return principal.kind === 'anonymous' ? undefined : actorOf(principal);
    }, 'Too many requests with this token'),
  ];
}

/** A limit of `limit` requests a minute per key; requests without a key pass. */
function limiter(limit: number, keyOf: (req: Request) => string | undefined, message: string): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => { next(); };
  const counts = new RateLimiterMemory({ points: limit, duration: MINUTE_MS / 1000 });
  return (req, _res, next) => {
    const key = keyOf(req);
    if (key === undefined) {
      next();
      return;
    }
    counts.consume(key).then(() => { next(); }, (refusal: unknown) => {
      if (!(refusal instanceof RateLimiterRes)) {
        next(refusal);
        return;
      }
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      next(new TooManyRequestsError(`${message} (at most ${limit} a minute); try again in ${seconds} s.`, seconds));
    });
  };
}
