import { pino, type Logger } from 'pino';

export type { Logger };

/** Headers and fields that may carry secrets; pino replaces them before anything is written. */
const REDACT = ['req.headers.authorization', 'headers.authorization', 'adminToken', 'config.adminToken', 'token'];

/** The application logger: JSON lines on stderr, so stdout stays free for command output such as `dump`. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, pino.destination(2));
}
