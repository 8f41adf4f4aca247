/**
 * The image (docker/Dockerfile) carries everything the package ships: a folder that package.json
 * lists in "files" but the image leaves out works from a checkout and fails in the container.
 * Docker cannot run on the CI machine, so this reads the Dockerfile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
const files = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] }).files;

describe('the Docker image', () => {
  const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const copied = [...runtimeStage.matchAll(/^COPY (?:--from=\S+ )?(.+)$/gm)].flatMap((m) => (m[1] ?? '').trim().split(/\s+/).slice(0, -1))
    .map((path) => path.replace(/^\/app\//, '').replace(/\/$/, ''));

  it('copies every folder and file package.json ships (bin aside: the entry point is dist/main.js)', () => {
    expect(files.filter((path) => path !== 'bin' && !copied.includes(path))).toEqual([]);
  });

  it('checks health on the port the server is told to use', () => {
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*process\.env\.CULTUURGRAAF_PORT/);
  });
});
