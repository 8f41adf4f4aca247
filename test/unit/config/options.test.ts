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

  it('gives every option its own CULTUURGRAAF_ variable; an option described per command appears once per command', () => {
    const envOf = new Map<string, string>();
    const seen = new Set<string>();
    for (const option of OPTIONS) {
      expect(option.env).toMatch(/^CULTUURGRAAF_[A-Z_]+$/);
      expect(envOf.get(option.flags) ?? option.env).toBe(option.env);
      envOf.set(option.flags, option.env);
      for (const command of option.commands) {
        expect(seen.has(`${option.flags} ${command}`), `${option.flags} twice for ${command}`).toBe(false);
        seen.add(`${option.flags} ${command}`);
      }
    }
    const envs = [...envOf.values()];
    expect(new Set(envs).size).toBe(envs.length);
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

describe('--cors-origins', () => {
  it('takes *, none or origins, and refuses what no browser Origin header can equal, suggesting the origin', () => {
    expect(parseConfig(serveSchema, { corsOrigins: 'https://faam.be, http://localhost:3000' }).corsOrigins).toBe('https://faam.be, http://localhost:3000');
    expect(parseConfig(serveSchema, { corsOrigins: 'none' }).corsOrigins).toBe('none');
    expect(() => parseConfig(serveSchema, { corsOrigins: 'https://faam.be/' })).toThrow(/--cors-origins: "https:\/\/faam\.be\/" is not an origin.*did you mean https:\/\/faam\.be\?/);
    expect(() => parseConfig(serveSchema, { corsOrigins: 'not a url' })).toThrow(/"not a url" is not an origin/);
  });
});

describe('messages for values out of range', () => {
  it('name the values allowed and the one given, in words rather than the schema library\'s', () => {
    expect(() => parseConfig(serveSchema, { logLevel: 'loud' })).toThrow(/--log-level: must be one of fatal, error, warn, info, debug, trace or silent, not "loud"$/m);
    expect(() => parseConfig(serveSchema, { sparqlReplicas: '0' })).toThrow(/--sparql-replicas: must be at least 1, not "0"$/m);
    expect(() => parseConfig(serveSchema, { sparqlReplicas: '99' })).toThrow(/--sparql-replicas: must be at most 16, not "99"$/m);
    expect(() => parseConfig(serveSchema, { sparqlReplicas: 'twee' })).toThrow(/--sparql-replicas: "twee" is not a number$/m);
    expect(() => parseConfig(serveSchema, { sparqlReplicas: '1.5' })).toThrow(/--sparql-replicas: "1\.5" is not a whole number$/m);
  });
});

describe('--trust-proxy', () => {
  it('takes hops, names, addresses and subnets, and refuses what Express cannot use, naming it', () => {
    for (const value of ['1', 'loopback', 'loopback, 10.0.0.0/8', '192.168.1.10', 'fc00::/7, uniquelocal', '10.0.0.0/255.0.0.0']) {
      expect(parseConfig(serveSchema, { trustProxy: value }).trustProxy).toBe(value);
    }
    // Trimmed, so that Express reads ' 1' as one hop (untrimmed, it is the address 0.0.0.1).
    expect(parseConfig(serveSchema, { trustProxy: ' 1 ' }).trustProxy).toBe('1');
    expect(() => parseConfig(serveSchema, { trustProxy: ' ' })).toThrow(/^Invalid configuration:\n {2}--trust-proxy: give a number of hops/);
    expect(() => parseConfig(serveSchema, { trustProxy: 'abc' })).toThrow(/--trust-proxy: "abc" is no address or subnet; give a number of hops/);
    expect(() => parseConfig(serveSchema, { trustProxy: 'loopback, 10.0.0.0/33, lokaal' })).toThrow(/"10\.0\.0\.0\/33", "lokaal" are no address or subnet/);
  });
});

describe('the README\'s table of options', () => {
  it('holds no row the commands do not have (an option removed or split stays documented otherwise)', () => {
    const rows = readme.split('\n').filter((line) => line.startsWith('| `--'));
    expect(rows).toHaveLength(OPTIONS.length);
  });
});
