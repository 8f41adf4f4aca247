import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { ROOT } from '../helpers/cli.js';
import { importFixtureList } from '../helpers/term-lists.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';

const AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const MATERIALS_CSV = readFileSync(join(ROOT, 'fixtures/terms/materialen.csv'));

describe('term lists over HTTP', () => {
  const temp = sharedTempDir('term-lists-http-');
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(join(temp.dir, 'data'));
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const upload = (list: string, file: { name: string; content: string | Buffer }, fields: Record<string, string> = {}, headers: Record<string, string> = AUTH): Promise<Response> => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set('file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]), file.name);
    return fetch(`${server.url}/api/term-lists/${list}/import`, { method: 'POST', headers, body: form });
  };
  const graphql = async (query: string): Promise<unknown> => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return ((await response.json()) as { data: unknown }).data;
  };

  it('imports a list with its metadata, answers with the summary, and GraphQL finds its terms at once', async () => {
    const response = await upload('materialen', { name: 'materialen.csv', content: MATERIALS_CSV }, { metadata: JSON.stringify({ name: { nl: 'Materialen' }, topics: ['materials'] }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      listIri: `${server.baseIri}id/term-list/materialen`, concepts: 6, created: 7,
      list: { id: 'materialen', concepts: 6, metadata: { name: { nl: 'Materialen' }, topics: [`${server.baseIri}id/topic/materials`] } },
    });
    expect(await graphql(`{ terms(sources: ["${server.baseIri}id/term-list/materialen"], query: "brons") { result { ... on Terms { terms { uri } } } } }`))
      .toEqual({ terms: [{ result: { terms: [{ uri: `${server.baseIri}id/concept/materialen/brons` }] } }] });
    // Network of Terms clients find the reconciliation service of a source in its features.
    const sources = await graphql('{ sources { uri features { type url } } }') as { sources: Array<{ features: Array<{ type: string; url: string }> }> };
    const reconcile = sources.sources[0]?.features.find((feature) => feature.type === 'RECONCILIATION')?.url;
    expect(reconcile).toBe(`${server.url}/reconcile/materialen`);
    expect(await (await fetch(reconcile ?? '')).json()).toMatchObject({ versions: ['0.2'] });
    const lists = await (await fetch(`${server.url}/api/term-lists`)).json() as Array<{ id: string }>;
    expect(lists.map((list) => list.id)).toEqual(['materialen']);
  });

  it('describes a list with PUT, keeping what the body leaves out, and reads it back', async () => {
    const put = await fetch(`${server.url}/api/term-lists/materialen`, {
      method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ description: { nl: 'Materialen van erfgoedobjecten.' }, license: 'http://creativecommons.org/publicdomain/zero/1.0/' }),
    });
    expect(put.status).toBe(200);
    const read: unknown = await (await fetch(`${server.url}/api/term-lists/materialen`)).json();
    expect(read).toMatchObject({
      concepts: 6,
      metadata: { name: { nl: 'Materialen' }, description: { nl: 'Materialen van erfgoedobjecten.' }, license: 'http://creativecommons.org/publicdomain/zero/1.0/' },
    });
    expect((await fetch(`${server.url}/api/term-lists/onbekend`)).status).toBe(404);
  });

  it('answers for a list imported beside the running server (as the CLI does) at once', async () => {
    const records = SqliteRecordStore.open(join(temp.dir, 'data'));
    try {
      await importFixtureList(records, 'plaatsen');
    } finally {
      records.close();
    }
    expect(await graphql('{ terms(sources: ["https://example.org/plaatsen/"], query: "gent") { result { ... on Terms { terms { uri } } } } }'))
      .toEqual({ terms: [{ result: { terms: [{ uri: 'https://example.org/plaatsen/gent' }] } }] });
  });

  it('refuses writes without the admin token, bad fields and broken files, and changes nothing', async () => {
    expect((await upload('materialen', { name: 'materialen.csv', content: MATERIALS_CSV }, {}, {})).status).toBe(401);
    const badFormat = await upload('materialen', { name: 'materialen.csv', content: MATERIALS_CSV }, { format: 'pdf' });
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toMatchObject({ detail: 'format must be one of skos, sheet, geonames, wikidata, turtle, ntriples, nquads, trig, rdfxml, jsonld; got "pdf".' });
    const badMetadata = await fetch(`${server.url}/api/term-lists/materialen`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ topics: ['stenen'] }) });
    expect(badMetadata.status).toBe(400);
    // A name as plain text, and fields it does not have: said in words, with the field meant.
    const plain = await fetch(`${server.url}/api/term-lists/materialen`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Materialen', topic: ['materials'], title: 'x' }) });
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { detail: string }).detail).toBe('The body is not valid term list metadata: name: must give a text per language, such as {"nl": "Materialen", "en": "Materials"}; '
      + 'no field "topic" (did you mean "topics"?), "title"; the fields are name, alternateName, description, publisher, maintainers, topics, languages, license, version, modified, homepage');
    // A map with a key that is no language tag, or an empty text, is told what its rule says.
    const keys = await fetch(`${server.url}/api/term-lists/materialen`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ name: { NL: 'Materialen' }, description: { nl: '' } }) });
    expect(((await keys.json()) as { detail: string }).detail).toBe('The body is not valid term list metadata: name.NL: keys are language tags such as "nl" or "en"; description.nl: must not be empty');
    const broken = await upload('materialen', { name: 'fout.ttl', content: '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<urn:a> a skos:Concept ;\n  skos:prefLabel "open .\n' });
    expect(broken.status).toBe(400);
    // Named as the client named it, not by where the server keeps the upload.
    expect(await broken.json()).toMatchObject({ code: 'INVALID_INPUT', detail: expect.stringMatching(/^fout\.ttl line 3/) as unknown, file: 'fout.ttl' });
    const list: unknown = await (await fetch(`${server.url}/api/term-lists/materialen`)).json();
    expect(list).toMatchObject({ concepts: 6, metadata: { name: { nl: 'Materialen' } } });
    // /reconcile/preview is the preview card's: no list can take its name.
    const reserved = await fetch(`${server.url}/api/term-lists/preview`, { method: 'PUT', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ name: { nl: 'Voorbeeld' } }) });
    expect(reserved.status).toBe(400);
    expect(await reserved.json()).toMatchObject({ detail: '"preview" is not a term list id: "preview" names a part of the reconciliation service (/reconcile/preview); the reserved names are preview, view, suggest, extend.' });
  });

  it('imports a GeoNames dump with its alternate names as a second file, and SKOS in a syntax it is told', async () => {
    const geonames = (extra: Record<string, { name: string; content: Buffer }>, fields: Record<string, string> = {}): Promise<Response> => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      form.set('file', new Blob([new Uint8Array(readFileSync(join(ROOT, 'fixtures/terms/geonames/BE-sample.txt')))]), 'BE-sample.txt');
      for (const [field, file] of Object.entries(extra)) form.append(field, new Blob([new Uint8Array(file.content)]), file.name);
      return fetch(`${server.url}/api/term-lists/geo/import`, { method: 'POST', headers: AUTH, body: form });
    };
    const names = { name: 'alternateNamesV2-sample.txt', content: readFileSync(join(ROOT, 'fixtures/terms/geonames/alternateNamesV2-sample.txt')) };
    const without = await (await geonames({})).json() as { labels: number };
    const withNames = await geonames({ alternateNames: names });
    expect(withNames.status).toBe(200);
    expect((await withNames.json() as { labels: number }).labels).toBeGreaterThan(without.labels);
    const twice = await geonames({ file: names });
    expect(twice.status).toBe(400);
    expect(await twice.json()).toMatchObject({ detail: expect.stringMatching(/^The form holds more than one file; send one/) as unknown });
    const sheet = await upload('materialen', { name: 'materialen.csv', content: MATERIALS_CSV });
    expect(sheet.status).toBe(200);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(MATERIALS_CSV)]), 'materialen.csv');
    form.set('alternateNames', new Blob([new Uint8Array(names.content)]), names.name);
    const namesWithSheet = await fetch(`${server.url}/api/term-lists/materialen/import`, { method: 'POST', headers: AUTH, body: form });
    expect(namesWithSheet.status).toBe(400);
    expect(await namesWithSheet.json()).toMatchObject({ detail: expect.stringMatching(/^Alternate names go with a GeoNames dump only/) as unknown });

    const turtle = '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://example.org/k/a> a skos:Concept ; skos:prefLabel "aap"@nl .\n';
    const unknownExtension = await upload('kort', { name: 'lijst.skos', content: turtle });
    expect(unknownExtension.status).toBe(400);
    expect(await unknownExtension.json()).toMatchObject({ detail: expect.stringMatching(/^Cannot tell the format of lijst\.skos from its extension .*; name it with --format \(over HTTP, the format field\): skos, sheet/) as unknown });
    const told = await upload('kort', { name: 'lijst.skos', content: turtle }, { format: 'turtle' });
    expect(told.status).toBe(200);
    expect(await told.json()).toMatchObject({ concepts: 1, labels: 1 });
  });
});
