import { median } from './latency-stats.js';
import { measuredOn } from './machine.js';
import { mean, policyCostQuartiles } from './policy-cost.js';
import type { SparqlBenchResult } from './sparql-bench-result.js';
import { checkTargets, formatInt, formatMs, formatRows, TARGETS, type Verdict } from './sparql-targets.js';

/** The SPARQL benchmark's section of docs/benchmarks.md, as markdown. */
export function renderSparqlReport(result: SparqlBenchResult): string {
  const { machine, dataset, load, rebuild, bareLoad, plan } = result;
  const perSecond = (triples: number, ms: number): string => formatInt(triples / (ms / 1000));
  const lines = [
    '## SPARQL: load, index rebuild and query latency',
    '',
    ...measuredOn(result.date, machine, result.command),
    '',
    `Dataset: the synthetic Flemish heritage collection of \`bench/synthetic-heritage.ts\` (seed ${dataset.seed}, blank nodes on): ` +
      `${formatInt(dataset.objects)} objects, ${formatInt(dataset.triples)} triples, ${formatInt(dataset.records)} records.`,
    '',
    '| step | figure |',
    '|---|---|',
    `| load through the record store (\`loadRdfFiles\`, batch 1000: parse, canonicalise, write) | ` +
      `${perSecond(load.quads, load.ms)} triples/s (${formatInt(load.quads)} triples, ${formatInt(load.records)} records in ${(load.ms / 1000).toFixed(1)} s) |`,
    `| SPARQL index rebuild (\`OxigraphReplica.build()\`, ${rebuild.triplesPerSecond.length} runs) | ` +
      `median ${formatInt(median(rebuild.triplesPerSecond))}, best ${formatInt(Math.max(...rebuild.triplesPerSecond))} triples/s ` +
      `(runs: ${rebuild.triplesPerSecond.map(formatInt).join(', ')}) |`,
    `| bare \`oxigraph.Store\` load on the main thread, for comparison | ${perSecond(bareLoad.triples, bareLoad.ms)} triples/s |`,
    '',
    `Query latency in ms, ${plan.iterations} sequential requests per query and way, after at least ${plan.warmup} ` +
      `unmeasured warm-up requests and ${String(plan.warmupMs / 1000)} s of them. ` +
      `*HTTP*: POST to \`/sparql\` of a \`cultuurgraaf serve\` process (${result.replicas} replicas) on loopback, from a keep-alive ` +
      '`node:http` client in the benchmark process, body read in full. *in-process*: a bare `oxigraph.Store` in the benchmark ' +
      'thread, loaded with the same N-Quads, same query options. HTTP and in-process requests alternate one by one, so drift ' +
      'of the machine hits both alike. *worker*: the query job sent straight to an index replica (`OxigraphReplica.request`), ' +
      'no HTTP, measured separately. *engine*: the time oxigraph spent on the request inside the server (its ' +
      '`Server-Timing: engine` header). *overhead*: per request, the HTTP latency less that request\'s engine time, so ' +
      'the endpoint\'s own cost (client and server HTTP, express, queue, worker hop), measured on the very store that ' +
      'answered; *in server* is the part of it between the request reaching the app and the response being written ' +
      '(Server-Timing `total` less `engine`), the rest being the client, the sockets and Node\'s HTTP parsing. *HTTP − in-process*: the same comparison across two stores (server replica versus the bare store), for reference.',
    '',
    '| query | rows | HTTP p50 | HTTP p95 | engine p50 | overhead p50 | overhead p95 | in server p50 | worker p50 | in-process p50 | in-process p95 | HTTP − in-process |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.queries.map((q) => `| ${q.title} | ${formatRows(q.http.rows)} | ${formatMs(q.http.stats.p50)} | ${formatMs(q.http.stats.p95)} | ` +
      `${formatMs(q.http.engine.p50)} | ${formatMs(q.http.overhead.p50)} | ${formatMs(q.http.overhead.p95)} | ${formatMs(q.http.inServer.p50)} | ` +
      `${formatMs(q.worker.stats.p50)} | ${formatMs(q.inProcess.stats.p50)} | ` +
      `${formatMs(q.inProcess.stats.p95)} | ${formatMs(q.http.stats.p50 - q.inProcess.stats.p50)} |`),
    `| *HTTP floor: \`GET /health\`* | – | ${formatMs(result.httpFloor.p50)} | ${formatMs(result.httpFloor.p95)} | – | – | – | – | – | – | – | – |`,
    ...result.httpFloorAfterIdle.map((idle) => `| *HTTP floor after ${String(idle.pauseMs)} ms idle* | – | ${formatMs(idle.stats.p50)} | ` +
      `${formatMs(idle.stats.p95)} | – | – | – | – | – | – | – | – |`),
    ...policySection(result),
    '',
    '### Targets',
    '',
    `The endpoint overhead target is judged for small results (≤ ${TARGETS.smallResultRows} rows) on the *overhead* column: ` +
      'what the endpoint adds to the oxigraph time of the same request. The cross-store *HTTP − in-process* column also ' +
      'holds the spread between two oxigraph stores with the same data, which for a query of tens of milliseconds exceeds ' +
      'what the endpoint adds (see the analysis below the figures).',
    '',
    '| target | measured | result |',
    '|---|---:|:---:|',
    ...checkTargets(result).map((c) => `| ${c.target} | ${c.measured} | ${verdictCell(c.verdict, c.note)} |`),
  ];
  return lines.join('\n');
}

function policySection(result: SparqlBenchResult): string[] {
  const cost = result.policyCost;
  if (cost === undefined) return [];
  return [
    '',
    `**What the access layer costs** (\`bench/policy-cost.ts\`): lookup throughput, ${cost.concurrency} requests at a time, of two server ` +
      `processes over the same data, in ${cost.rounds} pairs of ${String(cost.secondsPerRound)} s slices, alternating which goes first. *open*: every dataset open, ` +
      'no rate limits, anonymous requests. *with policies*: a copy of the data dir with a private dataset of ' +
      `${formatInt(cost.setup.privateRecords)} records of another organisation, ${formatInt(cost.setup.recordOverrides)} records with channels of their own, ` +
      `restricted properties on the benchmark dataset (${cost.setup.restrictedProperties.join(', ')}), the rate limits per address and per token ` +
      'counting (set high enough never to refuse), and every request carrying a reader token the server looks up. Both answer ' +
      'the lookups the same (checked before measuring).',
    '',
    '| server | lookups/s over all slices | slowest slice | fastest slice |',
    '|---|---:|---:|---:|',
    `| open | ${formatInt(mean(cost.open))} | ${formatInt(Math.min(...cost.open))} | ${formatInt(Math.max(...cost.open))} |`,
    `| with policies | ${formatInt(mean(cost.policed))} | ${formatInt(Math.min(...cost.policed))} | ${formatInt(Math.max(...cost.policed))} |`,
    '',
    `Cost within a pair of slices, quartiles: ${policyCostQuartiles(cost).map((share) => `${(share * 100).toFixed(1)} %`).join(', ')}.`,
  ];
}

function verdictCell(verdict: Verdict, note: string | undefined): string {
  const cell = verdict === 'FAIL' ? '**FAIL**' : verdict;
  return note === undefined ? cell : `${cell} (${note})`;
}
