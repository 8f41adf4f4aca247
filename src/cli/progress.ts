import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import type { LoadProgress } from '../ingest/rdf-loader.js';

/**
 * Progress of a load: a bar per phase on a terminal, a log line every few seconds otherwise
 * (CI, pipes).
 */
export function loadProgress(logger: Logger, interactive: boolean): LoadProgress & { stop(): void } {
  if (interactive) {
    const bar = new cliProgress.SingleBar(
      { format: ' {phase} |{bar}| {percentage}% {value}/{total} {unit}', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let active = false;
    return {
      start: (phase, total, unit) => {
        if (active) bar.stop();
        active = false;
        // A phase of unknown length (reading ahead to check the input) gets a line, not a bar.
        if (total === 0) {
          process.stderr.write(` ${phase}…\n`);
          return;
        }
        bar.start(total, 0, { phase, unit });
        active = true;
      },
      advance: (amount) => {
        if (active) bar.increment(amount);
      },
      stop: () => {
        if (active) bar.stop();
        active = false;
      },
    };
  }
  let phase = '';
  let total = 0;
  let done = 0;
  let unit = '';
  let last = 0;
  return {
    start: (name, size, unitName) => {
      phase = name;
      total = size;
      unit = unitName;
      done = 0;
      last = Date.now();
      logger.info({ total, unit }, phase);
    },
    advance: (amount) => {
      done += amount;
      const now = Date.now();
      // Every 2 s, and once when a known total is reached (a phase of unknown size has total 0).
      if (now - last < 2000 && done !== total) return;
      last = now;
      logger.info({ done, total, unit }, phase);
    },
    stop: () => undefined,
  };
}
