import { writeFileSync } from 'node:fs';
import type { IngestResult } from '../ingest/ingest-run.js';
import { formatReport, type ReportFormat } from '../ingest/report-format.js';

/** Exit codes of ingest and validate: every item stored (0); the run finished but rejected items; the run failed (1); invalid options (2). */
export const EXIT_REJECTED = 3;

/**
 * Writes a run's report where the user asked (standard output, or `--report <file>`) in the
 * format asked, and sets the exit code: 1 when the run failed, 3 when it rejected items.
 */
export function reportRun(
  result: IngestResult,
  run: { readonly dataset: string; readonly mapping: string; readonly source: string },
  output: { readonly reportFormat: ReportFormat; readonly report?: string | undefined },
): void {
  const report = formatReport({ ...result, ...run }, output.reportFormat);
  if (output.report === undefined) process.stdout.write(report);
  else writeFileSync(output.report, report);
  if (result.status === 'failed') process.exitCode = 1;
  else if (result.summary.rejectedItems > 0) process.exitCode = EXIT_REJECTED;
}
