import { createHash, timingSafeEqual } from 'node:crypto';
import { BadRequestError, UnauthorizedError } from '../domain/errors.js';
import { ANONYMOUS, isRole, ROLES, type Principal, type Role } from '../domain/principal.js';
import type { Clock } from '../ports/clock.js';
import type { AccessStore, NewAuditEntry, StoredToken } from '../ports/access-store.js';

/** What a token request may say (`POST /api/tokens`, `cultuurgraaf token create`). */
export interface TokenRequest {
  readonly role: string;
  readonly organisation?: string | undefined;
  readonly termLists?: readonly string[] | undefined;
  readonly expiresAt?: string | undefined;
  readonly description?: string | undefined;
}

/** Tokens remembered at most; past it the memory starts over. */
const REMEMBERED_TOKENS = 10_000;

/**
 * Turns bearer tokens into principals, and creates and revokes tokens. A token once looked up
 * is remembered (reading it from SQLite on every request cost a SPARQL lookup 7 % of its
 * throughput), and forgotten when it is revoked here, which then takes effect on the very next
 * request, or when `refresh` sees that another process created or revoked one (the server asks
 * every 250 ms). An expired token is refused whether remembered or not. The configured
 * `--admin-token` is an admin principal of its own.
 */
export class TokenService {
  private readonly adminDigest: Buffer | undefined;
  private readonly remembered = new Map<string, { principal: Principal; expiresAt: string | undefined }>();
  private generation: number;

  constructor(private readonly store: AccessStore, private readonly clock: Clock, adminToken: string | undefined) {
    this.adminDigest = adminToken === undefined ? undefined : digest(adminToken);
    this.generation = store.tokenGeneration();
  }

  /** Forgets the remembered tokens when any process created or revoked a token since the last call. */
  refresh(): void {
    const generation = this.store.tokenGeneration();
    if (generation !== this.generation) {
      this.generation = generation;
      this.remembered.clear();
    }
  }

  /** Revokes a token; from the next request on it is refused. */
  revoke(id: string, audit: NewAuditEntry): StoredToken {
    const revoked = this.store.revokeToken(id, audit);
    this.remembered.clear();
    this.generation = this.store.tokenGeneration();
    return revoked;
  }

  /**
   * The principal of an `Authorization` header: anonymous without one; UnauthorizedError for a
   * malformed header or an unknown, expired or revoked token (the message never repeats the token).
   */
  authenticate(header: string | undefined): Principal {
    if (header === undefined || header === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError('The Authorization header must be "Bearer <token>".');
    const secret = match[1];
    // Digests are compared in constant time, so the answer time tells nothing about the admin token.
    if (this.adminDigest !== undefined && timingSafeEqual(digest(secret), this.adminDigest)) return { kind: 'operator', via: 'admin-token' };
    const known = this.remembered.get(secret);
    if (known !== undefined) {
      if (known.expiresAt !== undefined && known.expiresAt <= this.clock.now()) {
        throw new UnauthorizedError(`Token ${known.principal.kind === 'token' ? known.principal.id : ''} expired at ${known.expiresAt}.`);
      }
      return known.principal;
    }
    const token = this.store.findToken(secret);
    if (token === undefined) throw new UnauthorizedError('The bearer token is not valid.');
    if (token.revokedAt !== undefined) throw new UnauthorizedError(`Token ${token.id} was revoked at ${token.revokedAt}.`);
    if (token.expiresAt !== undefined && token.expiresAt <= this.clock.now()) {
      throw new UnauthorizedError(`Token ${token.id} expired at ${token.expiresAt}.`);
    }
    const principal: Principal = { kind: 'token', id: token.id, role: token.role, organisation: token.organisation, termLists: token.termLists };
    if (this.remembered.size >= REMEMBERED_TOKENS) this.remembered.clear();
    this.remembered.set(secret, { principal, expiresAt: token.expiresAt });
    return principal;
  }

  /** Checks a token request and creates the token; the secret is returned once and never stored. */
  create(request: TokenRequest, audit: Omit<NewAuditEntry, 'action' | 'target' | 'details'>): { token: StoredToken; secret: string } {
    const role = checkRole(request.role);
    const organisation = request.organisation === '' ? undefined : request.organisation;
    if ((role === 'editor' || role === 'reader') && organisation === undefined) {
      throw new BadRequestError(`${role === 'editor' ? 'An' : 'A'} ${role} token needs an organisation (the field organisation over HTTP, --organisation on the command line): its rights are those of that organisation's datasets.`);
    }
    const termLists = [...new Set(request.termLists ?? [])];
    if (role === 'term-maintainer' && termLists.length === 0) {
      throw new BadRequestError('A term-maintainer token needs the term lists it may edit (the field termLists over HTTP, --term-lists on the command line).');
    }
    if (role !== 'term-maintainer' && termLists.length > 0) {
      throw new BadRequestError(`termLists (--term-lists) only applies to term-maintainer tokens, not to ${role} tokens.`);
    }
    const expiresAt = request.expiresAt === undefined || request.expiresAt === '' ? undefined : checkExpiry(request.expiresAt, this.clock.now());
    return this.store.createToken({
      role, organisation, termLists, expiresAt, description: request.description ?? '', createdBy: audit.actor,
    }, (id) => ({ ...audit, action: 'token.create', target: id, details: { role, organisation, termLists, expiresAt } }));
  }
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new BadRequestError(`"${role}" is not a role; the roles are ${ROLES.join(', ')}.`);
  return role;
}

/** An ISO 8601 date or date-time in the future, as a UTC timestamp. */
function checkExpiry(value: string, now: string): string {
  const time = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new BadRequestError(`expiresAt (--expires-at) must be an ISO 8601 date or date-time with a time zone, such as 2027-01-31 or 2027-01-31T12:00:00Z; got "${value}".`);
  const iso = new Date(time).toISOString();
  if (iso <= now) throw new BadRequestError(`expiresAt (--expires-at) ${iso} is not in the future.`);
  return iso;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
