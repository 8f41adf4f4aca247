import { Agent, request } from 'node:http';

const JSON_RESULTS = 'application/sparql-results+json';

/**
 * A SPARQL Protocol client on `node:http` with a keep-alive agent of one socket, as a
 * collection tool or a script on the same network would use the endpoint.
 */
export class NodeHttpSparqlClient {
  private readonly agent: Agent;

  /** `sockets`: connections kept alive (1 for sequential requests); `headers` go with every request (an Authorization). */
  constructor(sockets = 1, private readonly headers: Readonly<Record<string, string>> = {}) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** POSTs a query as a form; resolves with the SPARQL JSON results text, rejects on a non-2xx status. */
  post(endpoint: string, query: string): Promise<string> {
    const body = new URLSearchParams({ query }).toString();
    return this.send(endpoint, 'POST', {
      'Content-Type': 'application/x-www-form-urlencoded', Accept: JSON_RESULTS, 'Content-Length': String(Buffer.byteLength(body)),
    }, body);
  }

  /**
   * POSTs a query and also returns the server's own account of it: the `engine`, `queue` and
   * `total` durations of its Server-Timing header, in ms.
   */
  async postTimed(endpoint: string, query: string): Promise<{ body: string; engineMs: number; queueMs: number; totalMs: number }> {
    const body = new URLSearchParams({ query }).toString();
    const response = await this.exchange(endpoint, 'POST', {
      'Content-Type': 'application/x-www-form-urlencoded', Accept: JSON_RESULTS, 'Content-Length': String(Buffer.byteLength(body)),
    }, body);
    if (response.status >= 300) throw new Error(`${endpoint} answered ${response.status}: ${response.body.slice(0, 500)}`);
    const timing = response.serverTiming;
    const duration = (name: string): number => {
      const match = new RegExp(`(?:^|,)\\s*${name};dur=([0-9.]+)`).exec(timing);
      if (!match?.[1]) throw new Error(`no ${name} duration in Server-Timing "${timing}"`);
      return Number(match[1]);
    };
    return { body: response.body, engineMs: duration('engine'), queueMs: duration('queue'), totalMs: duration('total') };
  }

  /** GETs a URL; resolves with the body text, rejects on a non-2xx status. */
  get(url: string): Promise<string> {
    return this.send(url, 'GET', {}, undefined);
  }

  /** GETs a URL; resolves with status and body whatever the status. */
  probe(url: string): Promise<{ status: number; body: string }> {
    return this.exchange(url, 'GET', {}, undefined);
  }

  /** Closes the kept-alive socket, so the process can exit. */
  close(): void {
    this.agent.destroy();
  }

  private async send(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<string> {
    const response = await this.exchange(url, method, headers, body);
    if (response.status >= 300) throw new Error(`${url} answered ${response.status}: ${response.body.slice(0, 500)}`);
    return response.body;
  }

  private exchange(
    url: string, method: string, headers: Record<string, string>, body: string | undefined,
  ): Promise<{ status: number; body: string; serverTiming: string }> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, agent: this.agent, headers: { ...this.headers, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => { chunks.push(chunk); });
        res.on('error', reject);
        res.on('end', () => {
          const serverTiming = res.headers['server-timing'];
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            serverTiming: typeof serverTiming === 'string' ? serverTiming : '',
          });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
