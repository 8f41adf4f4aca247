import { NotFoundError } from '../domain/errors.js';
import { isAdmin, mayManage, mayReadPrivate, mayWrite, requireAllowed, type Principal } from '../domain/principal.js';
import { CHANNELS, type DefaultPolicy, type PolicySnapshot } from '../domain/publication-policy.js';
import type { NewDataset } from '../domain/record.js';
import type { RecordStore } from '../ports/record-store.js';
import { DEFAULT_ORGANISATION } from '../store/sqlite-database.js';

/**
 * Checks that the principal may write into the dataset (an editor of its organisation, an
 * admin, a term maintainer of the list) or, when it does not exist yet, create it: an editor's
 * new datasets belong to its organisation. Returns how to create it.
 */
export function checkDatasetWrite(records: RecordStore, principal: Principal, dataset: string, policy: DefaultPolicy): Omit<NewDataset, 'id'> {
  const existing = records.getDataset(dataset);
  if (existing !== undefined) {
    requireAllowed(mayWrite(principal, existing), `This token may not write to dataset "${dataset}" (organisation "${existing.organisation}").`);
    return {};
  }
  const organisation = principal.kind === 'token' && principal.organisation !== undefined ? principal.organisation : DEFAULT_ORGANISATION.id;
  requireAllowed(
    mayManage(principal, organisation) || (principal.kind === 'token' && principal.role === 'term-maintainer' && principal.termLists.includes(dataset)),
    `This token may not create dataset "${dataset}".`,
  );
  return { organisation, policy };
}


/** Throws NotFoundError unless `iri` is a record (live or deleted) of the dataset. */
export function requireRecordOf(records: RecordStore, dataset: string, iri: string): void {
  const record = records.getRecord(iri);
  if (record === undefined || record.dataset !== dataset) throw new NotFoundError(`Dataset "${dataset}" has no record <${iri}>.`, { iri, dataset });
}

/**
 * The datasets whose ids a message to `principal` may name (`datasetName`): those it may read
 * whole, and those some channel publishes (the catalog lists them anyway); undefined for an
 * admin, who may read every one.
 */
export function namedDatasets(principal: Principal, records: RecordStore, policies: PolicySnapshot): readonly string[] | undefined {
  if (isAdmin(principal)) return undefined;
  return records.listDatasets()
    .filter((dataset) => mayReadPrivate(principal, dataset) || CHANNELS.some((channel) => policies.publishesAny(channel, dataset.id)))
    .map((dataset) => dataset.id);
}
