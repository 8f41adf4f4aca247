import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OperationalError } from '../domain/operational-error.js';

/** The file a running server holds locked in its data dir. */
export const SERVER_LOCK_FILE = 'server.lock';

/**
 * One server per data dir. A server keeps state of its own beside the store: it follows the
 * change log into the term index, abandons the queued ingest runs and removes the uploads a
 * stopped server left. A second server on the same data dir would fail the first one's queued
 * runs and delete its uploads in flight. (`ingest`, `load` and the other commands work beside a
 * server: they only write through the store.)
 *
 * The lock is an exclusive SQLite lock on `server.lock`: an advisory lock of the operating
 * system, released when the process ends however it ends, so a killed server leaves nothing
 * to clean up. It holds on one machine, not across a network file system.
 */
export class ServerLock {
  private constructor(private readonly db: Database.Database) {}

  /** Takes the data dir's lock, or throws an OperationalError when another server holds it. */
  static acquire(dataDir: string): ServerLock {
    const path = join(dataDir, SERVER_LOCK_FILE);
    let db: Database.Database;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(path, { timeout: 0 });
    } catch (error) {
      throw new OperationalError(`Cannot open the data dir ${dataDir} (--data-dir) for this server: ${(error as Error).message}. The server writes there: give it a directory it may write to.`, { cause: error });
    }
    try {
      // Held until the connection closes: no other connection may read or write the file. The
      // journal stays in memory: the file holds nothing, and no -journal file is left beside it.
      db.pragma('journal_mode = MEMORY');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
      return new ServerLock(db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new OperationalError(
          `Another cultuurgraaf server is using the data dir ${dataDir} (it holds ${path}). Stop that one first, or give this one another --data-dir; `
            + 'ingest, load and the other commands may run beside it.',
        );
      }
      throw new OperationalError(`The data dir ${dataDir} cannot be locked for this server (${path}): ${(error as Error).message}`, { cause: error });
    }
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
