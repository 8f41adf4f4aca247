/**
 * Every command-line flag, with its environment variable and documentation. The CLI builds
 * its options from this table and a test checks that README.md documents each row, so the
 * two cannot drift apart.
 */
export type CommandName =
  | 'serve' | 'load' | 'dump' | 'stats' | 'ingest' | 'validate' | 'mappings' | 'terms import' | 'terms lists' | 'terms search'
  | 'org create' | 'org list' | 'token create' | 'token list' | 'token revoke' | 'policy show' | 'policy set' | 'policy unset' | 'audit'
  | 'export europeana';

export interface OptionSpec {
  /** Commander flag syntax, e.g. `--port <number>`. */
  readonly flags: string;
  readonly env: string;
  readonly description: string;
  /** Default as shown to users; the typed default lives in the config schema. */
  readonly defaultText?: string;
  readonly commands: readonly CommandName[];
  /** Its variable may be set but empty (free text); for other options that is refused. */
  readonly emptyAllowed?: boolean;
}

const ALL: readonly CommandName[] = [
  'serve', 'load', 'dump', 'stats', 'ingest', 'validate', 'mappings', 'terms import', 'terms lists', 'terms search',
  'org create', 'org list', 'token create', 'token list', 'token revoke', 'policy show', 'policy set', 'policy unset', 'audit',
  'export europeana',
];
const TERMS: readonly CommandName[] = ['terms import', 'terms lists', 'terms search'];
const ACCESS: readonly CommandName[] = ['org create', 'org list', 'token create', 'token list', 'token revoke', 'policy show', 'policy set', 'policy unset', 'audit'];

