import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { gunzipSync, createGunzip } from 'node:zlib';
import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import { DataFactory, Parser, StreamParser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { AppError, InvalidInputError } from '../domain/errors.js';
import { bundledContextLoader } from './bundled-context-loader.js';
import { N3_FORMATS, type RdfSyntax } from './rdf-formats.js';

export interface ReadOptions {
  readonly syntax: RdfSyntax;
  /** Resolves relative IRIs. */
  readonly baseIri: string;
  /** Called with the number of bytes read from the file, for progress. */
  readonly onBytes?: (bytes: number) => void;
}

/**
 * Streams the quads of an RDF file (optionally gzip-compressed) to `sink`. Syntax errors become
 * InvalidInputError naming the file and, where the parser tells, the line. RDF/XML is parsed by
 * a parser that never resolves external entities; JSON-LD contexts come only from the bundle.
 */
export async function readRdfFile(path: string, options: ReadOptions, emit: (quad: RDF.Quad) => void): Promise<void> {
  // Blank-node labels mean something within one document only; RDF/XML's rdf:nodeID would
  // otherwise join nodes of different files.
  const scope = `f${++documents}_`;
  const sink = (quad: RDF.Quad): void => {
    emit(scopeBlankNodes(quad, scope));
  };
  try {
    if (options.syntax === 'jsonld') {
      await readJsonLd(path, options, sink);
      return;
    }
    const source = createReadStream(path);
    if (options.onBytes) {
      const onBytes = options.onBytes;
      source.on('data', (chunk) => {
        onBytes(chunk.length);
      });
    }
    const parser = options.syntax === 'rdfxml'
      ? new RdfXmlParser({ baseIRI: options.baseIri })
      : new StreamParser({ format: N3_FORMATS[options.syntax] ?? 'text/turtle', baseIRI: options.baseIri });
    const consume = async (quads: AsyncIterable<RDF.Quad>): Promise<void> => {
      for await (const quad of quads) sink(quad);
    };
    if (path.toLowerCase().endsWith('.gz')) await pipeline(source, createGunzip(), parser, consume);
    else await pipeline(source, parser, consume);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new InvalidInputError(`${path}: ${(error as Error).message}`, { file: path });
  }
}

let documents = 0;

function scopeBlankNodes(quad: RDF.Quad, scope: string): RDF.Quad {
  const { subject, object } = quad;
  if (subject.termType !== 'BlankNode' && object.termType !== 'BlankNode') return quad;
  return DataFactory.quad(
    subject.termType === 'BlankNode' ? DataFactory.blankNode(scope + subject.value) : subject,
    quad.predicate,
    object.termType === 'BlankNode' ? DataFactory.blankNode(scope + object.value) : object,
    quad.graph,
  );
}

/** jsonld wraps a document loader's error in its own; the loader's AppError says what is wrong. */
function rootCause(error: unknown): AppError | undefined {
  for (let current: unknown = error; current instanceof Error; current = (current as { details?: { cause?: unknown } }).details?.cause) {
    if (current instanceof AppError) return current;
  }
  return undefined;
}

async function readJsonLd(path: string, options: ReadOptions, sink: (quad: RDF.Quad) => void): Promise<void> {
  const raw = await readFile(path);
  options.onBytes?.(raw.length);
  const text = (path.toLowerCase().endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${path} is not valid JSON: ${(error as Error).message}`, { file: path });
  }
  let nquads: string;
  try {
    nquads = await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      format: 'application/n-quads',
      base: options.baseIri,
      documentLoader: bundledContextLoader(),
    }) as unknown as string;
  } catch (error) {
    throw rootCause(error) ?? error;
  }
  for (const quad of new Parser({ format: 'application/n-quads' }).parse(nquads)) sink(quad);
}
