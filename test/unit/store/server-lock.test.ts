import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperationalError } from '../../../src/domain/operational-error.js';
import { ServerLock } from '../../../src/store/server-lock.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('ServerLock', () => {
  it('holds a data dir for one holder at a time, leaves no journal, and is free again once released', () => {
    const dir = tempDir();
    const first = ServerLock.acquire(dir);
    expect(() => ServerLock.acquire(dir)).toThrow(/^Another cultuurgraaf server is using the data dir/);
    expect(existsSync(join(dir, 'server.lock-journal'))).toBe(false);
    first.release();
    ServerLock.acquire(dir).release();
  });

  it('says which data dir it cannot open, without a stack, when it cannot be made', () => {
    const file = join(tempDir(), 'geen-map');
    writeFileSync(file, '');
    const attempt = (): ServerLock => ServerLock.acquire(join(file, 'data'));
    expect(attempt).toThrow(OperationalError);
    expect(attempt).toThrow(/^Cannot open the data dir .*geen-map\/data \(--data-dir\) for this server: ENOTDIR.*give it a directory it may write to\.$/);
  });
});
