/** What the server does with a data dir at start: leftovers of a server that was killed. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { startTestServer } from '../helpers/test-server.js';

describe('server start', () => {
  it('removes uploads a killed server left behind, and nothing else', async () => {
    const data = join(tempDir(), 'data');
    const upload = join(data, 'uploads', '5b1c0d2e-0000-4000-8000-000000000000');
    mkdirSync(upload, { recursive: true });
    writeFileSync(join(upload, 'objecten.csv'), 'objectnummer;titel\n1;Stoel\n');
    const server = await startTestServer(data);
    try {
      expect(readdirSync(join(data, 'uploads'))).toEqual([]);
      expect(existsSync(join(data, 'cultuurgraaf.sqlite'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
