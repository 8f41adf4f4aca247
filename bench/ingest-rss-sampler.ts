import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** The highest resident set size sampled in each phase, and over all, in bytes. */
export interface RssPeaks {
  readonly peakBytes: number;
  readonly byPhase: Readonly<Record<string, number>>;
  readonly samples: number;
  readonly intervalMs: number;
}

/**
 * The sampling thread: every `intervalMs` it reads the process's RSS (which covers every thread)
 * and keeps the highest value per phase; a message names the next phase, `null` asks for the
 * peaks. It runs on its own event loop, so it keeps sampling while the main thread is busy.
 */
const SAMPLER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const peaks = {};
let phase = workerData.phase;
let samples = 0;
const sample = () => {
  const rss = process.memoryUsage.rss();
  samples++;
  if (rss > (peaks[phase] ?? 0)) peaks[phase] = rss;
};
sample();
const timer = setInterval(sample, workerData.intervalMs);
parentPort.on('message', (next) => {
  sample();
  if (next !== null) {
    phase = next;
    sample();
    return;
  }
  clearInterval(timer);
  parentPort.postMessage({ peaks, samples });
  parentPort.close();
});
`;

/**
 * Samples the process's resident set size (`process.memoryUsage.rss()`) every `intervalMs` in a
 * thread of its own and keeps the highest value per named phase. That thread adds a little
 * memory of its own (a small V8 isolate). A peak between two samples can still be missed:
 * `highWaterMark()` is the kernel's exact figure.
 */
export class RssSampler {
  private readonly worker: Worker;

  constructor(phase: string, readonly intervalMs = 50) {
    this.worker = new Worker(SAMPLER_SOURCE, { eval: true, workerData: { phase, intervalMs } });
  }

  /** Counts further samples under `phase`. */
  phase(phase: string): void {
    this.worker.postMessage(phase);
  }

  /** Stops sampling and returns the peaks. */
  async stop(): Promise<RssPeaks> {
    const answer = once(this.worker, 'message');
    this.worker.postMessage(null);
    const [{ peaks, samples }] = await answer as [{ peaks: Record<string, number>; samples: number }];
    await this.worker.terminate();
    return { peakBytes: Math.max(...Object.values(peaks)), byPhase: peaks, samples, intervalMs: this.intervalMs };
  }
}

/**
 * The process's peak resident set size so far, in bytes: `VmHWM` of /proc/self/status on Linux,
 * else `process.resourceUsage().maxRSS`.
 */
export function highWaterMark(): { bytes: number; source: 'VmHWM' | 'maxRSS' } {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) return { bytes: Number(match[1]) * 1024, source: 'VmHWM' };
  } catch {
    // Not Linux: fall through to getrusage.
  }
  return { bytes: process.resourceUsage().maxRSS * 1024, source: 'maxRSS' };
}
