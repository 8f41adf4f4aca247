import { describe, expect, it } from 'vitest';
import { ResumptionTokens, type ResumptionState } from '../../../../src/publish/oai/resumption-token.js';
import { resumptionKey, RESUMPTION_KEY_SETTING } from '../../../../src/publish/oai/resumption-key.js';

const STATE: ResumptionState = {
  verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'msk-gent:msk-collectie', from: '2024-01-01', until: undefined,
  after: 4711, cursor: 200, completeListSize: 1234, viewer: 'anonymous',
};

function tokens(options: { now?: string; key?: Buffer; lifetime?: number } = {}): ResumptionTokens {
  const clock = { now: () => options.now ?? '2024-05-01T10:00:00.000Z' };
  const key = options.key ?? Buffer.alloc(32, 7);
  return new ResumptionTokens(() => key, clock, options.lifetime ?? 3_600_000);
}

/** Flips one character of the token at `index` to another base64url character. */
function flip(token: string, index: number): string {
  const c = token[index] === 'A' ? 'B' : 'A';
  return token.slice(0, index) + c + token.slice(index + 1);
}

describe('resumption tokens', () => {
  it('carry the state and say when they expire', () => {
    const { token, expirationDate } = tokens().issue(STATE);
    expect(expirationDate).toBe('2024-05-01T11:00:00Z');
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens({ now: '2024-05-01T10:59:59.000Z' }).read(token, 'ListRecords', 'anonymous')).toEqual(STATE);
  });

  it('refuse a token that was altered anywhere', () => {
    const { token } = tokens().issue(STATE);
    for (const index of [0, 5, token.indexOf('.') - 1, token.indexOf('.') + 1, token.length - 1]) {
      expect(tokens().read(flip(token, index), 'ListRecords', 'anonymous')).toEqual({ problem: expect.stringContaining('not one this repository issued') as unknown });
    }
  });

  it('refuse a token whose state was rewritten, even re-encoded', () => {
    const { token } = tokens().issue(STATE);
    const [body = '', signature] = token.split('.');
    const state = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...state, a: 0 })).toString('base64url')}.${signature ?? ''}`;
    expect(tokens().read(forged, 'ListRecords', 'anonymous')).toHaveProperty('problem');
  });

  it('refuse tokens of another key, expired ones, other verbs and other principals', () => {
    const { token } = tokens().issue(STATE);
    expect(tokens({ key: Buffer.alloc(32, 8) }).read(token, 'ListRecords', 'anonymous')).toHaveProperty('problem');
    expect(tokens({ now: '2024-05-01T11:00:00.000Z' }).read(token, 'ListRecords', 'anonymous'))
      .toEqual({ problem: 'The resumptionToken expired at 2024-05-01T11:00:00Z; start the list request again.' });
    expect(tokens().read(token, 'ListIdentifiers', 'anonymous')).toEqual({ problem: expect.stringContaining('continues a ListRecords request') as unknown });
    expect(tokens().read(token, 'ListRecords', 'token:tok_1')).toEqual({ problem: expect.stringContaining('other credentials') as unknown });
  });

  it.each(['', '.', 'abc', 'a.b', `${'x'.repeat(5000)}.${'y'.repeat(43)}`, 'e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'a b.c'])('refuse garbage %#', (garbage) => {
    expect(tokens().read(garbage, 'ListRecords', 'anonymous')).toHaveProperty('problem');
  });

  it('sign with a key made once and kept in the settings', () => {
    const settings = new Map<string, string>();
    const store = { getSetting: (key: string) => settings.get(key), setSetting: (key: string, value: string) => { settings.set(key, value); } };
    const key = resumptionKey(store);
    expect(key).toHaveLength(32);
    expect(settings.get(RESUMPTION_KEY_SETTING)).toBe(key.toString('base64url'));
    expect(resumptionKey(store).equals(key)).toBe(true);
  });
});
