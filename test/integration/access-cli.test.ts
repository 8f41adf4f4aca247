import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sharedTempDir } from '../helpers/temp-dir.js';

describe('cultuurgraaf org, token, policy and audit', () => {
  const temp = sharedTempDir('access-cli-');
  const data = join(temp.dir, 'data');
  const cli = (...args: string[]) => runCli([...args, '--data-dir', data]);

  // About 25 CLI processes, each starting Node and opening the store (about a second each): 25 s on
  // an idle 2-core machine, more on a busy one, so not the default 30 s.
  it('sets up an organisation, a token and a policy from the command line, and audits each', { timeout: 120_000 }, () => {
    const turtle = join(temp.dir, 'objecten.ttl');
    writeFileSync(turtle, '<http://ex.org/o/1> <http://purl.org/dc/terms/title> "Zicht op de Leie" .\n');
    expect(cli('org', 'create', 'msk', '--name', 'MSK Gent').stdout).toContain('Created organisation "msk"');
    const duplicate = cli('org', 'create', 'msk', '--name', 'Again');
    expect(duplicate.status).not.toBe(0);
    expect(duplicate.stderr).toContain('Organisation "msk" already exists');
    const badId = cli('org', 'create', 'MSK Gent', '--name', 'MSK Gent');
    expect(badId.status).toBe(2);
    expect(badId.stderr).toContain('<id>: "MSK Gent" is not a valid organisation id');
    expect(cli('load', turtle, '--dataset', 'msk-collectie', '--organisation', 'msk', '--default-policy', 'private').status).toBe(0);
    expect(JSON.parse(cli('policy', 'show', 'msk-collectie', '--json').stdout)).toEqual({
      dataset: 'msk-collectie', channels: [], rights: null, restrictedProperties: [],
    });
    const wrongOrg = cli('load', turtle, '--dataset', 'msk-collectie', '--organisation', 'default');
    expect(wrongOrg.stderr).toContain('belongs to organisation "msk", not "default"');

    const set = cli('policy', 'set', 'msk-collectie', '--channels', 'sparql,linked-data', '--rights', 'http://creativecommons.org/licenses/by/4.0/');
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('(1 records re-published)');
    // What is not given stays.
    cli('policy', 'set', 'msk-collectie', '--restricted-properties', 'https://schema.org/birthDate');
    expect(JSON.parse(cli('policy', 'show', 'msk-collectie', '--json').stdout)).toEqual({
      dataset: 'msk-collectie', channels: ['sparql', 'linked-data'], rights: 'http://creativecommons.org/licenses/by/4.0/',
      restrictedProperties: ['https://schema.org/birthDate'],
    });
    const badRights = cli('policy', 'set', 'msk-collectie', '--rights', 'CC-BY');
    // An option's value the command refuses is an invalid option: exit code 2, as for the others.
    expect(badRights.status).toBe(2);
    expect(badRights.stderr).toContain('http://rightsstatements.org/vocab/InC/1.0/');
    // The options are named as they are given here, not as the HTTP body's fields.
    expect(badRights.stderr).toContain('--rights: "CC-BY" is not a rightsstatements.org statement');
    const badProperty = cli('policy', 'set', 'msk-collectie', '--restricted-properties', 'birthDate');
    expect([badProperty.status, badProperty.stderr]).toEqual([2, expect.stringContaining('--restricted-properties must be absolute IRIs; not: "birthDate".')]);
    expect(cli('policy', 'set', 'msk-collectie', '--channels', 'europeana', '--rights', 'none').stderr).toContain('set --rights to a rightsstatements.org');
    expect(cli('policy', 'set', 'msk-collectie', '--record', 'http://ex.org/o/1', '--channels', 'none').status).toBe(0);
    expect(JSON.parse(cli('policy', 'show', 'msk-collectie', '--record', 'http://ex.org/o/1', '--json').stdout)).toMatchObject({ own: { channels: [] }, effective: [] });
    expect(cli('policy', 'unset', 'msk-collectie', '--record', 'http://ex.org/o/1').status).toBe(0);

    const created = JSON.parse(cli('token', 'create', '--role', 'editor', '--organisation', 'msk', '--json').stdout) as { id: string; token: string };
    expect(created.token).toMatch(/^cg_/);
    const listed = cli('token', 'list');
    expect(listed.stdout).toContain(created.id);
    expect(listed.stdout).not.toContain(created.token);
    expect(cli('token', 'revoke', created.id).stdout).toContain(`Revoked token ${created.id}`);
    // A list to come is allowed (its maintainer may create it); a misspelt one is told.
    const maintainer = cli('token', 'create', '--role', 'term-maintainer', '--term-lists', 'msk-colectie');
    expect(maintainer.status, maintainer.stderr).toBe(0);
    expect(maintainer.stderr).toContain('Note: there is no term list "msk-colectie" yet (did you mean "msk-collectie"?); the token lets its maintainer create it (PUT /api/term-lists/msk-colectie).');
    expect(cli('token', 'create', '--role', 'editor').stderr).toContain('needs an organisation');
    const badValues = [
      cli('token', 'create', '--role', 'bogus'), cli('token', 'create', '--role', 'reader', '--organisation', 'msk', '--expires-at', '2027-13-01'),
      cli('policy', 'set', 'msk-collectie', '--channels', 'foo'),
    ];
    expect(badValues.map((result) => [result.status, result.stderr.split('\n')[0]])).toEqual([[2, 'Invalid configuration:'], [2, 'Invalid configuration:'], [2, 'Invalid configuration:']]);
    expect(badValues.map((result) => result.stderr)).toEqual([
      expect.stringContaining('"bogus" is not a role'), expect.stringContaining('got "2027-13-01"'), expect.stringContaining('Unknown channel "foo"'),
    ]);

    const audit = JSON.parse(cli('audit', '--json').stdout) as Array<{ actor: string; action: string; details: { user?: string } }>;
    expect(audit.map((entry) => entry.action)).toEqual([
      'organisation.create', 'load', 'policy.set', 'policy.set', 'policy.record.set', 'policy.record.clear', 'token.create', 'token.revoke', 'token.create',
    ]);
    expect(audit.every((entry) => entry.actor === 'cli')).toBe(true);
  });
});
