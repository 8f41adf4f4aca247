import type { ServerResponse } from 'node:http';
import { drained } from '../drained.js';
import type { XmlSink } from './oai-context.js';

/** About what a socket takes in one write. */
const CHUNK_CHARS = 64 * 1024;

/** Raised when the client went away while a response was being written: writing stops. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection.');
  }
}

/**
 * Writes a response in chunks and waits whenever the socket's buffer is full, so a slow
 * harvester holds back the repository instead of the response piling up in memory.
 */
export class ResponseSink implements XmlSink {
  private buffer = '';
  clientGone = false;

  constructor(private readonly res: ServerResponse) {}

  async write(xml: string): Promise<void> {
    this.buffer += xml;
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  /** Sends what is buffered and ends the response. */
  async end(): Promise<void> {
    await this.flush();
    this.res.end();
  }

  private async flush(): Promise<void> {
    if (this.closed()) this.gone();
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk === '' || this.res.write(chunk)) return;
    await drained(this.res);
    if (this.closed()) this.gone();
  }

  /** Whether the connection is gone (read afresh: it changes while a write waits). */
  private closed(): boolean {
    return this.res.destroyed;
  }

  private gone(): never {
    this.clientGone = true;
    throw new ClientGoneError();
  }
}
