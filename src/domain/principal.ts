import { ForbiddenError } from './errors.js';

/**
 * Who makes a request, and what that allows. Pure rules; tokens are resolved to principals by
 * the access service (`access/token-service.ts`).
 */
export const ROLES = ['admin', 'editor', 'term-maintainer', 'reader'] as const;
export type Role = typeof ROLES[number];

export type Principal =
  | { readonly kind: 'anonymous' }
  /** The operator on the command line, or the server's configured `--admin-token`: an admin. */
  | { readonly kind: 'operator'; readonly via: 'cli' | 'admin-token' }
  | {
    readonly kind: 'token';
    readonly id: string;
    readonly role: Role;
    readonly organisation: string | undefined;
    readonly termLists: readonly string[];
  };

export const ANONYMOUS: Principal = { kind: 'anonymous' };
export const CLI_OPERATOR: Principal = { kind: 'operator', via: 'cli' };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'operator' || (principal.kind === 'token' && principal.role === 'admin');
}

/** The dataset an access rule is about. */
export interface DatasetRef {
  readonly id: string;
  readonly organisation: string;
}

/**
 * Whether the principal sees the dataset as its owner does: unpublished records and restricted
 * properties included. Admins; readers and editors of the dataset's organisation; term
 * maintainers of the (term list) dataset.
 */
export function mayReadPrivate(principal: Principal, dataset: DatasetRef): boolean {
  if (isAdmin(principal)) return true;
  if (principal.kind !== 'token') return false;
  if (principal.role === 'term-maintainer') return principal.termLists.includes(dataset.id);
  return principal.organisation === dataset.organisation;
}

/** Ingest, edit and import: admins, editors of the organisation, term maintainers of the list. */
export function mayWrite(principal: Principal, dataset: DatasetRef): boolean {
  if (isAdmin(principal)) return true;
  if (principal.kind !== 'token') return false;
  if (principal.role === 'editor') return principal.organisation === dataset.organisation;
  if (principal.role === 'term-maintainer') return principal.termLists.includes(dataset.id);
  return false;
}

/** Setting a dataset's publication policy and creating datasets: admins and editors of the organisation. */
export function mayManage(principal: Principal, organisation: string): boolean {
  if (isAdmin(principal)) return true;
  return principal.kind === 'token' && principal.role === 'editor' && principal.organisation === organisation;
}

/** Who did it, as the audit log names them (never a secret). */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'anonymous': return 'anonymous';
    case 'operator': return principal.via === 'cli' ? 'cli' : 'admin-token';
    case 'token': return `token:${principal.id}`;
  }
}

/** Throws ForbiddenError (403) unless `allowed`; the message says what the principal may not do. */
export function requireAllowed(allowed: boolean, message: string): void {
  if (!allowed) throw new ForbiddenError(message);
}
