import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadProgress } from '../../../src/cli/progress.js';

function recordingLogger(): { logger: Logger; lines: unknown[][] } {
  const lines: unknown[][] = [];
  return { logger: { info: (...args: unknown[]) => { lines.push(args); } } as unknown as Logger, lines };
}

describe('loadProgress without a terminal', () => {
  it('logs a phase of unknown size every few seconds, not once per record', () => {
    const { logger, lines } = recordingLogger();
    const progress = loadProgress(logger, false);
    progress.start('preparing records', 0, 'records');
    for (let i = 0; i < 20_000; i++) progress.advance(1);
    expect(lines).toEqual([[{ total: 0, unit: 'records' }, 'preparing records']]);
  });

  it('logs a phase of known size when it starts and when it is done', () => {
    const { logger, lines } = recordingLogger();
    const progress = loadProgress(logger, false);
    progress.start('writing records', 10, 'records');
    for (let i = 0; i < 10; i++) progress.advance(1);
    expect(lines).toEqual([[{ total: 10, unit: 'records' }, 'writing records'], [{ done: 10, total: 10, unit: 'records' }, 'writing records']]);
  });
});
