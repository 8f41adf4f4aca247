import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { UnauthorizedError } from '../domain/errors.js';

/**
 * Checks `Authorization: Bearer <admin token>`. Digests are compared in constant time, so the
 * answer time tells nothing about the token. Throws UnauthorizedError naming what is missing.
 */
export function requireAdmin(req: Request, adminToken: string | undefined, action: string): void {
  if (adminToken === undefined) {
    throw new UnauthorizedError(`${action} needs an admin token, and this server has none configured (--admin-token).`);
  }
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new UnauthorizedError(`${action} needs the header Authorization: Bearer <admin token>.`);
  if (!timingSafeEqual(digest(match[1]), digest(adminToken))) {
    throw new UnauthorizedError(`${action}: the bearer token is not valid.`);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
