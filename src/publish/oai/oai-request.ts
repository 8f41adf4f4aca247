import { isAbsoluteIri } from '../../domain/iri.js';
import { datestampRange } from './oai-dates.js';
import { oaiError, type OaiError } from './oai-error.js';

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const;
export type Verb = typeof VERBS[number];

export const ARGUMENTS = ['identifier', 'metadataPrefix', 'from', 'until', 'set', 'resumptionToken'] as const;
export type ArgumentName = typeof ARGUMENTS[number];
export type OaiArguments = Partial<Record<ArgumentName, string>>;

/** A request that passed the syntax checks: its verb and arguments. */
export interface OaiRequest {
  readonly verb: Verb;
  readonly args: OaiArguments;
}

interface Grammar {
  readonly required: readonly ArgumentName[];
  readonly optional: readonly ArgumentName[];
  /** An argument that, when given, must be the only one besides the verb. */
  readonly exclusive?: ArgumentName;
}

const LIST: Grammar = { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' };

/** The arguments of each verb (section 4). */
const GRAMMAR: Readonly<Record<Verb, Grammar>> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: LIST,
  ListRecords: LIST,
};

/** URI unreserved characters, the alphabet of metadataPrefix and of each part of a setSpec (as OAI-PMH.xsd has it). */
const UNRESERVED = "[A-Za-z0-9\\-_.!~*'()]+";
export const METADATA_PREFIX = new RegExp(`^${UNRESERVED}$`);
export const SET_SPEC = new RegExp(`^${UNRESERVED}(?::${UNRESERVED})*$`);

/**
 * Checks a request's key=value pairs (query string or form body, in order, repeats kept) against
 * the protocol: badVerb for a missing, repeated or unknown verb; badArgument for an argument the
 * verb does not take, a repeated or missing one, an exclusive one with others, or a value of
 * illegal syntax. Every problem is reported, as section 3.6 recommends.
 */
export function parseOaiRequest(pairs: ReadonlyArray<readonly [string, string]>): OaiRequest | { errors: OaiError[] } {
  const verbs = pairs.filter(([key]) => key === 'verb').map(([, value]) => value);
  if (verbs.length === 0) return { errors: [oaiError('badVerb', 'The verb argument is missing.')] };
  if (verbs.length > 1) return { errors: [oaiError('badVerb', 'The verb argument is repeated.')] };
  const verb = verbs[0] ?? '';
  if (!isVerb(verb)) return { errors: [oaiError('badVerb', `"${verb}" is not an OAI-PMH verb; the verbs are ${VERBS.join(', ')}.`)] };

  const grammar = GRAMMAR[verb];
  const allowed = new Set<string>([...grammar.required, ...grammar.optional, ...(grammar.exclusive === undefined ? [] : [grammar.exclusive])]);
  const problems: string[] = [];
  const args: OaiArguments = {};
  const seen = new Set<string>();
  for (const [key, value] of pairs) {
    if (key === 'verb') continue;
    if (!allowed.has(key)) {
      problems.push(`${verb} takes no argument "${key}".`);
      continue;
    }
    if (seen.has(key)) {
      problems.push(`The argument ${key} is repeated.`);
      continue;
    }
    seen.add(key);
    args[key as ArgumentName] = value;
  }
  const given = Object.keys(args) as ArgumentName[];
  if (grammar.exclusive !== undefined && args[grammar.exclusive] !== undefined) {
    const others = given.filter((key) => key !== grammar.exclusive);
    if (others.length > 0) problems.push(`${grammar.exclusive} must be the only argument besides the verb; remove ${others.join(', ')}.`);
  } else {
    for (const key of grammar.required) {
      if (args[key] === undefined) problems.push(`${verb} needs the argument ${key}.`);
    }
  }
  problems.push(...valueProblems(args));
  if (problems.length > 0) return { errors: problems.map((message) => oaiError('badArgument', message)) };
  return { verb, args };
}

function isVerb(value: string): value is Verb {
  return (VERBS as readonly string[]).includes(value);
}

/** Values of illegal syntax. An unknown but well-formed metadataPrefix or identifier is no syntax problem. */
function valueProblems(args: OaiArguments): string[] {
  const problems: string[] = [];
  for (const key of ARGUMENTS) {
    if (args[key] === '') problems.push(`The argument ${key} is empty.`);
  }
  const { metadataPrefix, identifier, set, from, until } = args;
  if (metadataPrefix && !METADATA_PREFIX.test(metadataPrefix)) {
    problems.push(`metadataPrefix "${metadataPrefix}" has characters a metadataPrefix cannot have.`);
  }
  if (identifier && !isIdentifier(identifier)) problems.push(`identifier "${identifier}" is not a URI; identifiers here are the records' IRIs.`);
  if (set && !SET_SPEC.test(set)) problems.push(`set "${set}" is not a setSpec (parts of letters, digits and -_.!~*'() separated by colons).`);
  if (from || until) {
    const range = datestampRange(from || undefined, until || undefined);
    if ('problem' in range) problems.push(range.problem);
  }
  return problems;
}

/**
 * Whether the value can be an identifier: an absolute IRI that is also a valid xs:anyURI, since
 * the request element echoes it (percent signs start escapes, one fragment at most, brackets only
 * around an IP literal host). Records' IRIs always are: the write path refuses any other.
 */
function isIdentifier(value: string): boolean {
  if (!isAbsoluteIri(value) || hasControlCharacter(value) || /%(?![0-9A-Fa-f]{2})/.test(value) || value.indexOf('#') !== value.lastIndexOf('#')) return false;
  return !/[[\]]/.test(value.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/\[[0-9A-Fa-f:.vV]+\]/, ''));
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
