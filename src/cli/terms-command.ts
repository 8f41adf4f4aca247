import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError, parseConfig, termsImportSchema, termsListsSchema, termsSearchSchema } from '../config/config.js';
import { InvalidInputError } from '../domain/errors.js';
import { isAbsoluteIri } from '../domain/iri.js';
import { createLogger } from '../logging/logger.js';
import { resolveBaseIri } from '../store/base-iri.js';
import { SqliteRecordFeed } from '../store/sqlite-record-feed.js';
import { SqliteRecordStore } from '../store/sqlite-record-store.js';
import { SqliteTermIndex } from '../store/sqlite-term-index.js';
import { importTermList } from '../terms/term-import.js';
import { catchUpTermIndex } from '../terms/term-index-projection.js';
import { displayName as listName, metadataProblems, termListMetadataInput, type TermListMetadataInput } from '../terms/term-list-metadata.js';
import { TOPICS } from '../terms/topics.js';
import { displayName } from '../ingest/sources/fetch-source.js';
import { auditCli, cliNewDataset } from './access-commands.js';
import { addOptions } from './options.js';
import { loadProgress } from './progress.js';

/** `cultuurgraaf terms import|lists|search`: the termennetwerk from the command line. */
export function termsCommand(program: Command): void {
  const terms = program.command('terms').description('Term lists: import them, list them, search them.');

  addOptions(
    terms.command('import')
      .description('Import a term list from SKOS (any RDF syntax, SKOS-XL too), a spreadsheet, a GeoNames dump or a Wikidata JSON dump, whole or not at all. Works beside a running server.')
      .argument('<file>', 'a SKOS file (.ttl, .nt, .nq, .trig, .rdf, .jsonld, .gz too), a sheet (.csv, .tsv, .xlsx), a GeoNames dump (.txt) or a Wikidata dump (--format wikidata)'),
    'terms import',
  ).action(async (file: string, raw: Record<string, unknown>) => {
    const config = parseConfig(termsImportSchema, raw);
    for (const [name, path] of [[displayName(file), file], ['--alternate-names', config.alternateNames]] as const) {
      if (path !== undefined && !existsSync(path)) throw new InvalidInputError(`${name === displayName(file) ? name : `${name} ${path}`} does not exist.`, { file: path });
    }
    const metadata = config.metadata === undefined ? undefined : readMetadata(config.metadata);
    const logger = createLogger(config.logLevel);
    const records = SqliteRecordStore.open(config.dataDir);
    const progress = loadProgress(logger, process.stderr.isTTY);
    try {
      const summary = await importTermList({
        file, source: displayName(file), list: config.list, baseIri: resolveBaseIri(records, config.baseIri),
        newDataset: cliNewDataset(records, config.list, config),
        ...(config.format === undefined ? {} : { format: config.format }),
        ...(config.alternateNames === undefined ? {} : { alternateNames: config.alternateNames }),
        ...(metadata === undefined ? {} : { metadata }),
      }, { records, progress });
      progress.stop();
      auditCli(config.dataDir, 'term-list.import', summary.list, {
        source: displayName(file), concepts: summary.concepts, created: summary.created, updated: summary.updated, deleted: summary.deleted,
      });
      const lines = [
        `Imported ${displayName(file)} into the term list "${summary.list}" <${summary.listIri}>`,
        `  concepts  ${summary.concepts}  (created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, deleted ${summary.deleted}; the list record counts too)`,
        `  labels    ${summary.labels}`,
        `  duration  ${(summary.durationMs / 1000).toFixed(1)} s`,
        ...(summary.warnings.length === 0 ? [] : ['', `warnings (${summary.warnings.length}):`, ...summary.warnings.slice(0, 50).map((w) => `  ${w}`)]),
        ...(summary.warnings.length > 50 ? [`  … and ${summary.warnings.length - 50} more`] : []),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      progress.stop();
      records.close();
    }
  });

  addOptions(terms.command('lists').description('List the term lists with their metadata and number of concepts.'), 'terms lists')
    .action((raw: Record<string, unknown>) => {
      const config = parseConfig(termsListsSchema, raw);
      const index = openIndex(config.dataDir);
      try {
        const lists = index.lists();
        if (config.json) {
          process.stdout.write(`${JSON.stringify(lists, null, 2)}\n`);
          return;
        }
        if (lists.length === 0) process.stdout.write('No term lists yet; import one with `cultuurgraaf terms import <file> --list <id>`.\n');
        for (const list of lists) {
          process.stdout.write(`${list.id}  ${listName(list.metadata, list.id)}  ${list.concepts} concepts  <${list.iri}>\n`);
        }
      } finally {
        index.close();
      }
    });

  addOptions(terms.command('search').description('Search the labels of the term lists, ranked.').argument('<query>', 'words to look for'), 'terms search')
    .action((query: string, raw: Record<string, unknown>) => {
      const config = parseConfig(termsSearchSchema, raw);
      const index = openIndex(config.dataDir);
      try {
        checkSearchScope(index, config.list, config.topics);
        const result = index.search({
          query, mode: config.mode, limit: config.limit, offset: config.offset,
          ...(config.list === undefined ? {} : { lists: config.list }),
          ...(config.languages === undefined ? {} : { languages: config.languages }),
          ...(config.topics === undefined ? {} : { topics: config.topics }),
        });
        if (config.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${result.total} concept${result.total === 1 ? '' : 's'} found${result.total > result.hits.length ? `; ${config.offset + 1}–${config.offset + result.hits.length} shown` : ''}\n`);
        for (const hit of result.hits) {
          const label = hit.concept.prefLabel.find((l) => l.language === (config.languages?.[0] ?? 'nl')) ?? hit.concept.prefLabel[0];
          process.stdout.write(`${String(hit.score).padStart(3)}  ${label?.value ?? hit.match.label}  [${hit.list}]  <${hit.concept.iri}>  (${hit.match.how} ${hit.match.kind} "${hit.match.label}"${hit.match.language === '' ? '' : `@${hit.match.language}`})\n`);
        }
      } finally {
        index.close();
      }
    });
}

/** Refuses lists that do not exist and topics that are no topic, as GraphQL refuses unknown sources. */
function checkSearchScope(index: SqliteTermIndex, lists: readonly string[] | undefined, topics: readonly string[] | undefined): void {
  const known = index.lists();
  const unknownLists = (lists ?? []).filter((wanted) => !known.some((list) => list.id === wanted || list.iri === wanted));
  const unknownTopics = (topics ?? []).filter((topic) => !TOPICS.some((t) => t.key === topic) && !isAbsoluteIri(topic));
  const problems = [
    ...unknownLists.map((list) => `  --list: there is no term list "${list}"; ${known.length === 0 ? 'there are none yet' : `the lists are ${known.map((l) => l.id).join(', ')}`}`),
    ...unknownTopics.map((topic) => `  --topics: "${topic}" is no topic; the topics are ${TOPICS.map((t) => t.key).join(', ')} (or their IRIs)`),
  ];
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

/** The term index of a data dir, caught up with its change log; a data dir without a record store is refused, and nothing is made in it. */
function openIndex(dataDir: string): SqliteTermIndex {
  SqliteRecordStore.open(dataDir, { create: false }).close();
  const index = SqliteTermIndex.open(dataDir, (message) => { process.stderr.write(`warning: ${message}\n`); });
  try {
    const feed = SqliteRecordFeed.open(dataDir);
    try {
      catchUpTermIndex(index, feed);
    } finally {
      feed.close();
    }
    return index;
  } catch (error) {
    index.close();
    throw error;
  }
}

function readMetadata(file: string): TermListMetadataInput {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(`--metadata ${file}: ${(error as Error).message}`);
  }
  const parsed = termListMetadataInput.safeParse(json);
  if (!parsed.success) {
    throw new InvalidInputError(`--metadata ${file}: ${metadataProblems(parsed.error)}`);
  }
  return parsed.data;
}
