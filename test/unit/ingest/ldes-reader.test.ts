import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { InvalidInputError } from '../../../src/domain/errors.js';
import type { DocumentLoader } from '../../../src/ingest/mapping/json-lift.js';
import { openLdes, type LdesOptions } from '../../../src/ingest/sources/ldes-reader.js';
import type { SourceHandle, SourceItem } from '../../../src/ingest/sources/source-item.js';
import { tempDir } from '../../helpers/temp-dir.js';

const EX = 'https://example.org/';
const TREE = 'https://w3id.org/tree#';
const CONTEXT_URL = 'https://example.org/ns/context.jsonld';

/** The one context pages may use; the reader must get it from the loader, never from the web. */
const CONTEXT = {
  '@context': {
    tree: TREE, ex: EX, rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    member: { '@id': 'tree:member', '@type': '@id' },
    relation: { '@id': 'tree:relation', '@type': '@id' },
    node: { '@id': 'tree:node', '@type': '@id' },
    name: 'rdfs:label',
    maker: { '@id': 'ex:maker', '@type': '@id' },
  },
};
const loader: DocumentLoader = (url) => url === CONTEXT_URL
  ? Promise.resolve({ contextUrl: undefined, documentUrl: url, document: CONTEXT })
  : Promise.reject(new InvalidInputError(`The JSON-LD context <${url}> is not bundled.`));

/** Pages the loopback server serves: content type and body, by path. */
function pages(origin: string): Record<string, { type: string; body: string }> {
  const jsonld = (body: unknown): { type: string; body: string } => ({ type: 'application/ld+json', body: JSON.stringify(body) });
  return {
    // The stream itself: no members, a view.
    '/stream': jsonld({ '@context': CONTEXT_URL, '@id': `${origin}/ldes#stream`, '@type': 'https://w3id.org/ldes#EventStream', 'tree:view': { '@id': `${origin}/ldes/1` } }),
    // Page 1: JSON-LD with embedded members that share an agent, and a relation to page 2.
    '/ldes/1': jsonld({
      '@context': CONTEXT_URL,
      '@id': `${origin}/ldes#stream`,
      member: [
        { '@id': `${EX}m1`, name: 'Stoel', maker: { '@id': `${EX}agent/a`, name: 'Elise Maes' }, 'ex:part': { name: 'zitting' } },
        { '@id': `${EX}m2`, name: 'Tafel', maker: { '@id': `${EX}agent/a`, name: 'Elise Maes' } },
      ],
      'tree:view': { '@id': `${origin}/ldes/1`, relation: [{ '@type': 'tree:GreaterThanRelation', node: `${origin}/ldes/2` }] },
    }),
    // Page 2: Turtle, linking to page 3 and back to page 1 (a cycle).
    '/ldes/2': {
      type: 'text/turtle; charset=utf-8',
      body: `@prefix tree: <${TREE}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<${origin}/ldes#stream> tree:member <${EX}m3> .
<${EX}m3> rdfs:label "Kast"@nl .
<> tree:relation [ a tree:LessThanRelation ; tree:node <${origin}/ldes/1> ] , [ a tree:Relation ; tree:node <3> ] .`,
    },
    // Page 3: flattened JSON-LD (a member described in @graph through a blank node id), linking to 2 and to 1#x.
    '/ldes/3': jsonld({
      '@context': CONTEXT_URL,
      '@graph': [
        { '@id': `${origin}/ldes#stream`, member: [`${EX}m4`] },
        { '@id': `${EX}m4`, name: 'Lamp', 'ex:part': { '@id': '_:kap' } },
        { '@id': '_:kap', name: 'kap' },
        { '@id': `${origin}/ldes/3`, relation: [{ node: `${origin}/ldes/2` }, { node: `${origin}/ldes/1#x` }] },
      ],
    }),
    '/broken/1': jsonld({ '@context': CONTEXT_URL, '@id': `${origin}/broken/1`, relation: { node: `${origin}/missing` }, member: [] }),
    '/malformed': { type: 'application/ld+json', body: '{\n  "@context": "x",\n  "member": [1, 2,, 3]\n}' },
    '/html': { type: 'text/html', body: '<html></html>' },
    '/remote-context': jsonld({ '@context': 'https://unbundled.example.org/context.jsonld', member: [] }),
    '/nd': { type: 'application/x-ndjson', body: `{"@id":"${EX}n1","@context":{"l":"http://www.w3.org/2000/01/rdf-schema#label"},"l":"een"}\n\n{"@id":"${EX}n2"}\n` },
  };
}

