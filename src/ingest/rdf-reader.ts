import { createReadStream } from 'node:fs';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type * as RDF from '@rdfjs/types';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { DataFactory, StreamParser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { AppError, InvalidInputError } from '../domain/errors.js';
import { bundledContextLoader } from './bundled-context-loader.js';
import { locateSyntaxError, n3ErrorLine, n3SyntaxMessage, xmlSyntaxError } from './rdf-error-locator.js';
import { N3_FORMATS, type RdfSyntax } from './rdf-formats.js';
import { JsonSyntaxCheck, JsonSyntaxError } from './sources/json-syntax-check.js';

export interface ReadOptions {
  readonly syntax: RdfSyntax;
  /** Resolves relative IRIs. */
  readonly baseIri: string;
  /** How errors name the file (an upload's own name rather than where the server keeps it); its path by default. */
  readonly name?: string;
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
    const source = createReadStream(path);
    if (options.onBytes) {
      const onBytes = options.onBytes;
      source.on('data', (chunk) => {
        onBytes(chunk.length);
      });
    }
    const parser = parserFor(options);
    const consume = async (quads: AsyncIterable<unknown>): Promise<void> => {
      for await (const quad of quads) sink(quad as RDF.Quad);
    };
    const unpacked = path.toLowerCase().endsWith('.gz') ? createGunzip() : new PassThrough();
    // JSON-LD: the streaming parser's tokenizer lets some broken JSON through, so the text is
    // checked on the way in; and N3.js skips a byte-order mark itself, the tokenizer does not.
    if (options.syntax === 'jsonld') await pipeline(source, unpacked, new JsonSyntaxCheck(), new SkipByteOrderMark(), parser, consume);
    else await pipeline(source, unpacked, parser, consume);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (options.syntax === 'jsonld') throw jsonLdError(options.name ?? path, error as Error);
    throw await syntaxError(path, error as Error, options);
  }
}

function parserFor(options: ReadOptions): NodeJS.ReadWriteStream {
  switch (options.syntax) {
    case 'rdfxml':
      return new RdfXmlParser({ baseIRI: options.baseIri });
    case 'jsonld': {
      // Streamed, so a large document is never held whole; contexts come only from the bundle.
      const loader = bundledContextLoader();
      return new JsonLdParser({
        baseIRI: options.baseIri,
        documentLoader: { load: async (url: string) => (await loader(url)).document },
      });
    }
    default:
      return new StreamParser({ format: N3_FORMATS[options.syntax] ?? 'text/turtle', baseIRI: options.baseIri });
  }
}

/** Drops a UTF-8 byte-order mark at the start of a stream. */
class SkipByteOrderMark extends Transform {
  private started = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    done(null, chunk);
  }
}

/** A JSON-LD parser's error, naming the file and, for broken JSON, the line and column. */
function jsonLdError(path: string, error: Error): InvalidInputError {
  if (error instanceof JsonSyntaxError) return error.inFile(path);
  // A context the bundle lacks: the loader's own message says what to do.
  const context = /^Failed to load remote context (\S+): (.*)$/s.exec(error.message);
  if (context) return new InvalidInputError(`${path}: ${context[2] ?? error.message}`, { file: path, context: context[1] });
  return new InvalidInputError(`${path}: ${error.message}`, { file: path });
}

/**
 * A parser's error as an InvalidInputError naming the file, the line and the column. The XML
 * parser starts its messages with `line:column:`; N3.js gives the line only (in `context`), so
 * the column is looked up by reading the file again to there (`locateSyntaxError`).
 */
async function syntaxError(path: string, error: Error, options: ReadOptions): Promise<InvalidInputError> {
  const name = options.name ?? path;
  const xml = xmlSyntaxError(name, error);
  if (xml !== undefined) return xml;
  const line = n3ErrorLine(error);
  const location = line === undefined ? undefined : await locateSyntaxError(path, options.syntax, options.baseIri, line).catch(() => undefined);
  const { message, ...where } = n3SyntaxMessage(name, error, location);
  return new InvalidInputError(message, { file: name, ...where });
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

