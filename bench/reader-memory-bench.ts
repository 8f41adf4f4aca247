/**
 * Entry of `npm run bench:readers`: every reader ingest has, fed a large generated input, in
 * bounded memory or not. Flags: `--size` (default 1gb), `--kinds csv,ndjson,…` (default all),
 * `--no-quarter` (skip the quarter-size runs), `--no-load` (skip `cultuurgraaf load`),
 * `--load-minutes N` (its limit, default 10), `--no-docs` (leave docs/benchmarks.md alone).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import bytes from 'bytes';
import { runReaderBenchmark } from './reader-memory-benchmark.js';
import { INPUT_KINDS } from './reader-memory-inputs.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1gb' },
    kinds: { type: 'string' },
    'no-quarter': { type: 'boolean', default: false },
    'no-load': { type: 'boolean', default: false },
    'load-minutes': { type: 'string', default: '10' },
    'no-docs': { type: 'boolean', default: false },
  },
});

const targetBytes = bytes.parse(values.size);
if (targetBytes === null || !Number.isFinite(targetBytes) || targetBytes < 1024 * 1024) throw new Error(`--size: expected a size of at least 1mb, got "${values.size}"`);
const loadMinutes = Number(values['load-minutes']);
if (!(loadMinutes > 0)) throw new Error(`--load-minutes: expected a positive number, got "${values['load-minutes']}"`);
const names = values.kinds?.split(',').map((name) => name.trim()) ?? INPUT_KINDS.map((kind) => kind.name);
const unknown = names.filter((name) => !INPUT_KINDS.some((kind) => kind.name === name));
if (unknown.length > 0) throw new Error(`--kinds: unknown ${unknown.join(', ')}; known: ${INPUT_KINDS.map((kind) => kind.name).join(', ')}`);

await runReaderBenchmark({
  command: process.argv.length > 2 ? `npm run bench:readers -- ${process.argv.slice(2).join(' ')}` : 'npm run bench:readers',
  targetBytes,
  kinds: INPUT_KINDS.filter((kind) => names.includes(kind.name)),
  quarter: !values['no-quarter'],
  loadLimitMs: values['no-load'] ? undefined : loadMinutes * 60_000,
  docsPath: values['no-docs'] ? undefined : fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)),
});
