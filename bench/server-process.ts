import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { NodeHttpSparqlClient } from './node-http-sparql-client.js';

const CLI = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** A `cultuurgraaf serve` process on loopback, as deployed: the benchmark is its client. */
export class ServerProcess {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  /** The server's process id (for reading its memory from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Starts the built server (`npm run build` first) on a free port and waits until `replicas`
   * index replicas serve. The rate limits are off unless `extraArgs` set them: one benchmark
   * client sends more requests a minute than the defaults allow one address.
   */
  static async start(dataDir: string, replicas: number, client: NodeHttpSparqlClient, timeoutMs: number, extraArgs: readonly string[] = []): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [
      CLI, 'serve', '--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1',
      '--log-level', 'warn', '--query-timeout', '60000', '--sparql-replicas', String(replicas),
      '--rate-limit', '0', '--token-rate-limit', '0', '--auth-failure-limit', '0', ...extraArgs,
    ], { stdio: ['ignore', 'inherit', 'inherit'] });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
      const ready = await client.probe(`${server.url}/ready`).catch(() => undefined);
      const serving = ready ? (JSON.parse(ready.body) as { replicas?: Array<{ state: string }> }).replicas?.filter((r) => r.state === 'serving').length ?? 0 : 0;
      if (ready?.status === 200 && serving >= replicas) return server;
      if (performance.now() > deadline) throw new Error(`the server was not ready after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Stops the server with SIGTERM and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}
