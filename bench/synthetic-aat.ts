/**
 * A deterministic synthetic thesaurus in the shape of Getty AAT's N-Triples exports, for the
 * term benchmark: concepts typed skos:Concept and gvp:Concept, each with a preferred label in
 * English and Dutch as plain SKOS and as SKOS-XL term resources, alternative labels (0 to 4, as
 * SKOS-XL with the plain form too), a gvp:broaderPreferred parent and skos:inScheme aat:.
 * Labels are one to three words drawn from 20,000 word stems with a skew (word k is drawn about
 * 1/sqrt(k) as often as the first; the commonest is in about 1.5 % of labels), so common words
 * match many labels and rare ones few, as in a real thesaurus. The same options always
 * give the same file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom, type SeededRandom } from './seeded-random.js';

const AAT = 'http://vocab.getty.edu/aat/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const XL = 'http://www.w3.org/2008/05/skos-xl#';
const GVP = 'http://vocab.getty.edu/ontology#';
const TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const SYLLABLES = ['ba', 'be', 'bo', 'da', 'de', 'do', 'ka', 'ke', 'ko', 'la', 'le', 'lo', 'ma', 'me', 'mo', 'na', 'ne', 'no', 'ra', 're', 'ro', 'sa', 'se', 'so', 'ta', 'te', 'to', 'va', 've', 'zi', 'él', 'ür', 'an', 'en', 'on', 'ar', 'er', 'or', 'is', 'us'];
const STEMS = 20_000;

export interface SyntheticAatSummary {
  readonly concepts: number;
  /** Labels written, preferred and alternative, in both languages. */
  readonly labels: number;
  /** Queries a user would type against these labels: whole words and three- to five-letter beginnings. */
  readonly queries: readonly string[];
}

/** Writes concepts until `labels` labels are written, and picks `queries` search strings from them. */
export async function writeSyntheticAat(file: string, options: { labels: number; queries: number; seed?: number }): Promise<SyntheticAatSummary> {
  const random = seededRandom(options.seed ?? 42);
  const stems = Array.from({ length: STEMS }, (_, i) => stem(i, random));
  const out = createWriteStream(file);
  let labels = 0;
  let concepts = 0;
  const picked: string[] = [];
  const every = Math.max(1, Math.floor(options.labels / 5 / options.queries));
  while (labels < options.labels) {
    const n = concepts++;
    const c = `<${AAT}${300_000_000 + n}>`;
    const lines = [`${c} ${TYPE} <${SKOS}Concept> .`, `${c} ${TYPE} <${GVP}Concept> .`, `${c} <${SKOS}inScheme> <${AAT}> .`];
    if (n > 0) lines.push(`${c} <${GVP}broaderPreferred> <${AAT}${300_000_000 + Math.floor(random.next() * n)}> .`);
    const english = phrase(stems, random);
    const dutch = phrase(stems, random);
    const alternatives = Math.floor(random.next() * 5);
    const labelled: Array<[string, string, string]> = [['prefLabel', english, 'en'], ['prefLabel', dutch, 'nl']];
    for (let a = 0; a < alternatives; a++) labelled.push(['altLabel', phrase(stems, random), a % 2 === 0 ? 'en' : 'nl']);
    labelled.forEach(([kind, text, language], t) => {
      const term = `<${AAT}term/${1_000_000_000 + n * 10 + t}-${language}>`;
      lines.push(
        `${c} <${SKOS}${kind}> ${literal(text, language)} .`, `${c} <${XL}${kind}> ${term} .`,
        `${term} ${TYPE} <${XL}Label> .`, `${term} <${XL}literalForm> ${literal(text, language)} .`,
      );
    });
    labels += labelled.length;
    if (n % every === 0 && picked.length < options.queries) picked.push(query(english, random));
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { concepts, labels, queries: picked };
}

function stem(i: number, random: SeededRandom): string {
  const length = 2 + (i % 3);
  let word = '';
  for (let s = 0; s < length; s++) word += SYLLABLES[Math.floor(random.next() * SYLLABLES.length)] ?? 'a';
  return `${word}${i.toString(36)}`;
}

/** One to three words; word k of the stem list is drawn about 1/sqrt(k) as often as the first. */
function phrase(stems: readonly string[], random: SeededRandom): string {
  const words = 1 + Math.floor(random.next() * 3);
  return Array.from({ length: words }, () => stems[Math.floor(stems.length * random.next() ** 2)] ?? 'woord').join(' ');
}

/** A whole word of the label, or its first three to five letters, as a user types. */
function query(label: string, random: SeededRandom): string {
  const words = label.split(' ');
  const word = words[Math.floor(random.next() * words.length)] ?? label;
  return random.next() < 0.5 ? word : word.slice(0, 3 + Math.floor(random.next() * 3));
}

function literal(text: string, language: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"@${language}`;
}
