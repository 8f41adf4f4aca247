/**
 * `npm run bench:export`: the aggregator channels at scale. A synthetic collection of heritage
 * objects (bench/synthetic-heritage.ts, each with an image) is loaded into a fresh data dir and
 * published on every channel; then
 *  1. `cultuurgraaf export europeana` writes the EDM zip (a process of its own, timed and its
 *     peak RSS read by /usr/bin/time), and
 *  2. an OAI-PMH harvester takes ListRecords page by page (resumption tokens) from a
 *     `cultuurgraaf serve` process, whose RSS is sampled all along.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describeMachine, measuredOn } from './machine.js';
import { writeMarkedSection } from './markdown-section.js';
import { NodeHttpSparqlClient } from './node-http-sparql-client.js';
import { ServerProcess } from './server-process.js';
import { syntheticNTriples } from './synthetic-heritage.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const CHANNELS = 'sparql,graphql,linked-data,oai,europeana,ldes,dumps';
const RIGHTS = 'http://creativecommons.org/publicdomain/zero/1.0/';
const E22 = '<http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object> .';
const DEPICTION = '<http://xmlns.com/foaf/0.1/depiction>';

export interface ExportBenchOptions {
  readonly command: string;
  readonly objects?: number;
  readonly docsPath?: string;
  /** The OAI-PMH metadata formats to harvest. */
  readonly formats?: readonly string[];
}

interface HarvestRun {
  readonly format: string;
  readonly records: number;
  readonly pages: number;
  readonly seconds: number;
  /** The server's RSS (MB) after the first tenth of the pages, at the end, and the highest sampled. */
  readonly rssEarlyMb: number;
  readonly rssEndMb: number;
  readonly rssPeakMb: number;
  readonly rssStartMb: number;
}

export interface ExportBenchResult {
  readonly objects: number;
  readonly loadSeconds: number;
  readonly edm: { readonly exported: number; readonly seconds: number; readonly peakRssMb: number; readonly zipMb: number };
  readonly harvests: readonly HarvestRun[];
}

