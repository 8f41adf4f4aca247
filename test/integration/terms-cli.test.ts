import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const MATERIALS = join(ROOT, 'fixtures/terms/materialen.csv');

describe('cultuurgraaf terms', () => {
  it('imports a list with its metadata, lists it and searches it, as text and JSON', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const metadata = join(dir, 'materialen.json');
    writeFileSync(metadata, JSON.stringify({ name: { nl: 'Materialen', en: 'Materials' }, topics: ['materials'], publisher: { name: 'Erfgoed Vlaanderen' } }));
    const imported = runCli(['terms', 'import', MATERIALS, '--list', 'materialen', '--metadata', metadata, '--data-dir', data, '--log-level', 'warn']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('Imported materialen.csv into the term list "materialen" <http://localhost:8080/id/term-list/materialen>');
    expect(imported.stdout).toMatch(/concepts +6 +\(created 7/);

    const lists = runCli(['terms', 'lists', '--json', '--data-dir', data]);
    expect(JSON.parse(lists.stdout)).toMatchObject([{
      id: 'materialen', concepts: 6,
      metadata: { name: { nl: 'Materialen', en: 'Materials' }, publisher: { name: 'Erfgoed Vlaanderen' }, topics: ['http://localhost:8080/id/topic/materials'] },
    }]);
    expect(runCli(['terms', 'lists', '--data-dir', data]).stdout).toContain('materialen  Materialen  6 concepts');

    const found = runCli(['terms', 'search', 'email', '--json', '--data-dir', data]);
    expect(found.status).toBe(0);
    const result = JSON.parse(found.stdout) as { total: number; hits: Array<{ concept: { iri: string }; match: { how: string } }> };
    expect(result.total).toBe(1);
    expect(result.hits[0]).toMatchObject({ concept: { iri: 'http://localhost:8080/id/concept/materialen/email' }, match: { how: 'exact' } });
    expect(runCli(['terms', 'search', 'bro', '--data-dir', data]).stdout).toMatch(/^1 concept found\n +80 +brons +\[materialen\]/);
  });

  it('builds the term index again when its file is unreadable, keeping the old file aside and saying so', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    expect(runCli(['terms', 'import', MATERIALS, '--list', 'materialen', '--data-dir', data, '--log-level', 'warn']).status).toBe(0);
    expect(runCli(['terms', 'search', 'brons', '--data-dir', data]).status).toBe(0);
    writeFileSync(join(data, 'terms.sqlite'), 'garbage '.repeat(1000));
    const found = runCli(['terms', 'search', 'brons', '--data-dir', data]);
    expect(found.status).toBe(0);
    expect(found.stdout).toMatch(/^1 concept found/);
    expect(found.stderr).toMatch(/^warning: The term index .*terms\.sqlite could not be read \(file is not a database\); it was moved to .*terms\.sqlite\.unreadable-\S+ and is built again from the record store\.$/m);
    expect(readdirSync(data).filter((name) => name.startsWith('terms.sqlite.unreadable-'))).toHaveLength(1);
  });

  it('names a data dir without a record store, or an input that does not exist, without a stack trace, and makes nothing', () => {
    const typo = join(tempDir(), 'dat');
    for (const args of [['terms', 'lists'], ['terms', 'search', 'brons']]) {
      const result = runCli([...args, '--data-dir', typo]);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toBe(`error: There is no record store in ${typo} (--data-dir); check the path, or load data first.\n`);
    }
    const missing = runCli(['terms', 'import', join(tempDir(), 'nothere.csv'), '--list', 'a', '--data-dir', typo]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('error: nothere.csv does not exist.\n');
    expect(existsSync(typo)).toBe(false);
  });

  it('refuses bad input with a message naming it, and leaves the list as it was', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    expect(runCli(['terms', 'import', MATERIALS, '--list', 'materialen', '--data-dir', data]).status).toBe(0);
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'id;prefLabel@nl;broader\nx;iets;nergens\n');
    const failed = runCli(['terms', 'import', broken, '--list', 'materialen', '--data-dir', data]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('broken.csv line 2 (row 1): broader "nergens" is neither an id in this sheet nor an IRI');
    // A list id the reconciliation service reserves is refused as a bad option is: exit code 2.
    const reserved = runCli(['terms', 'import', MATERIALS, '--list', 'preview', '--data-dir', data]);
    expect(reserved.status).toBe(2);
    expect(reserved.stderr).toContain('--list: "preview" cannot be a term list id: "preview" names a part of the reconciliation service');
    const metadata = join(dir, 'bad.json');
    writeFileSync(metadata, JSON.stringify({ license: 'niet een iri' }));
    const badMetadata = runCli(['terms', 'import', MATERIALS, '--list', 'materialen', '--metadata', metadata, '--data-dir', data]);
    expect(badMetadata.status).toBe(1);
    expect(badMetadata.stderr).toContain('license: must be an absolute IRI');
    // What clients show as a link must be a web address.
    writeFileSync(metadata, JSON.stringify({ homepage: 'javascript:alert(1)', publisher: { name: 'X', iri: 'javascript:alert(2)' } }));
    const scripted = runCli(['terms', 'import', MATERIALS, '--list', 'materialen', '--metadata', metadata, '--data-dir', data]);
    expect(scripted.status).toBe(1);
    expect(scripted.stderr).toContain('homepage: must be an http(s) address');
    expect(scripted.stderr).toContain('publisher.iri: must be an http(s) address');
    expect(runCli(['terms', 'import', MATERIALS, '--data-dir', data]).stderr).toContain('--list: required, and not given');
    const unknown = runCli(['terms', 'search', 'brons', '--list', 'materialen,nergens', '--topics', 'stenen', '--data-dir', data]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--list: there is no term list "nergens"; the lists are materialen');
    expect(unknown.stderr).toMatch(/--topics: "stenen" is no topic; the topics are abstract-concepts, /);
    expect(JSON.parse(runCli(['terms', 'lists', '--json', '--data-dir', data]).stdout)).toEqual([expect.objectContaining({ id: 'materialen', concepts: 6 })]);
  });
});
