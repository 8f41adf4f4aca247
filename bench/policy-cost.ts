/**
 * What the access layer costs the SPARQL endpoint: lookup throughput of two `cultuurgraaf serve`
 * processes over the same data, one with nothing to check (every dataset open, no limits,
 * anonymous requests) and one as a deployment with policies runs (a private dataset, restricted
 * properties, records with channels of their own, rate limits counting, a reader token looked up
 * on every request). Rounds alternate between the two, so drift of the machine hits both alike.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataFactory } from 'n3';
import { TokenService } from '../src/access/token-service.js';
import { preparePut } from '../src/rdf/prepare-put.js';
import { systemClock } from '../src/ports/clock.js';
import { SqliteAccessStore } from '../src/store/sqlite-access-store.js';
import { DATABASE_FILE } from '../src/store/sqlite-database.js';
import { SqliteRecordStore } from '../src/store/sqlite-record-store.js';
import type { BenchQuery } from './heritage-queries.js';
import { NodeHttpSparqlClient } from './node-http-sparql-client.js';
import { ServerProcess } from './server-process.js';
import { throughput } from './throughput.js';

export interface PolicyCostPlan {
  readonly rounds: number;
  readonly secondsPerRound: number;
  readonly concurrency: number;
}

export interface PolicyCostResult extends PolicyCostPlan {
  /** Lookups per second, per round, of the server with nothing to check. */
  readonly open: readonly number[];
  /** The same, of the server with policies, limits and a token. */
  readonly policed: readonly number[];
  readonly setup: {
    readonly privateRecords: number;
    readonly recordOverrides: number;
    readonly restrictedProperties: readonly string[];
  };
}

const PRIVATE_RECORDS = 1_000;
const RECORD_OVERRIDES = 200;
const RESTRICTED = ['https://schema.org/birthDate', 'https://schema.org/address'];
const HIGH_LIMIT = '10000000';

export async function measurePolicyCost(
  dataDir: string, root: string, lookup: BenchQuery, plan: PolicyCostPlan, replicas: number, progress: (message: string) => void,
): Promise<PolicyCostResult> {
  const policedDir = join(root, 'data-policed');
  progress('policy cost: copying the data dir and setting policies on the copy');
  copyStore(dataDir, policedDir);
  const token = await applyPolicies(policedDir);

  const probe = new NodeHttpSparqlClient();
  const openServer = await ServerProcess.start(dataDir, replicas, probe, 10 * 60_000);
  const policedServer = await ServerProcess.start(policedDir, replicas, probe, 10 * 60_000, [
    '--rate-limit', HIGH_LIMIT, '--token-rate-limit', HIGH_LIMIT, '--auth-failure-limit', '20',
  ]);
  const anonymous = new NodeHttpSparqlClient(plan.concurrency);
  const withToken = new NodeHttpSparqlClient(plan.concurrency, { Authorization: `Bearer ${token}` });
  try {
    const sides = {
      open: (i: number) => anonymous.post(`${openServer.url}/sparql`, lookup.text(i)),
      policed: (i: number) => withToken.post(`${policedServer.url}/sparql`, lookup.text(i)),
    };
    // Both answer the same (up to the blank node labels each oxigraph store makes up): the policies hide nothing the lookups ask for.
    const comparable = (body: string): string => body.replace(/"type":"bnode","value":"[^"]*"/g, '"type":"bnode"');
    for (let i = 0; i < 20; i++) {
      const [a, b] = [comparable(await sides.open(i)), comparable(await sides.policed(i))];
      if (a !== b) throw new Error(`the two servers answer lookup ${i} differently:\n${a.slice(0, 800)}\n${b.slice(0, 800)}`);
    }
    await throughput(sides.open, plan.concurrency, 2_000);
    await throughput(sides.policed, plan.concurrency, 2_000);
    // Short slices, alternating, many of them: two processes on two cores drift by ±10 % over
    // seconds (an open-against-open run showed it), which pairs of short slices average out.
    const open: number[] = [];
    const policed: number[] = [];
    for (let round = 0; round < plan.rounds; round++) {
      const order = round % 2 === 0 ? (['open', 'policed'] as const) : (['policed', 'open'] as const);
      for (const side of order) {
        const run = await throughput(sides[side], plan.concurrency, plan.secondsPerRound * 1000);
        (side === 'open' ? open : policed).push(run.perSecond);
      }
      if ((round + 1) % 10 === 0) progress(`policy cost: ${round + 1}/${plan.rounds} pairs of slices`);
    }
    return {
      ...plan, open, policed,
      setup: { privateRecords: PRIVATE_RECORDS, recordOverrides: RECORD_OVERRIDES, restrictedProperties: RESTRICTED },
    };
  } finally {
    anonymous.close();
    withToken.close();
    probe.close();
    await openServer.stop();
    await policedServer.stop();
  }
}

/** The lookup throughput the policies cost, as a share of the open server's: over all slices (all slices are equally long). */
export function policyCost(result: PolicyCostResult): number {
  return 1 - mean(result.policed) / mean(result.open);
}

/** The cost within each pair of slices, for the spread: its quartiles. */
export function policyCostQuartiles(result: PolicyCostResult): [number, number, number] {
  const costs = result.open.map((open, i) => 1 - (result.policed[i] ?? 0) / open).sort((a, b) => a - b);
  const at = (q: number): number => costs[Math.min(costs.length - 1, Math.floor(q * costs.length))] ?? Number.NaN;
  return [at(0.25), at(0.5), at(0.75)];
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** A consistent copy of the record store (`VACUUM INTO` reads one snapshot). */
function copyStore(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  const source = new Database(join(from, DATABASE_FILE), { readonly: true });
  try {
    source.prepare('VACUUM INTO ?').run(join(to, DATABASE_FILE));
  } finally {
    source.close();
  }
}

/** A partner organisation with a private dataset, restricted properties, records with channels of their own, and a reader token. */
async function applyPolicies(dataDir: string): Promise<string> {
  const records = SqliteRecordStore.open(dataDir);
  const access = SqliteAccessStore.open(dataDir);
  try {
    const audit = { actor: 'bench', action: 'bench.setup' };
    access.createOrganisation('bench-partner', 'Benchmark partner', audit);
    const puts = [];
    for (let i = 0; i < PRIVATE_RECORDS; i++) {
      const iri = `http://localhost:8080/id/object/bench-private/${i}`;
      puts.push(await preparePut(iri, 'bench-private', [
        DataFactory.quad(DataFactory.namedNode(iri), DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#label'), DataFactory.literal(`Privé ${i}`)),
      ]));
    }
    records.writeBatch(puts, { createDatasets: [{ id: 'bench-private', organisation: 'bench-partner', policy: 'private' }] });
    access.setPolicy('synthetic', {
      channels: ['sparql', 'graphql', 'linked-data', 'oai', 'ldes', 'dumps'], rights: 'http://creativecommons.org/publicdomain/zero/1.0/', restrictedProperties: RESTRICTED,
    }, audit);
    for (let i = 0; i < RECORD_OVERRIDES; i++) {
      access.setRecordPolicy(`http://localhost:8080/id/object/bench-private/${i}`, { channels: ['linked-data'] }, audit);
    }
    return new TokenService(access, systemClock, undefined).create({ role: 'reader', organisation: 'bench-partner' }, { actor: 'bench' }).secret;
  } finally {
    access.close();
    records.close();
  }
}
