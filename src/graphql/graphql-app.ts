import { useGraphQlJit } from '@envelop/graphql-jit';
import { GraphQLError, type ValidationRule } from 'graphql';
import { createSchema, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Request } from 'express';
import type { PublicationPolicy } from '../access/publication-policy.js';
import { visibleTermIndex } from '../access/visible-term-index.js';
import { principalOf } from '../http/auth.js';
import type { TermIndex } from '../ports/term-index.js';
import { SparqlTermSources } from '../terms/sparql-term-source.js';
import type { TermsContext } from './terms-context.js';
import { termsResolvers } from './terms-resolvers.js';
import { TERMS_SCHEMA } from './terms-schema.js';

export interface GraphqlOptions {
  readonly index: TermIndex;
  /** What the `graphql` channel may publish to whom: hosted lists and concepts are filtered by it. */
  readonly policy: PublicationPolicy;
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
    // CORS is the server's (--cors-origins), for every resource alike. yoga's own would answer
    // every origin, with credentials, whatever the operator allowed.
    cors: false,
    // Queries compiled to JavaScript once, then run: the same few queries arrive again and again.
    plugins: [useGraphQlJit(), knownOperationTypes],
    context: async (initial) => {
      const { request } = initial;
      await options.catchUp?.();
      // Mounted in express, yoga's node adapter passes express's request as `req`, and it carries
      // the principal; called in process (yoga.fetch, in tests), there is none: anonymous.
      const principal = principalOf((initial as { req?: Request }).req);
      return {
        index: visibleTermIndex(options.index, options.policy.view(principal, 'graphql')), remote: options.remote ?? NO_REMOTE_SOURCES, baseIri: options.baseIri,
        catalogLanguage: catalogLanguage(request.headers.get('accept-language')),
        // Where this server answers, as the client reached it: the base of the /reconcile URLs.
        serverUrl: new URL(request.url).origin,
      };
    },
  });
}

/**
 * Refuses a mutation or subscription as a validation error (400), as graphql 17 does: graphql 16
 * leaves it to execution, where the query compiler fails with an error no client should see.
 */
const operationTypeKnown: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation) !== undefined) return;
    context.reportError(new GraphQLError(`This API has no ${node.operation}s; it answers queries (sources, terms, lookup).`, { nodes: node }));
  },
});

const knownOperationTypes: Plugin = {
  onValidate: ({ addValidationRule }) => {
    addValidationRule(operationTypeKnown);
  },
};

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
