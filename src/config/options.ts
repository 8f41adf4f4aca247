/**
 * Every command-line flag, with its environment variable and documentation. The CLI builds
 * its options from this table and a test checks that README.md documents each row, so the
 * two cannot drift apart.
 */
export type CommandName = 'serve' | 'load' | 'dump' | 'stats' | 'ingest' | 'validate' | 'mappings' | 'terms import' | 'terms lists' | 'terms search';

export interface OptionSpec {
  /** Commander flag syntax, e.g. `--port <number>`. */
  readonly flags: string;
  readonly env: string;
  readonly description: string;
  /** Default as shown to users; the typed default lives in the config schema. */
  readonly defaultText?: string;
  readonly commands: readonly CommandName[];
}

const ALL: readonly CommandName[] = ['serve', 'load', 'dump', 'stats', 'ingest', 'validate', 'mappings', 'terms import', 'terms lists', 'terms search'];
const TERMS: readonly CommandName[] = ['terms import', 'terms lists', 'terms search'];

export const OPTIONS: readonly OptionSpec[] = [
  { flags: '--data-dir <dir>', env: 'CULTUURGRAAF_DATA_DIR', defaultText: './data', commands: ['serve', 'load', 'dump', 'stats', 'ingest', ...TERMS],
    description: 'Directory of the record store (SQLite database and its WAL).' },
  { flags: '--log-level <level>', env: 'CULTUURGRAAF_LOG_LEVEL', defaultText: 'info', commands: ALL,
    description: 'Log level: fatal, error, warn, info, debug, trace or silent.' },
  { flags: '--base-iri <iri>', env: 'CULTUURGRAAF_BASE_IRI', defaultText: 'stored in the data dir, else http://localhost:8080/', commands: ['serve', 'load', 'ingest', 'validate', 'terms import'],
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
  { flags: '--max-upload <size>', env: 'CULTUURGRAAF_MAX_UPLOAD', defaultText: '2gb', commands: ['serve'],
    description: 'Largest file accepted by POST /api/datasets/{id}/ingest; larger uploads get 413.' },
  { flags: '--max-result <size>', env: 'CULTUURGRAAF_MAX_RESULT', defaultText: '100mb', commands: ['serve'],
    description: 'Largest serialised query result; larger ones are refused with RESULT_TOO_LARGE (use LIMIT, or dump).' },
  { flags: '--sparql-replicas <number>', env: 'CULTUURGRAAF_SPARQL_REPLICAS', defaultText: '2', commands: ['serve'],
    description: 'SPARQL index replicas (worker threads, each a full in-memory copy). Two or more keep queries answering while a stopped one rebuilds.' },
  { flags: '--demo', env: 'CULTUURGRAAF_DEMO', defaultText: 'off', commands: ['serve'],
    description: 'Load the demo data in fixtures/demo/ when the data dir holds no records yet.' },
  { flags: '--catalog <dir>', env: 'CULTUURGRAAF_CATALOG', defaultText: 'vocabularies/catalog', commands: ['serve'],
    description: 'Directory of remote term sources (Turtle entries and their .rq queries) that /graphql searches live; see docs/terms.md.' },
  { flags: '--source-check-interval <seconds>', env: 'CULTUURGRAAF_SOURCE_CHECK_INTERVAL', defaultText: '300', commands: ['serve'],
    description: 'How often every remote term source is asked ASK {} for its status (Source.status in /graphql); 0 never asks.' },
  { flags: '--dataset <id>', env: 'CULTUURGRAAF_DATASET', commands: ['load', 'dump', 'ingest', 'validate'],
    description: 'Dataset to load or ingest into (created if missing; required there), to dump (all if omitted), or to mint IRIs for in validate (default preview).' },
  { flags: '--mapping <name>', env: 'CULTUURGRAAF_MAPPING', commands: ['ingest', 'validate'],
    description: 'The mapping in oslo-mappings/ to apply (see `cultuurgraaf mappings`).' },
  { flags: '--replace', env: 'CULTUURGRAAF_REPLACE', defaultText: 'off', commands: ['ingest'],
    description: 'Full re-import: records of the dataset that the input no longer holds are marked deleted.' },
  { flags: '--report-format <format>', env: 'CULTUURGRAAF_REPORT_FORMAT', defaultText: 'text', commands: ['ingest', 'validate'],
    description: 'Report as text, json, or turtle (a SHACL ValidationReport).' },
  { flags: '--report <file>', env: 'CULTUURGRAAF_REPORT', defaultText: 'stdout', commands: ['ingest', 'validate'],
    description: 'Write the report to this file instead of standard output.' },
  { flags: '--format <format>', env: 'CULTUURGRAAF_FORMAT', defaultText: 'from the file extension', commands: ['load', 'terms import'],
    description: 'Input syntax: turtle, ntriples, nquads, trig, rdfxml or jsonld (load); skos (any RDF syntax), sheet (CSV or XLSX by the convention of docs/terms.md), geonames (an allCountries.txt-style dump) or wikidata (a JSON entity dump) (terms import).' },
  { flags: '--alternate-names <file>', env: 'CULTUURGRAAF_ALTERNATE_NAMES', commands: ['terms import'],
    description: 'With a GeoNames dump: its alternateNamesV2.txt, for the names per language.' },
  { flags: '--list <id>', env: 'CULTUURGRAAF_LIST', commands: ['terms import', 'terms search'],
    description: 'Term list to import into (created if missing; required), or the lists to search (ids or IRIs, comma-separated; all if omitted).' },
  { flags: '--metadata <file>', env: 'CULTUURGRAAF_METADATA', commands: ['terms import'],
    description: 'A JSON file describing the list (name, description, publisher, maintainers, topics, languages, license, version, modified, homepage; see docs/terms.md); what it leaves out keeps its value.' },
  { flags: '--mode <mode>', env: 'CULTUURGRAAF_MODE', defaultText: 'prefix', commands: ['terms search'],
    description: 'prefix (every word of the query starts a word of a label) or substring (the query anywhere in a label).' },
  { flags: '--languages <tags>', env: 'CULTUURGRAAF_LANGUAGES', commands: ['terms search'],
    description: 'Comma-separated language tags: only labels in these languages (and untagged ones), preferred in this order.' },
  { flags: '--topics <topics>', env: 'CULTUURGRAAF_TOPICS', commands: ['terms search'],
    description: 'Comma-separated topics (keys such as materials, or IRIs): only lists about one of them.' },
  { flags: '--limit <number>', env: 'CULTUURGRAAF_LIMIT', defaultText: '20', commands: ['terms search'],
    description: 'Hits per page (at most 1000).' },
  { flags: '--offset <number>', env: 'CULTUURGRAAF_OFFSET', defaultText: '0', commands: ['terms search'],
    description: 'Hits to skip: the page to show.' },
  { flags: '--batch-size <number>', env: 'CULTUURGRAAF_BATCH_SIZE', defaultText: '1000', commands: ['load', 'ingest'],
    description: 'Records per transaction; a batch lands whole or not at all.' },
  { flags: '--threads <number>', env: 'CULTUURGRAAF_THREADS', defaultText: 'the number of cores, at most 4', commands: ['ingest', 'validate'],
    description: 'Worker threads that map and validate the items of an input of 1,000 items or more; 1 does it all on one thread.' },
  { flags: '--out <file>', env: 'CULTUURGRAAF_OUT', defaultText: 'stdout', commands: ['dump'],
    description: 'Write the dump to this file (gzip-compressed when it ends in .gz).' },
  { flags: '--json', env: 'CULTUURGRAAF_JSON', defaultText: 'off', commands: ['stats', 'mappings', 'terms lists', 'terms search'],
    description: 'Print the statistics, the mapping list, the term lists or the search results as JSON.' },
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
