import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRecordStore } from '../../src/store/sqlite-record-store.js';
import { MAX_SEPARATE_LOOKUPS, SparqlTermSources, type RemoteAnswer } from '../../src/terms/sparql-term-source.js';
import { loadTermSourceCatalog, type RemoteTermSource } from '../../src/terms/term-source-catalog.js';
import { importFixtureList } from '../helpers/term-lists.js';
import { sharedTempDir } from '../helpers/temp-dir.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const HEALTHY = 'https://example.org/plaatsen/';
const SLOW = 'https://example.org/traag/';
const BROKEN = 'https://example.org/kapot/';
const TIMEOUT_MS = 500;

const SEARCH = `PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?uri a skos:Concept ; skos:prefLabel ?label ; skos:broader ?broader . ?broader skos:prefLabel ?broaderLabel . }
WHERE { ?uri a skos:Concept ; skos:prefLabel ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), LCASE(?query)))
  OPTIONAL { ?uri skos:broader ?broader . ?broader skos:prefLabel ?broaderLabel } }`;
const LOOKUP = `PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?uri a skos:Concept ; skos:prefLabel ?label . } WHERE { ?uri a skos:Concept ; skos:prefLabel ?label . }`;

/** A catalog entry for a loopback source. */
function entry(iri: string, name: string, endpoint: string, queries: string): string {
  return `@prefix schema: <https://schema.org/> .
<${iri}> a schema:Dataset ; schema:name "${name}"@nl ; schema:description "Test source ${name}."@nl ;
  schema:creator [ schema:name "Test" ] ; schema:genre "places" ; schema:inLanguage "nl" ; schema:url "${iri}" ;
  schema:distribution [ a schema:DataDownload ; schema:encodingFormat "application/sparql-query" ; schema:contentUrl <${endpoint}> ;
    schema:potentialAction [ a schema:SearchAction ; schema:query "${queries}-search.rq" ] , [ a schema:FindAction ; schema:query "${queries}-lookup.rq" ] ] .
`;
}

