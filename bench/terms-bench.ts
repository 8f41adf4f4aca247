/**
 * Entry of `npm run bench:terms`. Flags for quicker trial runs: `--labels N`, `--iterations N`,
 * `--seconds N`, `--sparql-queries N`, and `--no-docs` to leave docs/benchmarks.md alone.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveCount } from './cli-flags.js';
import { reportTermsBenchmark, runTermsBenchmark } from './terms-benchmark.js';

const { values } = parseArgs({
  options: {
    labels: { type: 'string' },
    iterations: { type: 'string' },
    seconds: { type: 'string' },
    'sparql-queries': { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
  },
});

const labels = positiveCount(values.labels);
const iterations = positiveCount(values.iterations);
const seconds = positiveCount(values.seconds);
const sparqlQueries = positiveCount(values['sparql-queries']);

await reportTermsBenchmark(await runTermsBenchmark({
  command: process.argv.length > 2 ? `npm run bench:terms -- ${process.argv.slice(2).join(' ')}` : 'npm run bench:terms',
  ...(labels === undefined ? {} : { labels }),
  ...(iterations === undefined ? {} : { iterations }),
  ...(seconds === undefined ? {} : { seconds }),
  ...(sparqlQueries === undefined ? {} : { sparqlQueries }),
  ...(values['no-docs'] ? {} : { docsPath: fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)) }),
}));
