import type { Command } from 'commander';
import { parseConfig, statsSchema } from '../config/config.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { addOptions } from './options.js';

export function statsCommand(program: Command): void {
  addOptions(
    program.command('stats').description('Print record and triple counts per dataset and kind.'),
    'stats',
  ).action((raw: Record<string, unknown>) => {
    const config = parseConfig(statsSchema, raw);
    const store = SqliteRecordStore.open(config.dataDir, { create: false });
    try {
      const datasets = new Map(store.listDatasets().map((d) => [d.id, d]));
      const rows = store.stats().map((row) => ({ ...row, organisation: datasets.get(row.dataset)?.organisation ?? '' }));
      const head = store.head();
      if (config.json) {
        process.stdout.write(`${JSON.stringify({ changeLogHead: head, rows }, null, 2)}\n`);
        return;
      }
      const table = [
        ['dataset', 'organisation', 'kind', 'records', 'triples', 'deleted'],
        ...rows.map((r) => [r.dataset, r.organisation, r.kind, String(r.records), String(r.triples), String(r.deleted)]),
        ['total', '', '', String(sum(rows, 'records')), String(sum(rows, 'triples')), String(sum(rows, 'deleted'))],
      ];
      const widths = table[0]?.map((_, column) => Math.max(...table.map((line) => line[column]?.length ?? 0))) ?? [];
      const numeric = new Set([3, 4, 5]);
      for (const line of table) {
        process.stdout.write(`${line.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ')}\n`);
      }
      process.stdout.write(`change log head: ${head}\n`);
    } finally {
      store.close();
    }
  });
}

function sum(rows: ReadonlyArray<{ records: number; triples: number; deleted: number }>, key: 'records' | 'triples' | 'deleted'): number {
  return rows.reduce((total, row) => total + row[key], 0);
}
