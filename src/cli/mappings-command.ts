import type { Command } from 'commander';
import { mappingsSchema, parseConfig } from '../config/config.js';
import { listMappings } from '../ingest/mapping/mapping-catalog.js';
import { addOptions } from './options.js';

export function mappingsCommand(program: Command): void {
  addOptions(program.command('mappings').description('List the mappings ingest and validate can apply.'), 'mappings')
    .action((raw: Record<string, unknown>) => {
      const config = parseConfig(mappingsSchema, raw);
      const mappings = listMappings().map((m) => ({ name: m.name, input: m.input, profile: m.profile, description: m.description }));
      if (config.json) {
        process.stdout.write(`${JSON.stringify(mappings, null, 2)}\n`);
        return;
      }
      const width = Math.max(...mappings.map((m) => m.name.length));
      for (const m of mappings) process.stdout.write(`${m.name.padEnd(width)}  ${m.description}\n`);
    });
}