describe('federation to remote SPARQL term sources', () => {
  const temp = sharedTempDir('federation-');
  let remote: TestServer;
  let server: TestServer;
  let endpoints: Server;
  const received: Record<string, string[]> & { authorization: string[] } = { healthy: [], slow: [], broken: [], authorization: [] };
  let base = '';

  beforeAll(async () => {
    // The "remote" source: another cultuurgraaf holding the places as SKOS, behind its /sparql.
    const remoteData = join(temp.dir, 'remote');
    const records = SqliteRecordStore.open(remoteData);
    try {
      await importFixtureList(records, 'plaatsen');
    } finally {
      records.close();
    }
    remote = await startTestServer(remoteData);
    // Loopback endpoints that record what they are sent: one passes on to the remote, one is slow, one fails.
    endpoints = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://loopback');
        const name = url.pathname.slice(1);
        // Comunica sends short queries by GET, long ones by POST.
        const query = url.searchParams.get('query') ?? new URLSearchParams(body).get('query') ?? '';
        received[name]?.push(query);
        if (name === 'stalling') {
          // Headers and the start of an answer, then nothing: the body never ends.
          res.writeHead(200, { 'content-type': 'application/n-triples' });
          res.write(`<${HEALTHY}gent> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept> .\n`);
          return;
        }
        if (name === 'breaking') {
          // The start of an answer, then the connection closes.
          res.writeHead(200, { 'content-type': 'application/n-triples' });
          res.write(`<${HEALTHY}gent> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/2004/02/skos/core#Concept> .\n<${HEALTHY}ge`);
          setTimeout(() => { res.socket?.destroy(); }, 50).unref();
          return;
        }
        if (name === 'html') {
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Onderhoud</body></html>');
          return;
        }
        if (name === 'protected') {
          received.authorization.push(req.headers.authorization ?? '');
          res.writeHead(401, { 'content-type': 'text/plain' }).end('who are you?');
          return;
        }
        if (name === 'broken') {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('the triple store is down');
        } else if (name === 'slow') {
          setTimeout(() => res.writeHead(200, { 'content-type': 'application/n-triples' }).end(''), TIMEOUT_MS * 3).unref();
        } else {
          fetch(`${remote.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: req.headers.accept ?? 'text/turtle' }, body: new URLSearchParams({ query }) })
            .then(async (answer) => { res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(await answer.text()); })
            .catch((error: unknown) => res.writeHead(502).end(String(error)));
        }
      });
    });
    await new Promise<void>((resolve) => endpoints.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(endpoints.address() as AddressInfo).port}`;
    const catalog = join(temp.dir, 'catalog');
    mkdirSync(catalog);
    writeFileSync(join(catalog, 'test-search.rq'), SEARCH);
    writeFileSync(join(catalog, 'test-lookup.rq'), LOOKUP);
    writeFileSync(join(catalog, 'healthy.ttl'), entry(HEALTHY, 'Gezond', `${base}/healthy`, 'test'));
    writeFileSync(join(catalog, 'slow.ttl'), entry(SLOW, 'Traag', `${base}/slow`, 'test'));
    writeFileSync(join(catalog, 'broken.ttl'), entry(BROKEN, 'Kapot', `${base}/broken`, 'test'));
    server = await startTestServer(join(temp.dir, 'data'), { catalog });
  });
  afterAll(async () => {
    await server.close();
    await remote.close();
    await new Promise((resolve) => endpoints.close(resolve));
    temp.remove();
  });

  const graphql = async (query: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return await response.json() as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  const search = (text: string): string => `{ terms(sources: ["${HEALTHY}", "${SLOW}", "${BROKEN}"], query: "${text}", timeoutMs: ${TIMEOUT_MS}) {
    source { uri } result { __typename ... on Terms { terms { uri prefLabel broader { uri prefLabel } } } ... on Error { message } } } }`;

  it('answers for the healthy source, and a TimeoutError and a ServerError for the others, within the timeout plus 100 ms', async () => {
    const started = performance.now();
    const response = await graphql(search('niklaas'));
    const elapsed = performance.now() - started;
    expect(response.errors).toBeUndefined();
    expect(response.data?.terms).toEqual([
      { source: { uri: HEALTHY }, result: { __typename: 'Terms', terms: [{ uri: `${HEALTHY}sint-niklaas`, prefLabel: ['Sint-Niklaas'], broader: [{ uri: `${HEALTHY}oost-vlaanderen`, prefLabel: ['Oost-Vlaanderen', 'East Flanders'] }] }] } },
      { source: { uri: SLOW }, result: { __typename: 'TimeoutError', message: `Source timed out after ${TIMEOUT_MS}ms` } },
      { source: { uri: BROKEN }, result: { __typename: 'ServerError', message: expect.stringContaining('HTTP 500') as unknown } },
    ]);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 100);
    // The words reached the endpoint as a literal in the query, not as query text.
    expect(received.healthy?.at(-1)).toContain('"niklaas"');
  });

  it('caches answers, stops asking a source that keeps failing, and reports each source\'s status', async () => {
    const asked = received.healthy?.length ?? 0;
    await graphql(search('niklaas'));
    expect(received.healthy).toHaveLength(asked);
    await graphql(search('gent'));
    await graphql(search('vlaanderen'));
    const brokenAsked = received.broken?.length ?? 0;
    expect(brokenAsked).toBe(3);
    const afterThree = await graphql(search('aalst'));
    expect(received.broken).toHaveLength(3);
    expect(JSON.stringify(afterThree.data)).toContain('failed 3 times in a row');
    const sources = await graphql('{ sources { uri status { isAvailable lastChecked } } }');
    const status = Object.fromEntries((sources.data?.sources as Array<{ uri: string; status: unknown }>).map((s) => [s.uri, s.status]));
    expect(status[HEALTHY]).toEqual({ isAvailable: true, lastChecked: expect.stringMatching(/^\d{4}-/) as unknown });
    expect(status[BROKEN]).toMatchObject({ isAvailable: false });
  });

  it('pages through a remote source\'s terms with limit and offset, with the total it returned', async () => {
    const page = async (args: string): Promise<{ terms: Array<{ uri: string }>; total: number }> => {
      const response = await graphql(`{ terms(sources: ["${HEALTHY}"], query: "n"${args}) { result { ... on Terms { terms { uri } total } } } }`);
      return (response.data?.terms as Array<{ result: { terms: Array<{ uri: string }>; total: number } }>)[0]?.result ?? { terms: [], total: -1 };
    };
    const all = await page('');
    expect(all.total).toBe(all.terms.length);
    expect(all.total).toBeGreaterThanOrEqual(3);
    for (let offset = 0; offset < all.total; offset++) {
      expect(await page(`, limit: 1, offset: ${offset}`)).toEqual({ terms: [all.terms[offset]], total: all.total });
    }
    expect(await page(`, limit: 2, offset: ${all.total}`)).toEqual({ terms: [], total: all.total });
  });

  it('checks each source with ASK {} and records whether it answered in time', async () => {
    const sources = new SparqlTermSources(await loadTermSourceCatalog(join(temp.dir, 'catalog')));
    await sources.check(TIMEOUT_MS);
    const status = Object.fromEntries(sources.sources.map((source) => [source.iri, sources.status(source)?.isAvailable]));
    expect(status).toEqual({ [HEALTHY]: true, [SLOW]: false, [BROKEN]: false });
    expect(received.healthy?.at(-1)).toMatch(/^ASK/);
  });

  it('looks up remote terms by IRI, and hostile IRIs never reach the endpoint', async () => {
    const asked = received.healthy?.length ?? 0;
    const response = await graphql(`{ lookup(uris: ["${HEALTHY}gent", "${HEALTHY}x> } ; DROP ALL #", "x> } ; DROP ALL #", "${HEALTHY}nergens"]) {
      uri source { __typename ... on Source { uri } } result { __typename ... on Term { prefLabel } ... on Error { message } } } }`);
    expect(response.data?.lookup).toEqual([
      { uri: `${HEALTHY}gent`, source: { __typename: 'Source', uri: HEALTHY }, result: { __typename: 'Term', prefLabel: ['Gent', 'Ghent', 'Gand'] } },
      { uri: `${HEALTHY}x> } ; DROP ALL #`, source: { __typename: 'Source', uri: HEALTHY }, result: { __typename: 'NotFoundError', message: `No term found with URI ${HEALTHY}x> } ; DROP ALL #` } },
      { uri: 'x> } ; DROP ALL #', source: { __typename: 'SourceNotFoundError' }, result: { __typename: 'NotFoundError', message: 'No term found with URI x> } ; DROP ALL #' } },
      { uri: `${HEALTHY}nergens`, source: { __typename: 'Source', uri: HEALTHY }, result: { __typename: 'NotFoundError', message: `No term found with URI ${HEALTHY}nergens` } },
    ]);
    const sent = received.healthy?.slice(asked) ?? [];
    // One request for both IRIs of the source (VALUES), as the Network of Terms asks them; the hostile one is no IRI and is not sent.
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/VALUES \?uri \{[^}]*gent[^}]*nergens/);
    expect(sent.some((query) => query.includes('DROP'))).toBe(false);
  });

  it('gives a remote source\'s place to a hosted list of the same IRI: one source, searched locally', async () => {
    const records = SqliteRecordStore.open(join(temp.dir, 'data'));
    try {
      await importFixtureList(records, 'plaatsen');
    } finally {
      records.close();
    }
    const asked = received.healthy?.length ?? 0;
    const sources = await graphql('{ sources { uri } }');
    expect((sources.data?.sources as Array<{ uri: string }>).filter((source) => source.uri === HEALTHY)).toHaveLength(1);
    const found = await graphql(`{ terms(sources: ["${HEALTHY}"], query: "aalst") { result { __typename ... on Terms { terms { uri } total } } } }`);
    expect(found.data?.terms).toEqual([{ result: { __typename: 'Terms', terms: [], total: 0 } }]);
    const gent = await graphql(`{ terms(sources: ["${HEALTHY}"], query: "gent") { result { ... on Terms { terms { uri } } } } }`);
    expect(gent.data?.terms).toEqual([{ result: { terms: [{ uri: `${HEALTHY}gent` }] } }]);
    expect(received.healthy).toHaveLength(asked);
  });

  /** The IRIs of the terms a lookup found, each once; an IRI whose answer is an error fails the test. */
  const found = (answers: ReadonlyMap<string, RemoteAnswer>): string[] => [...new Set([...answers.values()].flatMap((answer) => {
    if (answer.kind !== 'terms') throw new Error(`the lookup failed: ${answer.message}`);
    return answer.terms.map((t) => t.iri);
  }))].sort();

  /** A source as the catalog makes it, at one of the loopback endpoints. */
  const sourceAt = async (name: string, url = `${base}/${name}`, extra = '', lookup = LOOKUP): Promise<RemoteTermSource> => {
    const dir = join(temp.dir, `catalog-${name}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'test-search.rq'), SEARCH);
    writeFileSync(join(dir, 'test-lookup.rq'), lookup);
    writeFileSync(join(dir, `${name}.ttl`), entry(`https://example.org/${name}/`, name, url, 'test') + extra);
    const [source] = await loadTermSourceCatalog(dir);
    if (source === undefined) throw new Error('no source');
    return source;
  };

  it('survives a source that stops in the middle of its answer or closes the connection halfway, and a status check answered with a web page', async () => {
    const sources = new SparqlTermSources([await sourceAt('stalling'), await sourceAt('html'), await sourceAt('breaking')]);
    const [stalling, html, breaking] = sources.sources;
    if (stalling === undefined || html === undefined || breaking === undefined) throw new Error('no sources');
    expect(await sources.search(stalling, 'gent', 300)).toEqual({ kind: 'timeout', message: 'Source timed out after 300ms' });
    // Not the part it had read: the answer broke off, and says so.
    expect(await sources.search(breaking, 'gent', 5_000)).toMatchObject({ kind: 'error', message: expect.stringContaining('its answer broke off') as unknown });
    await sources.check(300);
    expect(sources.status(html)?.isAvailable).toBe(false);
    // An aborted answer nobody read used to end the process a moment later, from a stream's 'error' event.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const response = await graphql('{ sources { uri } }');
    expect(response.errors).toBeUndefined();
  });

  it('sends an endpoint\'s user and password as HTTP authentication, and never shows them', async () => {
    const source = await sourceAt('protected', `${base.replace('http://', 'http://termen:geheim%21@')}/protected`);
    expect(source.endpoint).toBe(`${base}/protected`);
    const sources = new SparqlTermSources([source]);
    const answer = await sources.search(source, 'gent', 2_000);
    expect(received.authorization.at(-1)).toBe(`Basic ${Buffer.from('termen:geheim!').toString('base64')}`);
    expect(answer).toMatchObject({ kind: 'error', message: expect.stringContaining('HTTP 401') as unknown });
    expect(JSON.stringify(answer)).not.toContain('geheim');
  });

  it('does not count a client\'s too short time limit against a source', async () => {
    const sources = new SparqlTermSources([await sourceAt('slow')]);
    const [slow] = sources.sources;
    if (slow === undefined) throw new Error('no source');
    for (const query of ['a', 'b', 'c', 'd']) expect((await sources.search(slow, query, 20)).kind).toBe('timeout');
    // Not left alone for a cool-down, and not reported unavailable: the source was never given a fair chance.
    expect(sources.status(slow)).toBeUndefined();
    expect(await sources.search(slow, 'e', 20)).toEqual({ kind: 'timeout', message: 'Source timed out after 20ms' });
  });

  it('routes a lookup by any of a source\'s IRI prefixes, and binds the IRIs inside a sub-select that projects them', async () => {
    const dir = join(temp.dir, 'catalog-prefixes');
    mkdirSync(dir);
    writeFileSync(join(dir, 'test-search.rq'), SEARCH);
    writeFileSync(join(dir, 'sub-lookup.rq'), `PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?uri a skos:Concept ; skos:prefLabel ?label . }
WHERE { { SELECT DISTINCT ?uri WHERE { ?uri a skos:Concept } } ?uri skos:prefLabel ?label . }`);
    writeFileSync(join(dir, 'two.ttl'), entry('https://example.org/twee/', 'Twee', `${base}/healthy`, 'test')
      .replace(`schema:url "https://example.org/twee/"`, `schema:url "https://example.org/twee/", "${HEALTHY}"`)
      .replace('"test-lookup.rq"', '"sub-lookup.rq"'));
    const sources = new SparqlTermSources(await loadTermSourceCatalog(dir));
    const [two] = sources.sources;
    expect(sources.sourceOf(`${HEALTHY}gent`)).toBe(two);
    expect(sources.sourceOf('https://example.org/twee/x')).toBe(two);
    if (two === undefined) throw new Error('no source');
    const answer = await sources.lookup(two, [`${HEALTHY}gent`, `${HEALTHY}oost-vlaanderen`, `${HEALTHY}aalst`], 5_000);
    expect(found(answer)).toEqual([`${HEALTHY}gent`, `${HEALTHY}oost-vlaanderen`]);
    // Bound in the sub-select too, so the endpoint does not first select every concept.
    const sent = received.healthy?.at(-1) ?? '';
    expect(sent.match(/VALUES \?uri \{/g)).toHaveLength(2);
    expect(sent).toMatch(/SELECT DISTINCT \?uri WHERE \{\s*VALUES \?uri \{/);
    // A sub-select that makes ?uri AS an expression keeps it: a VALUES there would be no SPARQL.
    const asQuery = `PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?uri a skos:Concept ; skos:prefLabel ?label . }
WHERE { { SELECT (?c AS ?uri) WHERE { ?c a skos:Concept } } ?uri skos:prefLabel ?label . }`;
    const asDir = join(temp.dir, 'catalog-as');
    mkdirSync(asDir);
    writeFileSync(join(asDir, 'test-search.rq'), SEARCH);
    writeFileSync(join(asDir, 'as-lookup.rq'), asQuery);
    writeFileSync(join(asDir, 'as.ttl'), entry(HEALTHY, 'Als', `${base}/healthy`, 'test').replace('"test-lookup.rq"', '"as-lookup.rq"'));
    const withAs = new SparqlTermSources(await loadTermSourceCatalog(asDir));
    const [as] = withAs.sources;
    if (as === undefined) throw new Error('no source');
    expect(found(await withAs.lookup(as, [`${HEALTHY}gent`], 5_000))).toEqual([`${HEALTHY}gent`]);
  });

  it('asks a lookup query that limits its solutions once per IRI, a few at a time and within the time limit, so the IRIs do not share its LIMIT', async () => {
    const known = [`${HEALTHY}gent`, `${HEALTHY}oost-vlaanderen`, `${HEALTHY}sint-niklaas`];
    // One label per term: a sub-select's LIMIT, or the query's own (as the Network of Terms' lookup queries end).
    const limited = {
      'sub-select': `PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?uri a skos:Concept ; skos:prefLabel ?label . }
WHERE { { SELECT ?uri ?label WHERE { ?uri a skos:Concept ; skos:prefLabel ?label } LIMIT 1 } }`,
      own: `PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?uri a skos:Concept ; skos:prefLabel ?label . } WHERE { ?uri a skos:Concept ; skos:prefLabel ?label } LIMIT 1`,
    };
    for (const [kind, lookup] of Object.entries(limited)) {
      const sources = new SparqlTermSources([await sourceAt('healthy', `${base}/healthy`, '', lookup)]);
      const [source] = sources.sources;
      if (source === undefined) throw new Error('no source');
      const asked = received.healthy?.length ?? 0;
      const answers = await sources.lookup(source, [...known, `${HEALTHY}nergens`], 5_000);
      // Asked together, the three known terms shared one solution: two came back as not found.
      expect([kind, found(answers)]).toEqual([kind, known.sort()]);
      expect(answers.get(`${HEALTHY}nergens`)).toMatchObject({ kind: 'terms', terms: [] });
      const sent = received.healthy?.slice(asked) ?? [];
      expect([kind, sent.map((query) => [...query.matchAll(/<https:\/\/example\.org\/plaatsen\/[^>]*>/g)].map(([iri]) => iri).filter((iri, i, all) => all.indexOf(iri) === i).length)])
        .toEqual([kind, [1, 1, 1, 1]]);
    }
    // At most four requests at once, and the client's time limit for them all: the IRIs after the
    // first four are not asked once it has passed.
    const slow = new SparqlTermSources([await sourceAt('slow', `${base}/slow`, '', limited.own)]);
    const [slowSource] = slow.sources;
    if (slowSource === undefined) throw new Error('no source');
    const asked = received.slow?.length ?? 0;
    const started = performance.now();
    const answers = await slow.lookup(slowSource, Array.from({ length: 10 }, (_, i) => `https://example.org/slow/${i}`), 300);
    // Waiting its turn with the whole time limit each, the last two would end after 900 ms.
    expect(performance.now() - started).toBeLessThan(600);
    expect(new Set([...answers.values()].map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify({ kind: 'timeout', message: 'Source timed out after 300ms' })]));
    expect(answers.size).toBe(10);
    expect((received.slow?.length ?? 0) - asked).toBe(4);
    // At most MAX_SEPARATE_LOOKUPS IRIs are asked one by one; the others get an error value that says why.
    const healthy = new SparqlTermSources([await sourceAt('healthy', `${base}/healthy`, '', limited.own)]);
    const [healthySource] = healthy.sources;
    if (healthySource === undefined) throw new Error('no source');
    const before = received.healthy?.length ?? 0;
    const many = Array.from({ length: MAX_SEPARATE_LOOKUPS + 2 }, (_, i) => `${HEALTHY}plaats-${String(i).padStart(3, '0')}`);
    const manyAnswers = await healthy.lookup(healthySource, many, 10_000);
    expect((received.healthy?.length ?? 0) - before).toBe(MAX_SEPARATE_LOOKUPS);
    expect(many.slice(MAX_SEPARATE_LOOKUPS).map((iri) => manyAnswers.get(iri))).toEqual([1, 2].map(() => ({
      kind: 'error', message: `This source is asked one IRI at a time (its lookup query limits its results), at most ${MAX_SEPARATE_LOOKUPS} in one lookup; look the others up in another`,
    })));
  });
});
