import type { Request, RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator, type Options } from 'express-rate-limit';
import type { TokenService } from '../access/token-service.js';
import { TooManyRequestsError, UnauthorizedError } from '../domain/errors.js';
import { actorOf, ANONYMOUS, type Principal } from '../domain/principal.js';
import type { NewAuditEntry } from '../ports/access-store.js';

const principals = new WeakMap<Request, Principal>();

/**
 * Resolves `Authorization: Bearer` to the request's principal. A request without the header is
 * anonymous; one with a bad, expired or revoked token is refused (401) even where no token is
 * needed, so a client learns at once that its token is wrong.
 */
export function authentication(tokens: TokenService): RequestHandler {
  return (req, _res, next) => {
    try {
      principals.set(req, tokens.authenticate(req.get('authorization')));
      next();
    } catch (error) {
      next(error);
    }
  };
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
    ip: req.ip ?? req.socket.remoteAddress,
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
 * Failed-authentication throttling: counts the requests from one address that were answered
 * 401, and past the limit refuses every request from it that carries a token until the minute
 * is over (429 with Retry-After), before the token is even looked at. Put it before
 * `authentication`.
 */
export function failedAuthThrottle(limit: number): RequestHandler {
  return limiter(limit, {
    skip: (req) => req.get('authorization') === undefined,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
  }, 'Too many requests with a bad token from this address');
}

/** Rate limits per address (requests without a token) and per token. Put them after `authentication`. */
export function rateLimits(options: RateLimitOptions): RequestHandler[] {
  return [
    limiter(options.perAddress, {
      skip: (req) => principalOf(req).kind !== 'anonymous',
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    }, 'Too many requests from this address'),
    limiter(options.perToken, {
      skip: (req) => principalOf(req).kind === 'anonymous',
      keyGenerator: (req) => actorOf(principalOf(req)),
    }, 'Too many requests with this token'),
  ];
}

function limiter(limit: number, options: Partial<Options>, message: string): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => { next(); };
  return rateLimit({
    windowMs: MINUTE_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...options,
    handler: (req, _res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + MINUTE_MS) - Date.now()) / 1000));
      next(new TooManyRequestsError(`${message} (at most ${limit} a minute); try again in ${seconds} s.`, seconds));
    },
  });
}
