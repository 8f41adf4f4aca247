#!/usr/bin/env node
import { buildProgram } from './cli/program.js';
import { ConfigError } from './config/config.js';
import { AppError } from './domain/errors.js';
import { OperationalError } from './domain/operational-error.js';

/** A reader that stops early (`cultuurgraaf dump | head`) is not an error. */
function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

process.stdout.on('error', (error) => {
  if (isBrokenPipe(error)) process.exit(0);
  throw error;
});

/** Process concerns only: run the command line and turn failures into exit codes. */
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (isBrokenPipe(error)) process.exit(0);
  if (error instanceof AppError || error instanceof OperationalError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
