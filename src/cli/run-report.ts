import { accessSync, constants, createWriteStream, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../config/config.js';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { IngestResult } from '../ingest/ingest-run.js';
import { reportChunks, type ReportFormat } from '../ingest/report-format.js';

/** Exit codes of ingest and validate: every item stored (0); the run finished but rejected items; the run failed (1); invalid options (2). */
export const EXIT_REJECTED = 3;

/**
 * Writes a run's report where the user asked (standard output, or `--report <file>`) in the
 * format asked, reading it from disk piece by piece, and sets the exit code: 1 when the run
 * failed, 3 when it rejected items.
 */
export async function reportRun(
  result: IngestResult,
  run: { readonly dataset: string; readonly mapping: string; readonly source: string },
  output: { readonly reportFormat: ReportFormat; readonly report?: string | undefined },
): Promise<void> {
  const target: Writable = output.report === undefined ? process.stdout : createWriteStream(output.report);
  for (const chunk of reportChunks({ ...result, ...run }, output.reportFormat)) {
    if (!target.write(chunk)) await once(target, 'drain');
  }
  if (target !== process.stdout) {
    target.end();
    await finished(target);
    // Standard output stays the caller's; the terminal still hears how the run went.
    const s = result.summary;
    // A dry run (validate) writes nothing: its records are valid, not created.
    const counts = result.runId === undefined
      ? `${s.items} items read, ${s.records} records valid`
      : `${s.items} items read, ${s.created} records created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.deleted} deleted`;
    process.stderr.write(result.status === 'failed'
      ? `${run.source}: the run failed: ${result.error ?? 'see the report'}; report in ${output.report ?? ''}\n`
      : `${run.source}: ${counts}; ${s.rejectedItems} items rejected, ${s.warnings} warnings; report in ${output.report ?? ''}\n`);
  }
  if (result.status === 'failed') process.exitCode = 1;
  else if (result.summary.rejectedItems > 0) process.exitCode = EXIT_REJECTED;
}

/**
 * Refuses, before any work starts, an output file (`--report`, `--out`) that cannot be written: a
 * run would store everything and then fail on its report, an export would read everything first.
 */
export function checkOutputFile(option: string, file: string | undefined): void {
  if (file === undefined) return;
  const folder = dirname(resolve(file));
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    accessSync(folder, constants.W_OK);
  } catch {
    throw new ConfigError(`Invalid configuration:\n  ${option}: the folder ${folder} does not exist or cannot be written to.`);
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new ConfigError(`Invalid configuration:\n  ${option}: ${file} is a folder; give a file name.`);
  }
}
