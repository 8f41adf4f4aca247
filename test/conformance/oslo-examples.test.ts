/**
 * Acceptance: the three official OSLO Cultureel Erfgoed example graphs, validated the way ingest
 * validates a record (the cultureel-erfgoed profile, with the CIDOC-CRM inference step). Pins,
 * per example, whether it conforms and exactly which issues remain, and contrasts that with
 * the same shapes without inference and with the official shapes alone, so the effect of the
 * inference step and of each local relaxation stays visible.
 *
 * The examples are read from ../shared/reference/ (they are not copied into the project). They
 * refer to the published OSLO context by its remote URL; a local document loader serves the
 * copy next to them and refuses any other URL, so nothing is fetched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as RDF from '@rdfjs/types';
import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../src/ports/shape-validator.js';
import { Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { accelerateValidator } from '../../src/validation/accelerate-validator.js';
import { loadProfileShapes } from '../../src/validation/load-profile-shapes.js';
import { buildShapeValidator } from '../../src/validation/load-shape-validator.js';
import { resolveProfile } from '../../src/validation/profile-definition.js';
import { readTurtleFiles } from '../../src/validation/read-turtle-files.js';
import { SchemaInference } from '../../src/validation/schema-inference.js';
import { localName, toNodeId } from '../../src/validation/term-text.js';
import { referenceDir } from '../helpers/reference.js';

const REFERENCE = referenceDir('oslo-cultureel-erfgoed');
const CONTEXT_URL = 'https://data.vlaanderen.be/doc/implementatiemodel/cultureel-erfgoed-basisregistratie/ontwerpstandaard/2025-01-20/context/cultureel-erfgoed-basisregistratie.jsonld';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const E1 = 'http://www.cidoc-crm.org/cidoc-crm/E1_CRM_Entity';
const available = existsSync(join(REFERENCE, 'cultureel-erfgoed-basisregistratie-context.jsonld'));

/** The one remote context the examples use, served from the local copy; anything else is refused. */
function localContextLoader(): (url: string) => Promise<RemoteDocument> {
  const document = JSON.parse(readFileSync(join(REFERENCE, 'cultureel-erfgoed-basisregistratie-context.jsonld'), 'utf8')) as unknown;
  return (url) => url === CONTEXT_URL
    ? Promise.resolve({ contextUrl: undefined, documentUrl: url, document } as RemoteDocument)
    : Promise.reject(new Error(`the test never fetches ${url}`));
}

async function exampleQuads(file: string): Promise<RDF.Quad[]> {
  const document = JSON.parse(readFileSync(join(REFERENCE, file), 'utf8')) as jsonld.JsonLdDocument;
  const nquads = await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader: localContextLoader() }) as unknown as string;
  // Keep JSON-LD's blank node labels (_:b0 ...) so a failure names the same nodes as the example.
  return new Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(nquads);
}

/**
 * One issue as a line: severity, focus node, path and constraint by local name, value. A blank
 * focus node is named by its type in the example (`[E96_Purchase]`), which says more than `_:b4`.
 * Lines are compared sorted (so `[` before `ex:` before `https:`).
 */
function line(issue: ValidationIssue, quads: readonly RDF.Quad[]): string {
  let focus = issue.focusNode;
  if (focus.startsWith('_:')) {
    const type = quads.find((q) => q.subject.termType === 'BlankNode' && `_:${q.subject.value}` === focus && q.predicate.value === RDF_TYPE);
    focus = `[${type === undefined ? focus : localName(type.object.value)}]`;
  }
  const path = issue.path === undefined ? '-' : issue.path.includes('<') ? issue.path.replace(/<([^>]+)>/g, (_, iri: string) => `<${localName(iri)}>`) : localName(issue.path);
  const parts = [issue.severity, focus, path, localName(issue.constraint).replace('ConstraintComponent', '')];
  if (issue.value !== undefined) parts.push(issue.value);
  return parts.join(' ');
}

async function outcome(validator: ReturnType<typeof buildShapeValidator>, file: string) {
  const quads = await exampleQuads(file);
  const result = await validator.validate(quads);
  return { conforms: result.conforms, issues: result.issues.map((issue) => line(issue, quads)).sort() };
}

const ARCHIEF = 'example-archief-tumult.jsonld';
const MUSEAAL = 'example-museaal-object-schilderij-theo-van-rysselberghe.jsonld';
const REYNAERT = 'example-publicatie-reynaert-de-vos.jsonld';
const CARRIED = '<https://hdl.handle.net/10796/9405f30b-564a-44c4-a86a-a089065ff129>';
const CURRENCY = '"https://example.com/valuta/belgische_frank"^^<http://www.w3.org/2004/02/skos/core#Concept>';
const PERSON = '<https://gw.geneanet.org/gounou?lang=fr&pz=auguste&nz=dumont&p=marguerite&n=van+mons>';
const MSK = 'https://mskgent.be/collection/work/data/1979-C';

