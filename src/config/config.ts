import { isIP } from 'node:net';
import bytes from 'bytes';
import { z } from 'zod';
import { DATASET_ID, DATASET_ID_RULE, termListIdProblem } from '../domain/dataset-id.js';
import { isAbsoluteIri } from '../domain/iri.js';
import { DEFAULT_POLICIES } from '../domain/publication-policy.js';
import { listMappings } from '../ingest/mapping/mapping-catalog.js';
import { parseBoolean } from './boolean.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The base IRI used when neither the flag nor the data dir names one. */
export const DEFAULT_BASE_IRI = 'http://localhost:8080/';

const SIZE = /^\s*\d+(?:\.\d+)?\s*(?:b|kb|mb|gb|tb|pb)?\s*$/i;

const byteSize = z.union([z.number().int().positive(), z.string()]).transform((value, ctx) => {
  // bytes.parse reads the number a string starts with ("10zz" is 10): only a number with a known unit is a size.
  const parsed = typeof value === 'number' ? value : SIZE.test(value) ? bytes.parse(value) : null;
  if (parsed === null || !Number.isFinite(parsed) || parsed <= 0) {
    ctx.addIssue({ code: 'custom', message: `"${String(value)}" is not a size; use bytes or units such as 512kb or 10mb` });
    return z.NEVER;
  }
  return parsed;
});

const absoluteIri = z.string().refine(
  (value) => isAbsoluteIri(value) && /^https?:\/\/[^/]/.test(value),
  'must be an absolute http(s) IRI',
);

/** Ensures a base IRI ends with `/` so relative references resolve under it. */
function withSlash(iri: string): string {
  return iri.endsWith('/') ? iri : `${iri}/`;
}

const flag = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  const parsed = typeof value === 'boolean' ? value : parseBoolean(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${String(value)}" is not a boolean; use true or false` });
    return z.NEVER;
  }
  return parsed;
});

const organisationId = z.string().regex(DATASET_ID, DATASET_ID_RULE.replace('dataset ids', 'organisation ids'));
/** Where a command creates datasets: their organisation and first publication policy. */
const datasetCreation = {
  organisation: organisationId.optional(),
  defaultPolicy: z.enum(DEFAULT_POLICIES).default('open'),
};
const perMinute = z.coerce.number().int().min(0).max(10_000_000);

/** The aggregator named as `edm:provider` unless configured. */
export const DEFAULT_EUROPEANA_PROVIDER = 'Cultuurgraaf';
const europeanaProvider = z.string().trim().min(1, 'name the aggregator').default(DEFAULT_EUROPEANA_PROVIDER);

/**
 * `*`, `none`, or origins as browsers send them (scheme, host and port: `https://faam.be`), comma
 * separated. `https://faam.be/` never equals a browser's Origin header, so CORS would silently fail.
 */
