import express, { Router, type Request, type Response } from 'express';
import { BadRequestError, NotFoundError } from '../domain/errors.js';
import type { PublicationPolicy } from '../access/publication-policy.js';
import { visibleTermIndex } from '../access/visible-term-index.js';
import type { TermIndex } from '../ports/term-index.js';
import { principalOf } from './auth.js';
import { ReconciliationService } from '../reconcile/reconciliation-service.js';
import { definitionOf, preferredValue } from '../terms/concept-doc.js';
import { displayName } from '../terms/term-list-metadata.js';
import { escapeHtml, linkTo } from '../web/record-page.js';

export interface ReconcileRouterOptions {
  readonly index: TermIndex;
  readonly policy: PublicationPolicy;
  /** The base IRI; `{base}reconcile` is the identifier space every service here declares. */
  readonly baseIri: string;
  /** Brings the term index up to date with the change log. */
  readonly catchUp: () => Promise<void>;
}

/**
 * The W3C Reconciliation Service API (0.2), for OpenRefine: `/reconcile` over every term list,
 * `/reconcile/{list}` over one. The service answers its manifest, batches of queries
 * (`queries`, as a query parameter, a form field or a JSON body), data extension (`extend`), the
 * suggest services, property proposals and an HTML preview card. CORS follows `--cors-origins`
 * like every resource (any origin by default), which OpenRefine's browser side needs for the
 * suggest services it calls directly.
 */
export function reconcileRouter(options: ReconcileRouterOptions): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '5mb' });
  const json = express.json({ limit: '5mb' });

  const service = async (req: Request): Promise<ReconciliationService> => {
    await options.catchUp();
    const id = req.params.list;
    const base = `${req.protocol}://${req.get('host') ?? 'localhost'}/reconcile`;
    // The termennetwerk's APIs publish through the graphql channel (docs/access.md).
    const index = visibleTermIndex(options.index, options.policy.view(principalOf(req), 'graphql'));
    const space = `${options.baseIri}reconcile`;
    if (typeof id !== 'string') return new ReconciliationService(index, base, space);
    const list = index.lists().find((candidate) => candidate.id === id);
    if (list === undefined) throw new NotFoundError(`There is no term list "${id}" to reconcile against.`);
    return new ReconciliationService(index, `${base}/${id}`, space, list);
  };

  for (const root of ['/reconcile', '/reconcile/:list']) {
    router.all(root, form, json, async (req, res) => {
      const reconciler = await service(req);
      const queries = parameter(req, 'queries');
      const extend = parameter(req, 'extend');
      if (queries !== undefined) res.json(reconciler.reconcile(queries));
      else if (extend !== undefined) res.json(reconciler.extend(extend));
      else if (req.is('application/json') && typeof req.body === 'object' && req.body !== null) res.json(reconciler.reconcile(req.body));
      else res.json(reconciler.manifest());
    });
    router.get(`${root}/suggest/entity`, async (req, res) => {
      res.json((await service(req)).suggestEntities(text(req, 'prefix'), cursor(req)));
    });
    router.get(`${root}/view`, async (req, res) => {
      const id = text(req, 'id');
      if (id === '') throw new BadRequestError('A view needs ?id= with a concept IRI.');
      res.redirect(303, (await service(req)).view(id));
    });
    router.get(`${root}/suggest/type`, async (req, res) => {
      res.json((await service(req)).suggestTypes(text(req, 'prefix')));
    });
    router.get(`${root}/suggest/property`, async (req, res) => {
      res.json((await service(req)).suggestProperties(text(req, 'prefix')));
    });
    router.get(`${root}/extend/propose`, async (req, res) => {
      const limit = Number(text(req, 'limit'));
      res.json((await service(req)).proposeProperties(text(req, 'type') || undefined, Number.isInteger(limit) && limit > 0 ? limit : undefined));
    });
    router.get(`${root}/preview`, async (req, res) => {
      const id = text(req, 'id');
      if (id === '') throw new BadRequestError('A preview needs ?id= with a concept IRI.');
      sendPreview(res, (await service(req)).preview(id));
    });
  }
  return router;
}

/** A batch parameter (`queries`, `extend`) from the query string or a form body, parsed as JSON. */
function parameter(req: Request, name: string): unknown {
  const body = req.body as Record<string, unknown> | undefined;
  const raw = (req.is('application/x-www-form-urlencoded') ? body?.[name] : undefined) ?? req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new BadRequestError(`${name} must be given once, as JSON.`);
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new BadRequestError(`${name} is not JSON: ${(error as Error).message}`);
  }
}

/** The suggest service's `cursor`: how many suggestions to skip, a whole number from 0. */
function cursor(req: Request): number {
  const given = text(req, 'cursor');
  if (given === '') return 0;
  if (!/^\d{1,9}$/.test(given)) throw new BadRequestError(`cursor must be a whole number from 0 to 999,999,999; got "${given}".`);
  return Number(given);
}

function text(req: Request, name: string): string {
  const value = req.query[name];
  return typeof value === 'string' ? value : '';
}

function sendPreview(res: Response, { doc, list }: ReturnType<ReconciliationService['preview']>): void {
  const name = preferredValue(doc.prefLabel) ?? doc.iri;
  const others = [...doc.prefLabel, ...doc.altLabel].map((l) => l.value).filter((value) => value !== name);
  const definition = preferredValue(definitionOf(doc));
  const listName = list === undefined ? '' : displayName(list.metadata, list.id);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  // OpenRefine shows the card in a frame of its own page, on another origin: any site may frame it
  // (it holds nothing but published labels, and no form or script).
  res.removeHeader('X-Frame-Options');
  const csp = res.getHeader('Content-Security-Policy');
  if (typeof csp === 'string') res.setHeader('Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'));
  res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(name)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:6px}p{margin:2px 0}.iri,.list{color:#666;font-size:12px}</style></head>
<body><p>${linkTo(doc.iri, `<strong>${escapeHtml(name)}</strong>`, ' target="_blank"')}</p>
${others.length === 0 ? '' : `<p>${escapeHtml([...new Set(others)].join(' · '))}</p>`}
${definition === undefined ? '' : `<p>${escapeHtml(definition)}</p>`}
<p class="list">${escapeHtml(listName)}</p><p class="iri">${escapeHtml(doc.iri)}</p></body></html>`);
}
