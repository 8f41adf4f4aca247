/** Entry of `npm run bench`: every benchmark in bench/, one after the other, each writing its docs section. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runIngestBenchmark } from './ingest-benchmark.js';
import { runSparqlBenchmark } from './sparql-benchmark.js';

const docsPath = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

const benchmarks: ReadonlyArray<{ readonly name: string; readonly run: () => Promise<unknown> }> = [
  { name: 'sparql', run: () => runSparqlBenchmark({ command: 'npm run bench', docsPath }) },
  { name: 'ingest', run: () => runIngestBenchmark({ command: 'npm run bench', docsPath }) },
  // In a process of its own: importing a million labels needs a larger heap than the others
  // should get (a larger limit changes how V8 grows the heap, and so the ingest's peak RSS).
  { name: 'terms', run: () => runTermsInItsOwnProcess() },
];

for (const benchmark of benchmarks) {
  const started = performance.now();
  console.log(`[bench] ${benchmark.name}`);
  await benchmark.run();
  console.log(`[bench] ${benchmark.name} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function runTermsInItsOwnProcess(): Promise<void> {
  const entry = fileURLToPath(new URL('./terms-bench.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', entry], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`bench:terms exited with ${result.status}`);
  return Promise.resolve();
}