const corsOrigins = z.string().min(1).superRefine((value, ctx) => {
  if (value.trim() === '*' || value.trim() === 'none') return;
  for (const origin of value.split(',').map((o) => o.trim()).filter((o) => o !== '')) {
    if (origin === '*') continue;
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (url === undefined || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
      const hint = url !== undefined && /^https?:$/.test(url.protocol) ? `; did you mean ${url.origin}?` : '';
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin: give scheme, host and port only, as browsers send it (https://faam.be), or * or none${hint}` });
    }
  }
});

export const commonSchema = z.object({
  dataDir: z.string().min(1).default('./data'),
  logLevel: z.enum(LOG_LEVELS).default('info'),
});

/** Names and ranges Express's `trust proxy` takes besides addresses. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Why a --trust-proxy value is not one Express can use: a number of hops, or a comma-separated
 * list of loopback, linklocal, uniquelocal, addresses and subnets (`10.0.0.0/8`, `fc00::/7`).
 */
function trustProxyProblem(value: string): string | undefined {
  if (/^\d{1,2}$/.test(value.trim())) return undefined;
  const bad = value.split(',').map((item) => item.trim()).filter((item) => {
    if (PROXY_NAMES.has(item)) return false;
    const [address = '', bits, ...more] = item.split('/');
    const family = isIP(address);
    if (family === 0 || more.length > 0) return true;
    if (bits === undefined) return false;
    // A netmask, as proxy-addr takes it too: 10.0.0.0/255.0.0.0.
    if (family === 4 && isIP(bits) === 4) return false;
    const size = family === 4 ? 32 : 128;
    return !/^\d{1,3}$/.test(bits) || Number(bits) > size;
  });
  if (bad.length === 0) return undefined;
  return `${bad.map((item) => JSON.stringify(item)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} no address or subnet; give a number of hops, or a comma-separated list of `
    + 'loopback, linklocal, uniquelocal, addresses and subnets (10.0.0.0/8)';
}

export const serveSchema = commonSchema.extend({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  baseIri: absoluteIri.transform(withSlash).optional(),
  adminToken: z.string().min(16, 'the admin token must have at least 16 characters').optional(),
  queryTimeout: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  maxBody: byteSize.default(10 * 1024 * 1024),
  maxResult: byteSize.default(100 * 1024 * 1024),
  maxUpload: byteSize.default(2 * 1024 * 1024 * 1024),
  sparqlReplicas: z.coerce.number().int().min(1).max(16).default(2),
  demo: flag.default(false),
  catalog: z.string().min(1).optional(),
  sourceCheckInterval: z.coerce.number().int().min(0).max(86_400).default(300),
  defaultPolicy: z.enum(DEFAULT_POLICIES).default('open'),
  corsOrigins: corsOrigins.default('*'),
  // Trimmed: ' 1' would reach Express as the address 0.0.0.1, not one hop.
  trustProxy: z.string().transform((value) => value.trim()).superRefine((value, context) => {
    const problem = value === '' ? 'give a number of hops, or a comma-separated list of loopback, linklocal, uniquelocal, addresses and subnets (10.0.0.0/8)' : trustProxyProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  }).optional(),
  rateLimit: perMinute.default(1200),
  tokenRateLimit: perMinute.default(6000),
  authFailureLimit: perMinute.default(20),
  // The pattern of adminEmail in OAI-PMH.xsd.
  oaiAdminEmail: z.string().regex(/^\S+@(\S+\.)+\S+$/, 'must be an e-mail address whose domain has a dot').default('admin@localhost.localdomain'),
  europeanaProvider,
});

export const loadSchema = commonSchema.extend({
  baseIri: absoluteIri.transform(withSlash).optional(),
  dataset: z.string().regex(DATASET_ID, DATASET_ID_RULE),
  format: z.enum(['turtle', 'ntriples', 'nquads', 'trig', 'rdfxml', 'jsonld']).optional(),
  batchSize: z.coerce.number().int().min(1).max(100_000).default(1000),
  ...datasetCreation,
});

/** Options ingest and validate share: the report, and the threads that map. */
const runOptions = {
  reportFormat: z.enum(['text', 'json', 'turtle']).default('text'),
  report: z.string().optional(),
  threads: z.coerce.number().int().min(1).max(64).optional(),
};

/** A mapping's name; left out, the message names the mappings there are. */
const mappingName = z.string({
  error: (issue) => (issue.input === undefined ? `required; the mappings are ${listMappings().map((m) => m.name).join(', ')}` : undefined),
}).min(1, 'name a mapping; `cultuurgraaf mappings` lists them');

export const ingestSchema = commonSchema.extend({
  baseIri: absoluteIri.transform(withSlash).optional(),
  dataset: z.string().regex(DATASET_ID, DATASET_ID_RULE),
  mapping: mappingName,
  replace: flag.default(false),
  batchSize: z.coerce.number().int().min(1).max(100_000).default(1000),
  ...datasetCreation,
  ...runOptions,
});

export const validateSchema = z.object({
  logLevel: z.enum(LOG_LEVELS).default('info'),
  baseIri: absoluteIri.transform(withSlash).default(DEFAULT_BASE_IRI),
  dataset: z.string().regex(DATASET_ID, DATASET_ID_RULE).default('preview'),
  mapping: mappingName,
  ...runOptions,
});

export const mappingsSchema = z.object({
  logLevel: z.enum(LOG_LEVELS).default('info'),
  json: flag.default(false),
});

export const dumpSchema = commonSchema.extend({
  dataset: z.string().optional(),
  out: z.string().optional(),
});

export const exportEuropeanaSchema = commonSchema.extend({
  dataset: z.string().regex(DATASET_ID, DATASET_ID_RULE),
  out: z.string().min(1),
  report: z.string().min(1).optional(),
  europeanaProvider,
});

export const statsSchema = commonSchema.extend({
  json: flag.default(false),
});

const commaList = z.string().transform((value) => value.split(',').map((v) => v.trim()).filter((v) => v !== ''));

export const termsImportSchema = commonSchema.extend({
  baseIri: absoluteIri.transform(withSlash).optional(),
  list: z.string().superRefine((value, context) => {
    const problem = termListIdProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `"${value}" cannot be a term list id: ${problem}` });
  }),
  format: z.enum(['skos', 'sheet', 'geonames', 'wikidata', 'turtle', 'ntriples', 'nquads', 'trig', 'rdfxml', 'jsonld']).optional(),
  metadata: z.string().min(1).optional(),
  alternateNames: z.string().min(1).optional(),
  ...datasetCreation,
});

