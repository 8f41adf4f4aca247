/**
 * Every command-line flag, with its environment variable and documentation. The CLI builds
 * its options from this table and a test checks that README.md documents each row, so the
 * two cannot drift apart.
 */
export type CommandName = 'serve' | 'load' | 'dump' | 'stats';

export interface OptionSpec {
  /** Commander flag syntax, e.g. `--port <number>`. */
  readonly flags: string;
  readonly env: string;
  readonly description: string;
  /** Default as shown to users; the typed default lives in the config schema. */
  readonly defaultText?: string;
  readonly commands: readonly CommandName[];
}

const ALL: readonly CommandName[] = ['serve', 'load', 'dump', 'stats'];

export const OPTIONS: readonly OptionSpec[] = [
  { flags: '--data-dir <dir>', env: 'CULTUURGRAAF_DATA_DIR', defaultText: './data', commands: ALL,
    description: 'Directory of the record store (SQLite database and its WAL).' },
  { flags: '--log-level <level>', env: 'CULTUURGRAAF_LOG_LEVEL', defaultText: 'info', commands: ALL,
    description: 'Log level: fatal, error, warn, info, debug, trace or silent.' },
  { flags: '--base-iri <iri>', env: 'CULTUURGRAAF_BASE_IRI', defaultText: 'stored in the data dir, else http://localhost:8080/', commands: ['serve', 'load'],
    description: 'Base IRI for minted and relative IRIs. Remembered by the data dir on first use.' },
  { flags: '--port <number>', env: 'CULTUURGRAAF_PORT', defaultText: '8080', commands: ['serve'],
    description: 'HTTP port.' },
  { flags: '--host <address>', env: 'CULTUURGRAAF_HOST', defaultText: '127.0.0.1', commands: ['serve'],
    description: 'Address to listen on; 0.0.0.0 to listen on every interface.' },
  { flags: '--admin-token <token>', env: 'CULTUURGRAAF_ADMIN_TOKEN', commands: ['serve'],
    description: 'Bearer token for SPARQL Update and other admin writes (at least 16 characters). Without it, writes over HTTP are refused.' },
  { flags: '--query-timeout <ms>', env: 'CULTUURGRAAF_QUERY_TIMEOUT', defaultText: '30000', commands: ['serve'],
    description: 'Time limit of a SPARQL query or update; past it the query is stopped and answered 503.' },
  { flags: '--max-body <size>', env: 'CULTUURGRAAF_MAX_BODY', defaultText: '10mb', commands: ['serve'],
    description: 'Largest accepted request body (bytes, or units such as 512kb, 10mb); larger bodies get 413.' },
  { flags: '--max-result <size>', env: 'CULTUURGRAAF_MAX_RESULT', defaultText: '100mb', commands: ['serve'],
    description: 'Largest serialised query result; larger ones are refused with RESULT_TOO_LARGE (use LIMIT, or dump).' },
  { flags: '--sparql-replicas <number>', env: 'CULTUURGRAAF_SPARQL_REPLICAS', defaultText: '2', commands: ['serve'],
    description: 'SPARQL index replicas (worker threads, each a full in-memory copy). Two or more keep queries answering while a stopped one rebuilds.' },
  { flags: '--demo', env: 'CULTUURGRAAF_DEMO', defaultText: 'off', commands: ['serve'],
    description: 'Load the demo data in fixtures/demo/ when the data dir holds no records yet.' },
  { flags: '--dataset <id>', env: 'CULTUURGRAAF_DATASET', commands: ['load', 'dump'],
    description: 'Dataset to load into (created if missing; required for load) or to dump (all datasets if omitted).' },
  { flags: '--format <format>', env: 'CULTUURGRAAF_FORMAT', defaultText: 'from the file extension', commands: ['load'],
    description: 'Input syntax: turtle, ntriples, nquads, trig, rdfxml or jsonld.' },
  { flags: '--batch-size <number>', env: 'CULTUURGRAAF_BATCH_SIZE', defaultText: '1000', commands: ['load'],
    description: 'Records per transaction; a batch lands whole or not at all.' },
  { flags: '--out <file>', env: 'CULTUURGRAAF_OUT', defaultText: 'stdout', commands: ['dump'],
    description: 'Write the dump to this file (gzip-compressed when it ends in .gz).' },
  { flags: '--json', env: 'CULTUURGRAAF_JSON', defaultText: 'off', commands: ['stats'],
    description: 'Print the statistics as JSON.' },
];

/** The long flag name without dashes and argument, e.g. `data-dir`. */
export function flagName(spec: OptionSpec): string {
  const match = /--([a-z-]+)/.exec(spec.flags);
  if (!match?.[1]) throw new Error(`Malformed option flags: ${spec.flags}`);
  return match[1];
}

export function optionsFor(command: CommandName): readonly OptionSpec[] {
  return OPTIONS.filter((spec) => spec.commands.includes(command));
}
