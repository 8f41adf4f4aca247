import type { Command } from 'commander';
import { ingestSchema, parseConfig } from '../config/config.js';
import { runIngest } from '../ingest/ingest-run.js';
import { shapeValidators } from '../ingest/shape-validators.js';
import { displayName } from '../ingest/sources/fetch-source.js';
import { createLogger } from '../logging/logger.js';
import { resolveBaseIri } from '../store/base-iri.js';
import { SqliteIngestRunStore } from '../store/sqlite-ingest-run-store.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { checkMapping } from './mapping-option.js';
import { auditCli, cliNewDataset } from './access-commands.js';
import { addOptions } from './options.js';
import { loadProgress } from './progress.js';
import { checkOutputFile, reportRun } from './run-report.js';
import { NO_REPORT } from '../ingest/report-entry.js';

export function ingestCommand(program: Command): void {
  addOptions(
    program.command('ingest')
      .description('Map a file or URL to OSLO with a mapping, validate every record with SHACL, and store the valid ones. Works beside a running server.')
      .argument('<source>', 'a file (CSV, XLSX, JSON, NDJSON, JSON-LD, RDF) or an http(s) URL'),
    'ingest',
  ).action(async (source: string, raw: Record<string, unknown>) => {
    const config = parseConfig(ingestSchema, raw);
    checkMapping(config.mapping);
    checkOutputFile('--report', config.report);
    const logger = createLogger(config.logLevel);
    const records = SqliteRecordStore.open(config.dataDir);
    const runs = SqliteIngestRunStore.open(config.dataDir);
    const progress = loadProgress(logger, process.stderr.isTTY);
    // Ctrl-C (or a kill) mid-run: the batches written stay, the run is recorded as interrupted,
    // the terminal gets its cursor back, and the audit log has the run.
    let runId: string | undefined;
    const interrupted = (signal: NodeJS.Signals): void => {
      progress.stop();
      if (runId !== undefined) {
        runs.finish(runId, {
          status: 'failed', summary: {}, report: NO_REPORT,
          error: `Interrupted (${signal}). The batches written before stay; run the input again to finish (what is stored already comes out unchanged).`,
        });
        auditCli(config.dataDir, 'ingest', config.dataset, { run: runId, mapping: config.mapping, source: displayName(source), replace: config.replace, interrupted: true });
      }
      process.stderr.write(`\nInterrupted${runId === undefined ? '' : `: run ${runId} is recorded as failed`}. The batches written before stay; run the input again to finish.\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    try {
      const result = await runIngest({
        input: source, source: displayName(source), dataset: config.dataset, mapping: config.mapping, replace: config.replace,
        newDataset: cliNewDataset(records, config.dataset, config),
        dryRun: false, baseIri: resolveBaseIri(records, config.baseIri), batchSize: config.batchSize,
        ...(config.threads === undefined ? {} : { threads: config.threads }),
        onRun: (id) => { runId = id; },
      }, { records, runs, validator: shapeValidators(), progress });
      progress.stop();
      auditCli(config.dataDir, 'ingest', config.dataset, { run: result.runId, mapping: config.mapping, source: displayName(source), replace: config.replace });
      try {
        await reportRun(result, { dataset: config.dataset, mapping: config.mapping, source: displayName(source) }, config);
      } finally {
        result.report.close();
      }
    } finally {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
      progress.stop();
      runs.close();
      records.close();
    }
  });
}
