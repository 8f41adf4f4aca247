/**
 * Entry of `npm run bench:sparql`. Flags for quicker trial runs: `--triples N`,
 * `--iterations N`, `--warmup N`, `--warmup-ms N`, `--rebuilds N`, `--policy-rounds N` (0 skips the
 * policy-cost comparison), and `--no-docs` to leave docs/benchmarks.md alone.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveCount } from './cli-flags.js';
import { runSparqlBenchmark } from './sparql-benchmark.js';

const { values } = parseArgs({
  options: {
    triples: { type: 'string' },
    iterations: { type: 'string' },
    warmup: { type: 'string' },
    'warmup-ms': { type: 'string' },
    rebuilds: { type: 'string' },
    'policy-rounds': { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
  },
});

const triples = positiveCount(values.triples);
const iterations = positiveCount(values.iterations);
const warmup = positiveCount(values.warmup);
const warmupMs = positiveCount(values['warmup-ms']);
const rebuilds = positiveCount(values.rebuilds);
const policyRounds = values['policy-rounds'] === undefined ? undefined : Number(values['policy-rounds']);
if (policyRounds !== undefined && (!Number.isInteger(policyRounds) || policyRounds < 0)) throw new Error('--policy-rounds must be a whole number, 0 or more');

await runSparqlBenchmark({
  command: process.argv.length > 2 ? `npm run bench:sparql -- ${process.argv.slice(2).join(' ')}` : 'npm run bench:sparql',
  ...(triples === undefined ? {} : { triples }),
  ...(iterations === undefined ? {} : { iterations }),
  ...(warmup === undefined ? {} : { warmup }),
  ...(warmupMs === undefined ? {} : { warmupMs }),
  ...(rebuilds === undefined ? {} : { rebuilds }),
  ...(policyRounds === undefined ? {} : { policyRounds }),
  ...(values['no-docs'] ? {} : { docsPath: fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)) }),
});
