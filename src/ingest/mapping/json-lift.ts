import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { AppError, InvalidInputError } from '../../domain/errors.js';

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export interface LiftedJson {
  readonly nquads: string;
  /** Keys no context defines, in the order first met: JSON-LD leaves them and their values out. */
  readonly undefinedKeys: readonly string[];
  /**
   * Values that stand where an IRI belongs (an `@id`, an `@type`, a value of a key whose values
   * are IRIs) but are not absolute IRIs, each once with what is wrong: JSON-LD leaves out such a
   * node or statement without a word, and with it everything said about the node.
   */
  readonly notIris: ReadonlyArray<{ readonly value: string; readonly message: string }>;
}

/** What each JSON-LD event about a value that is no absolute IRI says, by the event's code. */
const NOT_AN_IRI: Readonly<Record<string, (details: Record<string, unknown>) => { value: unknown; message: string }>> = {
  'relative @id reference': (d) => ({ value: d.id, message: 'is not an absolute IRI, so the node it names is left out' }),
  'relative subject reference': (d) => ({ value: d.subject, message: 'is not an absolute IRI, so the node it names is left out' }),
  'relative @type reference': (d) => ({ value: d.type, message: 'is neither a term of the context nor an absolute IRI, so the type is left out' }),
  'relative object reference': (d) => ({ value: d.object, message: 'stands where an IRI belongs (the key\'s values are IRIs) but is not an absolute IRI, so the statement is left out' }),
  'relative predicate reference': (d) => ({ value: d.predicate, message: 'is not an absolute IRI, so the key and its values are left out' }),
  'relative graph reference': (d) => ({ value: d.graph, message: 'is not an absolute IRI, so the graph it names is left out' }),
};

/**
 * Lifts one JSON item to N-Quads with JSON-LD. With `context`, the item's own `@context` is
 * replaced by it (plain JSON, or JSON-LD whose contexts we must not use); without, the item
 * keeps its contexts and the loader resolves them (never from the network).
 */
export async function liftJson(value: unknown, options: { context?: unknown; loader: DocumentLoader; base: string | null }): Promise<LiftedJson> {
  if (typeof value !== 'object' || value === null) throw new InvalidInputError('The item is not a JSON object.');
  const document = options.context === undefined ? value : { ...(withoutContexts(value) as Record<string, unknown>), '@context': options.context };
  const undefinedKeys = new Set<string>();
  const notIris = new Map<string, string>();
  try {
    const nquads = await jsonld.toRDF(document, {
      format: 'application/n-quads', base: options.base, documentLoader: options.loader,
      eventHandler: ({ event, next }: { event: { code: string; details?: Record<string, unknown> }; next: () => void }) => {
        const details = event.details ?? {};
        if (event.code === 'invalid property' && typeof details.property === 'string') undefinedKeys.add(details.property);
        const notIri = NOT_AN_IRI[event.code]?.(details);
        if (notIri !== undefined && typeof notIri.value === 'string' && !notIris.has(notIri.value)) notIris.set(notIri.value, notIri.message);
        next();
      },
    } as jsonld.Options.ToRdf) as unknown as string;
    return { nquads, undefinedKeys: [...undefinedKeys], notIris: [...notIris].map(([text, message]) => ({ value: text, message })) };
  } catch (error) {
    throw rootCause(error) ?? new InvalidInputError(`The item is not valid JSON-LD: ${(error as Error).message}`);
  }
}

/** jsonld wraps a document loader's error in its own; the loader's AppError says what is wrong. */
function rootCause(error: unknown): AppError | undefined {
  for (let current: unknown = error; current instanceof Error; current = (current as { details?: { cause?: unknown } }).details?.cause) {
    if (current instanceof AppError) return current;
  }
  return undefined;
}

/** The value without `@context` keys at any depth: with a mapping's own context, the item's contexts (embedded ones too) no longer apply. */
function withoutContexts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutContexts);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '@context').map(([key, inner]) => [key, withoutContexts(inner)]));
}
