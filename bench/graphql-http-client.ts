import { Agent, request } from 'node:http';

/** A GraphQL client on `node:http` with keep-alive sockets, as a collection tool would hold one. */
export class GraphqlHttpClient {
  private readonly agent: Agent;

  constructor(sockets: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** POSTs a query with variables; resolves with the response text, rejects on a non-2xx status or GraphQL errors. */
  post(url: string, query: string, variables: Record<string, unknown>): Promise<string> {
    const body = JSON.stringify({ query, variables });
    return new Promise((resolve, reject) => {
      const req = request(url, {
        method: 'POST', agent: this.agent,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => { chunks.push(chunk); });
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 300 || text.startsWith('{"errors"')) reject(new Error(`${url} answered ${res.statusCode}: ${text.slice(0, 500)}`));
          else resolve(text);
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