let server: Server;
let origin = '';
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const chain = /^\/chain\/(\d+)$/.exec(path);
    const page = chain
      ? { type: 'application/ld+json', body: JSON.stringify({ '@context': CONTEXT_URL, '@id': `${origin}${path}`, relation: { node: `${origin}/chain/${Number(chain[1]) + 1}` } }) }
      : pages(origin)[path];
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    response.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
});

/** Opens an LDES that is disposed of when the test finishes, whatever happens in it. */
async function open(source: string, options: Partial<LdesOptions> = {}): Promise<SourceHandle> {
  const handle = await openLdes(source, { loader, baseIri: EX, ...options });
  onTestFinished(() => handle.dispose());
  return handle;
}

async function collect(handle: SourceHandle): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of handle.items()) items.push(item);
  return items;
}

/** The triples of an RDF item, as `subject predicate object` lines with blank nodes as `_`. */
function triples(item: SourceItem | undefined): string[] {
  if (item?.kind !== 'rdf') throw new Error(`expected an rdf item, got ${item?.kind ?? 'nothing'}`);
  const show = (term: { termType: string; value: string }): string => (term.termType === 'BlankNode' ? '_' : term.value);
  return new Parser({ format: 'application/n-quads' }).parse(item.nquads)
    .map((q) => `${show(q.subject)} ${show(q.predicate)} ${show(q.object)}`).sort();
}

async function failure(promise: Promise<unknown>): Promise<InvalidInputError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

const ldesDirs = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith('cultuurgraaf-ldes-'));

