import type { Command } from 'commander';
import { loadSchema, parseConfig } from '../config/config.js';
import { loadRdfFiles } from '../ingest/rdf-loader.js';
import { createLogger } from '../logging/logger.js';
import { resolveBaseIri } from '../store/base-iri.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { auditCli, cliNewDataset } from './access-commands.js';
import { addOptions } from './options.js';
import { loadProgress } from './progress.js';

export function loadCommand(program: Command): void {
  addOptions(
    program.command('load')
      .description('Load RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD; .gz too) into a dataset. Works beside a running server.')
      .argument('<paths...>', 'RDF files, or directories whose RDF files (by extension, subdirectories included) are loaded'),
    'load',
  ).action(async (paths: string[], raw: Record<string, unknown>) => {
    const config = parseConfig(loadSchema, raw);
    const logger = createLogger(config.logLevel);
    const store = SqliteRecordStore.open(config.dataDir);
    const progress = loadProgress(logger, process.stderr.isTTY);
    try {
      const baseIri = resolveBaseIri(store, config.baseIri);
      const summary = await loadRdfFiles(store, paths, {
        dataset: config.dataset,
        newDataset: cliNewDataset(store, config.dataset, config),
        baseIri,
        batchSize: config.batchSize,
        progress,
        ...(config.format ? { syntax: config.format } : {}),
      });
      progress.stop();
      auditCli(config.dataDir, 'load', config.dataset, {
        files: paths, records: summary.records, created: summary.created, updated: summary.updated, lastSeq: summary.lastSeq,
      });
      process.stdout.write(
        `Loaded ${summary.records} records (${summary.quads} quads) from ${summary.files} file(s) into "${config.dataset}": ` +
        `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, in ${summary.batches} batch(es).\n`,
      );
    } finally {
      progress.stop();
      store.close();
    }
  });
}
