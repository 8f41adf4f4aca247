#!/usr/bin/env node
import { buildProgram } from './cli/program.js';
import { ConfigError } from './config/config.js';
import { AppError } from './domain/errors.js';

/** Process concerns only: run the command line and turn failures into exit codes. */
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
