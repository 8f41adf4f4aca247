import { ConfigError } from '../config/config.js';
import { NotFoundError } from '../domain/errors.js';
import { getMapping } from '../ingest/mapping/mapping-catalog.js';

/**
 * Checks `--mapping` before anything is opened or created: an unknown name is a configuration
 * error (exit code 2), its message listing the known mappings.
 */
export function checkMapping(name: string): void {
  try {
    getMapping(name);
  } catch (error) {
    if (error instanceof NotFoundError) throw new ConfigError(`Invalid configuration:\n  --mapping: ${error.message}`);
    throw error;
  }
}