describe('openLdes over HTTP', () => {
  it('crawls every page once from the stream through a relation cycle, reads JSON-LD and Turtle pages, and reads twice without fetching again', async () => {
    hits.clear();
    const before = ldesDirs().length;
    const handle = await open(`${origin}/stream`);
    const first = await collect(handle);
    expect(first.map((item) => [item.position.source, item.position.id])).toEqual([
      [`${origin}/ldes/1`, `${EX}m1`], [`${origin}/ldes/1`, `${EX}m2`], [`${origin}/ldes/2`, `${EX}m3`], [`${origin}/ldes/3`, `${EX}m4`],
    ]);
    expect(Object.fromEntries(hits)).toEqual({ '/stream': 1, '/ldes/1': 1, '/ldes/2': 1, '/ldes/3': 1 });
    expect(ldesDirs()).toHaveLength(before + 1);

    const second = await collect(handle);
    expect(second).toEqual(first);
    expect(Object.fromEntries(hits)).toEqual({ '/stream': 1, '/ldes/1': 1, '/ldes/2': 1, '/ldes/3': 1 });
    await handle.dispose();
    expect(ldesDirs()).toHaveLength(before);
  });

  it('gives a member its own triples, its blank nodes and the nodes it refers to, but no other member and no stream structure', async () => {
    const handle = await open(`${origin}/ldes/1`);
    const [m1, m2, m3, m4] = await collect(handle);
    const label = 'http://www.w3.org/2000/01/rdf-schema#label';
    expect(triples(m1)).toEqual([
      `_ ${label} zitting`, `${EX}agent/a ${label} Elise Maes`,
      `${EX}m1 ${EX}maker ${EX}agent/a`, `${EX}m1 ${EX}part _`, `${EX}m1 ${label} Stoel`,
    ].sort());
    expect(triples(m2)).toEqual([`${EX}agent/a ${label} Elise Maes`, `${EX}m2 ${EX}maker ${EX}agent/a`, `${EX}m2 ${label} Tafel`].sort());
    expect(triples(m3)).toEqual([`${EX}m3 ${label} Kast`]);
    expect(triples(m4)).toEqual([`_ ${label} kap`, `${EX}m4 ${EX}part _`, `${EX}m4 ${label} Lamp`].sort());
  });

  it('asks the loader for contexts and never fetches one', async () => {
    hits.clear();
    const handle = await open(`${origin}/remote-context`);
    const error = await failure(collect(handle));
    expect(error.message).toBe(`${origin}/remote-context is not JSON-LD this server reads: The JSON-LD context <https://unbundled.example.org/context.jsonld> is not bundled.`);
    expect([...hits.keys()]).toEqual(['/remote-context']);
  });

  it('names the page that answers an HTTP error', async () => {
    const handle = await open(`${origin}/broken/1`);
    const error = await failure(collect(handle));
    expect(error.message).toBe(`The LDES page ${origin}/missing answered 404 Not Found.`);
    expect(error.extensions).toMatchObject({ file: `${origin}/missing`, status: 404 });
    // A second read meets the same error rather than a silently shorter stream.
    await failure(collect(handle));
  });

  it('names the line and column of malformed JSON', async () => {
    const handle = await open(`${origin}/malformed`);
    const error = await failure(collect(handle));
    expect(error.message).toBe(`${origin}/malformed line 3, column 19: unexpected character ",".`);
    expect(error.extensions).toMatchObject({ line: 3, column: 19 });
  });

  it('refuses a page that is neither JSON-LD nor RDF', async () => {
    const handle = await open(`${origin}/html`);
    expect((await failure(collect(handle))).message).toBe(`The LDES page ${origin}/html is text/html, not JSON-LD, Turtle, N-Triples, N-Quads, TriG or RDF/XML.`);
  });

  it('stops at the page limit, naming the page it did not read', async () => {
    hits.clear();
    const handle = await open(`${origin}/chain/1`, { maxPages: 3 });
    const error = await failure(collect(handle));
    expect(error.message).toBe(`The LDES ${origin}/chain/1 has more than 3 pages, the limit; <${origin}/chain/4> was not read.`);
    expect([...hits.keys()]).toEqual(['/chain/1', '/chain/2', '/chain/3']);
  });

  it('reads a page of JSON lines as members with their own contexts', async () => {
    const handle = await open(`${origin}/nd`);
    const items = await collect(handle);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'json', position: { source: `${origin}/nd`, line: 1, id: `${EX}n1` }, value: { '@id': `${EX}n1`, '@context': { l: 'http://www.w3.org/2000/01/rdf-schema#label' }, l: 'een' } }),
      expect.objectContaining({ kind: 'json', position: { source: `${origin}/nd`, line: 3, id: `${EX}n2` }, value: { '@id': `${EX}n2` } }),
    ]);
  });

  it('uses the fetch it is given', async () => {
    const requested: string[] = [];
    const fake: typeof fetch = (input) => {
      requested.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response(`<${EX}s> <${TREE}member> <${EX}m> .\n<${EX}m> <${EX}p> "o" .\n`, { headers: { 'content-type': 'application/n-triples' } }));
    };
    const handle = await open('https://ldes.example.org/page', { fetch: fake });
    const items = await collect(handle);
    expect(requested).toEqual(['https://ldes.example.org/page']);
    expect(items.map((item) => item.position)).toEqual([{ source: 'https://ldes.example.org/page', id: `${EX}m` }]);
  });
});

