import { describe, expect, it } from 'vitest';
import { DocumentJudge } from '../../../src/access/document-judge.js';
import type { DocumentRecord } from '../../../src/ports/record-store.js';

const P = 'http://ex.org/p';
const ADDRESS = 'https://schema.org/address';

describe('the judge of hash records in their documents', () => {
  it('reads a document once while the change log stands still, again when it moves, and not for concepts', () => {
    let head = 1;
    let reads = 0;
    let records: DocumentRecord[] = [
      { iri: P, dataset: 'd', kind: 'agent', nquads: `<${P}> <${ADDRESS}> <${P}#adres> <${P}> .\n` },
      { iri: `${P}#adres`, dataset: 'd', kind: 'resource', nquads: `<${P}#adres> <https://schema.org/streetAddress> "x" <${P}#adres> .\n` },
      { iri: `${P}#term`, dataset: 'd', kind: 'concept', nquads: `<${P}> <${ADDRESS}> <${P}#term> <${P}#term> .\n` },
    ];
    const judge = new DocumentJudge({ documentRecords: () => { reads++; return records; }, head: () => head });
    expect(judge.cutOff(`${P}#adres`, 'd', [ADDRESS])).toBe(true);
    expect(judge.cutOff(`${P}#adres`, 'd', [ADDRESS])).toBe(true);
    expect(judge.cutOff(`${P}#term`, 'd', [ADDRESS])).toBe(false);
    expect(reads).toBe(1);
    // Another restriction is another judgement; none at all reads nothing.
    expect(judge.cutOff(`${P}#adres`, 'd', ['https://schema.org/knows'])).toBe(false);
    expect(judge.cutOff(`${P}#adres`, 'd', [])).toBe(false);
    expect(judge.cutOff(P, 'd', [ADDRESS])).toBe(false);
    expect(reads).toBe(2);
    // The person now leads to the address openly: judged again once the log moved.
    records = [{ ...records[0] as DocumentRecord, nquads: `<${P}> <https://schema.org/knows> <${P}#adres> <${P}> .\n` }, ...records.slice(1)];
    expect(judge.cutOff(`${P}#adres`, 'd', [ADDRESS])).toBe(true);
    head = 2;
    expect(judge.cutOff(`${P}#adres`, 'd', [ADDRESS])).toBe(false);
    expect(reads).toBe(3);
  });
});
