import type { Logger } from 'pino';
import { DEFAULT_BASE_IRI } from '../config/config.js';
import type { RecordStore } from '../ports/record-store.js';

const SETTING = 'base-iri';

/**
 * The base IRI for this run. The data dir remembers the first one it was used with, so `load`
 * and `serve` agree without repeating the flag; an explicit flag wins and is remembered when
 * the data dir had none, and a different one is warned about since IRIs already minted stay.
 */
export function resolveBaseIri(store: RecordStore, flag: string | undefined, logger: Logger): string {
  const stored = store.getSetting(SETTING);
  if (flag === undefined) {
    if (stored !== undefined) return stored;
    store.setSetting(SETTING, DEFAULT_BASE_IRI);
    return DEFAULT_BASE_IRI;
  }
  if (stored === undefined) store.setSetting(SETTING, flag);
  else if (stored !== flag) {
    logger.warn({ stored, flag }, 'the data dir was set up with another base IRI; records already stored keep their IRIs');
  }
  return flag;
}