export const termsListsSchema = commonSchema.extend({
  json: flag.default(false),
});

export const termsSearchSchema = commonSchema.extend({
  list: commaList.optional(),
  mode: z.enum(['prefix', 'substring']).default('prefix'),
  languages: commaList.optional(),
  topics: commaList.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  json: flag.default(false),
});

const noneOrList = z.string().transform((value) => (value.trim() === 'none' ? [] : value.split(',').map((v) => v.trim()).filter((v) => v !== '')));

export const orgCreateSchema = commonSchema.extend({ name: z.string().min(1, 'give the organisation a name') });
export const listingSchema = commonSchema.extend({ json: flag.default(false) });
export const tokenCreateSchema = commonSchema.extend({
  role: z.string().min(1, 'name a role: admin, editor, term-maintainer or reader'),
  organisation: organisationId.optional(),
  termLists: commaList.optional(),
  expiresAt: z.string().min(1).optional(),
  description: z.string().max(500).optional(),
  json: flag.default(false),
});
export const policyShowSchema = commonSchema.extend({ record: z.string().min(1).optional(), json: flag.default(false) });
export const policySetSchema = commonSchema.extend({
  channels: noneOrList.optional(),
  rights: z.string().min(1).optional(),
  restrictedProperties: noneOrList.optional(),
  record: z.string().min(1).optional(),
});
export const policyUnsetSchema = commonSchema.extend({ record: z.string().min(1, 'name the record with --record') });
export const auditSchema = commonSchema.extend({
  limit: z.coerce.number().int().min(1).max(10_000).default(50),
  json: flag.default(false),
});

export type ServeConfig = z.infer<typeof serveSchema>;
export type LoadConfig = z.infer<typeof loadSchema>;
export type ExportEuropeanaConfig = z.infer<typeof exportEuropeanaSchema>;
export type DumpConfig = z.infer<typeof dumpSchema>;
export type StatsConfig = z.infer<typeof statsSchema>;
export type IngestConfig = z.infer<typeof ingestSchema>;
export type ValidateConfig = z.infer<typeof validateSchema>;


/** Raised when configuration is invalid; the message lists every problem with its flag. */
export class ConfigError extends Error {}

/** Validates raw option values against a schema, failing with one readable message. */
/** The key under which the CLI passes which options came from environment variables (option key → variable). */
export const ENV_SOURCES = '__envSources';

export function parseConfig<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fromEnv = (raw[ENV_SOURCES] ?? {}) as Record<string, string>;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    const flagName = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    // zod says "expected string, received undefined" for an option left out.
    const missing = issue.code === 'invalid_type' && issue.path.length === 1 && raw[String(issue.path[0])] === undefined && issue.message.startsWith('Invalid input');
    return `  ${fromEnv[key] ?? `--${flagName}`}: ${missing ? 'required, and not given' : plainMessage(issue, raw[String(issue.path[0])])}`;
  });
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

/**
 * What zod's own wording ("Invalid option: expected one of "text"|"json"", "Too small: expected
 * number to be >=1") says, for people: the values allowed and the one given. Messages the
 * schema words itself pass unchanged.
 */
function plainMessage(issue: z.ZodError['issues'][number], given: unknown): string {
  const shown = JSON.stringify(String(given));
  switch (issue.code) {
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? String(issue.values[0]) : `one of ${issue.values.slice(0, -1).map(String).join(', ')} or ${String(issue.values.at(-1))}`}, not ${shown}`;
    case 'too_small':
      return issue.origin === 'number' ? `must be ${issue.inclusive === true ? 'at least' : 'more than'} ${String(issue.minimum)}, not ${shown}` : issue.message;
    case 'too_big':
      return issue.origin === 'number' ? `must be ${issue.inclusive === true ? 'at most' : 'less than'} ${String(issue.maximum)}, not ${shown}` : issue.message;
    case 'invalid_type':
      if (issue.expected === 'number') return `${shown} is not a number`;
      if (issue.expected === 'int') return `${shown} is not a whole number`;
      return issue.message;
    default:
      return issue.message;
  }
}
