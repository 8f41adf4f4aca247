import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { PublicationPolicy } from '../access/publication-policy.js';
import { exportEuropeanaSchema, parseConfig } from '../config/config.js';
import { BadRequestError, NotFoundError } from '../domain/errors.js';
import { EuropeanaExport } from '../publish/europeana/europeana-export.js';
import { ReportWriter } from '../publish/europeana/report-writer.js';
import { SqliteAccessStore } from '../store/sqlite-access-store.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { addOptions } from './options.js';
import { checkOutputFile } from './run-report.js';

/** `cultuurgraaf export europeana`: the package Europeana's Metis ingests, and its readiness report. */
export function exportCommand(program: Command): void {
  const exports = program.command('export').description('Export datasets for aggregators.');
  addOptions(
    exports.command('europeana')
      .description('Write a dataset\'s heritage objects as EDM, one RDF/XML file per record in a zip, as Europeana\'s Metis ingests it; records that miss Europeana\'s minimum are left out and listed in the readiness report. Only what the europeana channel of the dataset\'s policy publishes. Works beside a running server.'),
    'export europeana',
  ).action(async (raw: Record<string, unknown>) => {
    const config = parseConfig(exportEuropeanaSchema, raw);
    checkOutputFile('--out', config.out);
    checkOutputFile('--report', config.report);
    const records = SqliteRecordStore.open(config.dataDir, { create: false });
    const access = SqliteAccessStore.open(config.dataDir);
    try {
      const policies = new PublicationPolicy(access, records).current();
      if (records.getDataset(config.dataset) === undefined) throw new NotFoundError(`There is no dataset "${config.dataset}".`);
      if (!policies.publishesAny('europeana', config.dataset)) {
        throw new BadRequestError(`The policy of dataset "${config.dataset}" does not publish on the europeana channel; `
          + `allow it with: cultuurgraaf policy set ${config.dataset} --channels <the current ones>,europeana --rights <a statement Europeana accepts>.`);
      }
      const europeana = new EuropeanaExport({ records, provider: config.europeanaProvider });
      // Both files are written beside their targets and moved into place when complete: never a half-written zip.
      const partial = `${config.out}.partial`;
      const report = config.report === undefined ? undefined : new ReportWriter(createWriteStream(`${config.report}.partial`));
      let summary;
      try {
        summary = await europeana.writeZip(config.dataset, policies, createWriteStream(partial), report === undefined ? undefined : (entry) => report.entry(entry));
        if (report !== undefined && config.report !== undefined) {
          await report.close({
            dataset: config.dataset, dataProvider: summary.dataProvider, provider: config.europeanaProvider, rights: policies.rights(config.dataset),
            published: true, counts: summary.counts, tiers: summary.tiers, reasons: summary.reasons,
          });
          renameSync(`${config.report}.partial`, config.report);
        }
        renameSync(partial, config.out);
      } catch (error) {
        rmSync(partial, { force: true });
        if (config.report !== undefined) rmSync(`${config.report}.partial`, { force: true });
        throw error;
      }
      const lines = [
        `Exported ${summary.exported} of ${summary.counts.objects} heritage objects of "${config.dataset}" to ${config.out}`,
        `  metadata tiers  A ${summary.tiers.A}, B ${summary.tiers.B}, C ${summary.tiers.C}, below A ${summary.tiers[0]}`,
        `  not ready       ${summary.notReady}`,
        ...summary.reasons.map((entry) => `    ${String(entry.records).padStart(6)}  ${entry.reason}`),
        config.report === undefined ? '  the readiness report, record by record: --report <file>' : `  readiness report  ${config.report}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      access.close();
      records.close();
    }
  });
}

