import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { SH } from '../../src/vocab/vocabularies.js';
import { CLI, exited, ROOT, runCli, spawnCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { count, startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server.js';

const EXAMPLE_CSV = new URL('../../oslo-mappings/collection-csv/example/objecten.csv', import.meta.url).pathname;
const EXAMPLE = readFileSync(EXAMPLE_CSV, 'utf8');
const OBJECT = (dataset: string, nr: string): string => `http://localhost:8080/id/object/${dataset}/${nr}`;
const REPORT_NS = 'urn:cultuurgraaf:report#';
const MAPPINGS = ['actors-csv', 'collection-csv', 'oslo-cultureel-erfgoed', 'oslo-ldes', 'productions-csv', 'uitdatabank'];
/** Row 4 (line 5) of the example with a height that is not a number: the mapping rejects it. */
const REJECTED_ROW = EXAMPLE.replace(/^(MSK-DEMO-104;.*?;)31;/m, '$131 cm;');

/** Runs `cultuurgraaf <args>` without blocking the event loop, so an in-process server keeps serving. */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  // 'close', not 'exit': only then has all output arrived.
  return new Promise((resolve) => {
    child.once('close', (status) => { resolve({ status, stdout, stderr }); });
  });
}

/** `text` written to a fresh temp file called `name`. */
function variant(name: string, text: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

/** Windows-1252 bytes: Latin-1 for the letters this test uses, plus the euro sign and the en dash. */
function cp1252(text: string): Buffer {
  const special: Record<string, number> = { '€': 0x80, '–': 0x96 };
  return Buffer.from(Array.from(text, (c) => special[c] ?? c.charCodeAt(0)));
}

/** The live records of a dataset, as `cultuurgraaf dump` writes them. */
function dumpDataset(dataDir: string, dataset: string): string {
  const dump = runCli(['dump', '--data-dir', dataDir, '--dataset', dataset]);
  expect(dump.status).toBe(0);
  return dump.stdout;
}

interface StatsRow { dataset: string; kind: string; records: number; deleted: number }

/** `cultuurgraaf stats --json`. */
function stats(dataDir: string): { changeLogHead: number; rows: StatsRow[] } {
  const result = runCli(['stats', '--data-dir', dataDir, '--json']);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { changeLogHead: number; rows: StatsRow[] };
}

function graphsOf(dump: string): string[] {
  return [...new Set(dump.trimEnd().split('\n').filter(Boolean).map((line) => /<([^>]+)> \.$/.exec(line)?.[1] ?? ''))].sort();
}

interface JsonReport {
  runId?: string;
  status: string;
  dataset: string;
  mapping: string;
  source: string;
  error?: string;
  summary: Record<string, unknown>;
  report: Array<{ severity: string; position: Record<string, unknown>; path?: string; value?: string; message: string; record?: string }>;
}

describe('cultuurgraaf mappings', () => {
  it('lists the six mappings, one line each with its description, and as JSON', async () => {
    const [text, json] = await Promise.all([cli(['mappings']), cli(['mappings', '--json'])]);
    expect(text.status).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(MAPPINGS);
    const listed = JSON.parse(json.stdout) as Array<{ name: string; input: string; profile: string; description: string }>;
    expect(listed.map((m) => m.name)).toEqual(MAPPINGS);
    for (const [i, mapping] of listed.entries()) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'oslo-mappings', mapping.name, 'mapping.json'), 'utf8')) as { description: string; input: string; profile: string };
      expect(mapping).toEqual({ name: mapping.name, input: manifest.input, profile: manifest.profile, description: manifest.description });
      expect(lines[i]).toMatch(new RegExp(`^${mapping.name} +${manifest.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    }
  });
});

describe('cultuurgraaf ingest on a stopped server', () => {
  it('ingests with a summary table, changes nothing when run again, and with --replace deletes what the input dropped', async () => {
    const data = join(tempDir(), 'data');
    const args = ['--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', data];
    // Not a terminal: progress comes as log lines on stderr, the report on stdout.
    const first = await cli(['ingest', EXAMPLE_CSV, ...args]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Ingested objecten\.csv into "msk" with collection-csv \(run [0-9a-f-]{36}\)\n/);
    expect(first.stdout).toMatch(/^ {2}items read +6$/m);
    expect(first.stdout).toMatch(/^ {2}records written +10 {2}\(created 10, updated 0, unchanged 0\)$/m);
    expect(first.stdout).toMatch(/^ {2}items rejected +0 {2}\(records 0\)$/m);
    expect(first.stdout).toMatch(/^ {2}records deleted +0$/m);
    expect(first.stdout).toMatch(/^ {2}input +encoding "utf-8", delimiter ";"$/m);
    const logged = first.stderr.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; done?: number; total?: number });
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'ingesting objecten.csv', done: 6, total: 6 }));
    const before = stats(data);
    expect(before.rows).toEqual([
      expect.objectContaining({ dataset: 'msk', kind: 'agent', records: 4, deleted: 0 }),
      expect.objectContaining({ dataset: 'msk', kind: 'object', records: 6, deleted: 0 }),
    ]);

    const again = await cli(['ingest', EXAMPLE_CSV, ...args, '--log-level', 'warn']);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/records written +10 {2}\(created 0, updated 0, unchanged 10\)/);
    expect(stats(data).changeLogHead).toBe(before.changeLogHead);

    const shorter = variant('objecten.csv', EXAMPLE.split('\n').filter((line) => !/^MSK-DEMO-10[35];/.test(line)).join('\n'));
    const replace = await cli(['ingest', shorter, ...args, '--log-level', 'warn', '--replace']);
    expect(replace.status).toBe(0);
    expect(replace.stdout).toMatch(/^ {2}records deleted +2$/m);
    expect(replace.stdout).toMatch(/records written +8 {2}\(created 0, updated 0, unchanged 8\)/);
    const graphs = graphsOf(dumpDataset(data, 'msk'));
    expect(graphs.filter((g) => g.includes('/id/object/'))).toEqual(['101', '102', '104', '106'].map((nr) => OBJECT('msk', `MSK-DEMO-${nr}`)));
    expect(stats(data).rows).toContainEqual(expect.objectContaining({ kind: 'object', records: 4, deleted: 2 }));
  });

  it('shows a progress bar on a terminal', () => {
    const data = join(tempDir(), 'data');
    const command = [process.execPath, CLI, 'ingest', EXAMPLE_CSV, '--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', data, '--log-level', 'warn']
      .map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
    // script(1) gives the command a pseudo-terminal, so stderr is a TTY as in an interactive shell.
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm' }, timeout: 60_000 });
    expect(tty.error).toBeUndefined();
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/ingesting objecten\.csv \|[█░]+\| 100% 6\/6 records/);
    expect(tty.stdout).toContain('Ingested objecten.csv into "msk"');
  });

  it('exits 3 when items are rejected, reports them as JSON with file, line and column, and stores the rest', async () => {
    const data = join(tempDir(), 'data');
    const file = variant('objecten-fout.csv', REJECTED_ROW);
    const result = await cli(['ingest', file, '--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', data, '--log-level', 'warn', '--report-format', 'json']);
    expect(result.status).toBe(3);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report).toMatchObject({ status: 'succeeded', dataset: 'msk', mapping: 'collection-csv', source: 'objecten-fout.csv', summary: { items: 6, rejectedItems: 1 } });
    expect(report.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.report.filter((e) => e.severity === 'error')).toEqual([
      expect.objectContaining({ position: { source: 'objecten-fout.csv', line: 5, row: 4 }, path: 'hoogte', value: '31 cm', message: expect.stringMatching(/not a number/) as unknown }),
    ]);
    const graphs = graphsOf(dumpDataset(data, 'msk'));
    expect(graphs).not.toContain(OBJECT('msk', 'MSK-DEMO-104'));
    expect(graphs).toEqual(expect.arrayContaining(['101', '102', '103', '105', '106'].map((nr) => OBJECT('msk', `MSK-DEMO-${nr}`))));
  });

  it('writes a SHACL ValidationReport in Turtle to --report, leaving standard output to the caller', async () => {
    const dir = tempDir();
    const reportFile = join(dir, 'rapport.ttl');
    const result = await cli(['ingest', variant('objecten-fout.csv', REJECTED_ROW), '--dataset', 'msk', '--mapping', 'collection-csv',
      '--data-dir', join(dir, 'data'), '--log-level', 'warn', '--report-format', 'turtle', '--report', reportFile]);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    // The terminal still hears how the run went.
    expect(result.stderr).toMatch(/objecten-fout\.csv: \d+ items read, \d+ records created, 0 updated, 0 unchanged, 0 deleted; 1 items rejected, \d+ warnings; report in .*rapport\.ttl/);
    const quads = new Parser({ format: 'text/turtle' }).parse(readFileSync(reportFile, 'utf8'));
    const objects = (subject: string, predicate: string): string[] => quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object.value);
    const [report] = quads.filter((q) => q.object.value === SH.ValidationReport).map((q) => q.subject.value);
    expect(report).toBeDefined();
    expect(objects(report ?? '', SH.conforms)).toEqual(['false']);
    const results = objects(report ?? '', SH.result);
    const violations = results.filter((r) => objects(r, SH.resultSeverity)[0] === SH.Violation);
    expect(violations).toHaveLength(1);
    const violation = violations[0] ?? '';
    expect({
      focus: objects(violation, SH.focusNode), file: objects(violation, `${REPORT_NS}sourceFile`), line: objects(violation, `${REPORT_NS}sourceLine`),
      row: objects(violation, `${REPORT_NS}sourceRow`), column: objects(violation, `${REPORT_NS}sourceColumn`), value: objects(violation, SH.value),
    }).toEqual({
      focus: ['urn:cultuurgraaf:source:objecten-fout.csv#row=4'], file: ['objecten-fout.csv'], line: ['5'], row: ['4'], column: ['hoogte'], value: ['31 cm'],
    });
    // The OSLO recommendations the other rows miss are warnings, with the shape that says so.
    const warnings = results.filter((r) => objects(r, SH.resultSeverity)[0] === SH.Warning);
    expect(warnings.length).toBeGreaterThan(0);
    expect(objects(warnings[0] ?? '', SH.sourceShape)[0]).toMatch(/^urn:cultuurgraaf:shapes:cultureel-erfgoed#/);
  });
});

describe('cultuurgraaf validate', () => {
  it('is a dry run: reports, exits like ingest, and writes nothing anywhere', async () => {
    const scratch = tempDir();
    const data = join(tempDir(), 'data');
    // No data dir option exists for validate; the variable must not make it write one either.
    const env = { TMPDIR: scratch, CULTUURGRAAF_DATA_DIR: data };
    const [ok, rejected, broken] = await Promise.all([
      cli(['validate', EXAMPLE_CSV, '--mapping', 'collection-csv', '--log-level', 'warn'], env),
      cli(['validate', variant('objecten-fout.csv', REJECTED_ROW), '--mapping', 'collection-csv', '--log-level', 'warn', '--report-format', 'json', '--dataset', 'msk'], env),
      cli(['validate', variant('kapot.csv', 'objectnummer;titel\nA1;"Stoel"x\n'), '--mapping', 'collection-csv', '--log-level', 'warn'], env),
    ]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Validated objecten\.csv with collection-csv \(dry run for dataset "preview": nothing written\)\n/);
    expect(ok.stdout).toMatch(/^ {2}records valid +10$/m);
    expect(ok.stdout).not.toMatch(/records written|records deleted/);

    expect(rejected.status).toBe(3);
    const report = JSON.parse(rejected.stdout) as JsonReport;
    expect(report.runId).toBeUndefined();
    expect(report.summary).toMatchObject({ items: 6, rejectedItems: 1, records: 9 });
    // --dataset only names the IRIs a dry run mints.
    expect(report.report.filter((e) => e.record !== undefined).map((e) => e.record)).toContain(OBJECT('msk', 'MSK-DEMO-106'));

    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^Could not validate kapot\.csv/);
    // Nothing was read: no table of zeros before the error.
    expect(broken.stdout).not.toContain('items read');
    expect(broken.stdout).toMatch(/error: kapot\.csv line 2, column 2: /);

    // With the report in a file, the line on standard error counts valid records, not created ones.
    const reportFile = join(tempDir(), 'rapport.txt');
    const withReport = await cli(['validate', EXAMPLE_CSV, '--mapping', 'collection-csv', '--log-level', 'warn', '--report', reportFile], env);
    expect(withReport.stderr).toMatch(/^objecten\.csv: 6 items read, 10 records valid; 0 items rejected, \d+ warnings; report in .*rapport\.txt$/m);

    expect(existsSync(data)).toBe(false);
    expect(readdirSync(scratch)).toEqual([]);
  });
});

describe('exit codes for usage mistakes', () => {
  it('exits 2 naming the bad option, lists the known mappings for an unknown one, and creates no data dir', async () => {
    const data = join(tempDir(), 'data');
    const ingest = ['ingest', EXAMPLE_CSV, '--data-dir', data];
    const results = await Promise.all([
      cli([...ingest, '--mapping', 'collection-csv']),
      cli([...ingest, '--dataset', 'msk', '--mapping', 'collectie']),
      cli(['validate', EXAMPLE_CSV, '--mapping', 'collectie']),
      cli([...ingest, '--dataset', 'msk', '--mapping', 'collection-csv', '--report-format', 'xml']),
      cli([...ingest, '--dataset', 'msk', '--mapping', 'collection-csv', '--bogus']),
      cli(['ingest', '--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', data]),
      cli(['validate', EXAMPLE_CSV]),
    ]);
    expect(results.map((r) => r.status)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    const [noDataset, unknown, unknownValidate, badFormat, bogus, noSource, noMapping] = results.map((r) => r.stderr);
    expect(noDataset).toContain('--dataset: required, and not given');
    expect(noMapping).toContain(`--mapping: required; the mappings are ${MAPPINGS.join(', ')}`);
    for (const message of [unknown, unknownValidate]) {
      expect(message).toContain(`--mapping: There is no mapping "collectie"; known mappings: ${MAPPINGS.join(', ')}.`);
      expect(message).not.toMatch(/\n\s+at /);
    }
    expect(badFormat).toMatch(/--report-format: must be one of text, json or turtle, not "\w+"/);
    expect(bogus).toContain("unknown option '--bogus'");
    expect(noSource).toContain("missing required argument 'source'");
    expect(existsSync(data)).toBe(false);
  });
});

describe('bad input', () => {
  it('fails with exit 1 naming file, line and column for malformed CSV, JSON and Turtle, and stores nothing', async () => {
    const data = join(tempDir(), 'data');
    const csv = variant('objecten.csv', EXAMPLE.replace('MSK-DEMO-103;schilderij;Portret', 'MSK-DEMO-103;schilderij;"Portret"x'));
    const json = variant('events.json', '[\n  {"@id": "https://io.uitdatabank.be/event/1",\n   "name": {"nl": oops}}\n]\n');
    const turtle = variant('page.ttl', '@prefix tree: <https://w3id.org/tree#> .\n<https://example.org/ldes> tree:member <https://example.org/m1> , .\n');
    const xlsx = variant('objecten.xlsx', 'PK\u0003\u0004 not really a workbook');
    const run = (file: string, mapping: string, dataset: string, ...extra: string[]): Promise<CliResult> =>
      cli(['ingest', file, '--dataset', dataset, '--mapping', mapping, '--data-dir', data, '--log-level', 'warn', ...extra]);
    const [csvRun, jsonRun, turtleRun, xlsxRun] = await Promise.all([
      // Batches of one record: the rows before the bad one would land if the input were not checked first.
      run(csv, 'collection-csv', 'a', '--batch-size', '1'), run(json, 'uitdatabank', 'b'), run(turtle, 'oslo-ldes', 'c'), run(xlsx, 'collection-csv', 'd'),
    ]);
    expect([csvRun.status, jsonRun.status, turtleRun.status, xlsxRun.status]).toEqual([1, 1, 1, 1]);
    expect(csvRun.stdout).toMatch(/^Could not ingest objecten\.csv into "a"/);
    expect(csvRun.stdout).toMatch(/^error: objecten\.csv line 4, column 3: /m);
    expect(jsonRun.stdout).toMatch(/^error: events\.json line 3, column 19: /m);
    expect(turtleRun.stdout).toMatch(/^error: page\.ttl line 2, column 67: \S/m);
    expect(xlsxRun.stdout).toMatch(/^error: objecten\.xlsx cannot be read as an XLSX workbook/m);
    for (const result of [csvRun, jsonRun, turtleRun, xlsxRun]) expect(result.stderr).toBe('');
    expect(stats(data)).toEqual({ changeLogHead: 0, rows: [] });
  });

  it('names a missing input file without a stack trace', async () => {
    const data = join(tempDir(), 'data');
    const result = await cli(['ingest', join(tempDir(), 'weg.csv'), '--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', data, '--log-level', 'warn']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^error: weg\.csv does not exist\.$/m);
    expect(result.stderr).toBe('');
  });

  it('warns about a column the mapping does not read, and still ingests', async () => {
    const [header = '', ...rows] = EXAMPLE.trim().split('\n');
    const extra = variant('objecten.csv', [`${header};standplaats`, ...rows.map((row) => `${row};depot 3`)].join('\n'));
    const result = await cli(['validate', extra, '--mapping', 'collection-csv', '--log-level', 'warn']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^warning +objecten\.csv line 1 +standplaats: .*standplaats/m);
    expect(result.stdout).toMatch(/^ {2}records valid +10$/m);
  });

  it('reads a Windows-1252 CSV so that é, ë, € and – come through, and says which encoding it read', async () => {
    const data = join(tempDir(), 'data');
    const text = EXAMPLE.replace('Zicht op de Leie', 'Café aan de Leië').replace('Riviergezicht met bomen en een roeiboot.', 'Riviergezicht – geschat op €5.');
    const result = await cli(['ingest', variant('objecten.csv', cp1252(text)), '--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', data, '--log-level', 'warn']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}input +encoding "windows-1252", delimiter ";"$/m);
    const dump = dumpDataset(data, 'msk');
    expect(dump).toContain('"Café aan de Leië"@nl');
    expect(dump).toContain('Riviergezicht – geschat op €5.');
  });

  it('reports invalid UTF-8, late in a file or beside UTF-8 accents, instead of storing mangled text', async () => {
    const data = join(tempDir(), 'data');
    const badRow = Buffer.from('MSK-DEMO-199;stoel;Caf\xe9;;;;;;;;;;;;;;;;;;\n', 'latin1');
    // Past the 64 KiB the encoding is guessed from.
    const filler = Array.from({ length: 2000 }, (_, i) => `MSK-X-${i};stoel;Stoel ${i};;;;;;;;;;;;;;;;;;`).join('\n');
    const late = variant('laat.csv', Buffer.concat([Buffer.from(`${EXAMPLE}${filler}\n`), badRow]));
    // UTF-8 é in the title, and one stray Windows-1252 é a few rows on.
    const mixed = variant('gemengd.csv', Buffer.concat([Buffer.from(EXAMPLE.replace('Zicht op de Leie', 'Café aan de Leie')), badRow]));
    const json = variant('events.ndjson', Buffer.concat([Buffer.from('{"@id": "https://io.uitdatabank.be/event/1", "name": {"nl": "Caf'), Buffer.from([0xe9]), Buffer.from('"}}\n')]));
    const run = (file: string, mapping: string, dataset: string): Promise<CliResult> =>
      cli(['ingest', file, '--dataset', dataset, '--mapping', mapping, '--data-dir', data, '--log-level', 'warn']);
    const results = await Promise.all([run(late, 'collection-csv', 'a'), run(mixed, 'collection-csv', 'b'), run(json, 'uitdatabank', 'c')]);
    expect(results.map((r) => r.status)).toEqual([1, 1, 1]);
    const [lateRun, mixedRun, jsonRun] = results.map((r) => r.stdout);
    const before = `${EXAMPLE}${filler}\n`;
    const lateLine = before.split('\n').length;
    const lateByte = Buffer.byteLength(before) + 'MSK-DEMO-199;stoel;Caf'.length;
    expect(lateByte).toBeGreaterThan(64 * 1024);
    expect(lateRun).toMatch(new RegExp(`error: laat\\.csv is not valid utf-8 on line ${lateLine}, column \\d+: byte ${lateByte} is 0xE9; save it as UTF-8\\.\\n`));
    expect(mixedRun).toMatch(/^error: gemengd\.csv is not valid utf-8 on line \d+, column \d+: byte \d+ is 0xE9; save it as UTF-8\.$/m);
    expect(jsonRun).toMatch(/^error: events\.ndjson is not valid utf-8/m);
    expect(stats(data)).toEqual({ changeLogHead: 0, rows: [] });
  });
});

describe('cultuurgraaf ingest, interrupted', () => {
  it('refuses a --report it could not write before it stores anything', () => {
    const dir = tempDir();
    const result = runCli(['ingest', EXAMPLE_CSV, '--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', join(dir, 'data'),
      '--report', join(dir, 'no-such-folder', 'report.txt')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--report: the folder ${join(dir, 'no-such-folder')} does not exist or cannot be written to.`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('records the run as interrupted on Ctrl-C, keeps the batches written, and audits it', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const [header = '', ...rows] = EXAMPLE.trim().split('\n');
    const many = Array.from({ length: 4000 }, (_, i) => (rows[i % rows.length] ?? '').replace(/^MSK-DEMO-\d+/, `MSK-INT-${i}`));
    const input = join(dir, 'veel.csv');
    writeFileSync(input, `${header}\n${many.join('\n')}\n`);
    const child = spawnCli(['ingest', input, '--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', data, '--threads', '1', '--batch-size', '100', '--log-level', 'warn']);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    // Wait for the first batches to be written.
    const written = (): number => {
      if (!existsSync(join(data, 'cultuurgraaf.sqlite'))) return 0;
      const db = new Database(join(data, 'cultuurgraaf.sqlite'), { readonly: true, timeout: 5000 });
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM records WHERE kind = 'object'").get() as { n: number }).n;
      } catch {
        return 0;
      } finally {
        db.close();
      }
    };
    for (let i = 0; i < 600 && written() < 200; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    const { code } = await exited(child);
    expect(code).toBe(130);
    expect(stderr).toMatch(/Interrupted: run \S+ is recorded as failed/);
    const db = new Database(join(data, 'cultuurgraaf.sqlite'), { readonly: true });
    try {
      const run = db.prepare('SELECT id, status, error FROM ingest_runs').get() as { id: string; status: string; error: string };
      expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('Interrupted (SIGINT)') as unknown });
      const objects = (db.prepare("SELECT COUNT(*) AS n FROM records WHERE kind = 'object'").get() as { n: number }).n;
      expect(objects).toBeGreaterThanOrEqual(200);
      expect(objects).toBeLessThan(4000);
      const audit = db.prepare("SELECT details FROM audit_log WHERE action = 'ingest'").all() as Array<{ details: string }>;
      expect(audit.map((entry) => JSON.parse(entry.details) as Record<string, unknown>)).toEqual([expect.objectContaining({ run: run.id, interrupted: true })]);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe('cultuurgraaf ingest beside a running server', () => {
  it('writes into the served data dir while the server answers and ingests an upload, without corrupting it', async () => {
    const data = join(tempDir(), 'data');
    const server = await startTestServer(data);
    try {
      const objects = (dataset: string): Promise<number> => count(server,
        `SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "http://localhost:8080/id/object/${dataset}/")) }`);
      expect(await objects('msk')).toBe(0);
      const form = new FormData();
      form.set('mapping', 'collection-csv');
      form.set('file', new Blob([EXAMPLE]), 'objecten.csv');
      const ingest = cli(['ingest', EXAMPLE_CSV, '--dataset', 'msk', '--mapping', 'collection-csv', '--data-dir', data, '--log-level', 'warn']);
      const upload = await fetch(`${server.url}/api/datasets/upload/ingest`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, body: form });
      expect(upload.status).toBe(202);
      const { id } = (await upload.json()) as { id: string };
      // The server keeps answering queries while both write.
      let answered = 0;
      const cliRun = { done: false };
      const cliDone = ingest.finally(() => { cliRun.done = true; });
      while (!cliRun.done) {
        await objects('msk');
        answered++;
      }
      const result = await cliDone;
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(answered).toBeGreaterThan(0);
      const runStatus = async (): Promise<string> => {
        const response = await fetch(`${server.url}/api/runs/${id}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
        return ((await response.json()) as { status: string }).status;
      };
      for (let i = 0; i < 300 && !['succeeded', 'failed'].includes(await runStatus()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await runStatus()).toBe('succeeded');
      for (let i = 0; i < 100 && ((await objects('msk')) < 6 || (await objects('upload')) < 6); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect([await objects('msk'), await objects('upload')]).toEqual([6, 6]);
    } finally {
      await server.close();
    }
    const db = new Database(join(data, 'cultuurgraaf.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    expect(stats(data).rows.map((r) => [r.dataset, r.kind, r.records])).toEqual([
      ['msk', 'agent', 4], ['msk', 'object', 6], ['upload', 'agent', 4], ['upload', 'object', 6],
    ]);
  });
});
