import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { describeIssues } from '../domain/schema-issues.js';
import { requireRecordOf } from '../access/dataset-access.js';
import type { PublicationPolicy } from '../access/publication-policy.js';
import type { TokenService } from '../access/token-service.js';
import { DATASET_ID_RULE, isDatasetId } from '../domain/dataset-id.js';
import { BadRequestError, NotFoundError } from '../domain/errors.js';
import { isAdmin, mayManage, mayReadPrivate, requireAllowed } from '../domain/principal.js';
import { parsePolicy, parseRecordPolicy, type Channel, type DefaultPolicy } from '../domain/publication-policy.js';
import type { Dataset } from '../domain/record.js';
import type { AccessStore } from '../ports/access-store.js';
import type { RecordStore } from '../ports/record-store.js';
import { auditActor, requireToken } from './auth.js';

export interface AccessRouterOptions {
  readonly access: AccessStore;
  readonly records: RecordStore;
  readonly tokens: TokenService;
  readonly policy: PublicationPolicy;
  /** The first policy of datasets created here (`--default-policy`). */
  readonly defaultPolicy: DefaultPolicy;
  /** Called after a policy change: the projections should follow the change log now. */
  readonly onPolicyChange: () => void;
}

const organisationBody = z.object({ id: z.string(), name: z.string().min(1) }).strict();
const datasetBody = z.object({ id: z.string(), organisation: z.string(), title: z.string().min(1).optional() }).strict();
const tokenBody = z.object({
  role: z.string(),
  organisation: z.string().optional(),
  termLists: z.array(z.string()).optional(),
  expiresAt: z.string().optional(),
  description: z.string().max(500).optional(),
}).strict();

const MAX_AUDIT_PAGE = 1000;

/**
 * Organisations, datasets, tokens, publication policies and the audit log over HTTP. Each
 * change is audited in its own transaction with who made it and from which address.
 */
