import { describe, expect, it } from 'vitest';
import { parseOaiRequest } from '../../../../src/publish/oai/oai-request.js';

const parse = (query: string) => parseOaiRequest([...new URLSearchParams(query)]);
const codes = (query: string): string[] => {
  const parsed = parse(query);
  return 'errors' in parsed ? parsed.errors.map((error) => error.code) : [];
};
const messages = (query: string): string => {
  const parsed = parse(query);
  return 'errors' in parsed ? parsed.errors.map((error) => error.message).join('\n') : '';
};

describe('OAI-PMH request syntax', () => {
  it('accepts every verb with its arguments', () => {
    expect(parse('verb=Identify')).toEqual({ verb: 'Identify', args: {} });
    expect(parse('verb=ListMetadataFormats&identifier=http%3A%2F%2Fex.org%2Fa')).toEqual({
      verb: 'ListMetadataFormats', args: { identifier: 'http://ex.org/a' },
    });
    expect(parse('verb=ListSets')).toEqual({ verb: 'ListSets', args: {} });
    expect(parse('verb=GetRecord&metadataPrefix=oai_dc&identifier=urn:x:1')).toEqual({
      verb: 'GetRecord', args: { metadataPrefix: 'oai_dc', identifier: 'urn:x:1' },
    });
    expect(parse('metadataPrefix=rdf&verb=ListRecords&set=msk-gent:msk.collectie&from=2024-01-01&until=2024-02-01')).toEqual({
      verb: 'ListRecords', args: { metadataPrefix: 'rdf', set: 'msk-gent:msk.collectie', from: '2024-01-01', until: '2024-02-01' },
    });
    expect(parse('verb=ListIdentifiers&resumptionToken=abc')).toEqual({ verb: 'ListIdentifiers', args: { resumptionToken: 'abc' } });
  });

  it('answers badVerb for a missing, repeated or unknown verb', () => {
    expect(codes('')).toEqual(['badVerb']);
    expect(codes('metadataPrefix=oai_dc')).toEqual(['badVerb']);
    expect(codes('verb=Identify&verb=Identify')).toEqual(['badVerb']);
    expect(codes('verb=identify')).toEqual(['badVerb']);
    expect(codes('verb=')).toEqual(['badVerb']);
    expect(messages('verb=Nasty')).toContain('"Nasty" is not an OAI-PMH verb');
  });

  it('answers badArgument for illegal, repeated and missing arguments, reporting each', () => {
    expect(codes('verb=Identify&set=a')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords')).toEqual(['badArgument']);
    expect(messages('verb=GetRecord')).toMatch(/needs the argument identifier[\s\S]*needs the argument metadataPrefix/);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=rdf')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&bogus=1&set=a&set=b')).toEqual(['badArgument', 'badArgument']);
    expect(codes('verb=ListSets&resumptionToken=')).toEqual(['badArgument']);
  });

  it('keeps resumptionToken exclusive', () => {
    expect(messages('verb=ListRecords&resumptionToken=t&metadataPrefix=oai_dc')).toContain('resumptionToken must be the only argument');
    expect(codes('verb=ListIdentifiers&resumptionToken=t&from=2024-01-01')).toEqual(['badArgument']);
    expect(codes('verb=GetRecord&identifier=urn:x&metadataPrefix=oai_dc&resumptionToken=t')).toEqual(['badArgument']);
  });

  it('answers badArgument for values of illegal syntax', () => {
    expect(codes('verb=ListRecords&metadataPrefix=oai dc')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&set=a::b')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&set=a/b')).toEqual(['badArgument']);
    expect(codes('verb=GetRecord&metadataPrefix=oai_dc&identifier=not a uri')).toEqual(['badArgument']);
    for (const identifier of ['urn:x:%zz', 'urn:x:\u0001', 'urn:x:100%', 'urn:x:a#b#c', 'http://ex.org/[x]', 'http://ex.org/a b']) {
      expect(codes(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(identifier)}`)).toEqual(['badArgument']);
    }
    for (const identifier of ['http://[::1]/x', 'urn:x:%2F', 'http://ex.org/é?a=1&b=2#f']) {
      expect(codes(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(identifier)}`)).toEqual([]);
    }
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-30')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-01-01T00:00:00Z')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-01&until=2024-01-01')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&until=')).toEqual(['badArgument']);
  });

  it('leaves unknown but well-formed values to the verbs', () => {
    expect(codes('verb=ListRecords&metadataPrefix=marc21&set=nowhere')).toEqual([]);
    expect(codes('verb=GetRecord&metadataPrefix=oai_dc&identifier=http://example.org/unknown')).toEqual([]);
  });
});
