import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { packageRoot } from '../paths.js';
import { accessCommands } from './access-commands.js';
import { dumpCommand } from './dump-command.js';
import { exportCommand } from './export-command.js';
import { ingestCommand } from './ingest-command.js';
import { mappingsCommand } from './mappings-command.js';
import { validateCommand } from './validate-command.js';
import { loadCommand } from './load-command.js';
import { serveCommand } from './serve-command.js';
import { statsCommand } from './stats-command.js';
import { termsCommand } from './terms-command.js';

/** The `cultuurgraaf` command line. */
export function buildProgram(): Command {
  const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  const program = new Command('cultuurgraaf')
    .description('Linked-data knowledge graph and termennetwerk for the Flemish cultural sector.')
    .version(version)
    .showHelpAfterError()
    // A usage mistake (unknown option, missing argument) exits 2 like an invalid option value;
    // set before the commands are added, which inherit it.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .addHelpText('after', '\nEvery option can also be set by its environment variable (shown as [env: ...]). See README.md.');
  serveCommand(program);
  loadCommand(program);
  dumpCommand(program);
  exportCommand(program);
  statsCommand(program);
  ingestCommand(program);
  validateCommand(program);
  mappingsCommand(program);
  termsCommand(program);
  accessCommands(program);
  return program;
}
