import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as RDF from '@rdfjs/types';
import { describe, expect, it, onTestFinished } from 'vitest';
import { InvalidInputError } from '../../../src/domain/errors.js';
import { syntaxOfFile } from '../../../src/ingest/rdf-formats.js';
import { readRdfFile } from '../../../src/ingest/rdf-reader.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://example.org/';
const RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"';

/** The same statements in every syntax: an object with a title and a blank-node dimension. */
const SAMPLES: Record<string, string> = {
  'data.ttl': '@prefix ex: <http://example.org/> .\n<o1> ex:title "Stoel"@nl ; ex:dimension [ ex:value 45 ] .\n',
  'data.nt': [
    '<http://example.org/o1> <http://example.org/title> "Stoel"@nl .',
    '<http://example.org/o1> <http://example.org/dimension> _:d .',
    '_:d <http://example.org/value> "45"^^<http://www.w3.org/2001/XMLSchema#integer> .',
  ].join('\n'),
  'data.nq': [
    '<http://example.org/o1> <http://example.org/title> "Stoel"@nl .',
    '<http://example.org/o1> <http://example.org/dimension> _:d .',
    '_:d <http://example.org/value> "45"^^<http://www.w3.org/2001/XMLSchema#integer> .',
  ].join('\n'),
  'data.trig': '@prefix ex: <http://example.org/> .\n{ <o1> ex:title "Stoel"@nl ; ex:dimension [ ex:value 45 ] . }\n',
  'data.rdf': `<?xml version="1.0"?>
<rdf:RDF ${RDF_NS} xml:base="http://example.org/">
  <rdf:Description rdf:about="o1">
    <ex:title xml:lang="nl">Stoel</ex:title>
    <ex:dimension><rdf:Description><ex:value rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">45</ex:value></rdf:Description></ex:dimension>
  </rdf:Description>
</rdf:RDF>`,
  'data.jsonld': JSON.stringify({
    '@context': { ex: 'http://example.org/', '@base': 'http://example.org/' },
    '@id': 'o1', 'ex:title': { '@value': 'Stoel', '@language': 'nl' }, 'ex:dimension': { 'ex:value': 45 },
  }),
};

const EXPECTED = [
  '<http://example.org/o1> <http://example.org/dimension> _:b .',
  '<http://example.org/o1> <http://example.org/title> "Stoel"@nl .',
  '_:b <http://example.org/value> "45"^^<http://www.w3.org/2001/XMLSchema#integer> .',
];

function file(name: string, content: string | Buffer, dir = tempDir()): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, onBytes?: (bytes: number) => void): Promise<RDF.Quad[]> {
  const quads: RDF.Quad[] = [];
  await readRdfFile(path, { syntax: syntaxOfFile(path), baseIri: BASE, ...(onBytes ? { onBytes } : {}) }, (quad) => quads.push(quad));
  return quads;
}

