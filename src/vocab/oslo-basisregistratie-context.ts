import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { packageRoot } from '../paths.js';
import { contextFromShacl, type ContextTerm, type ExtraTerm } from './shacl-context.js';

/** The URL data in the OSLO Cultureel Erfgoed basisregistratie (ontwerpstandaard 2025-01-20) names its context by. */
export const BASISREGISTRATIE_CONTEXT_URL = 'https://data.vlaanderen.be/doc/implementatiemodel/cultureel-erfgoed-basisregistratie/ontwerpstandaard/2025-01-20/context/cultureel-erfgoed-basisregistratie.jsonld';
/** Our context for it, in vocabularies/contexts/ (made by `npm run contexts`). */
export const BASISREGISTRATIE_CONTEXT_FILE = 'oslo-cultureel-erfgoed-basisregistratie-2025.jsonld';
const SHAPES = ['shapes', 'cultureel-erfgoed', 'cultureel-erfgoed-basisregistratie-SHACL.original.ttl'];

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';

/** Terms of the implementation model that its SHACL leaves out. */
export const BASISREGISTRATIE_EXTRA_TERMS: readonly ExtraTerm[] = [
  {
    term: 'Dimensie.eenheid', definition: { '@id': `${CRM}P91_has_unit`, '@type': '@id' },
    reason: 'the model gives a Dimensie a unit (crm:P91_has_unit, a Concept); its SHACL has no shape for it',
  },
  {
    term: 'Dimensie.type', definition: { '@id': `${CRM}P2_has_type`, '@type': '@id' },
    reason: 'the model names the dimension\'s type `type`; its SHACL names the same property `typeDimensie`, which is defined too',
  },
  {
    term: 'Literal', definition: 'http://www.w3.org/2000/01/rdf-schema#Literal',
    reason: 'a datatype the model lists among its classes; its SHACL has no shape for it',
  },
];

/** The context derived from the shipped SHACL, as the bundled file holds it. */
export function basisregistratieContext(): { '@context': Record<string, ContextTerm> } {
  const quads = new Parser().parse(readFileSync(join(packageRoot(), ...SHAPES), 'utf8'));
  return { '@context': contextFromShacl(quads, BASISREGISTRATIE_EXTRA_TERMS) };
}

/** The bundled file's text: the context, two-space indented, with a final line end. */
export function basisregistratieContextText(): string {
  return `${JSON.stringify(basisregistratieContext(), null, 2)}\n`;
}

/** Writes the bundled file (`npm run contexts`). */
export function writeBasisregistratieContext(): string {
  const file = join(packageRoot(), 'vocabularies', 'contexts', BASISREGISTRATIE_CONTEXT_FILE);
  writeFileSync(file, basisregistratieContextText());
  return file;
}