describe.skipIf(!available)(
  available
    ? 'the official OSLO Cultureel Erfgoed examples'
    : 'the official OSLO Cultureel Erfgoed examples (skipped: the shared reference folder with oslo-cultureel-erfgoed/ is missing; see test/helpers/reference.ts)',
  () => {
    const profile = resolveProfile('cultureel-erfgoed');
    const shipped = buildShapeValidator(profile);
    const withoutInference = buildShapeValidator({ ...profile, inferenceFiles: [] });
    // The official shapes alone: without the local profile and without its checks beyond SHACL.
    const officialOnly = buildShapeValidator({ ...profile, shapeFiles: profile.shapeFiles.slice(0, 1), checks: [] });
    const officialRaw = buildShapeValidator({ ...profile, shapeFiles: profile.shapeFiles.slice(0, 1), inferenceFiles: [], checks: [] });

    describe('validated as ingest does (local profile, with inference)', () => {
      it('Publicatie Reynaert de Vos conforms, with warnings only for its dating "1713-1717", which is no EDTF (A2)', async () => {
        // EDTF writes a span of years 1713/1717; "1713-1717" reads as year 1713, month 17.
        const { conforms, issues } = await outcome(shipped, REYNAERT);
        expect(conforms).toBe(true);
        expect(issues.length).toBeGreaterThan(0);
        expect(issues.every((issue) => /^warning \[ProperInterval\] hasEDTFDateTimeDescription Datatype "1713-1717"/.test(issue))).toBe(true);
      });

      it('Museaal object (Van Rysselberghe) keeps one violation: a currency given as a literal (an error in the example)', async () => {
        // The example writes Geldbedrag.valuta as {"@value": ..., "@type": "skos:Concept"}, a literal,
        // where an IRI (@id) of a Concept is meant. The warnings are gaps the profile reports (W1, W2, W4).
        expect(await outcome(shipped, MUSEAAL)).toEqual({
          conforms: false,
          issues: [
            `violation ex:Dimensie002 P180_has_currency Or ${CURRENCY}`,
            'warning [E12_Production] P7_took_place_at MinCount',
            'warning [E17_Type_Assignment] P14_carried_out_by MinCount',
            'warning [E17_Type_Assignment] P7_took_place_at MinCount',
            'warning [E96_Purchase] P14_carried_out_by MinCount',
            'warning [E96_Purchase] P7_took_place_at MinCount',
            `warning ${MSK} P43_has_dimension MinCount`,
          ],
        });
      });

      it('Archief Tumult keeps one violation: a Set carried as if it were an InformatieObject (an error in the example)', async () => {
        // The archive is typed only Set, yet uses InformatieObject.drager (P128i_is_carried_by); the
        // inverse makes its carrier carry (P128_carries) a value that must be an InformatieObject.
        // The warnings are gaps the profile reports (W1, W3, W5).
        expect(await outcome(shipped, ARCHIEF)).toEqual({
          conforms: false,
          issues: [
            'violation [E22_Human-Made_Object] P128_carries Class ' + CARRIED,
            'warning [E22_Human-Made_Object] P45_consists_of MinCount',
            'warning https://example.com/Productie001 P14_carried_out_by MinCount',
            ...[1, 2, 3, 4, 5].map((n) => `warning https://example.com/Recht00${n} P94i_was_created_by MinCount`),
          ],
        });
      });

      it('every example has E1_CRM_Entity instances after inference, so none conforms vacuously (the job of the deactivated _:MyShape)', async () => {
        const inference = SchemaInference.fromQuads(readTurtleFiles(profile.inferenceFiles).flat());
        for (const file of [ARCHIEF, MUSEAAL, REYNAERT]) {
          const quads = await exampleQuads(file);
          const e1 = [...quads, ...inference.infer(quads)].filter((q) => q.predicate.value === RDF_TYPE && q.object.value === E1);
          expect(e1.length, file).toBeGreaterThan(2);
        }
      });
    });

    describe('the accelerated validator', () => {
      it('gives exactly the results of plain rdf-validate-shacl on every example, official and local shapes, with and without inference', async () => {
        const inference = SchemaInference.fromQuads(readTurtleFiles(profile.inferenceFiles).flat());
        const summary = async (validator: SHACLValidator, quads: readonly RDF.Quad[]) => (await validator.validate(validator.factory.dataset([...quads])))
          .results.map((r) => [r.focusNode, r.sourceConstraintComponent, r.sourceShape, r.severity].map(toNodeId).join(' ') + ` ${(r.value as RDF.Term | null)?.value ?? '-'}`).sort();
        for (const shapeFiles of [profile.shapeFiles, profile.shapeFiles.slice(0, 1)]) {
          const shapes = loadProfileShapes({ ...profile, shapeFiles }).shapes;
          const plain = new SHACLValidator(new Store(shapes));
          const fast = new SHACLValidator(new Store(shapes));
          accelerateValidator(fast);
          for (const file of [ARCHIEF, MUSEAAL, REYNAERT]) {
            const quads = await exampleQuads(file);
            for (const data of [quads, [...quads, ...inference.infer(quads)]]) {
              expect(await summary(fast, data), file).toEqual(await summary(plain, data));
            }
          }
        }
      });
    });

    describe('without the inference step, the same profile judges wrongly', () => {
      it('Reynaert still conforms', async () => {
        const { conforms, issues } = await outcome(withoutInference, REYNAERT);
        expect(conforms).toBe(true);
        expect(issues.every((issue) => issue.startsWith('warning') && issue.includes('"1713-1717"'))).toBe(true);
      });

      it('Museaal object: the structural inverses are missing (P108, P24, P41), so correct data is rejected', async () => {
        const { conforms, issues } = await outcome(withoutInference, MUSEAAL);
        expect(conforms).toBe(false);
        expect(issues.filter((i) => i.startsWith('violation'))).toEqual([
          'violation [E12_Production] P108_has_produced MinCount',
          'violation [E17_Type_Assignment] P41_classified MinCount',
          'violation [E96_Purchase] P24_transferred_title_of MinCount',
          `violation ex:Dimensie002 P180_has_currency Or ${CURRENCY}`,
        ]);
      });

      it('Archief Tumult: eight violations of missing inverses, and the real error (P128) goes unseen', async () => {
        const { conforms, issues } = await outcome(withoutInference, ARCHIEF);
        expect(conforms).toBe(false);
        expect(issues.filter((i) => i.startsWith('violation'))).toEqual([
          ...[1, 2, 3, 4, 5, 6].map((n) => `violation https://example.com/Creatie00${n} P94_has_created MinCount`),
          'violation https://example.com/Productie001 P108_has_produced MinCount',
          'violation https://example.com/Verwerving001 P24_transferred_title_of MinCount',
        ]);
      });
    });

    describe('the official shapes alone (no local profile)', () => {
      it('without inference, no example conforms (Reynaert fails only the added _:MyShape)', async () => {
        expect(await outcome(officialRaw, REYNAERT)).toEqual({
          conforms: false,
          issues: [`violation ${E1} ^<type> MinCount`],
        });
        const museaal = await outcome(officialRaw, MUSEAAL);
        const archief = await outcome(officialRaw, ARCHIEF);
        expect([museaal.conforms, museaal.issues.length, archief.conforms, archief.issues.length]).toEqual([false, 11, false, 10]);
        expect(museaal.issues.every((i) => i.startsWith('violation'))).toBe(true);
        expect(archief.issues.every((i) => i.startsWith('violation'))).toBe(true);
      });

      it('with inference, Reynaert conforms and the other two fail on the rules the local profile relaxes or fixes', async () => {
        expect(await outcome(officialOnly, REYNAERT)).toEqual({ conforms: true, issues: [] });
        expect(await outcome(officialOnly, MUSEAAL)).toEqual({
          conforms: false,
          issues: [
            'violation [E12_Production] P7_took_place_at MinCount', // W2
            'violation [E17_Type_Assignment] P14_carried_out_by MinCount', // W1
            'violation [E17_Type_Assignment] P7_took_place_at MinCount', // W2
            'violation [E96_Purchase] P14_carried_out_by MinCount', // W1
            'violation [E96_Purchase] P7_took_place_at MinCount', // W2
            `violation ex:Dimensie002 P180_has_currency Or ${CURRENCY}`, // the example's error
            `violation ${MSK} P43_has_dimension MinCount`, // W4
            `violation ${MSK} P62_depicts Or ${PERSON}`, // F1: a Persoon is an Entiteit
          ],
        });
        expect(await outcome(officialOnly, ARCHIEF)).toEqual({
          conforms: false,
          issues: [
            'violation [E22_Human-Made_Object] P128_carries Class ' + CARRIED, // the example's error
            'violation [E22_Human-Made_Object] P45_consists_of MinCount', // W3
            'violation https://example.com/Productie001 P14_carried_out_by MinCount', // W1
            ...[1, 2, 3, 4, 5].map((n) => `violation https://example.com/Recht00${n} P94i_was_created_by MinCount`), // W5
          ],
        });
      });
    });
  },
);
