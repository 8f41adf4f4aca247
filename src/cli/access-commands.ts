import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { requireRecordOf } from '../access/dataset-access.js';
import { TokenService } from '../access/token-service.js';
import {
  auditSchema, ConfigError, listingSchema, orgCreateSchema, parseConfig, policySetSchema, policyShowSchema, policyUnsetSchema, tokenCreateSchema,
} from '../config/config.js';
import { DATASET_ID_RULE, isDatasetId } from '../domain/dataset-id.js';
import { BadRequestError, ConflictError, NotFoundError } from '../domain/errors.js';
import { actorOf, CLI_OPERATOR } from '../domain/principal.js';
import { nearestName } from '../domain/nearest-name.js';
import { parsePolicy, parseRecordPolicy, type DefaultPolicy } from '../domain/publication-policy.js';
import type { NewDataset } from '../domain/record.js';
import { systemClock } from '../ports/clock.js';
import type { NewAuditEntry } from '../ports/access-store.js';
import { SqliteAccessStore } from '../store/sqlite-access-store.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { addOptions } from './options.js';

/** The operator at the command line, as the audit log names them: `cli`, with the system user. */
export function cliAudit(action: string, target: string, details: Record<string, unknown> = {}): NewAuditEntry {
  return { actor: actorOf(CLI_OPERATOR), role: 'admin', action, target, details: { ...details, user: systemUser() } };
}

function systemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Opens the record store (which migrates the data dir; `create` makes a new one) and the access tables beside it. */
function withStores<T>(dataDir: string, work: (records: SqliteRecordStore, access: SqliteAccessStore) => T, create = false): T {
  const records = SqliteRecordStore.open(dataDir, { create });
  const access = SqliteAccessStore.open(dataDir);
  try {
    return work(records, access);
  } finally {
    access.close();
    records.close();
  }
}