describe('openLdes over a local file', () => {
  it('reads JSON lines of members, one json item per line with its line and member IRI', async () => {
    const file = join(tempDir(), 'members.ndjson');
    writeFileSync(file, `{"@id":"${EX}a","@type":"${EX}T"}\n\n{"@context":{"x":"${EX}"},"@id":"${EX}b"}\n`);
    const handle = await open(file);
    const items = await collect(handle);
    expect(handle.name).toBe('members.ndjson');
    expect(items.map((item) => [item.kind, item.position])).toEqual([
      ['json', { source: 'members.ndjson', line: 1, id: `${EX}a` }],
      ['json', { source: 'members.ndjson', line: 3, id: `${EX}b` }],
    ]);
    expect(await collect(handle)).toEqual(items);
  });

  it('passes a member line too large to map whole on unread, saying why, and a page too large to parse whole is refused', async () => {
    const file = join(tempDir(), 'members.ndjson');
    const lines = [`{"@id":"${EX}a"}`, `{"@id":"${EX}b","x":"${'y'.repeat(100)}"}`];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const itemLimits = { worker: 10, whole: 60 };
    const items = await collect(await open(file, { itemLimits }));
    expect(items.map((item) => [item.position, item.kind === 'json' ? [item.value === undefined, item.size, item.unreadable?.slice(0, 38)] : []])).toEqual([
      [{ source: 'members.ndjson', line: 1, id: `${EX}a` }, [false, lines[0]?.length, undefined]],
      [{ source: 'members.ndjson', line: 2 }, [true, lines[1]?.length, 'is 0.1 MB of JSON, more than the 0 MB ']],
    ]);
    const page = join(tempDir(), 'page.jsonld');
    writeFileSync(page, JSON.stringify({ '@context': CONTEXT_URL, '@id': 'stream', member: [{ '@id': 'objects/1', name: 'y'.repeat(100) }] }));
    const error = await failure(collect(await open(page, { itemLimits })));
    expect(error.message).toMatch(/^page\.jsonld is 0\.1 MB, larger than the 0 MB a page may have \(it is parsed whole\); give the members as JSON lines/);
  });

  it('names the line and column of a malformed member line', async () => {
    const file = join(tempDir(), 'members.ndjson');
    writeFileSync(file, `{"@id":"${EX}a"}\n{"@id": "${EX}b" "x": 1}\n`);
    const handle = await open(file);
    const error = await failure(collect(handle));
    expect(error.message).toBe('members.ndjson line 2, column 33: expected \',\' or \'}\' after a property value.');
  });

  it('reads a JSON-LD page with tree:member', async () => {
    const file = join(tempDir(), 'page.jsonld');
    writeFileSync(file, JSON.stringify({
      '@context': CONTEXT_URL, '@id': 'stream', member: [{ '@id': 'objects/1', name: 'Stoel' }], relation: { node: 'https://elsewhere.example.org/2' },
    }));
    const handle = await open(file, { name: 'upload.jsonld' });
    const items = await collect(handle);
    expect(items.map((item) => item.position)).toEqual([{ source: 'upload.jsonld', id: `${EX}objects/1` }]);
    expect(triples(items[0])).toEqual([`${EX}objects/1 http://www.w3.org/2000/01/rdf-schema#label Stoel`]);
  });

  it('reads a page whose members are included nodes that name their stream (memberOf, the reverse of tree:member)', async () => {
    const file = join(tempDir(), 'included.jsonld');
    writeFileSync(file, JSON.stringify({
      '@context': [CONTEXT_URL, { memberOf: { '@reverse': 'tree:member', '@type': '@id' } }],
      '@id': `${EX}stream?page=1`,
      '@included': [
        { '@id': `${EX}v/1`, memberOf: `${EX}stream`, name: 'Stoel' },
        { '@id': `${EX}v/2`, memberOf: `${EX}stream`, '@context': { title: 'http://purl.org/dc/terms/title' }, title: 'Tafel' },
      ],
      relation: [{ '@type': 'tree:LessThanRelation', node: `${EX}stream?page=0` }],
    }));
    const handle = await open(file);
    const items = await collect(handle);
    expect(items.map((item) => item.position.id)).toEqual([`${EX}v/1`, `${EX}v/2`]);
    expect(triples(items[0])).toEqual([`${EX}v/1 http://www.w3.org/2000/01/rdf-schema#label Stoel`]);
    expect(triples(items[1])).toEqual([`${EX}v/2 http://purl.org/dc/terms/title Tafel`]);
  });

  it('reads a Turtle page', async () => {
    const file = join(tempDir(), 'page.ttl');
    writeFileSync(file, `@prefix tree: <${TREE}> .\n<stream> tree:member <m/1>, <m/2> .\n<m/1> <${EX}p> [ <${EX}q> 1 ] .\n<m/2> <${EX}p> <m/1> .\n`);
    const handle = await open(file);
    const [first, second] = await collect(handle);
    expect(triples(first)).toEqual([`_ ${EX}q 1`, `${EX}m/1 ${EX}p _`].sort());
    // A member refers to another member without taking in its description.
    expect(triples(second)).toEqual([`${EX}m/2 ${EX}p ${EX}m/1`]);
  });

  it('reads an RDF/XML page, the same on every read, and names the line and column of malformed XML', async () => {
    const dir = tempDir();
    const file = join(dir, 'page.rdf');
    writeFileSync(file, `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:tree="${TREE}" xmlns:ex="${EX}" xml:base="${EX}">
  <rdf:Description rdf:about="stream"><tree:member rdf:resource="m/1"/><tree:member rdf:resource="m/2"/></rdf:Description>
  <rdf:Description rdf:about="m/1"><ex:p rdf:parseType="Resource"><ex:q>1</ex:q></ex:p></rdf:Description>
  <rdf:Description rdf:about="m/2"><ex:p rdf:resource="m/1"/></rdf:Description>
</rdf:RDF>
`);
    const handle = await open(file);
    const [first, second] = await collect(handle);
    expect(triples(first)).toEqual([`_ ${EX}q 1`, `${EX}m/1 ${EX}p _`].sort());
    expect(triples(second)).toEqual([`${EX}m/2 ${EX}p ${EX}m/1`]);
    expect(await collect(handle)).toEqual([first, second]);
    const broken = join(dir, 'kapot.rdf');
    writeFileSync(broken, '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n  <rdf:Description rdf:about="http://ex.org/a" xmlns:ex="http://ex.org/">\n   <ex:foo>bar\n  </rdf:Description>\n</rdf:RDF>\n');
    expect((await failure(collect(await open(broken)))).message).toMatch(/^kapot\.rdf line 5, column \d+: /);
  });

  it('refuses a document that is not an LDES page, a missing file and an unknown file type', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plain.json'), JSON.stringify({ '@context': CONTEXT_URL, '@id': 'x', name: 'no stream here' }));
    const plain = await open(join(dir, 'plain.json'));
    expect((await failure(collect(plain))).message).toBe('plain.json is not an LDES page: it says nothing with the TREE or LDES vocabulary (no tree:member, tree:relation or tree:view).');
    expect((await failure(openLdes(join(dir, 'absent.ndjson'), { loader, baseIri: EX }))).message).toBe(`${join(dir, 'absent.ndjson')} does not exist.`);
    expect((await failure(openLdes(join(dir, 'data.csv'), { loader, baseIri: EX }))).message).toMatch(/^data\.csv is not an LDES this server reads/);
  });
});

describe('openLdes: page sizes over HTTP', () => {
  it('reads a page of JSON lines larger than a page parsed whole may be, each line within the item size; refuses such a JSON-LD page', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `{"@id":"${EX}m${i}"}`).join('\n');
    const answer = (type: string): typeof fetch => () => Promise.resolve(new Response(lines, { headers: { 'content-type': type } }));
    const itemLimits = { worker: 10, whole: 100 };
    expect(await collect(await open('https://ldes.example.org/nd', { fetch: answer('application/x-ndjson'), itemLimits }))).toHaveLength(20);
    const error = await failure(collect(await open('https://ldes.example.org/page', { fetch: answer('application/ld+json'), itemLimits })));
    expect(error.message).toBe('The LDES page https://ldes.example.org/page is larger than 0 MB, the most a page may have: it is parsed whole; give the members as JSON lines (.ndjson) instead.');
  });
});
