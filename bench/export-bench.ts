/**
 * Entry of `npm run bench:export`. Flags for quicker trial runs: `--objects N`, `--formats a,b`,
 * and `--no-docs` to leave docs/benchmarks.md alone.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveCount } from './cli-flags.js';
import { runExportBenchmark } from './export-benchmark.js';

const { values } = parseArgs({
  options: {
    objects: { type: 'string' },
    formats: { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
  },
});

const objects = positiveCount(values.objects);
await runExportBenchmark({
  command: process.argv.length > 2 ? `npm run bench:export -- ${process.argv.slice(2).join(' ')}` : 'npm run bench:export',
  ...(objects === undefined ? {} : { objects }),
  ...(values.formats === undefined ? {} : { formats: values.formats.split(',') }),
  ...(values['no-docs'] ? {} : { docsPath: fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)) }),
});