function print(value: unknown, json: boolean, text: () => string[]): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text().join('\n')}\n`);
}

/** `cultuurgraaf org create|list`, `token create|list|revoke`, `policy show|set|unset` and `audit`. */
export function accessCommands(program: Command): void {
  const org = program.command('org').description('Organisations: they own datasets, and editor and reader tokens work for one.');
  addOptions(org.command('create').description('Create an organisation.').argument('<id>', 'organisation id (letters, digits, ".", "_", "-")'), 'org create')
    .action((id: string, raw: Record<string, unknown>) => {
      const config = parseConfig(orgCreateSchema, raw);
      // An argument refused as options are: exit code 2.
      if (!isDatasetId(id)) throw new ConfigError(`Invalid configuration:\n  <id>: "${id}" is not a valid organisation id: ${DATASET_ID_RULE.replace('dataset ids', 'organisation ids')}.`);
      withStores(config.dataDir, (_records, access) => {
        const created = access.createOrganisation(id, config.name, cliAudit('organisation.create', id));
        process.stdout.write(`Created organisation "${created.id}" (${created.name}).\n`);
      }, true);
    });
  addOptions(org.command('list').description('List the organisations.'), 'org list').action((raw: Record<string, unknown>) => {
    const config = parseConfig(listingSchema, raw);
    withStores(config.dataDir, (_records, access) => {
      const organisations = access.listOrganisations();
      print(organisations, config.json, () => organisations.map((o) => `${o.id}  ${o.name}  (since ${o.createdAt})`));
    });
  });

  const token = program.command('token').description('API tokens: a role and a scope each, stored hashed, shown once.');
  addOptions(token.command('create').description('Create a token and print it once; it cannot be shown again.'), 'token create')
    .action((raw: Record<string, unknown>) => {
      const config = parseConfig(tokenCreateSchema, raw);
      withStores(config.dataDir, (records, access) => {
        const { token: created, secret } = optionValues(() => new TokenService(access, systemClock, undefined).create({
          role: config.role, organisation: config.organisation, termLists: config.termLists, expiresAt: config.expiresAt, description: config.description,
        }, { actor: actorOf(CLI_OPERATOR), role: 'admin' }));
        print({ ...created, token: secret }, config.json, () => [
          `Created token ${created.id} (${created.role}${created.organisation === undefined ? '' : ` of ${created.organisation}`}${created.termLists.length > 0 ? ` for ${created.termLists.join(', ')}` : ''}${created.expiresAt === undefined ? '' : `, expires ${created.expiresAt}`}).`,
          'Store it now; it is not shown again:',
          '',
          `  ${secret}`,
          '',
          'Send it as the header  Authorization: Bearer <token>',
        ]);
        // A list to come is allowed (its maintainer may create it), a misspelt one is told.
        const datasets = records.listDatasets().map((dataset) => dataset.id);
        for (const list of created.termLists.filter((id) => !datasets.includes(id))) {
          const near = nearestName(list, datasets);
          process.stderr.write(`Note: there is no term list "${list}" yet${near === undefined ? '' : ` (did you mean "${near}"?)`}; `
            + `the token lets its maintainer create it (PUT /api/term-lists/${list}).\n`);
        }
      });
    });
  addOptions(token.command('list').description('List tokens (never their secrets).'), 'token list').action((raw: Record<string, unknown>) => {
    const config = parseConfig(listingSchema, raw);
    withStores(config.dataDir, (_records, access) => {
      const tokens = access.listTokens();
      print(tokens, config.json, () => (tokens.length === 0 ? ['No tokens yet; create one with `cultuurgraaf token create --role <role>`.'] : tokens.map((t) => [
        t.id, t.role, t.organisation ?? '-', t.termLists.join(',') || '-',
        t.revokedAt !== undefined ? `revoked ${t.revokedAt}` : t.expiresAt !== undefined ? `expires ${t.expiresAt}` : 'no expiry',
        t.description,
      ].join('  '))));
    });
  });
  addOptions(token.command('revoke').description('Revoke a token; it stops working on the next request.').argument('<id>', 'token id (tok_…), as token list shows'), 'token revoke')
    .action((id: string, raw: Record<string, unknown>) => {
      const config = parseConfig(listingSchema, { ...raw, json: false });
      withStores(config.dataDir, (_records, access) => {
        const revoked = access.revokeToken(id, cliAudit('token.revoke', id));
        process.stdout.write(`Revoked token ${revoked.id} at ${revoked.revokedAt ?? ''}.\n`);
      });
    });

  const policy = program.command('policy').description('Publication policies: which channels may publish a dataset, under which rights, without which properties.');
  addOptions(policy.command('show').description('Show a dataset\'s policy (or a record\'s channels).').argument('<dataset>', 'dataset or term list id'), 'policy show')
    .action((dataset: string, raw: Record<string, unknown>) => {
      const config = parseConfig(policyShowSchema, raw);
      withStores(config.dataDir, (records, access) => {
        const current = datasetPolicy(records, access, dataset);
        if (config.record !== undefined) {
          requireRecordOf(records, dataset, config.record);
          const own = access.getRecordPolicy(config.record);
          const effective = access.policySnapshot().channels(dataset, config.record);
          print({ record: config.record, dataset, own: own ?? null, effective }, config.json, () => [
            `record    <${config.record ?? ''}>`,
            `own       ${own === undefined ? '(none: the dataset\'s channels apply)' : own.channels.join(', ') || '(no channel)'}`,
            `channels  ${effective.join(', ') || '(none)'}`,
          ]);
          return;
        }
        print({ dataset, ...current, rights: current.rights ?? null }, config.json, () => [
          `dataset                ${dataset}`,
          `channels               ${current.channels.join(', ') || '(none: unpublished)'}`,
          `rights                 ${current.rights ?? '(none)'}`,
          `restricted properties  ${current.restrictedProperties.join(', ') || '(none)'}`,
        ]);
      });
    });
  addOptions(policy.command('set').description('Change a dataset\'s policy (what is not given stays), or a record\'s own channels (--record). Takes effect on every channel at once.').argument('<dataset>', 'dataset or term list id'), 'policy set')
    .action((dataset: string, raw: Record<string, unknown>) => {
      const config = parseConfig(policySetSchema, raw);
      withStores(config.dataDir, (records, access) => {
        const current = datasetPolicy(records, access, dataset);
        if (config.record !== undefined) {
          requireRecordOf(records, dataset, config.record);
          if (config.channels === undefined) throw new BadRequestError('Give the record\'s channels with --channels (or remove them with policy unset).');
          const own = optionValues(() => parseRecordPolicy({ channels: config.channels }));
          access.setRecordPolicy(config.record, own, cliAudit('policy.record.set', config.record, { dataset, channels: own.channels }));
          process.stdout.write(`Record <${config.record}> now publishes on: ${own.channels.join(', ') || '(no channel)'}.\n`);
          return;
        }
        if (config.channels === undefined && config.rights === undefined && config.restrictedProperties === undefined) {
          throw new BadRequestError('Nothing to change: give --channels, --rights or --restricted-properties.');
        }
        const next = optionValues(() => parsePolicy({
          channels: config.channels ?? current.channels,
          rights: config.rights === undefined ? current.rights ?? null : config.rights === 'none' ? null : config.rights,
          restrictedProperties: config.restrictedProperties ?? current.restrictedProperties,
        }, { rights: '--rights', restrictedProperties: '--restricted-properties' }));
        const { records: affected } = access.setPolicy(dataset, next, cliAudit('policy.set', dataset, { before: current, after: next }));
        process.stdout.write([
          `Policy of "${dataset}" set (${affected} records re-published):`,
          `  channels               ${next.channels.join(', ') || '(none: unpublished)'}`,
          `  rights                 ${next.rights ?? '(none)'}`,
          `  restricted properties  ${next.restrictedProperties.join(', ') || '(none)'}`,
          '',
        ].join('\n'));
      });
    });
  addOptions(policy.command('unset').description('Remove a record\'s own channels: its dataset\'s apply again.').argument('<dataset>', 'dataset or term list id'), 'policy unset')
    .action((dataset: string, raw: Record<string, unknown>) => {
      const config = parseConfig(policyUnsetSchema, raw);
      withStores(config.dataDir, (records, access) => {
        datasetPolicy(records, access, dataset);
        requireRecordOf(records, dataset, config.record);
        access.setRecordPolicy(config.record, undefined, cliAudit('policy.record.clear', config.record, { dataset }));
        process.stdout.write(`Record <${config.record}> follows the policy of "${dataset}" again.\n`);
      });
    });

  addOptions(program.command('audit').description('Show the most recent entries of the audit log: every write, who made it, when and from where.'), 'audit')
    .action((raw: Record<string, unknown>) => {
      const config = parseConfig(auditSchema, raw);
      withStores(config.dataDir, (_records, access) => {
        const entries = latestAudit(access, config.limit);
        print(entries, config.json, () => (entries.length === 0 ? ['The audit log is empty.'] : entries.map((e) => [
          e.at, e.actor, e.ip ?? '-', e.action, e.target ?? '-', JSON.stringify(e.details),
        ].join('  '))));
      });
    });
}

/** The last `limit` entries, oldest first. */
function latestAudit(access: SqliteAccessStore, limit: number): ReturnType<SqliteAccessStore['auditLog']> {
  const entries: ReturnType<SqliteAccessStore['auditLog']> = [];
  for (let page = access.auditLog({ limit: 1000 }); page.length > 0; page = access.auditLog({ after: page.at(-1)?.id ?? 0, limit: 1000 })) {
    entries.push(...page);
    if (entries.length > limit) entries.splice(0, entries.length - limit);
  }
  return entries;
}

function datasetPolicy(records: SqliteRecordStore, access: SqliteAccessStore, dataset: string): ReturnType<typeof parsePolicy> {
  if (records.getDataset(dataset) === undefined) throw new NotFoundError(`There is no dataset "${dataset}"; \`cultuurgraaf stats\` lists them.`, { dataset });
  return access.getPolicy(dataset) ?? { channels: [], rights: undefined, restrictedProperties: [] };
}

