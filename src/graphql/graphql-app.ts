import { useGraphQlJit } from '@envelop/graphql-jit';
import { createSchema, createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { TermIndex } from '../ports/term-index.js';
import { SparqlTermSources } from '../terms/sparql-term-source.js';
import { termsResolvers, type TermsContext } from './terms-resolvers.js';
import { TERMS_SCHEMA } from './terms-schema.js';

export interface GraphqlOptions {
  readonly index: TermIndex;
  /** Remote term sources; none when absent. */
  readonly remote?: SparqlTermSources;
  readonly baseIri: string;
  /** Brings the term index up to date with the change log before a request reads it. */
  readonly catchUp?: () => Promise<void>;
}

const NO_REMOTE_SOURCES = new SparqlTermSources([]);

/** The executable schema served at /graphql (also printed into docs/schema.graphql). */
export function termsSchema() {
  return createSchema<TermsContext>({ typeDefs: TERMS_SCHEMA, resolvers: termsResolvers });
}

/**
 * The GraphQL endpoint (graphql-yoga): the Network of Terms API over the hosted term lists and
 * the remote sources. No GraphiQL page: yoga's would load its code from a CDN.
 */
export function graphqlApp(options: GraphqlOptions): YogaServerInstance<object, TermsContext> {
  return createYoga<object, TermsContext>({
    schema: termsSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // yoga's GraphiQL page loads its code from a CDN; the server serves nothing from the internet.
    graphiql: false,
    logging: false,
    // Queries compiled to JavaScript once, then run: the same few queries arrive again and again.
    plugins: [useGraphQlJit()],
    context: async ({ request }) => {
      await options.catchUp?.();
      return {
        index: options.index, remote: options.remote ?? NO_REMOTE_SOURCES, baseIri: options.baseIri,
        catalogLanguage: catalogLanguage(request.headers.get('accept-language')),
        // Where this server answers, as the client reached it: the base of the /reconcile URLs.
        serverUrl: new URL(request.url).origin,
      };
    },
  });
}

/** `nl` or `en` from an Accept-Language header, by quality; `nl` when neither is asked for. */
export function catalogLanguage(header: string | null): 'nl' | 'en' {
  const ranked = (header ?? '').split(',').map((part) => {
    const [tag = '', ...parameters] = part.trim().split(';');
    const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return { language: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q) };
  }).filter((entry) => entry.q > 0).sort((a, b) => b.q - a.q);
  const best = ranked.find((entry) => entry.language === 'nl' || entry.language === 'en');
  return best?.language === 'en' ? 'en' : 'nl';
}
