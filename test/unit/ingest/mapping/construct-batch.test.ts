import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { ConstructBatch } from '../../../../src/ingest/mapping/construct-batch.js';
import { ConstructRunner, type UnreadableItemError } from '../../../../src/ingest/mapping/construct-runner.js';
import { getMapping, listMappings, mappingFile, type MappingDefinition } from '../../../../src/ingest/mapping/mapping-catalog.js';
import { MappingPipeline } from '../../../../src/ingest/mapping/mapping-pipeline.js';
import { openSource } from '../../../../src/ingest/sources/open-source.js';
import { canonicalGraph, parseRdf } from '../../../helpers/isomorphism.js';
import { referenceDir } from '../../../helpers/reference.js';

const CONTEXT = { baseIri: 'http://localhost:8080/', dataset: 'test' };

/** Lifts every item of an input the way an ingest run does, before the CONSTRUCT. */
async function liftedItems(mapping: MappingDefinition, input: string): Promise<string[]> {
  const validator = { profile: 'none', validate: () => Promise.reject(new Error('lifting validates nothing')) };
  const pipeline = MappingPipeline.open(mapping, { ...CONTEXT, validator });
  const handle = await openSource(mapping.input, input, { baseIri: CONTEXT.baseIri, name: input, loader: pipeline.loader });
  const lifted: string[] = [];
  try {
    for await (const item of handle.items()) {
      if (lifted.length === 0 && item.kind === 'row') pipeline.useHeaders(Object.keys(item.values), { source: input, line: 1 });
      lifted.push(await pipeline.lift(item));
    }
  } finally {
    await handle.dispose();
  }
  return lifted;
}

/** A batch's graphs, failing on an item the engine could not read. */
function batchOf(construct: ConstructRunner, items: readonly string[]): RDF.Quad[][] {
  return construct.runBatch(items).map((result) => {
    if (result instanceof Error) throw result;
    return result;
  });
}

function runner(mapping: MappingDefinition): ConstructRunner {
  return new ConstructRunner(mappingFile(mapping, mapping.construct), mapping.name, CONTEXT);
}

/** Asserts that the batch gives, item by item, the graph the per-item CONSTRUCT gives. */
async function expectSameAsPerItem(construct: ConstructRunner, lifted: readonly string[]): Promise<void> {
  const batched = batchOf(construct, lifted);
  expect(batched).toHaveLength(lifted.length);
  for (const [i, text] of lifted.entries()) {
    const alone = construct.run(text);
    expect(alone.length, `item ${i} maps to something`).toBeGreaterThan(0);
    expect(await canonicalGraph(batched[i] ?? []), `item ${i}`).toBe(await canonicalGraph(alone));
  }
}

const examples = listMappings().map((mapping) => {
  const dir = join(mapping.directory, 'example');
  const input = readdirSync(dir).find((file) => !file.startsWith('expected'));
  return { mapping, input: join(dir, input ?? '') };
});

describe('ConstructRunner.runBatch', () => {
  it.each(examples.map((e) => [e.mapping.name, e] as const))('maps the %s example item by item as the per-item CONSTRUCT does', async (_name, { mapping, input }) => {
    const construct = runner(mapping);
    expect(construct.notBatchable).toBeUndefined();
    const lifted = await liftedItems(mapping, input);
    expect(lifted.length).toBeGreaterThan(0);
    await expectSameAsPerItem(construct, lifted);
  });

  it('maps the Ghent museums\' LDES members as the per-item CONSTRUCT does', async () => {
    const mapping = getMapping('oslo-ldes');
    const construct = runner(mapping);
    const lifted = await liftedItems(mapping, referenceDir('coghent-ldes', 'stam_obj.ndjson'));
    lifted.push(...await liftedItems(mapping, referenceDir('coghent-ldes', 'agents.ndjson')));
    expect(lifted.length).toBeGreaterThan(5);
    await expectSameAsPerItem(construct, lifted);
  });

  it('runs an item that names graphs on its own, with the default graph as their union', () => {
    const construct = new ConstructRunner('CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <urn:q> ?o }', 'q', CONTEXT);
    const results = batchOf(construct, [
      '<urn:a> <urn:q> "in a named graph" <urn:g> .\n',
      '<urn:b> <urn:q> "plain" .\n',
    ]);
    expect(results.map((quads) => quads.map((q) => `${q.subject.value} ${q.object.value}`))).toEqual([
      ['urn:a in a named graph'],
      ['urn:b plain'],
    ]);
  });

  it('gives each item only its own solutions, and an item without any an empty graph', () => {
    const construct = new ConstructRunner('CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <urn:q> ?o }', 'q', CONTEXT);
    const results = batchOf(construct, ['<urn:a> <urn:q> "1" .\n', '', '<urn:c> <urn:q> "3" .\n<urn:c> <urn:q> "4" .\n']);
    expect(results.map((quads) => quads.map((q) => q.object.value).sort())).toEqual([['1'], [], ['3', '4']]);
  });

  it('sees the context triples in every item', () => {
    const construct = new ConstructRunner(
      'PREFIX ctx: <urn:cultuurgraaf:context#> CONSTRUCT { ?s <urn:in> ?dataset } WHERE { ?s <urn:q> ?o . <urn:cultuurgraaf:context> ctx:dataset ?dataset }',
      'q', CONTEXT,
    );
    const results = batchOf(construct, ['<urn:a> <urn:q> "1" .\n', '<urn:b> <urn:q> "2" .\n']);
    expect(results.map((quads) => quads.map((q) => `${q.subject.value} ${q.object.value}`))).toEqual([['urn:a test'], ['urn:b test']]);
  });
});