/**
 * How a command that may create a dataset (load, ingest, terms import) creates it: in
 * `--organisation`, with `--default-policy`. Naming an organisation the existing dataset does
 * not belong to is a mistake worth stopping for.
 */
export function cliNewDataset(
  records: SqliteRecordStore, dataset: string, config: { organisation?: string | undefined; defaultPolicy: DefaultPolicy },
): Omit<NewDataset, 'id'> {
  const existing = records.getDataset(dataset);
  if (existing !== undefined && config.organisation !== undefined && existing.organisation !== config.organisation) {
    throw new ConflictError(`Dataset "${dataset}" belongs to organisation "${existing.organisation}", not "${config.organisation}".`, { dataset });
  }
  return { ...(config.organisation === undefined ? {} : { organisation: config.organisation }), policy: config.defaultPolicy };
}

/** Records a command-line write in the audit log. */
export function auditCli(dataDir: string, action: string, target: string, details: Record<string, unknown>): void {
  const access = SqliteAccessStore.open(dataDir);
  try {
    access.audit(cliAudit(action, target, details));
  } finally {
    access.close();
  }
}

/**
 * Runs what reads the options' values, reporting a value it refuses (a role, a channel, a rights
 * statement, an expiry date) as invalid options do: on standard error, exit code 2.
 */
function optionValues<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof BadRequestError) throw new ConfigError(`Invalid configuration:\n  ${error.message}`);
    throw error;
  }
}
