import { PublicationPolicy } from '../../src/access/publication-policy.js';
import { graphqlApp } from '../../src/graphql/graphql-app.js';
import { SqliteAccessStore } from '../../src/store/sqlite-access-store.js';
import { SqliteRecordFeed } from '../../src/store/sqlite-record-feed.js';
import { SqliteTermIndex } from '../../src/store/sqlite-term-index.js';
import { catchUpTermIndex } from '../../src/terms/term-index-projection.js';

export interface GraphqlResponse {
  readonly data?: Record<string, unknown>;
  readonly errors?: ReadonlyArray<{ readonly message: string; readonly extensions?: Record<string, unknown> }>;
}

export interface TermsGraphql {
  readonly index: SqliteTermIndex;
  readonly access: SqliteAccessStore;
  /** Posts a query to the GraphQL app (no HTTP server), as an anonymous client unless headers say otherwise. */
  readonly query: (text: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphqlResponse>;
  readonly close: () => void;
}

/** The termennetwerk's GraphQL app over a data dir, its term index brought up to date first. */
export function termsGraphql(data: string, baseIri: string): TermsGraphql {
  const index = SqliteTermIndex.open(data);
  const feed = SqliteRecordFeed.open(data);
  catchUpTermIndex(index, feed);
  const access = SqliteAccessStore.open(data);
  const yoga = graphqlApp({ index, baseIri, policy: new PublicationPolicy(access, feed) });
  return {
    index, access,
    query: async (text, variables = {}, headers = {}) => {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: text, variables }),
      });
      return await response.json() as GraphqlResponse;
    },
    close: () => {
      index.close();
      access.close();
      feed.close();
    },
  };
}
