import type { Command } from 'commander';
import { parseConfig, serveSchema } from '../config/config.js';
import { startServer } from '../app.js';
import { createLogger } from '../logging/logger.js';
import { addOptions } from './options.js';

export function serveCommand(program: Command): void {
  addOptions(
    program.command('serve').description('Start the HTTP server: SPARQL endpoint and editor, the termennetwerk (GraphQL, reconciliation, term lists), dereferenceable IRIs, ingest uploads, the access API (organisations, tokens, policies, audit), health and readiness.'),
    'serve',
  ).action(async (raw: Record<string, unknown>) => {
    const config = parseConfig(serveSchema, raw);
    const logger = createLogger(config.logLevel);
    const server = await startServer(config, logger);
    const stop = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => { stop('SIGTERM'); });
    process.once('SIGINT', () => { stop('SIGINT'); });
  });
}
