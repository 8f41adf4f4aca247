import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/domain/errors.js';
import { quadToNQuad } from '../../../src/rdf/nquads.js';
import { loadShapeValidator } from '../../../src/validation/load-shape-validator.js';
import { knownProfiles } from '../../../src/validation/profile-definition.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { PREFIXES, turtle } from './profile-fixture.js';

/** A collection record in its own named graph, as the record store keeps it. */
function record(n: number, withTitle = true): RDF.Quad[] {
  const graph = DataFactory.namedNode(`http://example.org/id/object/d/${n}`);
  return turtle(`
    ex:o${n} a crm:E22_Human-Made_Object ; ${withTitle ? `crm:P102_has_title "Stoel ${n}"@nl ;` : ''}
      crm:P108i_was_produced_by _:p${n} ; crm:P62_depicts ex:nobody .
    _:p${n} a crm:E12_Production ; crm:P14_carried_out_by "not an agent" .`,
  ).map((q) => DataFactory.quad(q.subject, q.predicate, q.object, graph));
}

describe('loadShapeValidator', () => {
  it('lists the known profiles when asked for an unknown one', async () => {
    expect(knownProfiles()).toContain('cultureel-erfgoed');
    const loading = loadShapeValidator('cultureel-erfgoud');
    await expect(loading).rejects.toThrow(InvalidInputError);
    await expect(loading).rejects.toThrow(/^Unknown validation profile "cultureel-erfgoud"; known profiles: (.+, )?cultureel-erfgoed[,.]/);
  });

  it('knows only folders with a profile.json, and refuses a manifest that is broken or points elsewhere', async () => {
    const shapesDir = tempDir();
    const vocabulariesDir = tempDir();
    mkdirSync(join(shapesDir, 'notes'));
    for (const [name, manifest] of Object.entries({
      broken: '{ "title": "x", "shapes": [] }',
      escaping: '{ "title": "x", "shapes": ["../../etc/passwd"] }',
      missing: '{ "title": "x", "shapes": ["gone.ttl"] }',
      garbled: '{ "title": ',
    })) {
      mkdirSync(join(shapesDir, name));
      writeFileSync(join(shapesDir, name, 'profile.json'), manifest);
    }
    expect(knownProfiles({ shapesDir })).toEqual(['broken', 'escaping', 'garbled', 'missing']);
    await expect(loadShapeValidator('notes', { shapesDir, vocabulariesDir })).rejects.toThrow('known profiles: broken, escaping, garbled, missing');
    await expect(loadShapeValidator('broken', { shapesDir, vocabulariesDir })).rejects.toThrow('shapes');
    await expect(loadShapeValidator('escaping', { shapesDir, vocabulariesDir })).rejects.toThrow('is outside');
    await expect(loadShapeValidator('missing', { shapesDir, vocabulariesDir })).rejects.toThrow('gone.ttl does not exist');
    await expect(loadShapeValidator('garbled', { shapesDir, vocabulariesDir })).rejects.toThrow(InvalidInputError);
  });

  it('refuses two layers that write the same blank node label', async () => {
    const shapesDir = tempDir();
    mkdirSync(join(shapesDir, 'clash'));
    writeFileSync(join(shapesDir, 'clash', 'profile.json'), '{ "title": "x", "shapes": ["a.ttl", "b.ttl"] }');
    writeFileSync(join(shapesDir, 'clash', 'a.ttl'), `${PREFIXES} ex:S sh:property _:p . _:p sh:path ex:p .`);
    writeFileSync(join(shapesDir, 'clash', 'b.ttl'), `${PREFIXES} ex:T sh:property _:p .`);
    await expect(loadShapeValidator('clash', { shapesDir })).rejects.toThrow('Blank node _:p is written in both a.ttl and b.ttl');
  });

  describe('the cultureel-erfgoed validator, reused', () => {
    it('gives each record the same result every time, whatever it validated before', async () => {
      const validator = await loadShapeValidator('cultureel-erfgoed');
      expect(validator.profile).toBe('cultureel-erfgoed');
      const first = await validator.validate(record(1));
      expect(first.conforms).toBe(false);
      const between = [];
      for (let n = 2; n < 40; n++) between.push(await validator.validate(record(n, n % 2 === 0)));
      expect(await validator.validate(record(1))).toEqual(first);
      // Records that differ only in their IRIs get the same issues, renamed.
      expect(JSON.stringify(between[2]).replaceAll('o4', 'o1').replaceAll('_:p4', '_:p1')).toBe(JSON.stringify(first));
    });

    it('gives the same results when validations overlap', async () => {
      const validator = await loadShapeValidator('cultureel-erfgoed');
      const records = Array.from({ length: 20 }, (_, n) => record(n, n % 3 !== 0));
      const one = [];
      for (const r of records) one.push(await validator.validate(r));
      expect(await Promise.all(records.map((r) => validator.validate(r)))).toEqual(one);
    });

    it('never changes the quads it is given (infers on a copy, in the default graph)', async () => {
      const validator = await loadShapeValidator('cultureel-erfgoed');
      const quads = Object.freeze(record(7));
      const before = quads.map(quadToNQuad).join('');
      await validator.validate(quads);
      expect(quads.map(quadToNQuad).join('')).toBe(before);
    });
  });
});
