import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import type { LoadProgress } from '../ingest/rdf-loader.js';

/**
 * Progress of a load: bars on a terminal, a log line every few seconds otherwise (CI, pipes).
 */
export function loadProgress(logger: Logger, interactive: boolean): LoadProgress & { stop(): void } {
  if (interactive) {
    const bar = new cliProgress.SingleBar(
      { format: ' {phase} |{bar}| {percentage}% {value}/{total} {unit}', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let active = false;
    const start = (total: number, phase: string, unit: string): void => {
      if (active) bar.stop();
      bar.start(total, 0, { phase, unit });
      active = true;
    };
    return {
      parsing: (file, total) => { start(total, `parsing ${basename(file)}`, 'bytes'); },
      parsed: (bytes) => { bar.increment(bytes); },
      writing: (total) => { start(total, 'writing records', 'records'); },
      written: (records) => { bar.increment(records); },
      stop: () => {
        if (active) bar.stop();
        active = false;
      },
    };
  }
  let total = 0;
  let done = 0;
  let last = 0;
  const report = (message: string, unit: string): void => {
    const now = Date.now();
    if (now - last < 2000 && done < total) return;
    last = now;
    logger.info({ done, total, unit }, message);
  };
  return {
    parsing: (file, size) => {
      total = size;
      done = 0;
      logger.info({ file, bytes: size }, 'parsing');
    },
    parsed: (bytes) => {
      done += bytes;
      report('parsing', 'bytes');
    },
    writing: (records) => {
      total = records;
      done = 0;
      logger.info({ records }, 'writing records');
    },
    written: (records) => {
      done += records;
      report('writing records', 'records');
    },
    stop: () => undefined,
  };
}
