/** Entry of `npm run bench`: every benchmark in bench/, one after the other, each writing its docs section. */
import { fileURLToPath } from 'node:url';
import { runExportBenchmark } from './export-benchmark.js';
import { runIngestBenchmark } from './ingest-benchmark.js';
import { runSparqlBenchmark } from './sparql-benchmark.js';
import { reportTermsBenchmark, runTermsBenchmark } from './terms-benchmark.js';

const docsPath = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

const benchmarks: ReadonlyArray<{ readonly name: string; readonly run: () => Promise<unknown> }> = [
  { name: 'sparql', run: () => runSparqlBenchmark({ command: 'npm run bench', docsPath }) },
  { name: 'ingest', run: () => runIngestBenchmark({ command: 'npm run bench', docsPath }) },
  { name: 'terms', run: async () => { await reportTermsBenchmark(await runTermsBenchmark({ command: 'npm run bench', docsPath })); } },
  { name: 'export', run: () => runExportBenchmark({ command: 'npm run bench', docsPath }) },
];

for (const benchmark of benchmarks) {
  const started = performance.now();
  console.log(`[bench] ${benchmark.name}`);
  await benchmark.run();
  console.log(`[bench] ${benchmark.name} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

