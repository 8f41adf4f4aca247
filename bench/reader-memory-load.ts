import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadRun } from './reader-memory-result.js';

const CLI = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const TIME = '/usr/bin/time';
const SAMPLE_MS = 250;

/**
 * Runs `cultuurgraaf load` (the built CLI) on one file into a fresh data dir under `tmpDir`, as
 * its own process under `/usr/bin/time -v` for the peak RSS; gives up after `limitMs`. The load's
 * scratch files (grouping, prepared records) go to `tmpDir` too.
 */
export async function timedLoad(file: string, tmpDir: string, limitMs: number): Promise<LoadRun> {
  if (!existsSync(TIME)) return { status: 'skipped', reason: `${TIME} is not installed (apt-get install time)` };
  if (!existsSync(CLI)) return { status: 'skipped', reason: 'dist/main.js is missing; run npm run build first' };
  const args = ['-v', process.execPath, CLI, 'load', file, '--data-dir', join(tmpDir, 'data'), '--dataset', 'bench', '--base-iri', 'http://localhost:8080/'];
  // Detached: its own process group, so a load past the limit is stopped with its children.
  const child = spawn(TIME, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmpDir } });
  const started = Date.now();
  const stdout: string[] = [];
  const tail: string[] = [];
  // Phases start at their log lines' own times and samples carry theirs, so a late-read line moves no sample.
  const phases: Array<{ phase: string; started: number }> = [];
  const samples: Array<{ at: number; rss: number }> = [];
  child.stdout.setEncoding('utf8').on('data', (text: string) => stdout.push(text));
  createInterface({ input: child.stderr }).on('line', (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    const logged = phaseOf(line);
    if (logged !== undefined && phases[phases.length - 1]?.phase !== logged.phase) phases.push(logged);
  });
  const sampler = setInterval(() => {
    const at = Date.now();
    void nodeRss(child.pid).then((rss) => {
      if (rss > 0) samples.push({ at, rss });
    });
  }, SAMPLE_MS);
  const timeout = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  }, limitMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  clearInterval(sampler);
  clearTimeout(timeout);
  const seconds = (Date.now() - started) / 1000;
  if (seconds * 1000 >= limitMs) return { status: 'skipped', reason: `the load did not finish within ${limitMs / 60_000} minutes and was stopped` };
  const maxKb = tail.map((line) => /Maximum resident set size \(kbytes\): (\d+)/.exec(line)?.[1]).find((kb) => kb !== undefined);
  if (code !== 0 || maxKb === undefined) return { status: 'skipped', reason: `the load failed (exit code ${String(code)}): ${tail.slice(-5).join(' / ')}` };
  const ends = [...phases.slice(1).map((p) => p.started), Date.now()];
  return {
    status: 'done', seconds, maxRss: Number(maxKb) * 1024, summary: stdout.join('').trim(),
    phases: phases.map((p, i) => {
      const end = ends[i] ?? p.started;
      const peakRss = Math.max(0, ...samples.filter((sample) => sample.at >= p.started && sample.at < end).map((sample) => sample.rss));
      return { phase: p.phase, seconds: (end - p.started) / 1000, peakRss };
    }),
  };
}

/** The phase a loader log line (pino JSON) announces, with the file name left out, and when it was logged. */
function phaseOf(line: string): { phase: string; started: number } | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const { msg, time } = JSON.parse(line) as { msg?: unknown; time?: unknown };
    if (typeof msg !== 'string' || typeof time !== 'number') return undefined;
    return { phase: msg.replace(/^parsing .*/, 'parsing and grouping'), started: time };
  } catch {
    return undefined;
  }
}

/** RSS of the node process `time` started (its only child), or 0 when it is not running (yet). */
async function nodeRss(timePid: number | undefined): Promise<number> {
  if (timePid === undefined) return 0;
  try {
    const children = (await readFile(`/proc/${timePid}/task/${timePid}/children`, 'utf8')).trim().split(/\s+/);
    const pid = children[0];
    if (pid === undefined || pid === '') return 0;
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}
