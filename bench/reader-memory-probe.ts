import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { MappingInput } from '../src/ingest/mapping/mapping-manifest.js';
import type { ChildReport } from './reader-memory-result.js';

const CHILD = fileURLToPath(new URL('./reader-memory-child.ts', import.meta.url));
const SAMPLE_MS = 50;

export interface ProbedRead {
  readonly report: ChildReport;
  /** VmRSS of the child every 50 ms, read by this process, so a busy child cannot skip samples. */
  readonly rssSamples: readonly number[];
}

/**
 * Reads `path` as `input` in a fresh Node process (`reader-memory-child.ts`, through tsx) and
 * samples its RSS from outside meanwhile. `tmpDir` becomes the child's TMPDIR, so scratch files
 * of the readers (the RDF grouping) land where the benchmark cleans up.
 */
export async function probeRead(input: MappingInput, path: string, tmpDir: string): Promise<ProbedRead> {
  const child = fork(CHILD, [input, path], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, TMPDIR: tmpDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the reader process did not start');
  const rssSamples: number[] = [];
  const timer = setInterval(() => {
    void readFile(`/proc/${pid}/status`, 'utf8').then((status) => {
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
      if (kb !== undefined) rssSamples.push(Number(kb) * 1024);
    }, () => undefined);
  }, SAMPLE_MS);
  let report: ChildReport | undefined;
  child.on('message', (message) => { report = message as ChildReport; });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0 || report === undefined) throw new Error(`reading ${path} as ${input} failed (exit code ${String(code)})`);
    return { report, rssSamples };
  } finally {
    clearInterval(timer);
  }
}
