import { describe, expect, it } from 'vitest';
import { baseServedElsewhere } from '../../../src/app.js';

describe('baseServedElsewhere', () => {
  it('is true for a base IRI on this machine at another port, as --port without --base-iri gives', () => {
    expect(baseServedElsewhere('http://localhost:8080/', 19311)).toBe(true);
    expect(baseServedElsewhere('http://127.0.0.1/', 8080)).toBe(true);
  });

  it('is false where the base IRI is where the server listens, or on another host (a proxy)', () => {
    expect(baseServedElsewhere('http://localhost:8080/', 8080)).toBe(false);
    expect(baseServedElsewhere('https://data.museum.be/', 8080)).toBe(false);
    expect(baseServedElsewhere('http://localhost/', 80)).toBe(false);
  });
});