export function accessRouter(options: AccessRouterOptions): Router {
  const router = Router();
  const json = express.json({ limit: '256kb' });

  router.post('/api/organisations', json, (req, res) => {
    requireAdmin(req, 'Creating an organisation');
    const body = parse(organisationBody, req.body, 'The organisation', '{"id": "...", "name": "..."}');
    checkId(body.id, 'organisation');
    const organisation = options.access.createOrganisation(body.id, body.name, { ...auditActor(req), action: 'organisation.create', target: body.id });
    res.status(201).location(`/api/organisations/${organisation.id}`).json(organisation);
  });

  router.get('/api/organisations', (req, res) => {
    requireAdmin(req, 'Listing organisations');
    res.json(options.access.listOrganisations());
  });

  router.post('/api/datasets', json, (req, res) => {
    const principal = requireToken(req, 'Creating a dataset');
    const body = parse(datasetBody, req.body, 'The dataset', '{"id": "...", "organisation": "...", "title": "..."}');
    checkId(body.id, 'dataset');
    requireAllowed(mayManage(principal, body.organisation), `This token may not create datasets for organisation "${body.organisation}".`);
    const dataset = options.access.createDataset(
      { id: body.id, organisation: body.organisation, title: body.title ?? body.id, policy: options.defaultPolicy },
      { ...auditActor(req), action: 'dataset.create', target: body.id, details: { organisation: body.organisation, policy: options.defaultPolicy } },
    );
    res.status(201).location(`/api/datasets/${dataset.id}/policy`).json({ ...dataset, policy: options.access.getPolicy(dataset.id) });
  });

  router.get('/api/datasets', (req, res) => {
    const principal = requireToken(req, 'Listing datasets');
    // The datasets this token works on: all for an admin, its organisation's or term lists otherwise.
    const visible = options.records.listDatasets().filter((dataset) => mayReadPrivate(principal, dataset) || mayManage(principal, dataset.organisation));
    res.json(visible.map((dataset) => ({ ...dataset, policy: policyAnswer(options, dataset) })));
  });

  router.post('/api/tokens', json, (req, res) => {
    requireAdmin(req, 'Creating a token');
    const body = parse(tokenBody, req.body, 'The token request', '{"role": "editor", "organisation": "...", "expiresAt": "2027-01-31"}');
    const { token, secret } = options.tokens.create(body, auditActor(req));
    // The secret is in this answer only; it is never stored or logged.
    res.status(201).setHeader('Cache-Control', 'no-store');
    res.json({ ...token, token: secret });
  });

  router.get('/api/tokens', (req, res) => {
    requireAdmin(req, 'Listing tokens');
    res.json(options.access.listTokens());
  });

  router.delete('/api/tokens/:id', (req, res) => {
    requireAdmin(req, 'Revoking a token');
    res.json(options.tokens.revoke(req.params.id, { ...auditActor(req), action: 'token.revoke', target: req.params.id }));
  });

  router.get('/api/datasets/:id/policy', (req, res) => {
    const principal = requireToken(req, 'Reading a publication policy');
    const dataset = datasetOf(options.records, req.params.id);
    requireAllowed(mayReadPrivate(principal, dataset) || mayManage(principal, dataset.organisation), `This token may not read the policy of dataset "${dataset.id}".`);
    res.json(policyAnswer(options, dataset));
  });

  router.put('/api/datasets/:id/policy', json, (req, res) => {
    const principal = requireToken(req, 'Setting a publication policy');
    const dataset = datasetOf(options.records, req.params.id);
    requireAllowed(mayManage(principal, dataset.organisation), `This token may not set the policy of dataset "${dataset.id}" (organisation "${dataset.organisation}").`);
    const policy = parsePolicy(req.body);
    const before = options.access.getPolicy(dataset.id);
    const { records } = options.access.setPolicy(dataset.id, policy, {
      ...auditActor(req), action: 'policy.set', target: dataset.id, details: { before, after: policy },
    });
    options.onPolicyChange();
    res.json({ ...policyAnswer(options, dataset), recordsAffected: records });
  });

  router.get('/api/datasets/:id/records/policy', (req, res) => {
    const principal = requireToken(req, 'Reading a record policy');
    const dataset = datasetOf(options.records, req.params.id);
    // Allowed first: whether a record exists is not for every token to learn.
    requireAllowed(mayReadPrivate(principal, dataset) || mayManage(principal, dataset.organisation), `This token may not read policies of dataset "${dataset.id}".`);
    const iri = recordOf(options.records, dataset, req.query.iri);
    res.json({ record: iri, dataset: dataset.id, own: options.access.getRecordPolicy(iri) ?? null, effective: effectiveChannels(options, dataset.id, iri) });
  });

  router.put('/api/datasets/:id/records/policy', json, (req, res) => {
    const principal = requireToken(req, 'Setting a record policy');
    const dataset = datasetOf(options.records, req.params.id);
    requireAllowed(mayManage(principal, dataset.organisation), `This token may not set policies of dataset "${dataset.id}".`);
    const iri = recordOf(options.records, dataset, req.query.iri);
    const policy = parseRecordPolicy(req.body);
    options.access.setRecordPolicy(iri, policy, { ...auditActor(req), action: 'policy.record.set', target: iri, details: { dataset: dataset.id, channels: policy.channels } });
    options.onPolicyChange();
    res.json({ record: iri, dataset: dataset.id, own: policy, effective: effectiveChannels(options, dataset.id, iri) });
  });

  router.delete('/api/datasets/:id/records/policy', (req, res) => {
    const principal = requireToken(req, 'Removing a record policy');
    const dataset = datasetOf(options.records, req.params.id);
    requireAllowed(mayManage(principal, dataset.organisation), `This token may not set policies of dataset "${dataset.id}".`);
    const iri = recordOf(options.records, dataset, req.query.iri);
    options.access.setRecordPolicy(iri, undefined, { ...auditActor(req), action: 'policy.record.clear', target: iri, details: { dataset: dataset.id } });
    options.onPolicyChange();
    res.json({ record: iri, dataset: dataset.id, own: null, effective: effectiveChannels(options, dataset.id, iri) });
  });

  router.get('/api/audit', (req, res) => {
    requireAdmin(req, 'Reading the audit log');
    const limit = integer(req.query.limit, 'limit', 100);
    if (limit < 1 || limit > MAX_AUDIT_PAGE) throw new BadRequestError(`limit must be between 1 and ${MAX_AUDIT_PAGE}.`);
    const since = text(req.query.since, 'since');
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw new BadRequestError(`since must be an ISO 8601 date or date-time; got "${since}".`);
    const entries = options.access.auditLog({
      after: integer(req.query.after, 'after', 0), limit,
      actor: text(req.query.actor, 'actor'),
      action: text(req.query.action, 'action'),
      since: since === undefined ? undefined : new Date(since).toISOString(),
    });
    const last = entries.at(-1);
    res.json({ entries, ...(entries.length === limit && last !== undefined ? { next: `/api/audit?after=${last.id}&limit=${limit}` } : {}) });
  });

  return router;
}

function requireAdmin(req: Request, action: string): void {
  requireAllowed(isAdmin(requireToken(req, action)), `${action} needs an admin token.`);
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string, example: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new BadRequestError(`${what} is not valid: ${describeIssues(parsed.error)}. Expected JSON like ${example}.`);
  }
  return parsed.data;
}

function checkId(id: string, what: string): void {
  if (!isDatasetId(id)) throw new BadRequestError(`"${id}" is not a valid ${what} id: ${DATASET_ID_RULE.replace('dataset ids', `${what} ids`)}.`);
}

function datasetOf(records: RecordStore, id: string): Dataset {
  const dataset = records.getDataset(id);
  if (dataset === undefined) throw new NotFoundError(`There is no dataset "${id}".`, { dataset: id });
  return dataset;
}

function recordOf(records: RecordStore, dataset: Dataset, iriParam: unknown): string {
  const iri = text(iriParam, 'iri');
  if (iri === undefined) throw new BadRequestError('Name the record with ?iri=<record IRI>.');
  requireRecordOf(records, dataset.id, iri);
  return iri;
}

function policyAnswer(options: AccessRouterOptions, dataset: Dataset): Record<string, unknown> {
  const policy = options.access.getPolicy(dataset.id);
  return { dataset: dataset.id, organisation: dataset.organisation, channels: policy?.channels ?? [], rights: policy?.rights ?? null, restrictedProperties: policy?.restrictedProperties ?? [] };
}

function effectiveChannels(options: AccessRouterOptions, dataset: string, iri: string): readonly Channel[] {
  return options.policy.current().channels(dataset, iri);
}

function text(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`${name} must be given once.`);
  return value;
}

function integer(value: unknown, name: string, fallback: number): number {
  const raw = text(value, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new BadRequestError(`${name} must be a whole number; got "${raw}".`);
  return Number(raw);
}
