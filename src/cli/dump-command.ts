import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { dumpSchema, parseConfig } from '../config/config.js';
import { checkOutputFile } from './run-report.js';
import { NotFoundError } from '../domain/errors.js';
import { writeNQuads } from '../publish/dumps/nquads-dump.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { addOptions } from './options.js';

export function dumpCommand(program: Command): void {
  addOptions(
    program.command('dump').description('Write the live records as N-Quads, one named graph per record, to stdout or --out.'),
    'dump',
  ).action(async (raw: Record<string, unknown>) => {
    const config = parseConfig(dumpSchema, raw);
    checkOutputFile('--out', config.out);
    const store = SqliteRecordStore.open(config.dataDir, { create: false });
    try {
      if (config.dataset !== undefined && !store.getDataset(config.dataset)) {
        throw new NotFoundError(`Dataset "${config.dataset}" does not exist.`);
      }
      const source = store.iterateNQuads(config.dataset === undefined ? {} : { dataset: config.dataset });
      if (config.out === undefined) await writeNQuads(source, process.stdout, { gzip: false, end: false });
      else await writeNQuads(source, createWriteStream(config.out), { gzip: config.out.endsWith('.gz') });
    } finally {
      store.close();
    }
  });
}
