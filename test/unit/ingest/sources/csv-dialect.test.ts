import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../../../src/ingest/sources/csv-dialect.js';

describe('sniffDelimiter', () => {
  it.each([
    [';', 'objectnummer;titel;datering\nO1;Stoel;1885\nO2;Tafel;1900\n'],
    [',', 'objectnummer,titel,datering\nO1,Stoel,1885\nO2,Tafel,1900\n'],
    ['\t', 'objectnummer\ttitel\tdatering\nO1\tStoel\t1885\n'],
    ['|', 'objectnummer|titel|datering\nO1|Stoel|1885\n'],
  ])('finds %j', (delimiter, sample) => {
    expect(sniffDelimiter(sample)).toBe(delimiter);
  });

  it('prefers the delimiter that gives every line the header\'s field count over one that only splits more', () => {
    // A comma in the header and decimal commas split some lines in two; the semicolons split all in three.
    expect(sniffDelimiter('objectnummer;titel, ondertitel;hoogte\nO1;Stoel;12,5\nO2;Tafel;3\nO3;Kast;1\n')).toBe(';');
  });

  it('ignores delimiters inside quoted fields', () => {
    expect(sniffDelimiter('titel;beschrijving\n"Stoel, groot";"rood, eik"\n"Tafel";"x"\n')).toBe(';');
    expect(sniffDelimiter('a,b\n"x;y;z",2\n"p;q",3\n')).toBe(',');
  });

  it('leaves out the last line of a sample, which may be cut off', () => {
    expect(sniffDelimiter('a;b\n1;2\n3;4\n5;6,7,8,9')).toBe(';');
  });

  it('falls back to a comma for a single column or an empty sample', () => {
    expect(sniffDelimiter('objectnummer\nO1\nO2\n')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
  });

  it('handles CRLF line ends and skips blank lines', () => {
    expect(sniffDelimiter('a\tb\r\n\r\n1\t2\r\n3\t4\r\n')).toBe('\t');
  });
});
