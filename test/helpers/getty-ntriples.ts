import { writeFileSync } from 'node:fs';

const AAT = 'http://vocab.getty.edu/aat/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const XL = 'http://www.w3.org/2008/05/skos-xl#';
const GVP = 'http://vocab.getty.edu/ontology#';
const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const RDF_VALUE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#value>';

/** The IRI of the n-th generated concept. */
export const gettyConcept = (n: number): string => `${AAT}${300_000_000 + n}`;

/**
 * Writes `count` concepts in the shape of Getty's explicit AAT N-Triples exports: typed
 * skos:Concept and gvp:Concept, an English skos:prefLabel, its SKOS-XL term resources (the
 * Dutch label only as SKOS-XL, as Getty has it for many terms), gvp:broaderPreferred instead of
 * skos:broader, scope notes as resources with rdf:value, and skos:inScheme aat:. Concept n is
 * named `materiaal n` (nl) and `material n` (en); every tenth is under concept 0.
 */
export function writeGettyNTriples(file: string, count: number): void {
  const lines: string[] = [];
  for (let n = 0; n < count; n++) {
    const c = `<${gettyConcept(n)}>`;
    const term = (lang: string): string => `<${AAT}term/${1_000_000_000 + n}-${lang}>`;
    lines.push(
      `${c} ${RDF_TYPE} <${SKOS}Concept> .`,
      `${c} ${RDF_TYPE} <${GVP}Concept> .`,
      `${c} <${SKOS}inScheme> <${AAT}> .`,
      `${c} <${SKOS}prefLabel> "material ${n}"@en .`,
      `${c} <${XL}prefLabel> ${term('en')} .`,
      `${term('en')} ${RDF_TYPE} <${XL}Label> .`,
      `${term('en')} <${XL}literalForm> "material ${n}"@en .`,
      `${c} <${XL}prefLabel> ${term('nl')} .`,
      `${term('nl')} ${RDF_TYPE} <${XL}Label> .`,
      `${term('nl')} <${XL}literalForm> "materiaal ${n}"@nl .`,
      `${c} <${SKOS}scopeNote> <${AAT}scopeNote/${n}> .`,
      `<${AAT}scopeNote/${n}> ${RDF_VALUE} "Synthetic scope note ${n}."@en .`,
    );
    if (n > 0 && n % 10 === 0) lines.push(`${c} <${GVP}broaderPreferred> <${gettyConcept(0)}> .`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
