import { describe, expect, it } from 'vitest';
import { readSparqlRequest, type RawSparqlRequest } from '../../../src/http/sparql-request.js';

function request(partial: Partial<RawSparqlRequest> & { query?: string; body?: Buffer | undefined }): RawSparqlRequest {
  return {
    method: partial.method ?? 'GET',
    params: partial.params ?? new URLSearchParams(partial.query ?? ''),
    contentType: partial.contentType,
    body: partial.body,
  };
}

const body = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('readSparqlRequest', () => {
  it('reads a query from GET with its protocol dataset', () => {
    const op = readSparqlRequest(request({ query: 'query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fa&named-graph-uri=http%3A%2F%2Fb' }));
    expect(op).toEqual({ kind: 'query', text: 'ASK{}', dataset: { defaultGraphs: ['http://a'], namedGraphs: ['http://b'] } });
  });

  it('reads a form POST, merging dataset parameters from the URL', () => {
    const op = readSparqlRequest(request({
      method: 'POST', query: 'default-graph-uri=http%3A%2F%2Fa', contentType: 'application/x-www-form-urlencoded', body: body('query=ASK%20%7B%7D'),
    }));
    expect(op).toEqual({ kind: 'query', text: 'ASK {}', dataset: { defaultGraphs: ['http://a'], namedGraphs: [] } });
  });

  it('reads direct POSTs of queries and updates', () => {
    expect(readSparqlRequest(request({ method: 'POST', contentType: 'application/sparql-query; charset=UTF-8', body: body('ASK {}') })))
      .toEqual({ kind: 'query', text: 'ASK {}' });
    expect(readSparqlRequest(request({
      method: 'POST', query: 'using-graph-uri=http%3A%2F%2Fg', contentType: 'application/sparql-update', body: body('CLEAR ALL'),
    }))).toEqual({ kind: 'update', text: 'CLEAR ALL', usingGraphs: ['http://g'], usingNamedGraphs: [] });
  });

  it('reports no operation for a bare GET', () => {
    expect(readSparqlRequest(request({}))).toEqual({ kind: 'none' });
  });

  it.each([
    ['PUT', request({ method: 'PUT' }), 405, /Method PUT is not allowed/],
    ['two queries', request({ query: 'query=ASK%7B%7D&query=ASK%7B%7D' }), 400, /more than one `query`/],
    ['two updates', request({ method: 'POST', contentType: 'application/x-www-form-urlencoded', body: body('update=CLEAR%20ALL&update=CLEAR%20ALL') }), 400, /more than one `update`/],
    ['query and update', request({ method: 'POST', contentType: 'application/x-www-form-urlencoded', body: body('query=ASK%7B%7D&update=CLEAR%20ALL') }), 400, /both `query` and `update`/],
    ['update by GET', request({ query: 'update=CLEAR%20ALL' }), 400, /must be sent with POST/],
    ['a form with a percent-escape that is not UTF-8', request({ method: 'POST', contentType: 'application/x-www-form-urlencoded', body: body('query=SELECT%20%22%FF%22') }), 400, /The form holds percent-escapes that are malformed or not UTF-8/],
    ['a form without query or update', request({ method: 'POST', contentType: 'application/x-www-form-urlencoded', body: body('foo=1') }), 400, /neither a `query` nor an `update` field/],
    ['missing content type', request({ method: 'POST', body: body('ASK {}') }), 415, /needs a Content-Type/],
    ['wrong content type', request({ method: 'POST', contentType: 'text/plain', body: body('ASK {}') }), 415, /text\/plain is not accepted/],
    ['UTF-16', request({ method: 'POST', contentType: 'application/sparql-query; charset=UTF-16', body: body('ASK {}') }), 415, /Charset utf-16/],
    ['invalid UTF-8', request({ method: 'POST', contentType: 'application/sparql-query', body: Buffer.from([0xff, 0xfe, 0x00, 0x41]) }), 400, /not valid UTF-8/],
    ['empty body', request({ method: 'POST', contentType: 'application/sparql-query', body: body('  ') }), 400, /body is empty/],
    ['relative graph IRI', request({ query: 'query=ASK%7B%7D&default-graph-uri=not%20an%20iri' }), 400, /must be an absolute IRI/],
    ['query in URL and body', request({ method: 'POST', query: 'query=ASK%7B%7D', contentType: 'application/sparql-query', body: body('ASK {}') }), 400, /must not also carry/],
  ])('rejects %s', (_name, raw, status, message) => {
    let thrown: unknown;
    try {
      readSparqlRequest(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ status });
    expect((thrown as Error).message).toMatch(message);
  });
});