export async function runExportBenchmark(options: ExportBenchOptions): Promise<ExportBenchResult> {
  const objects = options.objects ?? 100_000;
  const dir = await mkdtemp(join(tmpdir(), 'cultuurgraaf-bench-export-'));
  try {
    const dataDir = join(dir, 'data');
    const input = join(dir, 'collection.nt');
    await writeCollection(input, objects);
    const loadStarted = performance.now();
    await cli(['load', input, '--data-dir', dataDir, '--dataset', 'bench', '--log-level', 'warn']);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    await cli(['policy', 'set', 'bench', '--data-dir', dataDir, '--channels', CHANNELS, '--rights', RIGHTS, '--log-level', 'warn']);
    console.log(`[export] loaded ${objects} objects in ${loadSeconds.toFixed(1)} s`);

    const zip = join(dir, 'bench-europeana.zip');
    const timed = await run('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, CLI, 'export', 'europeana', '--data-dir', dataDir, '--dataset', 'bench', '--out', zip, '--log-level', 'warn'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const time = /TIME ([\d.]+) (\d+)/.exec(timed.stderr);
    const exported = Number(/Exported (\d+) of/.exec(timed.stdout)?.[1] ?? Number.NaN);
    if (time === null || Number.isNaN(exported)) throw new Error(`unexpected export output: ${timed.stdout}\n${timed.stderr}`);
    const edm = { exported, seconds: Number(time[1]), peakRssMb: (Number(time[2]) * 1024) / 1e6, zipMb: statSync(zip).size / 1e6 };
    console.log(`[export] EDM: ${exported} records in ${edm.seconds} s, peak RSS ${edm.peakRssMb.toFixed(0)} MB`);

    const client = new NodeHttpSparqlClient(1);
    const server = await ServerProcess.start(dataDir, 1, client, 600_000);
    const harvests: HarvestRun[] = [];
    try {
      for (const format of options.formats ?? ['oai_dc', 'edm']) {
        const harvest = await harvestAll(server, client, format);
        console.log(`[export] OAI-PMH ${format}: ${harvest.records} records in ${harvest.seconds.toFixed(1)} s`);
        harvests.push(harvest);
      }
    } finally {
      await server.stop();
    }
    const result = { objects, loadSeconds, edm, harvests };
    if (options.docsPath !== undefined) await writeMarkedSection(options.docsPath, 'export', renderExportReport(result, options.command));
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The synthetic collection as N-Triples, every object with an IIIF image. */
async function writeCollection(path: string, objects: number): Promise<void> {
  const out = createWriteStream(path);
  let n = 0;
  for (const chunk of syntheticNTriples({ objects })) {
    const lines = chunk.split('\n').map((line) => {
      if (!line.endsWith(E22)) return line;
      const subject = line.slice(0, line.indexOf(' '));
      n += 1;
      return `${line}\n${subject} ${DEPICTION} <https://iiif.example.org/iiif/2/bench-${n}/full/max/0/default.jpg> .`;
    });
    if (!out.write(lines.join('\n'))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function cli(args: readonly string[]): Promise<void> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const [code] = await once(child, 'exit') as [number | null];
  if (code !== 0) throw new Error(`cultuurgraaf ${args.slice(0, 2).join(' ')} exited with ${String(code)}`);
}

/** Harvests every record in `format` by ListRecords and resumption tokens, sampling the server's RSS. */
async function harvestAll(server: ServerProcess, client: NodeHttpSparqlClient, format: string): Promise<HarvestRun> {
  const rss = (): number => {
    const status = readFileSync(`/proc/${String(server.pid)}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024 / 1e6;
  };
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rss()), 100);
  const rssStartMb = rss();
  let url = `${server.url}/oai?verb=ListRecords&metadataPrefix=${format}`;
  let records = 0;
  let pages = 0;
  let rssEarlyMb = 0;
  let total = 0;
  const started = performance.now();
  try {
    for (;;) {
      const body = await client.get(url);
      pages += 1;
      records += body.match(/<record>/g)?.length ?? 0;
      const size = /completeListSize="(\d+)"/.exec(body)?.[1];
      if (size !== undefined) total = Number(size);
      if (rssEarlyMb === 0 && total > 0 && records >= total / 10) rssEarlyMb = rss();
      const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(body)?.[1];
      if (token === undefined) break;
      url = `${server.url}/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token.replaceAll('&amp;', '&'))}`;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  return { format, records, pages, seconds, rssStartMb, rssEarlyMb, rssEndMb: rss(), rssPeakMb: Math.max(rssStartMb, ...samples) };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function renderExportReport(result: ExportBenchResult, command: string): string {
  const { edm } = result;
  const edmRate = edm.exported / edm.seconds;
  const oaiDc = result.harvests.find((harvest) => harvest.format === 'oai_dc');
  const oaiRate = oaiDc === undefined ? 0 : oaiDc.records / oaiDc.seconds;
  const flat = (harvest: HarvestRun): boolean => harvest.rssEndMb - harvest.rssEarlyMb < 0.1 * harvest.rssEarlyMb;
  const lines = [
    '## Aggregator channels: Europeana EDM export and OAI-PMH harvest',
    '',
    ...measuredOn(new Date().toISOString(), describeMachine(), command),
    '',
    `Dataset: ${fmt(result.objects)} synthetic heritage objects (\`bench/synthetic-heritage.ts\`, seed 42: title, note, material, type, maker, date, dimension; each given an IIIF image), with their ${fmt(Math.round(result.objects / 10))}-odd agents, places and concepts, loaded with \`cultuurgraaf load\` (${fmt(result.loadSeconds, 1)} s) and published on every channel with a CC0 statement.`,
    '',
    '| step | records | time | records/s | memory |',
    '|---|---:|---:|---:|---|',
    `| \`cultuurgraaf export europeana\` (its own process: start, map, XML, zip of ${fmt(edm.zipMb, 1)} MB) | ${fmt(edm.exported)} | ${fmt(edm.seconds, 1)} s | ${fmt(edmRate)} | peak RSS ${fmt(edm.peakRssMb)} MB (\`/usr/bin/time\`) |`,
    ...result.harvests.map((harvest) => `| OAI-PMH \`ListRecords\` \`${harvest.format}\` over HTTP, ${fmt(harvest.pages)} pages by resumption token, from one \`cultuurgraaf serve\` | ${fmt(harvest.records)} | ${fmt(harvest.seconds, 1)} s | ${fmt(harvest.records / harvest.seconds)} | server RSS ${fmt(harvest.rssStartMb)} MB before, ${fmt(harvest.rssEarlyMb)} MB after a tenth, ${fmt(harvest.rssEndMb)} MB at the end, highest sample ${fmt(harvest.rssPeakMb)} MB: ${flat(harvest) ? 'flat' : 'growing'} |`),
    '',
    'The server holds its SPARQL index (one replica) of the whole dataset in memory: that is most of its RSS, and it is there before the harvest starts. *Flat* means the RSS at the end is within 10 % of the RSS after the first tenth of the harvest.',
    '',
    '### Targets',
    '',
    '| target | measured | result |',
    '|---|---:|:---:|',
    `| EDM export of 100,000 records at ≥ 2,000 records/s | ${fmt(edmRate)}${result.objects === 100_000 ? '' : ` (of ${fmt(result.objects)})`} | ${edmRate >= 2000 && result.objects >= 100_000 ? 'PASS' : '**FAIL**'} |`,
    `| EDM export peak RSS ≤ 1 GB | ${fmt(edm.peakRssMb)} MB | ${edm.peakRssMb <= 1000 ? 'PASS' : '**FAIL**'} |`,
    `| OAI-PMH ListRecords harvest of 100,000 records at ≥ 1,000 records/s | ${fmt(oaiRate)} | ${oaiRate >= 1000 && (oaiDc?.records ?? 0) >= 100_000 ? 'PASS' : '**FAIL**'} |`,
    `| the harvest in flat memory | ${oaiDc === undefined ? '–' : `${fmt(oaiDc.rssEarlyMb)} → ${fmt(oaiDc.rssEndMb)} MB`} | ${oaiDc !== undefined && flat(oaiDc) ? 'PASS' : '**FAIL**'} |`,
  ];
  return lines.join('\n');
}
