/**
 * RDF inputs: the synthetic heritage dataset (bench/synthetic-heritage.ts) as N-Triples, and the
 * same triples as Turtle, each subject's statements joined with `;` and common namespaces prefixed.
 */
import { CRM_NS, RDF_TYPE, SKOS_NS, XSD_NS } from './heritage-vocab.js';
import { syntheticNTriples, type SyntheticOptions } from './synthetic-heritage.js';

/** Objects measured to learn how many bytes one object (with its share of agents) takes. */
const SAMPLE_OBJECTS = 20_000;

/** Generator options giving about `targetBytes` of N-Triples. */
export function heritageOptionsForBytes(targetBytes: number): SyntheticOptions {
  let sample = 0;
  for (const chunk of syntheticNTriples({ objects: SAMPLE_OBJECTS })) sample += Buffer.byteLength(chunk);
  return { objects: Math.max(1, Math.round((targetBytes / sample) * SAMPLE_OBJECTS)) };
}

/** The dataset as N-Triples, in chunks of whole records. */
export function heritageNTriples(options: SyntheticOptions): Iterable<string> {
  return syntheticNTriples(options);
}

const PREFIXES: ReadonlyArray<readonly [string, string]> = [['crm', CRM_NS], ['skos', SKOS_NS], ['xsd', XSD_NS]];
/** A local name every Turtle parser takes after a prefix (a safe subset of PN_LOCAL). */
const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The dataset as Turtle: prefixes, `a`, and one `;`-joined block per subject. */
export function* heritageTurtle(options: SyntheticOptions): Generator<string> {
  yield PREFIXES.map(([prefix, namespace]) => `@prefix ${prefix}: <${namespace}> .\n`).join('') + '\n';
  for (const chunk of syntheticNTriples(options)) yield turtleBlock(chunk);
}

/** Whole N-Triples lines (`S P O .`, S and P without spaces, as the generator writes them) as Turtle. */
function turtleBlock(ntriples: string): string {
  const out: string[] = [];
  let subject: string | undefined;
  for (const line of ntriples.split('\n')) {
    if (line === '') continue;
    const first = line.indexOf(' ');
    const second = line.indexOf(' ', first + 1);
    const s = line.slice(0, first);
    const p = line.slice(first + 1, second);
    const o = line.slice(second + 1, line.length - 2);
    const predicate = p === `<${RDF_TYPE}>` ? 'a' : term(p);
    const object = o.startsWith('<') ? term(o) : o;
    if (s === subject) {
      out.push(` ;\n    ${predicate} ${object}`);
    } else {
      if (subject !== undefined) out.push(' .\n');
      out.push(`${term(s)} ${predicate} ${object}`);
      subject = s;
    }
  }
  if (subject !== undefined) out.push(' .\n');
  return out.join('');
}

/** An IRI `<…>` as a prefixed name when it can be one; anything else as it is. */
function term(token: string): string {
  if (!token.startsWith('<')) return token;
  const value = token.slice(1, -1);
  for (const [prefix, namespace] of PREFIXES) {
    if (value.startsWith(namespace) && LOCAL_NAME.test(value.slice(namespace.length))) return `${prefix}:${value.slice(namespace.length)}`;
  }
  return token;
}