export const OPTIONS: readonly OptionSpec[] = [
  { flags: '--data-dir <dir>', env: 'CULTUURGRAAF_DATA_DIR', defaultText: './data', commands: ['serve', 'load', 'dump', 'stats', 'ingest', ...TERMS, ...ACCESS, 'export europeana'],
    description: 'Directory of the record store (SQLite database and its WAL).' },
  { flags: '--log-level <level>', env: 'CULTUURGRAAF_LOG_LEVEL', defaultText: 'info', commands: ALL,
    description: 'Log level: fatal, error, warn, info, debug, trace or silent.' },
  { flags: '--base-iri <iri>', env: 'CULTUURGRAAF_BASE_IRI', defaultText: 'stored in the data dir, else http://localhost:8080/', commands: ['serve', 'load', 'ingest', 'validate', 'terms import'],
    description: 'Base IRI for minted and relative IRIs. A data dir remembers the one it was first used with (validate, which has none, uses the default); once it holds records, another one is refused, as their IRIs are under the first. Give it at the first command of a new data dir.' },
  { flags: '--port <number>', env: 'CULTUURGRAAF_PORT', defaultText: '8080', commands: ['serve'],
    description: 'HTTP port.' },
  { flags: '--host <address>', env: 'CULTUURGRAAF_HOST', defaultText: '127.0.0.1', commands: ['serve'],
    description: 'Address to listen on; 0.0.0.0 to listen on every interface.' },
  { flags: '--admin-token <token>', env: 'CULTUURGRAAF_ADMIN_TOKEN', commands: ['serve'],
    description: 'Bearer token for SPARQL Update and other admin writes (at least 16 characters). Without it, writes over HTTP are refused.' },
  { flags: '--default-policy <policy>', env: 'CULTUURGRAAF_DEFAULT_POLICY', defaultText: 'open', commands: ['serve', 'load', 'ingest', 'terms import'],
    description: 'Publication policy of datasets this creates: open (every channel but europeana, which needs a rights statement) or private (no channel). See docs/access.md.' },
  { flags: '--organisation <id>', env: 'CULTUURGRAAF_ORGANISATION', defaultText: 'default', commands: ['load', 'ingest', 'terms import'],
    description: 'Organisation that owns the dataset or term list, should this command create it (`cultuurgraaf org create` first).' },
  { flags: '--organisation <id>', env: 'CULTUURGRAAF_ORGANISATION', commands: ['token create'],
    description: 'The organisation whose datasets an editor or reader token works on; required for those roles.' },
  { flags: '--name <name>', env: 'CULTUURGRAAF_NAME', commands: ['org create'],
    description: 'The organisation\'s name (required).' },
  { flags: '--role <role>', env: 'CULTUURGRAAF_ROLE', commands: ['token create'],
    description: 'admin (everything), editor (ingest, edit and set policies of its organisation\'s datasets), term-maintainer (edit and import the --term-lists) or reader (read its organisation\'s unpublished data). Required.' },
  { flags: '--term-lists <ids>', env: 'CULTUURGRAAF_TERM_LISTS', commands: ['token create'],
    description: 'Comma-separated term lists a term-maintainer token may edit and import.' },
  { flags: '--expires-at <date>', env: 'CULTUURGRAAF_EXPIRES_AT', defaultText: 'never', commands: ['token create'],
    description: 'ISO 8601 date or date-time (with a time zone) at which the token stops working.' },
  { flags: '--description <text>', env: 'CULTUURGRAAF_DESCRIPTION', commands: ['token create'], emptyAllowed: true,
    description: 'What the token is for, shown by token list.' },
  { flags: '--channels <channels>', env: 'CULTUURGRAAF_CHANNELS', commands: ['policy set'],
    description: 'Comma-separated channels that may publish the dataset (or the --record): sparql, graphql, linked-data, oai, europeana, ldes, dumps; "none" for none. Kept when omitted.' },
  { flags: '--rights <iri>', env: 'CULTUURGRAAF_RIGHTS', commands: ['policy set'],
    description: 'Rights statement: a rightsstatements.org or Creative Commons IRI (http://, trailing slash); "none" to remove it. Kept when omitted.' },
  { flags: '--restricted-properties <iris>', env: 'CULTUURGRAAF_RESTRICTED_PROPERTIES', commands: ['policy set'],
    description: 'Comma-separated property IRIs that never leave through public channels; "none" for none. Kept when omitted.' },
  { flags: '--record <iri>', env: 'CULTUURGRAAF_RECORD', commands: ['policy show', 'policy set', 'policy unset'],
    description: 'A record of the dataset: set (or, with policy unset, remove) its own channels, which replace the dataset\'s for it.' },
  { flags: '--cors-origins <origins>', env: 'CULTUURGRAAF_CORS_ORIGINS', defaultText: '*', commands: ['serve'],
    description: 'Origins browsers may call the API from: * (any), none, or a comma-separated list such as https://faam.be,https://example.org.' },
  { flags: '--trust-proxy <value>', env: 'CULTUURGRAAF_TRUST_PROXY', defaultText: 'off', commands: ['serve'],
    description: 'Behind a reverse proxy: which proxies to believe about the client address (X-Forwarded-For) for rate limits, the failed-authentication throttle, fair query scheduling and the audit log: a number of hops, loopback, or comma-separated addresses or subnets.' },
  { flags: '--rate-limit <number>', env: 'CULTUURGRAAF_RATE_LIMIT', defaultText: '1200', commands: ['serve'],
    description: 'Requests a minute one address may make without a token; more get 429 with Retry-After. 0: no limit.' },
  { flags: '--token-rate-limit <number>', env: 'CULTUURGRAAF_TOKEN_RATE_LIMIT', defaultText: '6000', commands: ['serve'],
    description: 'Requests a minute one API token may make; more get 429 with Retry-After. 0: no limit.' },
  { flags: '--auth-failure-limit <number>', env: 'CULTUURGRAAF_AUTH_FAILURE_LIMIT', defaultText: '20', commands: ['serve'],
    description: 'Requests with a bad token one address may make in a minute; after that its token requests get 429 until the minute is over. 0: no limit.' },
  { flags: '--query-timeout <ms>', env: 'CULTUURGRAAF_QUERY_TIMEOUT', defaultText: '30000', commands: ['serve'],
    description: 'Time limit of a SPARQL query or update; past it the query is stopped and answered 503.' },
  { flags: '--max-body <size>', env: 'CULTUURGRAAF_MAX_BODY', defaultText: '10mb', commands: ['serve'],
    description: 'Largest accepted request body (bytes, or units such as 512kb, 10mb); larger bodies get 413.' },
  { flags: '--max-upload <size>', env: 'CULTUURGRAAF_MAX_UPLOAD', defaultText: '2gb', commands: ['serve'],
    description: 'Largest file accepted by POST /api/datasets/{id}/ingest and POST /api/term-lists/{id}/import; larger uploads get 413.' },
  { flags: '--max-result <size>', env: 'CULTUURGRAAF_MAX_RESULT', defaultText: '100mb', commands: ['serve'],
    description: 'Largest serialised query result; larger ones are refused with RESULT_TOO_LARGE (use LIMIT, or dump).' },
  { flags: '--sparql-replicas <number>', env: 'CULTUURGRAAF_SPARQL_REPLICAS', defaultText: '2', commands: ['serve'],
    description: 'SPARQL index replicas (worker threads, each a full in-memory copy). Two or more keep queries answering while a stopped one rebuilds.' },
  { flags: '--demo', env: 'CULTUURGRAAF_DEMO', defaultText: 'off', commands: ['serve'],
    description: 'Load the demo data in fixtures/demo/ when the data dir holds no records yet.' },
  { flags: '--catalog <dir>', env: 'CULTUURGRAAF_CATALOG', defaultText: 'vocabularies/catalog', commands: ['serve'],
    description: 'Directory of remote term sources (Turtle entries and their .rq queries) that /graphql searches live; see docs/terms.md. An empty directory for none; one that does not exist is refused.' },
  { flags: '--source-check-interval <seconds>', env: 'CULTUURGRAAF_SOURCE_CHECK_INTERVAL', defaultText: '300', commands: ['serve'],
    description: 'How often every remote term source is asked ASK {} for its status (Source.status in /graphql); 0 never asks.' },
  { flags: '--oai-admin-email <address>', env: 'CULTUURGRAAF_OAI_ADMIN_EMAIL', defaultText: 'admin@localhost.localdomain', commands: ['serve'],
    description: 'E-mail address of the administrator that the OAI-PMH provider (/oai) gives harvesters in Identify; OAI-PMH wants a domain with a dot.' },
  { flags: '--dataset <id>', env: 'CULTUURGRAAF_DATASET', commands: ['load', 'dump', 'ingest', 'validate', 'export europeana'],
    description: 'Dataset to load or ingest into (created if missing; required there), to dump (all if omitted), to export (required), or to mint IRIs for in validate (default preview).' },
  { flags: '--mapping <name>', env: 'CULTUURGRAAF_MAPPING', commands: ['ingest', 'validate'],
    description: 'The mapping in oslo-mappings/ to apply (see `cultuurgraaf mappings`).' },
  { flags: '--replace', env: 'CULTUURGRAAF_REPLACE', defaultText: 'off', commands: ['ingest'],
    description: 'Full re-import: records of the dataset that only this mapping describes and the input no longer holds are marked deleted.' },
  { flags: '--report-format <format>', env: 'CULTUURGRAAF_REPORT_FORMAT', defaultText: 'text', commands: ['ingest', 'validate'],
    description: 'Report as text, json, or turtle (a SHACL ValidationReport).' },
  { flags: '--report <file>', env: 'CULTUURGRAAF_REPORT', defaultText: 'stdout', commands: ['ingest', 'validate'],
    description: 'Write the report to this file instead of standard output.' },
  { flags: '--report <file>', env: 'CULTUURGRAAF_REPORT', commands: ['export europeana'],
    description: 'Write the readiness report (JSON, record by record) to this file; without it, only a summary is printed.' },
  { flags: '--format <format>', env: 'CULTUURGRAAF_FORMAT', defaultText: 'from the file extension', commands: ['load', 'terms import'],
    description: 'Input syntax: turtle, ntriples, nquads, trig, rdfxml or jsonld (load); skos (SKOS in the RDF syntax its extension tells; or name that syntax, as for load), sheet (CSV or XLSX by the convention of docs/terms.md), geonames (an allCountries.txt-style dump) or wikidata (a JSON entity dump) (terms import).' },
  { flags: '--alternate-names <file>', env: 'CULTUURGRAAF_ALTERNATE_NAMES', commands: ['terms import'],
    description: 'With a GeoNames dump: its alternateNamesV2.txt, for the names per language.' },
  { flags: '--list <id>', env: 'CULTUURGRAAF_LIST', commands: ['terms import', 'terms search'],
    description: 'Term list to import into (created if missing; required), or the lists to search (ids or IRIs, comma-separated; all if omitted).' },
  { flags: '--metadata <file>', env: 'CULTUURGRAAF_METADATA', commands: ['terms import'],
    description: 'A JSON file describing the list (name, description, publisher, maintainers, topics, languages, license, version, modified, homepage; see docs/terms.md); what it leaves out keeps its value.' },
  { flags: '--mode <mode>', env: 'CULTUURGRAAF_MODE', defaultText: 'prefix', commands: ['terms search'],
    description: 'prefix (every word of the query starts a word of a label) or substring (the query anywhere in a label).' },
  { flags: '--languages <tags>', env: 'CULTUURGRAAF_LANGUAGES', commands: ['terms search'],
    description: 'Comma-separated language tags: only labels in these languages or their regional variants (`nl` finds `nl-BE`), and untagged ones, preferred in this order.' },
  { flags: '--topics <topics>', env: 'CULTUURGRAAF_TOPICS', commands: ['terms search'],
    description: 'Comma-separated topics (keys such as materials, or IRIs): only lists about one of them.' },
  { flags: '--limit <number>', env: 'CULTUURGRAAF_LIMIT', defaultText: '20', commands: ['terms search'],
    description: 'Hits per page (at most 1000).' },
  { flags: '--limit <number>', env: 'CULTUURGRAAF_LIMIT', defaultText: '50', commands: ['audit'],
    description: 'The most recent audit entries to show (at most 10000).' },
  { flags: '--offset <number>', env: 'CULTUURGRAAF_OFFSET', defaultText: '0', commands: ['terms search'],
    description: 'Hits to skip: the page to show.' },
  { flags: '--batch-size <number>', env: 'CULTUURGRAAF_BATCH_SIZE', defaultText: '1000', commands: ['load', 'ingest'],
    description: 'Records per transaction; a batch lands whole or not at all.' },
  { flags: '--threads <number>', env: 'CULTUURGRAAF_THREADS', defaultText: 'the number of cores, at most 4', commands: ['ingest', 'validate'],
    description: 'Worker threads that map and validate the items of an input of 1,000 items or more; 1 does it all on one thread.' },
  { flags: '--out <file>', env: 'CULTUURGRAAF_OUT', defaultText: 'stdout (dump)', commands: ['dump', 'export europeana'],
    description: 'Write the dump to this file (gzip-compressed when it ends in .gz); export europeana: the zip to write (required).' },
  { flags: '--europeana-provider <name>', env: 'CULTUURGRAAF_EUROPEANA_PROVIDER', defaultText: 'Cultuurgraaf', commands: ['serve', 'export europeana'],
    description: 'The aggregator named as edm:provider in the Europeana export: the organisation that delivers the data to Europeana.' },
  { flags: '--json', env: 'CULTUURGRAAF_JSON', defaultText: 'off', commands: ['stats', 'mappings', 'terms lists', 'terms search', 'org list', 'token create', 'token list', 'policy show', 'audit'],
    description: 'Print the statistics, the mapping list, the term lists, the search results, organisations, tokens, the policy or the audit log as JSON.' },
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
