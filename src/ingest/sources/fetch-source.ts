import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { InvalidInputError } from '../../domain/errors.js';

/** A source made local: a path to read, and how to clean up after. */
export interface LocalSource {
  readonly path: string;
  readonly name: string;
  dispose(): Promise<void>;
}

const MAX_DOWNLOAD = 4 * 1024 ** 3;
const TIMEOUT_MS = 10 * 60_000;

/** File extensions by content type, for URLs whose path does not tell. */
const EXTENSIONS: ReadonlyArray<[RegExp, string]> = [
  [/text\/csv/, '.csv'], [/spreadsheetml/, '.xlsx'], [/application\/(x-)?ndjson|jsonl/, '.ndjson'],
  [/application\/ld\+json/, '.jsonld'], [/json/, '.json'], [/turtle/, '.ttl'], [/n-triples/, '.nt'],
  [/n-quads/, '.nq'], [/trig/, '.trig'], [/rdf\+xml/, '.rdf'],
];

/**
 * Why a fetch failed, in words: what Node's fetch says only as "fetch failed" is in its cause
 * (a refused connection, an unknown host, a certificate), and a timeout names the limit.
 */
export function fetchFailure(error: unknown, timeoutMs: number): string {
  const failure = error as Error & { cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError') return `it did not answer within ${Math.round(timeoutMs / 1000)} s`;
  const code = failure.cause?.code;
  if (code === 'ECONNREFUSED') return `the connection was refused (${failure.cause?.message ?? code}): is the server running, and are host and port right?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name is not known (${failure.cause?.message ?? code}): check the URL, and this machine's network and DNS`;
  if (code !== undefined && /CERT|SSL|TLS/.test(code)) return `its TLS certificate was not accepted (${failure.cause?.message ?? code})`;
  return failure.cause?.message === undefined ? failure.message : `${failure.message}: ${failure.cause.message}`;
}

/** How a source is named in reports: a file by its name, a URL in full. */
export function displayName(source: string): string {
  return /^https?:\/\//i.test(source) ? source : basename(source);
}

/** A local file stays where it is; an http(s) URL is downloaded to a temporary file first. */
export async function localSource(source: string): Promise<LocalSource> {
  if (!/^https?:\/\//i.test(source)) return { path: source, name: basename(source), dispose: () => Promise.resolve() };
  let response: Response;
  try {
    response = await fetch(source, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    throw new InvalidInputError(`${source} could not be fetched: ${fetchFailure(error, TIMEOUT_MS)}`, { file: source });
  }
  if (!response.ok || !response.body) throw new InvalidInputError(`${source} answered ${response.status} ${response.statusText}.`, { file: source });
  const urlName = basename(new URL(source).pathname) || 'download';
  const extension = extname(urlName) || (EXTENSIONS.find(([pattern]) => pattern.test(response.headers.get('content-type') ?? ''))?.[1] ?? '');
  const dir = await mkdtemp(join(tmpdir(), 'cultuurgraaf-fetch-'));
  const path = join(dir, extname(urlName) ? urlName : `${urlName}${extension}`);
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > MAX_DOWNLOAD ? new InvalidInputError(`${source} is larger than ${MAX_DOWNLOAD / 1024 ** 3} GB.`) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), limit, createWriteStream(path));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error instanceof InvalidInputError ? error : new InvalidInputError(`${source} could not be downloaded: ${fetchFailure(error, TIMEOUT_MS)}`, { file: source });
  }
  return { path, name: source, dispose: () => rm(dir, { recursive: true, force: true }) };
}