describe('ConstructBatch', () => {
  it('leaves out template triples with an unbound variable or that are not RDF, and keeps each triple once', () => {
    const batch = ConstructBatch.of('CONSTRUCT { ?s <urn:p> ?o . ?s <urn:r> ?missing . ?o <urn:p> ?s . ?s <urn:t> "x" } WHERE { ?s <urn:q> ?o }');
    if (!(batch instanceof ConstructBatch)) throw new Error(batch.notBatchable);
    const item = ConstructBatch.itemVariable;
    const json = JSON.stringify({
      head: { vars: [item, 's', 'o'] },
      results: {
        bindings: [
          { [item]: { type: 'uri', value: 'urn:g1' }, s: { type: 'uri', value: 'urn:a' }, o: { type: 'literal', value: 'een', 'xml:lang': 'nl' } },
          { [item]: { type: 'uri', value: 'urn:g1' }, s: { type: 'uri', value: 'urn:a' }, o: { type: 'literal', value: '2', datatype: 'http://www.w3.org/2001/XMLSchema#integer' } },
        ],
      },
    });
    const quads = batch.instantiate(json).get('urn:g1') ?? [];
    const text = (q: RDF.Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType === 'Literal' ? `${q.object.value}@${q.object.language}^${q.object.datatype.value}` : q.object.value}`;
    expect(quads.map(text).sort()).toEqual([
      'urn:a urn:p 2@^http://www.w3.org/2001/XMLSchema#integer',
      'urn:a urn:p een@nl^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString',
      'urn:a urn:t x@^http://www.w3.org/2001/XMLSchema#string',
    ]);
  });

  it('makes the template\'s blank nodes fresh for every solution', () => {
    const construct = new ConstructRunner('CONSTRUCT { ?s <urn:has> _:part . _:part <urn:value> ?o } WHERE { ?s <urn:q> ?o }', 'q', CONTEXT);
    const [quads] = batchOf(construct, ['<urn:a> <urn:q> "1" .\n<urn:a> <urn:q> "2" .\n']);
    const parts = new Set((quads ?? []).filter((q) => q.predicate.value === 'urn:has').map((q) => q.object.value));
    expect(parts.size).toBe(2);
    expect(canonicalGraph(quads ?? [])).toEqual(canonicalGraph(parseRdf('<urn:a> <urn:has> _:x, _:y . _:x <urn:value> "1" . _:y <urn:value> "2" .')));
  });

  it.each([
    ['CONSTRUCT { ?s ?p ?o } FROM <urn:g> WHERE { ?s ?p ?o }', 'it has a FROM clause'],
    ['CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10', 'it has ORDER BY, LIMIT or OFFSET'],
    ['CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s', 'it has ORDER BY, LIMIT or OFFSET'],
    ['CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }', 'its WHERE clause has a GRAPH pattern'],
    ['CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o OPTIONAL { ?s ?p ?x FILTER NOT EXISTS { GRAPH <urn:g> { ?x ?p ?o } } } }', 'its WHERE clause has a GRAPH pattern'],
    ['CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }', 'its WHERE clause has a SERVICE pattern'],
  ])('does not batch %s: %s', (query, reason) => {
    expect(ConstructBatch.of(query)).toEqual({ notBatchable: reason });
  });

  it('runs a query it cannot batch item by item, with the same results', () => {
    const construct = new ConstructRunner('CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <urn:q> ?o } ORDER BY ?o LIMIT 1', 'q', CONTEXT);
    expect(construct.notBatchable).toBe('it has ORDER BY, LIMIT or OFFSET');
    const results = batchOf(construct, ['<urn:a> <urn:q> "2" .\n<urn:a> <urn:q> "1" .\n', '<urn:b> <urn:q> "3" .\n']);
    expect(results.map((quads) => quads.map((q) => q.object.value))).toEqual([['1'], ['3']]);
  });

  it('answers an item the engine cannot read with why, naming the value and its property, and maps the others', () => {
    const construct = new ConstructRunner('CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <urn:q> ?o }', 'test', CONTEXT);
    const results = construct.runBatch(['<urn:a> <urn:q> "1" .\n', '<urn:b> <urn:q> <%{baseUrl}/places/x> .\n', '<urn:c> <urn:q> "3" .\n']);
    expect(results.map((r) => (r instanceof Error ? r.message : r.map((q) => q.object.value)))).toEqual([
      ['1'], expect.stringMatching(/^"%\{baseUrl\}\/places\/x" cannot be stored as an IRI \(/) as unknown, ['3'],
    ]);
    const refused = results[1] as UnreadableItemError;
    expect([refused.value, refused.property]).toEqual(['%{baseUrl}/places/x', 'urn:q']);
  });
});