/** Quads as sorted N-Triples-like lines, every blank node written `_:b`. */
function lines(quads: readonly RDF.Quad[]): string[] {
  const term = (t: RDF.Term): string => {
    if (t.termType === 'BlankNode') return '_:b';
    if (t.termType === 'Literal') return `"${t.value}"${t.language ? `@${t.language}` : t.datatype.value.endsWith('#string') ? '' : `^^<${t.datatype.value}>`}`;
    return `<${t.value}>`;
  };
  return quads.map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}${q.graph.termType === 'DefaultGraph' ? '' : ` ${term(q.graph)}`} .`).sort();
}

async function failure(path: string): Promise<InvalidInputError> {
  const error = await read(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('readRdfFile', () => {
  it.each(Object.keys(SAMPLES))('reads %s', async (name) => {
    expect(lines(await read(file(name, SAMPLES[name] ?? '')))).toEqual(EXPECTED);
  });

  it.each(Object.keys(SAMPLES))('reads %s gzip-compressed, counting the compressed bytes', async (name) => {
    const compressed = gzipSync(SAMPLES[name] ?? '');
    let bytes = 0;
    const quads = await read(file(`${name}.gz`, compressed), (n) => { bytes += n; });
    expect(lines(quads)).toEqual(EXPECTED);
    expect(bytes).toBe(compressed.length);
  });

  it.each(Object.keys(SAMPLES))('reads %s after a byte-order mark', async (name) => {
    expect(lines(await read(file(name, `\uFEFF${SAMPLES[name] ?? ''}`)))).toEqual(EXPECTED);
  });

  it('keeps the named graphs of N-Quads and TriG', async () => {
    const quads = await read(file('graphs.trig', '<g1> { <s> <p> "1" . } <s> <p> "2" .'));
    expect(lines(quads)).toEqual(['<http://example.org/s> <http://example.org/p> "1" <http://example.org/g1> .', '<http://example.org/s> <http://example.org/p> "2" .']);
  });

  it('resolves relative IRIs against the base IRI', async () => {
    const [quad] = await read(file('rel.ttl', '<id/object/d/1> <p> <../x> .'));
    expect([quad?.subject.value, quad?.object.value]).toEqual(['http://example.org/id/object/d/1', 'http://example.org/x']);
  });

  describe('syntax errors', () => {
    it.each([
      ['broken.ttl', '<a> <b> "ok" .\n<c> <d> "unterminated .\n', 2, 9],
      ['broken.nt', '<http://example.org/a> <http://example.org/b> "1" .\n<http://example.org/a> <http://example.org/b> .\n', 2, 47],
      ['broken.nq', '<http://example.org/a> <http://example.org/b> "1" .\n\n<http://example.org/a> <http://example.org/b> "2" <http://example.org/g> <h> .\n', 3, 74],
      ['broken.trig', '<g> {\n <a> <b> "1" .\n <a> <b> \n}\n', 4, 1],
    ])('name the file, line and column of an error in %s', async (name, content, line, column) => {
      const path = file(name, content);
      const error = await failure(path);
      expect(error.message).toMatch(new RegExp(`^${path.replace(/[.\\]/g, '\\$&')} line ${line}, column ${column}: \\S.*$`));
      expect(error.extensions).toEqual({ file: path, line, column });
    });


    it('name the file, line and column of an error in RDF/XML', async () => {
      const path = file('broken.rdf', `<?xml version="1.0"?>\n<rdf:RDF ${RDF_NS}>\n  <rdf:Description rdf:about="x">\n    <ex:p>1</ex:p>\n  </rdf:Descriptio>\n</rdf:RDF>`);
      const error = await failure(path);
      expect(error.message).toBe(`${path} line 5, column 19: unexpected close tag.`);
      expect(error.extensions).toEqual({ file: path, line: 5, column: 19 });
    });

    it('name the file, line and column of an error in JSON-LD', async () => {
      const path = file('broken.jsonld', '{\n  "@id": "http://example.org/o1",\n  "http://example.org/p": \n}');
      const error = await failure(path);
      expect(error.message).toBe(`${path} line 4, column 1: expected a value, found "}".`);
      expect(error.extensions).toEqual({ file: path, line: 4, column: 1 });
    });

    it('name the file of JSON-LD that refers to a context that is not bundled, never fetching it', async () => {
      const path = file('remote.jsonld', JSON.stringify({ '@context': 'https://example.invalid/context.jsonld', '@id': 'x', name: 'y' }));
      const error = await failure(path);
      expect(error.message).toMatch(new RegExp(`^${path.replace(/[.\\]/g, '\\$&')}: .*<https://example\\.invalid/context\\.jsonld> is not bundled`));
      expect(error.extensions).toMatchObject({ file: path });
    });

    it('name a .gz file that is not gzip-compressed', async () => {
      const path = file('plain.ttl.gz', '<a> <b> "c" .');
      expect((await failure(path)).message).toMatch(/plain\.ttl\.gz: incorrect header check/);
    });
  });

  describe('RDF/XML entities', () => {
    it('never expands an external entity: a local file stays unread', async () => {
      const dir = tempDir();
      const secret = file('secret.txt', 'TOP-SECRET', dir);
      const xxe = `<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file://${secret}">]>
<rdf:RDF ${RDF_NS}>
  <rdf:Description rdf:about="http://example.org/x"><ex:p>&e;</ex:p></rdf:Description>
</rdf:RDF>`;
      const path = file('xxe.rdf', xxe, dir);
      const error = await failure(path);
      expect(error.message).toMatch(/xxe\.rdf line 4, column \d+: undefined entity\.$/);
      expect(error.message).not.toContain('TOP-SECRET');
    });

    it('never expands the classic /etc/passwd entity', async () => {
      const path = file('passwd.rdf', `<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<rdf:RDF ${RDF_NS}><rdf:Description rdf:about="http://example.org/x"><ex:p>&e;</ex:p></rdf:Description></rdf:RDF>`);
      const error = await failure(path);
      expect(error.message).toMatch(/passwd\.rdf line 3, column \d+: undefined entity\.$/);
      expect(error.message).not.toMatch(/root:/);
    });

    it('never fetches an external entity, external DTD or parameter entity', async () => {
      let requests = 0;
      const server = createServer((_request, response) => {
        requests++;
        response.end('REMOTE');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      onTestFinished(() => new Promise<void>((resolve) => server.close(() => { resolve(); })));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const body = (value: string): string => `<rdf:RDF ${RDF_NS}><rdf:Description rdf:about="http://example.org/x"><ex:p>${value}</ex:p></rdf:Description></rdf:RDF>`;
      const documents = [
        `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "${url}/entity">]>\n${body('&e;')}`,
        `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "${url}/dtd">\n${body('x')}`,
        `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM "${url}/parameter"> %p;]>\n${body('x')}`,
      ];
      const values: string[] = [];
      for (const [i, document] of documents.entries()) {
        await readRdfFile(file(`remote-${i}.rdf`, document), { syntax: 'rdfxml', baseIri: BASE }, (quad) => values.push(quad.object.value))
          .catch((error: unknown) => { values.push((error as Error).message); });
      }
      expect(values.join('\n')).not.toContain('REMOTE');
      expect(requests).toBe(0);
    });

    it('expands internal entities one level only, so nested ones cannot blow up', async () => {
      let entities = '<!ENTITY lol0 "lol">';
      for (let i = 1; i < 10; i++) entities += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
      const path = file('laughs.rdf', `<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [${entities}]>
<rdf:RDF ${RDF_NS}><rdf:Description rdf:about="http://example.org/x"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>`);
      const quads = await read(path);
      expect(quads.map((q) => q.object.value)).toEqual(['&lol8;'.repeat(10)]);
    });
  });

  describe('blank nodes', () => {
    it('keeps one label one node within a file', async () => {
      const quads = await read(file('one.nt', '_:x <http://example.org/p> "1" .\n_:x <http://example.org/q> "2" .\n<http://example.org/s> <http://example.org/r> _:x .\n'));
      expect(new Set(quads.map((q) => (q.subject.termType === 'BlankNode' ? q.subject.value : q.object.value))).size).toBe(1);
    });

    it.each([
      ['a.rdf', `<?xml version="1.0"?><rdf:RDF ${RDF_NS}><rdf:Description rdf:nodeID="n1"><ex:p>1</ex:p></rdf:Description></rdf:RDF>`],
      ['a.nt', '_:n1 <http://example.org/p> "1" .\n'],
      ['a.jsonld', JSON.stringify({ '@id': '_:n1', 'http://example.org/p': '1' })],
    ])('scopes the labels of %s to the file, so two reads never share a node', async (name, content) => {
      const dir = tempDir();
      const [first] = await read(file(name, content, dir));
      const [second] = await read(file(`b-${name}`, content, dir));
      expect(first?.subject.termType).toBe('BlankNode');
      expect(second?.subject.termType).toBe('BlankNode');
      expect(first?.subject.value).not.toBe(second?.subject.value);
    });
  });
});
