import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseConfig, validateSchema } from '../config/config.js';
import { runIngest } from '../ingest/ingest-run.js';
import { shapeValidators } from '../ingest/shape-validators.js';
import { displayName } from '../ingest/sources/fetch-source.js';
import { SqliteIngestRunStore } from '../store/sqlite-ingest-run-store.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { checkMapping } from './mapping-option.js';
import { addOptions } from './options.js';
import { checkOutputFile, reportRun } from './run-report.js';

export function validateCommand(program: Command): void {
  addOptions(
    program.command('validate')
      .description('Dry run of ingest: map and validate a file or URL and report, writing nothing.')
      .argument('<source>', 'a file or an http(s) URL'),
    'validate',
  ).action(async (source: string, raw: Record<string, unknown>) => {
    const config = parseConfig(validateSchema, raw);
    checkMapping(config.mapping);
    checkOutputFile('--report', config.report);
    // A dry run reads no data dir: an empty scratch store answers "not stored yet" for every record.
    const scratch = mkdtempSync(join(tmpdir(), 'cultuurgraaf-validate-'));
    const records = SqliteRecordStore.open(scratch);
    const runs = SqliteIngestRunStore.open(scratch);
    try {
      const result = await runIngest({
        input: source, source: displayName(source), dataset: config.dataset, mapping: config.mapping, replace: false,
        dryRun: true, baseIri: config.baseIri, batchSize: 1000,
        ...(config.threads === undefined ? {} : { threads: config.threads }),
      }, { records, runs, validator: shapeValidators() });
      try {
        await reportRun(result, { dataset: config.dataset, mapping: config.mapping, source: displayName(source) }, config);
      } finally {
        result.report.close();
      }
    } finally {
      runs.close();
      records.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}
