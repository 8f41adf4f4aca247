import { describe, expect, it } from 'vitest';
import { liftRow, RowProblem, type LiftContext } from '../../../../src/ingest/mapping/csvw-lift.js';
import { matchHeaders, parseCsvwMetadata, type CsvwTable } from '../../../../src/ingest/mapping/csvw-table.js';

const CONTEXT: LiftContext = { baseIri: 'http://example.org/', dataset: 'msk', row: 7 };
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const OBJECT = 'http://example.org/id/object/msk/O1';

function table(columns: unknown[], aboutUrl = 'id/object/{dataset}/{objectnummer}'): CsvwTable {
  return parseCsvwMetadata({ '@context': 'http://www.w3.org/ns/csvw', tableSchema: { aboutUrl, columns } }, 'csvw.json');
}

/** Lifts one row whose headers are the keys of `values`, matched as the pipeline matches them. */
function lift(t: CsvwTable, values: Record<string, string>, context: LiftContext = CONTEXT): { subject: string; lines: string[] } {
  const { byColumn } = matchHeaders(t, Object.keys(values));
  const { subject, ntriples } = liftRow(t, byColumn, values, context);
  return { subject, lines: ntriples.split('\n').filter((line) => line !== '') };
}

function problem(t: CsvwTable, values: Record<string, string>): RowProblem {
  let error: unknown;
  try {
    lift(t, values);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(RowProblem);
  return error as RowProblem;
}

/** The object of the one triple a single-column lift of `value` gives. */
function objectOf(column: Record<string, unknown>, value: string): string | undefined {
  const { lines } = lift(table([{ name: 'objectnummer' }, { name: 'x', ...column }]), { objectnummer: 'O1', x: value });
  return lines.find((line) => line.includes('#x>'))?.replace(`<${OBJECT}> <urn:cultuurgraaf:table#x> `, '').replace(/ \.$/, '');
}

describe('liftRow', () => {
  it('describes the resource of the aboutUrl, resolved against the base, with one triple per cell', () => {
    const { subject, lines } = lift(table([{ name: 'objectnummer', titles: 'inventarisnummer' }, { name: 'titel', lang: 'nl' }]), { Inventarisnummer: 'O1', titel: 'Stoel' });
    expect(subject).toBe(OBJECT);
    expect(lines).toEqual([
      `<${OBJECT}> <urn:cultuurgraaf:table#objectnummer> "O1" .`,
      `<${OBJECT}> <urn:cultuurgraaf:table#titel> "Stoel"@nl .`,
    ]);
  });

  it('percent-encodes cell values in templates, so an identifier with spaces or slashes stays one path segment', () => {
    expect(lift(table([{ name: 'objectnummer' }]), { objectnummer: 'O 1/2' }).subject).toBe('http://example.org/id/object/msk/O%201%2F2');
  });

  it('offers {_row} and {dataset} to templates', () => {
    const t = table([{ name: 'titel' }], 'id/row/{dataset}/{_row}');
    expect(lift(t, { titel: 'x' }).subject).toBe('http://example.org/id/row/msk/7');
  });

  it('uses a column\'s own aboutUrl, such as a hash IRI under the record', () => {
    const { lines } = lift(table([
      { name: 'objectnummer' },
      { name: 'maker', aboutUrl: 'id/object/{dataset}/{objectnummer}#productie', propertyUrl: 'http://example.org/carriedOutBy' },
    ]), { objectnummer: 'O1', maker: 'Jan' });
    expect(lines).toContain(`<${OBJECT}#productie> <http://example.org/carriedOutBy> "Jan" .`);
  });

  it('escapes quotes, backslashes and newlines in literals', () => {
    expect(objectOf({}, 'een "grote"\nstoel \\ tafel')).toBe(String.raw`"een \"grote\"\nstoel \\ tafel"`);
  });

  it('leaves out empty cells, cells of unknown headers and columns without a header', () => {
    const t = table([{ name: 'objectnummer' }, { name: 'titel' }, { name: 'datering' }]);
    const { byColumn } = matchHeaders(t, ['objectnummer', 'titel', 'opmerking']);
    const { ntriples } = liftRow(t, byColumn, { objectnummer: 'O1', titel: '   ', opmerking: 'niet gelezen' }, CONTEXT);
    expect(ntriples).toBe(`<${OBJECT}> <urn:cultuurgraaf:table#objectnummer> "O1" .\n`);
  });

  it('treats the column\'s null values as empty, and fills in its default', () => {
    expect(objectOf({ null: ['onbekend', '-'] }, 'onbekend')).toBeUndefined();
    expect(objectOf({ null: '-', default: 'anoniem' }, '-')).toBe('"anoniem"');
    expect(objectOf({ default: 'anoniem' }, '')).toBe('"anoniem"');
  });

  it('gives one triple per value of a column with a separator, trimmed, without empty values', () => {
    const { lines } = lift(table([{ name: 'objectnummer' }, { name: 'trefwoord', separator: '|', lang: 'nl' }]), { objectnummer: 'O1', trefwoord: 'stoel | eik||  meubel |' });
    expect(lines.slice(1)).toEqual(['stoel', 'eik', 'meubel'].map((w) => `<${OBJECT}> <urn:cultuurgraaf:table#trefwoord> "${w}"@nl .`));
  });

  it('gives a value a cell repeats in another case once, as first written', () => {
    const { lines } = lift(table([{ name: 'objectnummer' }, { name: 'materiaal', separator: '|', lang: 'nl' }]), { objectnummer: 'O1', materiaal: 'olieverf|Doek|Olieverf|doek' });
    expect(lines.slice(1).map((l) => l.split(' ')[2])).toEqual(['"olieverf"@nl', '"Doek"@nl']);
  });

  it('states the values of a column paired with another (cg:pairsWith) about a node per position, one value for all, and refuses another count', () => {
    const t = table([{ name: 'objectnummer' }, { name: 'maker', separator: '|' }, { name: 'rol', separator: '|', 'cg:pairsWith': 'maker' }]);
    const pairs = (maker: string, rol: string): string[] => lift(t, { objectnummer: 'O1', maker, rol }).lines.filter((l) => l.startsWith(`<${OBJECT}#`));
    expect(pairs('Jan|Els|Jan', 'schilder||graveur')).toEqual([
      `<${OBJECT}#maker-1> <urn:cultuurgraaf:table#maker> "Jan" .`, `<${OBJECT}#maker-1> <urn:cultuurgraaf:table#rol> "schilder" .`,
      `<${OBJECT}#maker-3> <urn:cultuurgraaf:table#maker> "Jan" .`, `<${OBJECT}#maker-3> <urn:cultuurgraaf:table#rol> "graveur" .`,
    ]);
    // One value goes with all: stated about the row, which holds every maker too.
    expect(pairs('Jan|Els', 'schilder')).toEqual([]);
    expect(lift(t, { objectnummer: 'O1', maker: 'Jan|Els', rol: 'schilder' }).lines.filter((l) => l.includes('#rol>'))).toEqual([`<${OBJECT}> <urn:cultuurgraaf:table#rol> "schilder" .`]);
    // Paired values are stated about the pairs only, never about the row.
    expect(lift(t, { objectnummer: 'O1', maker: 'Jan|Els', rol: 'schilder|graveur' }).lines.filter((l) => l.includes('#rol>') && l.startsWith(`<${OBJECT}> `))).toEqual([]);
    expect(problem(t, { objectnummer: 'O1', maker: 'Jan|Els|Piet', rol: 'schilder|graveur' }).message)
      .toBe('the column rol holds 2 values for the 3 of maker, which they go with in order: give one for each (an empty one for none, as in "a||c") or one for all');
  });

  it('drops the null values among separated values', () => {
    const { lines } = lift(table([{ name: 'objectnummer' }, { name: 'maker', separator: ';', null: ['', 'onbekend'] }]), { objectnummer: 'O1', maker: 'Jan; onbekend; Els' });
    expect(lines.slice(1).map((l) => l.split(' ')[2])).toEqual(['"Jan"', '"Els"']);
  });

  it('makes IRIs with valueUrl, one per separated value, with {dataset} and prefixes', () => {
    const { lines } = lift(table([
      { name: 'objectnummer' },
      { name: 'maker', separator: '|', propertyUrl: 'dcterms:creator', valueUrl: 'id/agent/{dataset}/{maker}' },
    ]), { objectnummer: 'O1', maker: 'Jan Fabre|Elise Maes' });
    expect(lines.slice(1)).toEqual([
      `<${OBJECT}> <http://purl.org/dc/terms/creator> <http://example.org/id/agent/msk/Jan%20Fabre> .`,
      `<${OBJECT}> <http://purl.org/dc/terms/creator> <http://example.org/id/agent/msk/Elise%20Maes> .`,
    ]);
  });

  it('adds the fixed triples of virtual columns, an IRI or a literal that follows lang and datatype', () => {
    const { lines } = lift(table([
      { name: 'objectnummer' },
      { name: 'soort', virtual: true, propertyUrl: 'rdf:type', valueUrl: 'http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object' },
      { name: 'bron', virtual: true, propertyUrl: 'dcterms:source', valueUrl: 'id/dataset/{dataset}' },
      { name: 'taal', virtual: true, propertyUrl: 'dcterms:description', default: 'ingevoerd', lang: 'nl' },
      { name: 'gecontroleerd', virtual: true, propertyUrl: 'http://example.org/checked', default: 'nee', datatype: 'boolean' },
    ]), { objectnummer: 'O1', soort: 'header of a virtual column is ignored' });
    expect(lines.slice(1)).toEqual([
      `<${OBJECT}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object> .`,
      `<${OBJECT}> <http://purl.org/dc/terms/source> <http://example.org/id/dataset/msk> .`,
      `<${OBJECT}> <http://purl.org/dc/terms/description> "ingevoerd"@nl .`,
      `<${OBJECT}> <http://example.org/checked> "false"^^<${XSD}boolean> .`,
    ]);
  });

  describe('required columns', () => {
    const t = table([{ name: 'objectnummer', required: true }, { name: 'titel' }]);

    it.each([['empty', { objectnummer: '', titel: 'x' }], ['blank', { objectnummer: '  ', titel: 'x' }], ['without a header', { titel: 'x' }]])(
      'reject a row whose required cell is %s, naming the column',
      (_what, values) => {
        const error = problem(t, values);
        expect(error.column).toBe('objectnummer');
        expect(error.value).toBe('');
        expect(error.message).toBe('the column objectnummer is required but empty');
      },
    );

    it('accept the default in place of an empty required cell', () => {
      expect(lift(table([{ name: 'objectnummer', required: true, default: 'O1' }]), { objectnummer: '' }).subject).toBe(OBJECT);
    });
  });

  describe('datatypes', () => {
    it.each([
      ['integer', '42', '42'],
      ['integer', '+42', '42'],
      ['integer', '-7', '-7'],
      ['decimal', '12.5', '12.5'],
      ['decimal', '12,5', '12.5'],
      ['decimal', '-0,25', '-0.25'],
      ['decimal', '1 234,5', '1234.5'],
      ['decimal', ',5', '.5'],
      ['double', '1.5e3', '1.5e3'],
      ['double', '12,5', '12.5'],
      ['date', '1885-12-31', '1885-12-31'],
      ['date', '31/12/1885', '1885-12-31'],
      ['date', '1/2/2001', '2001-02-01'],
      ['date', '01.02.2001', '2001-02-01'],
      ['date', '29-02-2000', '2000-02-29'],
      ['gYear', '1885', '1885'],
      ['gYear', '-0500', '-0500'],
      ['anyURI', 'https://www.mskgent.be/collectie/1914-AA', 'https://www.mskgent.be/collectie/1914-AA'],
      ['anyURI', 'urn:isbn:9789020902654', 'urn:isbn:9789020902654'],
    ])('normalise %s %j to %j', (datatype, value, lexical) => {
      expect(objectOf({ datatype }, value)).toBe(`"${lexical}"^^<${XSD}${datatype}>`);
    });

    it.each([
      ...['ja', 'Ja', 'JA', 'yes', 'true', 'waar', '1', 'j', 'y'].map((value) => [value, 'true']),
      ...['nee', 'Nee', 'no', 'false', 'onwaar', '0', 'n'].map((value) => [value, 'false']),
    ])('read the boolean %j as %s', (value, lexical) => {
      expect(objectOf({ datatype: 'boolean' }, value)).toBe(`"${lexical}"^^<${XSD}boolean>`);
    });

    it('accept a datatype given as an object with a base', () => {
      expect(objectOf({ datatype: { base: 'decimal' } }, '3,5')).toBe(`"3.5"^^<${XSD}decimal>`);
    });

    it('leave strings as they are, and ignore lang on typed columns', () => {
      expect(objectOf({ datatype: 'string' }, '12,5')).toBe('"12,5"');
      expect(objectOf({ datatype: 'integer', lang: 'nl' }, '3')).toBe(`"3"^^<${XSD}integer>`);
    });

    it.each([
      ['integer', '12,5', 'a whole number'],
      ['integer', '1 000', 'a whole number'],
      ['integer', 'twaalf', 'a whole number'],
      ['decimal', '1.234,5', 'a number'],
      ['decimal', '12,5,3', 'a number'],
      ['decimal', '1.5e3', 'a decimal number'],
      ['double', 'NaN', 'a number'],
      ['boolean', 'misschien', 'yes or no'],
      ['date', '31/02/2001', 'a real date'],
      ['date', '2001-13-01', 'a real date'],
      ['date', '2001-02-29', 'a real date'],
      ['date', '12/1885', 'a date (YYYY-MM-DD or DD/MM/YYYY)'],
      ['date', 'ca. 1885', 'a date (YYYY-MM-DD or DD/MM/YYYY)'],
      ['gYear', '885', 'a year of four digits'],
      ['gYear', '1885-1890', 'a year of four digits'],
      ['anyURI', 'www.mskgent.be', 'an absolute URL'],
      ['anyURI', 'https://example.org/a b', 'an absolute URL'],
      ['anyURI', 'https://example.org/100%.jpg', 'an absolute URL (Invalid IRI percent encoding \'%.j\')'],
      ['anyURI', 'http://rightsstatements.org/%zz', 'an absolute URL (Invalid IRI percent encoding \'%zz\')'],
    ])('reject a %s column holding %j, naming the column and the value', (datatype, value, what) => {
      const error = problem(table([{ name: 'objectnummer' }, { name: 'meting', datatype }]), { objectnummer: 'O1', meting: value });
      expect(error.column).toBe('meting');
      expect(error.value).toBe(value);
      expect(error.message).toBe(`the column meting holds "${value}", which is not ${what}`);
    });

    it('check each separated value on its own', () => {
      const t = table([{ name: 'objectnummer' }, { name: 'jaar', datatype: 'gYear', separator: ';' }]);
      expect(lift(t, { objectnummer: 'O1', jaar: '1885; 1890' }).lines).toHaveLength(3);
      expect(problem(t, { objectnummer: 'O1', jaar: '1885; ca. 1890' }).value).toBe('ca. 1890');
    });
  });

  it('rejects a row whose template makes no IRI, naming the column', () => {
    const t = table([{ name: 'objectnummer' }, { name: 'website', valueUrl: '{+website}' }]);
    const error = problem(t, { objectnummer: 'O1', website: 'http://[niet-geldig' });
    expect(error.column).toBe('website');
    expect(error.message).toBe('"http://[niet-geldig" does not make an IRI');
  });
});
