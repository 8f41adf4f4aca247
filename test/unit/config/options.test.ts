import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSchema, parseConfig, serveSchema } from '../../../src/config/config.js';
import { OPTIONS } from '../../../src/config/options.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('configuration', () => {
  it.each(OPTIONS.map((option) => [option.flags, option]))('README documents %s with its variable, default and commands', (_flags, option) => {
    const row = `| \`${option.flags}\` | \`${option.env}\` | ${option.defaultText ?? '–'} | ${option.commands.join(', ')} | ${option.description} |`;
    expect(readme).toContain(row);
  });

  it('gives every option its own CULTUURGRAAF_ variable', () => {
    const envs = OPTIONS.map((option) => option.env);
    expect(new Set(envs).size).toBe(envs.length);
    for (const env of envs) expect(env).toMatch(/^CULTUURGRAAF_[A-Z_]+$/);
  });

  it('applies defaults and parses sizes and numbers', () => {
    expect(parseConfig(serveSchema, {})).toMatchObject({
      port: 8080, host: '127.0.0.1', dataDir: './data', queryTimeout: 30_000, maxBody: 10 * 1024 * 1024, sparqlReplicas: 2, demo: false,
    });
    expect(parseConfig(serveSchema, { maxBody: '512kb', port: '9000', baseIri: 'https://data.example.be' }))
      .toMatchObject({ maxBody: 512 * 1024, port: 9000, baseIri: 'https://data.example.be/' });
  });

  it('reads booleans as users write them, and refuses others', () => {
    expect(parseConfig(serveSchema, { demo: 'yes' }).demo).toBe(true);
    expect(parseConfig(serveSchema, { demo: 'off' }).demo).toBe(false);
    expect(() => parseConfig(serveSchema, { demo: 'maybe' })).toThrow(/--demo: "maybe" is not a boolean/);
  });

  it('names every invalid option in one error', () => {
    const attempt = (): unknown => parseConfig(serveSchema, { port: '99999', maxBody: 'lots', baseIri: 'not an iri', sparqlReplicas: '0' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/--port:.*\n.*--base-iri: must be an absolute http\(s\) IRI\n.*--max-body: "lots" is not a size.*\n.*--sparql-replicas:/s);
    expect(() => parseConfig(loadSchema, { dataset: 'bad id!' })).toThrow(/--dataset: dataset ids are 1 to 100 letters, digits/);
    expect(() => parseConfig(loadSchema, {})).toThrow(/^Invalid configuration:\n {2}--dataset: required, and not given$/);
    expect(() => parseConfig(serveSchema, { maxBody: '10zz' })).toThrow(/--max-body: "10zz" is not a size/);
    expect(parseConfig(serveSchema, { maxBody: '1.5 MB', maxUpload: '512kb' })).toMatchObject({ maxBody: 1572864, maxUpload: 524288 });
    expect(() => parseConfig(serveSchema, { port: 'abc' })).toThrow(/--port: (?!required)/);
  });
});
