/**
 * Entry of `npm run bench:ingest`. Flags: `--records N` (CSV rows, default 100,000) for quicker
 * trial runs, and `--no-docs` to leave docs/benchmarks.md alone.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runIngestBenchmark } from './ingest-benchmark.js';
import { positiveCount } from './cli-flags.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
  },
});

const records = positiveCount(values.records);

await runIngestBenchmark({
  command: process.argv.length > 2 ? `npm run bench:ingest -- ${process.argv.slice(2).join(' ')}` : 'npm run bench:ingest',
  ...(records === undefined ? {} : { records }),
  ...(values['no-docs'] ? {} : { docsPath: fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)) }),
});
