import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { AppError, InvalidInputError } from '../../domain/errors.js';

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export interface LiftedJson {
  readonly nquads: string;
  /** Keys no context defines, in the order first met: JSON-LD leaves them and their values out. */
  readonly undefinedKeys: readonly string[];
}

/**
 * Lifts one JSON item to N-Quads with JSON-LD. With `context`, the item's own `@context` is
 * replaced by it (plain JSON, or JSON-LD whose contexts we must not use); without, the item
 * keeps its contexts and the loader resolves them (never from the network).
 */
export async function liftJson(value: unknown, options: { context?: unknown; loader: DocumentLoader; base: string }): Promise<LiftedJson> {
  if (typeof value !== 'object' || value === null) throw new InvalidInputError('The item is not a JSON object.');
  const document = options.context === undefined ? value : { ...(withoutContexts(value) as Record<string, unknown>), '@context': options.context };
  const undefinedKeys = new Set<string>();
  try {
    const nquads = await jsonld.toRDF(document, {
      format: 'application/n-quads', base: options.base, documentLoader: options.loader,
      eventHandler: {
        'invalid property': ({ event }: { event: { details?: { property?: unknown } } }) => {
          if (typeof event.details?.property === 'string') undefinedKeys.add(event.details.property);
        },
      },
    } as jsonld.Options.ToRdf) as unknown as string;
    return { nquads, undefinedKeys: [...undefinedKeys] };
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
