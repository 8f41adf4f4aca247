/** What a dataset id may look like: it appears in IRIs, paths and command lines. */
export const DATASET_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export const DATASET_ID_RULE = 'dataset ids are 1 to 100 letters, digits, ".", "_" and "-", starting with a letter or digit';

export function isDatasetId(value: string): boolean {
  return DATASET_ID.test(value);
}

/** Names the reconciliation service gives its own resources (`/reconcile/preview`): no term list can be called so. */
const RESERVED_TERM_LIST_IDS: ReadonlySet<string> = new Set(['preview', 'view', 'suggest', 'extend']);

/** Why `value` cannot be a term list's id, or undefined when it can: a dataset id, and none of the reserved names. */
export function termListIdProblem(value: string): string | undefined {
  if (!isDatasetId(value)) return DATASET_ID_RULE.replace('dataset ids', 'term list ids');
  if (RESERVED_TERM_LIST_IDS.has(value.toLowerCase())) return `"${value}" names a part of the reconciliation service (/reconcile/${value}); the reserved names are ${[...RESERVED_TERM_LIST_IDS].join(', ')}`;
  return undefined;
}

/**
 * A dataset as a message names it to whoever asked: `dataset "x"` when `named` holds it (or is
 * undefined: the command line names every dataset), else `another dataset`, so a write into
 * one's own dataset does not tell another organisation's unpublished datasets' ids.
 */
export function datasetName(dataset: string, named: readonly string[] | undefined): string {
  return named === undefined || named.includes(dataset) ? `dataset "${dataset}"` : 'another dataset';
}
