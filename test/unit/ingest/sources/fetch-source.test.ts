import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fetchFailure } from '../../../../src/ingest/sources/fetch-source.js';

/** A loopback port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  return port;
}

async function failureOf(url: string): Promise<unknown> {
  try {
    await fetch(url);
  } catch (error) {
    return error;
  }
  throw new Error(`${url} answered`);
}

describe('fetchFailure', () => {
  it('says what "fetch failed" leaves out: a refused connection, an unknown host, a certificate, a timeout', async () => {
    const refused = await failureOf(`http://127.0.0.1:${await closedPort()}/ldes`);
    expect(fetchFailure(refused, 60_000)).toMatch(/^the connection was refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\): is the server running, and are host and port right\?$/);
    // What Node's fetch throws for these, built here: resolving a name would leave the machine.
    const failed = (code: string, message: string): Error => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });
    expect(fetchFailure(failed('ENOTFOUND', 'getaddrinfo ENOTFOUND collectie.example'), 60_000))
      .toBe('the host name is not known (getaddrinfo ENOTFOUND collectie.example): check the URL, and this machine\'s network and DNS');
    expect(fetchFailure(failed('CERT_HAS_EXPIRED', 'certificate has expired'), 60_000)).toBe('its TLS certificate was not accepted (certificate has expired)');
    expect(fetchFailure(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 120_000)).toBe('it did not answer within 120 s');
    expect(fetchFailure(failed('ECONNRESET', 'socket hang up'), 60_000)).toBe('fetch failed: socket hang up');
    expect(fetchFailure(new Error('bad URL'), 60_000)).toBe('bad URL');
  });
});
