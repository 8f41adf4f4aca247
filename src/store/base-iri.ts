import { ConfigError, DEFAULT_BASE_IRI } from '../config/config.js';
import type { RecordStore } from '../ports/record-store.js';

const SETTING = 'base-iri';

/**
 * The base IRI for this run. The data dir remembers the one it was first used with, so `load`,
 * `ingest` and `serve` agree without repeating the flag. A flag that differs is taken (and
 * remembered) only while the data dir holds no records: records have IRIs minted under the
 * stored base, and under another one they would no longer be found by their IRIs, while later
 * commands mixed two bases in one dataset.
 */
export function resolveBaseIri(store: RecordStore, flag: string | undefined): string {
  const stored = store.getSetting(SETTING);
  if (flag === undefined) {
    if (stored !== undefined) return stored;
    store.setSetting(SETTING, DEFAULT_BASE_IRI);
    return DEFAULT_BASE_IRI;
  }
  if (stored === flag) return flag;
  const records = store.countRecords();
  if (stored !== undefined && records > 0) {
    throw new ConfigError(`Invalid configuration:\n  --base-iri (CULTUURGRAAF_BASE_IRI): this data dir was set up with the base IRI ${stored}, and its `
      + `${records.toLocaleString('en')} records have IRIs under it; ${flag} would leave them unfindable by their IRIs. Leave the option out (or give `
      + `${stored}), or use a new data dir (--data-dir) for the new base IRI and load the data there again.`);
  }
  store.setSetting(SETTING, flag);
  return flag;
}
