import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collectOutput, exited, ROOT, runCli, spawnCli, waitFor } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const TURTLE = `@prefix crm: <http://www.cidoc-crm.org/cidoc-crm/> .
<id/object/museum/1> a crm:E22_Human-Made_Object ; crm:P102_has_title "Stoel"@nl .
<id/object/museum/2> a crm:E22_Human-Made_Object ; crm:P102_has_title "Tafel"@nl ; crm:P43_has_dimension [ crm:P90_has_value 75 ] .
<id/agent/museum/3> a crm:E21_Person ; <http://www.w3.org/2000/01/rdf-schema#label> "Elise Maes"@nl .
`;

function sampleFile(dir: string): string {
  const file = join(dir, 'objects.ttl');
  writeFileSync(file, TURTLE);
  return file;
}

describe('cultuurgraaf CLI', () => {
  it('shows help through npx right after install', () => {
    const help = execFileSync('npx', ['--no-install', 'cultuurgraaf', '--help'], { cwd: ROOT, encoding: 'utf8' });
    for (const command of ['serve', 'load', 'dump', 'stats']) expect(help).toContain(command);
    const serve = runCli(['serve', '--help']);
    expect(serve.stdout).toContain('--query-timeout <ms>');
    expect(serve.stdout).toContain('CULTUURGRAAF_QUERY_TIMEOUT');
  });

  it('loads, reports stats and dumps a dataset', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const load = runCli(['load', sampleFile(dir), '--dataset', 'museum', '--data-dir', data, '--base-iri', 'https://data.example.be/']);
    expect(load.stderr).not.toMatch(/error/i);
    expect(load.status).toBe(0);
    expect(load.stdout).toMatch(/Loaded 3 records \(8 quads\) from 1 file\(s\) into "museum": 3 created/);

    const stats = runCli(['stats', '--data-dir', data, '--json']);
    const parsed = JSON.parse(stats.stdout) as { changeLogHead: number; rows: unknown[] };
    expect(parsed.changeLogHead).toBe(3);
    expect(parsed.rows).toEqual([
      { dataset: 'museum', kind: 'agent', records: 1, triples: 2, deleted: 0, organisation: 'default' },
      { dataset: 'museum', kind: 'object', records: 2, triples: 6, deleted: 0, organisation: 'default' },
    ]);
    expect(runCli(['stats', '--data-dir', data]).stdout).toMatch(/museum\s+default\s+object\s+2\s+6\s+0/);

    const dump = runCli(['dump', '--data-dir', data]);
    expect(dump.status).toBe(0);
    const lines = dump.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines).toContain('<https://data.example.be/id/object/museum/1> <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> "Stoel"@nl <https://data.example.be/id/object/museum/1> .');

    const out = join(dir, 'dump.nq.gz');
    expect(runCli(['dump', '--data-dir', data, '--dataset', 'museum', '--out', out]).status).toBe(0);
    expect(gunzipSync(readFileSync(out)).toString()).toBe(dump.stdout);
  });

  it('loads the dump back into a fresh data dir to the same content', () => {
    const dir = tempDir();
    const first = join(dir, 'first');
    runCli(['load', sampleFile(dir), '--dataset', 'museum', '--data-dir', first]);
    const dumpFile = join(dir, 'dump.nq');
    runCli(['dump', '--data-dir', first, '--out', dumpFile]);
    const second = join(dir, 'second');
    const reload = runCli(['load', dumpFile, '--dataset', 'museum', '--data-dir', second]);
    expect(reload.stdout).toMatch(/Loaded 3 records/);
    expect(runCli(['dump', '--data-dir', second]).stdout).toBe(readFileSync(dumpFile, 'utf8'));
  });

  it('takes every option from its environment variable', () => {
    const dir = tempDir();
    const file = sampleFile(dir);
    const result = runCli(['load', file], {
      CULTUURGRAAF_DATA_DIR: join(dir, 'env-data'), CULTUURGRAAF_DATASET: 'from-env', CULTUURGRAAF_BATCH_SIZE: '1',
    });
    expect(result.stdout).toMatch(/into "from-env".*in 3 batch\(es\)/);
    expect(existsSync(join(dir, 'env-data', 'cultuurgraaf.sqlite'))).toBe(true);
  });

  it('reads boolean flags from their environment variables as true or false', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    expect(runCli(['load', sampleFile(dir), '--dataset', 'museum', '--data-dir', data]).status).toBe(0);
    expect(runCli(['stats', '--data-dir', data], { CULTUURGRAAF_JSON: 'true' }).stdout).toMatch(/^\{/);
    expect(runCli(['stats', '--data-dir', data], { CULTUURGRAAF_JSON: 'false' }).stdout).toMatch(/^dataset/);
    const bad = runCli(['stats', '--data-dir', data], { CULTUURGRAAF_JSON: 'maybe' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('CULTUURGRAAF_JSON: "maybe" is not a boolean');
  });

  it('names the environment variable of a bad value, and refuses one that is set but empty', () => {
    const dir = tempDir();
    const bad = runCli(['serve', '--data-dir', join(dir, 'data')], { CULTUURGRAAF_PORT: 'eighty', CULTUURGRAAF_RATE_LIMIT: '', CULTUURGRAAF_AUTH_FAILURE_LIMIT: ' ' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('CULTUURGRAAF_RATE_LIMIT: is set but empty');
    expect(bad.stderr).toContain('CULTUURGRAAF_AUTH_FAILURE_LIMIT: is set but empty');
    const port = runCli(['serve', '--data-dir', join(dir, 'data')], { CULTUURGRAAF_PORT: 'eighty' });
    expect(port.status).toBe(2);
    expect(port.stderr).toMatch(/^ {2}CULTUURGRAAF_PORT: /m);
    expect(port.stderr).not.toContain('--port');
  });

  it('fails with a clear message and exit code 2 on bad configuration', () => {
    const result = runCli(['serve', '--port', 'eighty', '--query-timeout', '-5', '--admin-token', 'short']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port:');
    expect(result.stderr).toContain('--query-timeout:');
    expect(result.stderr).toContain('--admin-token: the admin token must have at least 16 characters');
  });

  it('fails with a clear message and exit code 1 on bad input, writing nothing', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const broken = join(dir, 'broken.ttl');
    writeFileSync(broken, '<a> <b> .\n');
    const result = runCli(['load', broken, '--dataset', 'd', '--data-dir', data]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: .*broken\.ttl.*line 1/m);
    expect(JSON.parse(runCli(['stats', '--data-dir', data, '--json']).stdout)).toMatchObject({ changeLogHead: 0 });
    expect(runCli(['load', join(dir, 'missing.ttl'), '--dataset', 'd', '--data-dir', data]).stderr).toMatch(/missing\.ttl/);
    expect(runCli(['load', broken, '--dataset', 'd', '--data-dir', data, '--format', 'xml']).stderr).toMatch(/--format: must be one of turtle, ntriples, nquads, trig, rdfxml or jsonld, not "xml"/);
    expect(runCli(['dump', '--dataset', 'nope', '--data-dir', data]).stderr).toMatch(/Dataset "nope" does not exist/);
  });

  it('names a data dir that holds no store, or cannot hold one, and creates nothing', () => {
    const dir = tempDir();
    const missing = join(dir, 'typo');
    for (const command of [['stats'], ['dump']]) {
      const result = runCli([...command, '--data-dir', missing]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`error: There is no record store in ${missing} (--data-dir)`);
    }
    expect(existsSync(missing)).toBe(false);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const load = runCli(['load', sampleFile(dir), '--dataset', 'd', '--data-dir', file]);
    expect(load.status).toBe(1);
    expect(load.stderr).toMatch(/^error: Cannot open the record store in .*a-file \(--data-dir\)/m);
    expect(load.stderr).not.toMatch(/\n\s+at /);
  });

  it('loads every RDF file of a directory, and names a missing path', () => {
    const dir = tempDir();
    const input = join(dir, 'export');
    mkdirSync(join(input, 'deel2'), { recursive: true });
    writeFileSync(join(input, 'objects.ttl'), TURTLE);
    writeFileSync(join(input, 'deel2', 'agent.nt'), '<https://data.example.be/a> <http://www.w3.org/2000/01/rdf-schema#label> "Maes"@nl .\n');
    writeFileSync(join(input, 'notes.txt'), 'not RDF');
    const data = join(dir, 'data');
    const result = runCli(['load', input, '--dataset', 'museum', '--data-dir', data]);
    expect(result.stdout).toMatch(/Loaded 4 records \(9 quads\) from 2 file\(s\)/);
    const missing = runCli(['load', join(dir, 'nope.ttl'), '--dataset', 'museum', '--data-dir', data]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*nope\.ttl does not exist\.$/m);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(runCli(['load', empty, '--dataset', 'museum', '--data-dir', data]).stderr).toMatch(/empty holds no RDF files/);
  });

  it('stops quietly when the reader of a dump goes away', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    runCli(['load', sampleFile(dir), '--dataset', 'museum', '--data-dir', data]);
    const dump = spawnCli(['dump', '--data-dir', data]);
    const output = collectOutput(dump);
    dump.stdout?.once('data', () => dump.stdout?.destroy());
    expect(await exited(dump)).toEqual({ code: 0, signal: null });
    expect(output.stderr()).not.toMatch(/EPIPE|Error/);
  });

  it('says which port is taken, without a stack trace, and exits', async () => {
    const dir = tempDir();
    const first = spawnCli(['serve', '--data-dir', join(dir, 'a'), '--port', '0']);
    const firstOutput = collectOutput(first);
    const port = await waitFor(() => /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(firstOutput.stderr())?.[1]);
    const second = spawnCli(['serve', '--data-dir', join(dir, 'b'), '--port', port]);
    const secondOutput = collectOutput(second);
    expect(await exited(second)).toEqual({ code: 1, signal: null });
    expect(secondOutput.stderr()).toContain(`error: Port ${port} on 127.0.0.1 is already in use`);
    expect(secondOutput.stderr()).not.toMatch(/\n\s+at /);
    first.kill('SIGTERM');
    await exited(first);
  });

  it('refuses a second server on a data dir in use, leaving the first one\'s uploads; a killed server leaves it free', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const first = spawnCli(['serve', '--data-dir', data, '--port', '0']);
    const firstOutput = collectOutput(first);
    await waitFor(() => /"url":"http:\/\/127\.0\.0\.1:\d+"/.exec(firstOutput.stderr())?.[0]);
    // An upload the first server is working on.
    const upload = join(data, 'uploads', '5b1c0d2e-0000-4000-8000-000000000000');
    mkdirSync(upload, { recursive: true });
    writeFileSync(join(upload, 'objecten.csv'), 'objectnummer;titel\n1;Stoel\n');

    const second = runCli(['serve', '--data-dir', data, '--port', '0']);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`error: Another cultuurgraaf server is using the data dir ${data} (it holds ${join(data, 'server.lock')}). Stop that one first, or give this one another --data-dir`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(join(data, 'uploads'))).toHaveLength(1);
    // Commands that only write through the store still work beside it.
    expect(runCli(['load', sampleFile(dir), '--dataset', 'museum', '--data-dir', data]).status).toBe(0);

    first.kill('SIGKILL');
    await exited(first);
    const third = spawnCli(['serve', '--data-dir', data, '--port', '0']);
    const thirdOutput = collectOutput(third);
    await waitFor(() => /"url":"http:\/\/127\.0\.0\.1:\d+"/.exec(thirdOutput.stderr())?.[0]);
    third.kill('SIGTERM');
    expect(await exited(third)).toEqual({ code: 0, signal: null });
  });

  it('serves while `load` writes beside it: new records answer within a second', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const server = spawnCli(['serve', '--data-dir', data, '--port', '0', '--log-level', 'info']);
    const output = collectOutput(server);
    const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output.stderr())?.[1]);
    await waitFor(async () => ((await fetch(`${url}/ready`)).ok ? true : undefined));
    const count = async (): Promise<number> => {
      const response = await fetch(`${url}/sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
        body: 'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }',
      });
      const json = (await response.json()) as { results: { bindings: Array<{ n: { value: string } }> } };
      return Number(json.results.bindings[0]?.n.value);
    };
    expect(await count()).toBe(0);

    const load = runCli(['load', sampleFile(dir), '--dataset', 'museum', '--data-dir', data]);
    expect(load.status).toBe(0);
    const loadedAt = performance.now();
    await waitFor(async () => ((await count()) === 3 ? true : undefined), 5000, 20);
    expect(performance.now() - loadedAt).toBeLessThan(1000);

    server.kill('SIGTERM');
    expect(await exited(server)).toEqual({ code: 0, signal: null });
  });

  it('shuts down gracefully on SIGTERM, finishing requests in flight', async () => {
    const dir = tempDir();
    const server = spawnCli(['serve', '--data-dir', join(dir, 'data'), '--port', '0', '--demo']);
    const output = collectOutput(server);
    const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output.stderr())?.[1]);
    await waitFor(async () => ((await fetch(`${url}/ready`)).ok ? true : undefined));
    const inFlight = fetch(`${url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'text/csv' },
      body: 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?f }',
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await exited(server)).toEqual({ code: 0, signal: null });
    expect(output.stderr()).toContain('shutting down');
  });
});
