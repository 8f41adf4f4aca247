/** What a dataset id may look like: it appears in IRIs, paths and command lines. */
export const DATASET_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export const DATASET_ID_RULE = 'dataset ids are 1 to 100 letters, digits, ".", "_" and "-", starting with a letter or digit';

export function isDatasetId(value: string): boolean {
  return DATASET_ID.test(value);
}
