/**
 * A failure the operator can fix (a port in use, a data dir that cannot be opened). The CLI
 * prints its message without a stack trace and exits with code 1.
 */
export class OperationalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OperationalError';
  }
}
