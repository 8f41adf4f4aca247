import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../src/domain/errors.js';
import { matchHeaders, normaliseHeader, parseCsvwMetadata } from '../../../../src/ingest/mapping/csvw-table.js';

const FILE = 'oslo-mappings/test/csvw.json';

/** CSVW metadata with the given columns (and any other top-level keys). */
function metadata(columns: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { '@context': 'http://www.w3.org/ns/csvw', tableSchema: { aboutUrl: 'id/object/{dataset}/{objectnummer}', columns }, ...extra };
}

function refusal(json: unknown): string {
  let error: unknown;
  try {
    parseCsvwMetadata(json, FILE);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as Error).message;
}

describe('parseCsvwMetadata', () => {
  it('compiles columns with their defaults', () => {
    const table = parseCsvwMetadata(metadata([{ name: 'objectnummer' }]), FILE);
    expect(table.url).toBe('urn:cultuurgraaf:table');
    expect(table.aboutUrl.expand({ dataset: 'msk', objectnummer: 'O1' })).toBe('id/object/msk/O1');
    expect(table.columns).toEqual([{
      name: 'objectnummer', titles: ['objectnummer'], required: false, nulls: [''], default: undefined, lang: undefined,
      separator: undefined, datatype: 'string', aboutUrl: undefined, propertyUrl: 'urn:cultuurgraaf:table#objectnummer',
      valueUrl: undefined, virtual: false,
    }]);
  });

  it('reads every key of the subset', () => {
    const table = parseCsvwMetadata(metadata([
      {
        name: 'maker', titles: { nl: ['Vervaardiger', 'kunstenaar'], en: 'Maker' }, required: true, null: ['onbekend', '-'],
        default: 'anoniem', lang: 'nl', separator: '|', datatype: { base: 'string' }, aboutUrl: 'id/object/{dataset}/{objectnummer}#productie',
        propertyUrl: 'dcterms:creator', valueUrl: 'id/agent/{dataset}/{maker}', 'dc:description': 'who made it',
      },
      { name: 'soort', virtual: true, propertyUrl: 'rdf:type', valueUrl: 'schema:CreativeWork' },
    ], { url: 'urn:example:objecten', 'dc:description': 'a test table' }), FILE);
    const [maker, soort] = table.columns;
    expect(table.url).toBe('urn:example:objecten');
    expect(maker).toMatchObject({
      titles: ['maker', 'vervaardiger', 'kunstenaar', 'maker'], required: true, nulls: ['', 'onbekend', '-'], default: 'anoniem', lang: 'nl',
      separator: /\|/, datatype: 'string', propertyUrl: 'http://purl.org/dc/terms/creator', virtual: false,
    });
    // A list of separators: any of them separates, each taken as it is written.
    const several = parseCsvwMetadata(metadata([{ name: 'x', separator: [';', '|', '.'] }]), FILE).columns[0]?.separator;
    expect('a;b|c.d*e'.split(several ?? '')).toEqual(['a', 'b', 'c', 'd*e']);
    expect(maker?.aboutUrl?.expand({ dataset: 'd', objectnummer: 'O1' })).toBe('id/object/d/O1#productie');
    expect(maker?.valueUrl?.expand({ dataset: 'd', maker: 'Jan Fabre' })).toBe('id/agent/d/Jan%20Fabre');
    expect(soort).toMatchObject({ virtual: true, propertyUrl: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' });
    expect(soort?.valueUrl?.expand({})).toBe('http://schema.org/CreativeWork');
  });

  it('names the default property after the table url', () => {
    const table = parseCsvwMetadata(metadata([{ name: 'titel' }], { url: 'urn:example:t' }), FILE);
    expect(table.columns[0]?.propertyUrl).toBe('urn:example:t#titel');
  });

  it.each([
    ['xsd', 'xsd:date', 'http://www.w3.org/2001/XMLSchema#date'],
    ['skos', 'skos:prefLabel', 'http://www.w3.org/2004/02/skos/core#prefLabel'],
    ['foaf', 'foaf:name', 'http://xmlns.com/foaf/0.1/name'],
    ['rdfs', 'rdfs:label', 'http://www.w3.org/2000/01/rdf-schema#label'],
    ['an unknown prefix (left alone)', 'crm:P102_has_title', 'crm:P102_has_title'],
    ['a full IRI (left alone)', 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title', 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title'],
  ])('expands %s in propertyUrl', (_what, propertyUrl, expanded) => {
    expect(parseCsvwMetadata(metadata([{ name: 'titel', propertyUrl }]), FILE).columns[0]?.propertyUrl).toBe(expanded);
  });

  it.each(['string', 'integer', 'decimal', 'double', 'boolean', 'date', 'gYear', 'anyURI'])('accepts the datatype %s', (datatype) => {
    expect(parseCsvwMetadata(metadata([{ name: 'x', datatype }]), FILE).columns[0]?.datatype).toBe(datatype);
  });

  it('refuses a datatype outside the subset, listing the ones it reads', () => {
    expect(refusal(metadata([{ name: 'x', datatype: 'dateTime' }])))
      .toBe(`${FILE}: column x has datatype "dateTime"; use one of string, integer, decimal, double, boolean, date, gYear, anyURI.`);
  });

  it('reads a string datatype\'s format as a pattern for the whole cell, ignoring case, and refuses one on another datatype or one that is no pattern', () => {
    const table = parseCsvwMetadata(metadata([{ name: 'unit', datatype: { base: 'string', format: 'cm|mm' } }]), FILE);
    const format = table.columns[0]?.format;
    expect(format?.words).toEqual(['cm', 'mm']);
    expect(['cm', 'MM', 'Cm'].map((cell) => format?.pattern.test(cell))).toEqual([true, true, true]);
    expect(['cm.', 'xcm', 'cmm', ''].map((cell) => format?.pattern.test(cell))).toEqual([false, false, false, false]);
    expect(refusal(metadata([{ name: 'x', datatype: { base: 'date', format: 'dd/MM/yyyy' } }]))).toBe(`${FILE}: column x has a format, which only a string datatype may have.`);
    expect(refusal(metadata([{ name: 'x', datatype: { base: 'string', format: '(' } }]))).toMatch(new RegExp(`^${FILE}: column x has a format that is no regular expression: `));
  });

  it('refuses unknown keys anywhere, naming them and where they are', () => {
    const message = refusal(metadata([{ name: 'x', format: 'dd/MM/yyyy' }], { dialect: { delimiter: ';' } }));
    expect(message).toMatch(new RegExp(`^${FILE} is not CSVW metadata this server reads: `));
    expect(message).toContain('tableSchema.columns.0: Unrecognized key: "format"');
    expect(message).toContain('(top level): Unrecognized key: "dialect"');
  });

  it.each([
    ['a key of the tableSchema', { '@context': 'x', tableSchema: { aboutUrl: 'x', columns: [{ name: 'a' }], primaryKey: 'a' } }, 'tableSchema: Unrecognized key: "primaryKey"'],
    ['a key of a datatype', metadata([{ name: 'x', datatype: { base: 'string', length: 5 } }]), 'tableSchema.columns.0.datatype'],
    ['no columns', { '@context': 'x', tableSchema: { aboutUrl: 'x', columns: [] } }, 'tableSchema.columns'],
    ['no aboutUrl', { '@context': 'x', tableSchema: { columns: [{ name: 'a' }] } }, 'tableSchema.aboutUrl'],
    ['no @context', { tableSchema: { aboutUrl: 'x', columns: [{ name: 'a' }] } }, '@context'],
    ['a column name that cannot be a template variable', metadata([{ name: 'object nummer' }]), 'tableSchema.columns.0.name'],
    ['an empty separator', metadata([{ name: 'x', separator: '' }]), 'tableSchema.columns.0.separator'],
  ])('refuses %s', (_what, json, where) => {
    expect(refusal(json)).toContain(where);
  });

  it('refuses a virtual column with neither valueUrl nor default', () => {
    expect(refusal(metadata([{ name: 'soort', virtual: true, propertyUrl: 'rdf:type' }]))).toBe(`${FILE}: virtual column soort needs a valueUrl or a default.`);
  });

  it('pairs a column with another by cg:pairsWith, and refuses a partner that is no column of literals with a separator', () => {
    const maker = { name: 'vervaardiger', separator: '|' };
    const table = parseCsvwMetadata(metadata([maker, { name: 'rol', separator: '|', 'cg:pairsWith': 'vervaardiger' }]), FILE);
    expect(table.columns.map((c) => c.pairsWith)).toEqual([undefined, 'vervaardiger']);
    const refused = (columns: unknown[]): string => refusal(metadata(columns));
    const rule = 'which must be another column read from the table, of literals, with a separator and pairing with none itself; rol needs a separator too.';
    expect(refused([maker, { name: 'rol', separator: '|', 'cg:pairsWith': 'maker' }])).toBe(`${FILE}: column rol pairs with "maker", ${rule}`);
    expect(refused([{ name: 'vervaardiger' }, { name: 'rol', separator: '|', 'cg:pairsWith': 'vervaardiger' }])).toBe(`${FILE}: column rol pairs with "vervaardiger", ${rule}`);
    expect(refused([maker, { name: 'rol', 'cg:pairsWith': 'vervaardiger' }])).toBe(`${FILE}: column rol pairs with "vervaardiger", ${rule}`);
    expect(refused([maker, { name: 'rol', separator: '|', 'cg:pairsWith': 'rol' }])).toBe(`${FILE}: column rol pairs with "rol", ${rule}`);
  });

  it('reads the bundled collection mapping', async () => {
    const { readFile } = await import('node:fs/promises');
    const json = JSON.parse(await readFile('oslo-mappings/collection-csv/csvw.json', 'utf8')) as unknown;
    const table = parseCsvwMetadata(json, 'collection-csv/csvw.json');
    expect(table.columns.find((c) => c.name === 'objectnummer')?.required).toBe(true);
  });
});

describe('normaliseHeader', () => {
  it.each([
    ['Objectnummer', 'objectnummer'],
    ['  Object  Nummer ', 'objectnummer'],
    ['object_nummer', 'objectnummer'],
    ['object-nummer', 'objectnummer'],
    ['Datering (EDTF)', 'dateringedtf'],
    ['Objectnr.', 'objectnr'],
    ['Créatiedatum', 'creatiedatum'],
    ['Naïef', 'naief'],
    ['Vervaardiger\tRol', 'vervaardigerrol'],
    ['Hoogte 2', 'hoogte2'],
  ])('normalises %j to %j', (header, normalised) => {
    expect(normaliseHeader(header)).toBe(normalised);
  });
});

describe('matchHeaders', () => {
  const table = parseCsvwMetadata(metadata([
    { name: 'objectnummer', titles: ['inventarisnummer', 'object number'], required: true },
    { name: 'titel', titles: 'title' },
    { name: 'datering', titles: ['datering', 'date'], required: true },
    { name: 'soort', virtual: true, propertyUrl: 'rdf:type', valueUrl: 'schema:Thing' },
  ]), FILE);

  it('matches each header to the column whose name or titles it spells, however written', () => {
    const matched = matchHeaders(table, ['Object_Number', ' Title ', 'DATE']);
    expect([...matched.byColumn]).toEqual([['objectnummer', 'Object_Number'], ['titel', ' Title '], ['datering', 'DATE']]);
    expect(matched.unknown).toEqual([]);
    expect(matched.missingRequired).toEqual([]);
  });

  it('ignores spaces, _, - and punctuation: "Inventaris-nummer" is "inventarisnummer"', () => {
    const matched = matchHeaders(table, ['Inventaris-nummer', 'titel', 'datering']);
    expect(matched.unknown).toEqual([]);
    expect(matched.byColumn.get('objectnummer')).toBe('Inventaris-nummer');
  });

  it('lists headers no column reads, and apart a second header for a column already matched, with the header it is read from', () => {
    const matched = matchHeaders(table, ['objectnummer', 'opmerking', 'datering', 'Object number']);
    expect(matched.unknown).toEqual(['opmerking']);
    expect(matched.repeated).toEqual([{ header: 'Object number', column: 'objectnummer', readFrom: 'objectnummer' }]);
    expect(matched.byColumn.get('objectnummer')).toBe('objectnummer');
  });

  it('lists required columns no header feeds, but never a virtual column', () => {
    const matched = matchHeaders(table, ['titel', 'soort']);
    expect(matched.missingRequired.map((c) => c.name)).toEqual(['objectnummer', 'datering']);
    expect(matched.unknown).toEqual(['soort']);
  });
});
