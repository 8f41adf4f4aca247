import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { SH } from '../../src/vocab/vocabularies.js';
import { waitFor } from '../helpers/cli.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { count, select, startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const EXAMPLE = readFileSync(new URL('../../oslo-mappings/collection-csv/example/objecten.csv', import.meta.url), 'utf8');
const OBJECTS = (dataset: string): string => `http://localhost:8080/id/object/${dataset}/`;
const MAX_UPLOAD = 64 * 1024;
const AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

interface Run {
  id: string;
  dataset: string;
  mapping: string;
  source: string;
  replace: boolean;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  createdAt: string;
  finishedAt?: string;
  summary: Record<string, number>;
  report: Array<{ severity: string; message: string; position: Record<string, unknown> }>;
  error?: string;
}

let server: TestServer;
const temp = sharedTempDir();

beforeAll(async () => {
  server = await startTestServer(temp.dir, { maxUpload: MAX_UPLOAD });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

interface UploadOptions {
  readonly mapping?: string;
  readonly replace?: string;
  readonly file?: { readonly name: string; readonly content: string | Uint8Array } | null;
  readonly headers?: Record<string, string>;
}

/** POSTs a multipart upload to `/api/datasets/{dataset}/ingest`, by default the example CSV with the admin token. */
function upload(dataset: string, options: UploadOptions = {}): Promise<Response> {
  const form = new FormData();
  if (options.mapping !== '') form.set('mapping', options.mapping ?? 'collection-csv');
  if (options.replace !== undefined) form.set('replace', options.replace);
  const file = options.file === undefined ? { name: 'objecten.csv', content: EXAMPLE } : options.file;
  if (file) form.set('file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]), file.name);
  return fetch(`${server.url}/api/datasets/${dataset}/ingest`, { method: 'POST', headers: options.headers ?? AUTH, body: form });
}

/** Uploads and returns the run id of the 202 answer. */
async function submit(dataset: string, options: UploadOptions = {}): Promise<string> {
  const response = await upload(dataset, options);
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

async function getRun(id: string): Promise<Run> {
  const response = await fetch(`${server.url}/api/runs/${id}`, { headers: AUTH });
  expect(response.status).toBe(200);
  return (await response.json()) as Run;
}

/** Polls the run until it ended. */
function ended(id: string): Promise<Run> {
  return waitFor(async () => {
    const run = await getRun(id);
    return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
  }, 30_000, 50);
}

/** Object records of a dataset the SPARQL endpoint serves. */
function servedObjects(dataset: string): Promise<string[]> {
  return select(server, `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${OBJECTS(dataset)}")) }`)
    .then((rows) => rows.map((row) => (row.g ?? '').slice(OBJECTS(dataset).length)).sort());
}

/** Waits until the SPARQL index serves `expected` for the dataset (it catches up asynchronously). */
async function expectServed(dataset: string, expected: readonly string[]): Promise<void> {
  await waitFor(async () => (JSON.stringify(await servedObjects(dataset)) === JSON.stringify(expected) ? true : undefined), 10_000).catch(() => undefined);
  expect(await servedObjects(dataset)).toEqual(expected);
}

/** What the record store holds for a dataset, read beside the server as `cultuurgraaf stats` does. */
function stored(dataset: string): Array<{ kind: string; records: number; deleted: number }> {
  const store = SqliteRecordStore.open(temp.dir, { create: false });
  try {
    return store.stats().filter((row) => row.dataset === dataset).map(({ kind, records, deleted }) => ({ kind, records, deleted }));
  } finally {
    store.close();
  }
}

/** Upload folders left in the data dir: each is removed when its upload is refused, or just after its run ended. */
function uploadsLeft(): string[] {
  const folder = join(temp.dir, 'uploads');
  return existsSync(folder) ? readdirSync(folder) : [];
}

/** Waits for the upload folders of ended runs to go: the server removes them once it hears the run ended. */
async function expectUploadsRemoved(): Promise<void> {
  await waitFor(() => (uploadsLeft().length === 0 ? true : undefined), 5_000).catch(() => undefined);
  expect(uploadsLeft()).toEqual([]);
}

async function problem(response: Response): Promise<{ status: number; code: string; detail: string }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return { status: response.status, ...((await response.json()) as { code: string; detail: string }) };
}

/** The example with `extra` more rows, each a chair of its own. */
function longer(extra: number): string {
  const rows = Array.from({ length: extra }, (_, i) => `MSK-EXTRA-${i};stoel;Stoel ${i};;;;;;;eik;;${40 + (i % 10)};;;cm;;aankoop;Museum voor Schone Kunsten Gent;;;`);
  return `${EXAMPLE.trimEnd()}\n${rows.join('\n')}\n`;
}

describe('POST /api/datasets/{id}/ingest and GET /api/runs/{id}', () => {
  it('refuses a missing or wrong admin token with 401, storing no upload', async () => {
    const answers = await Promise.all([
      upload('msk', { headers: {} }),
      upload('msk', { headers: { authorization: 'Bearer not-the-admin-token-at-all' } }),
      upload('msk', { headers: { authorization: `Basic ${Buffer.from(`admin:${TEST_ADMIN_TOKEN}`).toString('base64')}` } }),
      fetch(`${server.url}/api/runs/00000000-0000-0000-0000-000000000000`),
      fetch(`${server.url}/api/runs/00000000-0000-0000-0000-000000000000`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } }),
    ]);
    const problems = await Promise.all(answers.map(problem));
    expect(problems.map((p) => [p.status, p.code])).toEqual(Array.from({ length: 5 }, () => [401, 'UNAUTHORIZED']));
    expect(problems[0]?.detail).toContain('Authorization: Bearer <token>');
    expect(problems[1]?.detail).toContain('not valid');
    expect(uploadsLeft()).toEqual([]);
    expect(stored('msk')).toEqual([]);
  });

  it('answers 202 with a run id, runs the upload, serves its records and reports it as JSON, text and Turtle', async () => {
    const response = await upload('msk');
    expect(response.status).toBe(202);
    const body = (await response.json()) as { id: string; status: string; run: string };
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown, status: 'queued', run: `/api/runs/${body.id}` });
    expect(response.headers.get('location')).toBe(`/api/runs/${body.id}`);

    const run = await ended(body.id);
    expect(run).toMatchObject({
      id: body.id, dataset: 'msk', mapping: 'collection-csv', source: 'objecten.csv', replace: false, status: 'succeeded', outcome: 'accepted',
      summary: { items: 6, records: 10, created: 10, rejectedItems: 0 },
    });
    expect(run.finishedAt).toBeDefined();
    expect(run.report.length).toBe(run.summary.warnings);
    await expectServed('msk', ['MSK-DEMO-101', 'MSK-DEMO-102', 'MSK-DEMO-103', 'MSK-DEMO-104', 'MSK-DEMO-105', 'MSK-DEMO-106']);
    await expectUploadsRemoved();

    const runUrl = `${server.url}/api/runs/${body.id}`;
    const [json, text, turtle, bad] = await Promise.all(['json', 'text', 'turtle', 'xml'].map((format) => fetch(`${runUrl}?format=${format}`, { headers: AUTH })));
    expect(await json?.json()).toEqual(run);
    expect(text?.headers.get('content-type')).toMatch(/^text\/plain/);
    const summary = await text?.text();
    expect(summary).toMatch(new RegExp(`^Ingested objecten\\.csv into "msk" with collection-csv \\(run ${body.id}\\)\\n`));
    expect(summary).toMatch(/^ {2}records written +10 {2}\(created 10, updated 0, unchanged 0\)$/m);
    expect(turtle?.headers.get('content-type')).toMatch(/^text\/turtle/);
    const quads = new Parser({ format: 'text/turtle' }).parse(await turtle?.text() ?? '');
    expect(quads.some((q) => q.object.value === SH.ValidationReport)).toBe(true);
    expect(quads.find((q) => q.predicate.value === SH.conforms)?.object.value).toBe('true');
    expect(quads.filter((q) => q.predicate.value === SH.result)).toHaveLength(run.report.length);
    expect(await problem(bad as Response)).toMatchObject({ status: 400, detail: 'format must be one of text, json, turtle.' });
  });

  it('answers 404 for an unknown run', async () => {
    const answer = await problem(await fetch(`${server.url}/api/runs/no-such-run`, { headers: AUTH }));
    expect(answer).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'There is no ingest run no-such-run.' });
  });

  it('refuses a file over --max-upload with 413 and keeps nothing of it', async () => {
    const big = longer(1000);
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_UPLOAD);
    const answer = await problem(await upload('groot', { file: { name: 'groot.csv', content: big } }));
    expect(answer).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(answer.detail).toBe(`The uploaded file exceeds the limit of ${MAX_UPLOAD} bytes (--max-upload).`);
    expect(uploadsLeft()).toEqual([]);
    expect(stored('groot')).toEqual([]);
  });

  it('refuses a form it cannot run with 4xx: an unknown mapping names the known ones', async () => {
    const [unknown, noMapping, noFile, badDataset, notMultipart] = await Promise.all([
      upload('msk', { mapping: 'collectie' }),
      upload('msk', { mapping: '' }),
      upload('msk', { file: null }),
      upload('Not A Dataset!'),
      fetch(`${server.url}/api/datasets/msk/ingest`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{"mapping":"collection-csv"}' }),
    ].map(async (response) => problem(await response)));
    expect(unknown).toMatchObject({
      status: 400, detail: 'There is no mapping "collectie"; known mappings: actors-csv, collection-csv, oslo-cultureel-erfgoed, oslo-ldes, productions-csv, uitdatabank.',
    });
    expect(noMapping).toMatchObject({ status: 400, detail: expect.stringContaining('"mapping"') as unknown });
    expect(noFile).toMatchObject({ status: 400, detail: 'The form holds no file.' });
    expect(badDataset?.status).toBe(400);
    expect(notMultipart).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(uploadsLeft()).toEqual([]);
  });

  it('runs two queued uploads one after the other, and both finish', async () => {
    // The first is long enough to be still under way when the second arrives.
    const first = await submit('eerste', { file: { name: 'lang.csv', content: longer(60) } });
    const second = await submit('tweede');
    expect((await getRun(second)).status).toBe('queued');
    expect(['queued', 'running']).toContain((await getRun(first)).status);
    const seen: Array<[string, string]> = [];
    const [a, b] = await waitFor(async () => {
      // The second first: were it running while the first still ran, the first would read as running after it.
      const later = await getRun(second);
      const earlier = await getRun(first);
      seen.push([earlier.status, later.status]);
      return [earlier, later].every((run) => run.status === 'succeeded' || run.status === 'failed') ? [earlier, later] as const : undefined;
    }, 30_000, 20);
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    expect(seen.filter(([x, y]) => x === 'running' && y === 'running')).toEqual([]);
    expect(seen.some(([x, y]) => x === 'running' && y === 'queued')).toBe(true);
    expect(Date.parse(b.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(a.finishedAt ?? ''));
    expect([a.summary.items, b.summary.items]).toEqual([66, 6]);
    expect(stored('eerste')).toContainEqual({ kind: 'object', records: 66, deleted: 0 });
    expect(stored('tweede')).toContainEqual({ kind: 'object', records: 6, deleted: 0 });
    await expectUploadsRemoved();
  });

  it('with replace=true marks the records the upload no longer holds deleted, but keeps those of rejected rows', async () => {
    await ended(await submit('vervang'));
    const shorter = EXAMPLE.split('\n').filter((line) => !/^MSK-DEMO-10[35];/.test(line)).join('\n');
    const run = await ended(await submit('vervang', { replace: 'true', file: { name: 'objecten.csv', content: shorter } }));
    expect(run).toMatchObject({ status: 'succeeded', replace: true, summary: { deleted: 2, created: 0, updated: 0 } });
    await expectServed('vervang', ['MSK-DEMO-101', 'MSK-DEMO-102', 'MSK-DEMO-104', 'MSK-DEMO-106']);
    expect(stored('vervang')).toContainEqual({ kind: 'object', records: 4, deleted: 2 });
    // Without replace, an upload of one row deletes nothing.
    const plain = await ended(await submit('vervang', { file: { name: 'objecten.csv', content: shorter.split('\n').slice(0, 2).join('\n') } }));
    expect(plain.summary.deleted).toBe(0);
    // A row rejected for a bad cell still counts as seen: its stored record stays.
    const badCell = EXAMPLE.replace(/^(MSK-DEMO-104;.*?;)31;/m, '$131 cm;');
    const again = await ended(await submit('vervang', { replace: 'true', file: { name: 'objecten.csv', content: badCell } }));
    expect(again).toMatchObject({ status: 'succeeded', outcome: 'partly rejected', summary: { rejectedItems: 1, deleted: 0, created: 2 } });
    // A run every item of which was rejected stored nothing, and says so, though it ran to its end.
    const allBad = await ended(await submit('vervang', { file: { name: 'objecten.csv', content: badCell.split('\n').filter((line, i) => i === 0 || line.startsWith('MSK-DEMO-104;')).join('\n') } }));
    expect(allBad).toMatchObject({ status: 'succeeded', outcome: 'rejected', summary: { items: 1, rejectedItems: 1 } });
    await expectServed('vervang', ['MSK-DEMO-101', 'MSK-DEMO-102', 'MSK-DEMO-103', 'MSK-DEMO-104', 'MSK-DEMO-105', 'MSK-DEMO-106']);
  });

  it('records a malformed upload as a failed run naming file, line and column, and stores nothing of it', async () => {
    const broken = EXAMPLE.replace('MSK-DEMO-103;schilderij;Portret', 'MSK-DEMO-103;schilderij;"Portret"x');
    const run = await ended(await submit('kapot', { file: { name: 'export mei.csv', content: broken } }));
    expect(run.status).toBe('failed');
    expect(run).not.toHaveProperty('outcome');
    expect(run.error).toMatch(/^export mei\.csv line 4, column 3: /);
    expect(stored('kapot')).toEqual([]);
    const text = await (await fetch(`${server.url}/api/runs/${run.id}?format=text`, { headers: AUTH })).text();
    expect(text).toMatch(/^Could not ingest export mei\.csv into "kapot"/);
    await expectUploadsRemoved();
  });

  it('reads an uploaded Windows-1252 CSV so that its accents come through, and names it as the user did', async () => {
    const text = EXAMPLE.replace('Zicht op de Leie', 'Café aan de Leië');
    const run = await ended(await submit('accent', { file: { name: 'collectie België.csv', content: Buffer.from(text, 'latin1') } }));
    // Reported under the name the user gave the file, accents and spaces kept.
    expect(run).toMatchObject({ source: 'collectie België.csv', status: 'succeeded', summary: { dialect: { encoding: 'windows-1252' } } });
    await waitFor(async () => ((await count(server, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p "Café aan de Leië"@nl } }`)) === 1 ? true : undefined), 10_000);
  });
});
