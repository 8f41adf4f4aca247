import type { Writable } from 'node:stream';

/**
 * Resolves when a stream that refused more (its `write` returned false) drains, closes or fails,
 * whichever comes first, and then stops listening: what a writer that respects backpressure, and
 * gives up when the reader goes away, waits for.
 */
export function drained(output: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}
