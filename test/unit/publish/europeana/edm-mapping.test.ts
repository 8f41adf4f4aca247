import { describe, expect, it } from 'vitest';
import { mapToEdm, type EdmSource } from '../../../../src/publish/europeana/edm-mapping.js';
import { edmType, edtfYears, iiifService } from '../../../../src/publish/europeana/edm-rules.js';
import { isResource, type EdmRecord } from '../../../../src/publish/europeana/edm-model.js';
import { edmXml, escapeXml } from '../../../../src/publish/europeana/edm-xml.js';
import { metadataTier } from '../../../../src/publish/europeana/metadata-tier.js';
import { putTurtle } from '../../../helpers/records.js';

const OBJECT = 'http://example.org/object/1';

/** The EDM of an object described in Turtle (prefixes of putTurtle, plus dcterms:, foaf: and schema:). */
async function edmOf(turtle: string, overrides: Partial<EdmSource> = {}, linked: Record<string, string> = {}): Promise<ReturnType<typeof mapToEdm>> {
  const put = await putTurtle(OBJECT, 'test', `@prefix dcterms: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    @prefix schema: <http://schema.org/> . @prefix edtfo: <https://periodo.github.io/edtf-ontology/edtfo.ttl#> . ${turtle}`);
  const linkedNQuads = new Map<string, string>();
  for (const [iri, text] of Object.entries(linked)) linkedNQuads.set(iri, (await putTurtle(iri, 'linked', text)).nquads);
  return mapToEdm({
    iri: OBJECT, nquads: put.nquads, datasetRights: undefined, dataProvider: 'Museum', provider: 'Aggregator',
    linked: (iri) => linkedNQuads.get(iri), ...overrides,
  });
}

const values = (record: EdmRecord, element: string): string[] => [
  record.providedCho, record.aggregation, ...record.webResources, ...record.contextual, ...record.services,
].flatMap((resource) => resource.properties.filter((p) => p.element === element).map((p) => (isResource(p.value) ? p.value.resource : `${p.value.value}@${p.value.language}`)));

const PAINTING = `<object/1> a crm:E22_Human-Made_Object ;
  crm:P102_has_title "Zicht op de Leie"@nl ;
  crm:P41i_was_classified_by [ crm:P42_assigned <concept/schilderij> ] ;
  foaf:depiction <https://img.example.org/iiif/obj1/full/max/0/default.jpg> .
  <concept/schilderij> skos:prefLabel "schilderij"@nl .`;

describe('the EDM mapping', () => {
  it('maps a title, an object name, an image with its IIIF service and the rights of the record', async () => {
    const { record, problems } = await edmOf(`${PAINTING} <object/1> dcterms:rights <https://creativecommons.org/licenses/by/4.0> .`);
    expect(problems).toEqual([]);
    expect(values(record, 'dc:title')).toEqual(['Zicht op de Leie@nl']);
    expect(values(record, 'dc:type')).toEqual(['http://example.org/concept/schilderij']);
    // The https form without a slash is written as Europeana demands it.
    expect(values(record, 'edm:rights')).toEqual(['http://creativecommons.org/licenses/by/4.0/', 'http://creativecommons.org/licenses/by/4.0/']);
    expect(values(record, 'edm:isShownBy')).toEqual(['https://img.example.org/iiif/obj1/full/max/0/default.jpg']);
    expect(values(record, 'svcs:has_service')).toEqual(['https://img.example.org/iiif/obj1']);
    expect(values(record, 'edm:dataProvider')).toEqual(['Museum@']);
    expect(values(record, 'edm:provider')).toEqual(['Aggregator@']);
    expect(record.contextual.map((resource) => [resource.element, resource.about])).toEqual([['skos:Concept', 'http://example.org/concept/schilderij']]);
  });

  it('falls back on the dataset\'s rights statement', async () => {
    const { record, problems } = await edmOf(PAINTING, { datasetRights: 'http://rightsstatements.org/vocab/InC/1.0/' });
    expect(problems).toEqual([]);
    expect(values(record, 'edm:rights')[0]).toBe('http://rightsstatements.org/vocab/InC/1.0/');
  });

  it('refuses a record without rights, with rights Europeana does not accept, and with an unknown licence, saying why', async () => {
    expect((await edmOf(PAINTING)).problems).toEqual([expect.stringContaining('no rights statement')]);
    expect((await edmOf(`${PAINTING} <object/1> dcterms:rights <http://rightsstatements.org/vocab/InC-NC/1.0/> .`)).problems)
      .toEqual([expect.stringMatching(/^Europeana does not accept the record's rights <http:\/\/rightsstatements.org\/vocab\/InC-NC\/1.0\/>/)]);
    const unknown = await edmOf(`${PAINTING} <object/1> dcterms:rights <http://example.org/our-licence> .`, { datasetRights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    expect(unknown.problems).toEqual([expect.stringContaining('<http://example.org/our-licence> is not a rightsstatements.org statement or a Creative Commons licence')]);
    expect(values(unknown.record, 'edm:rights')).toEqual([]);
  });

  it('reads the rights from an OSLO right (crm:P104_is_subject_to / crm:P2_has_type)', async () => {
    const { record } = await edmOf(`${PAINTING} <object/1> crm:P104_is_subject_to [ a crm:E30_Right ; crm:P2_has_type <http://creativecommons.org/publicdomain/mark/1.0/> ] .`);
    expect(values(record, 'edm:rights')[0]).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
  });

  it('refuses a record with no title or description, no object name or subject, and no image or page', async () => {
    const { problems } = await edmOf('<object/1> a crm:E22_Human-Made_Object .', { datasetRights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    expect(problems).toEqual([
      expect.stringContaining('no title or description'),
      expect.stringContaining('no object name, subject or place'),
      expect.stringContaining('no link to a digital object'),
    ]);
  });

  it('takes only web links as digital objects: a javascript: image is none', async () => {
    const { problems } = await edmOf(`<object/1> crm:P3_has_note "Een stoel."@nl ; crm:P2_has_type <http://vocab.getty.edu/aat/300037680> ;
      foaf:depiction <javascript:alert(6)> .`, { datasetRights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    expect(problems).toEqual([expect.stringContaining('no link to a digital object')]);
  });

  it('takes a web page as edm:isShownAt when there is no image', async () => {
    const { record, problems } = await edmOf(`<object/1> crm:P3_has_note "Een stoel."@nl ; crm:P2_has_type <http://vocab.getty.edu/aat/300037680> ;
      foaf:page <https://museum.example.org/stoel> .`, { datasetRights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    expect(problems).toEqual([]);
    expect(values(record, 'edm:isShownAt')).toEqual(['https://museum.example.org/stoel']);
    expect(record.webResources).toEqual([]);
  });

  it('links the aligned concept of a term list (skos:exactMatch to AAT) and labels it from the term list\'s record, only when it is published', async () => {
    const turtle = `${PAINTING} <object/1> crm:P45_consists_of <http://example.org/list/olieverf> .`;
    const concept = `<http://example.org/list/olieverf> a skos:Concept ; skos:prefLabel "olieverf"@nl, "oil paint"@en ; skos:exactMatch <http://vocab.getty.edu/aat/300015050> .`;
    const published = await edmOf(turtle, {}, { 'http://example.org/list/olieverf': concept });
    expect(values(published.record, 'dcterms:medium')).toEqual(['http://vocab.getty.edu/aat/300015050']);
    const contextual = published.record.contextual.find((resource) => resource.about === 'http://vocab.getty.edu/aat/300015050');
    expect(contextual?.properties.map((p) => p.element)).toEqual(['skos:prefLabel', 'skos:prefLabel', 'skos:exactMatch']);
    // Not published on the europeana channel: the link stays, the labels do not leave.
    const unpublished = await edmOf(turtle);
    expect(values(unpublished.record, 'dcterms:medium')).toEqual(['http://example.org/list/olieverf']);
    expect(unpublished.record.contextual.some((resource) => resource.about.includes('olieverf'))).toBe(false);
  });

  it('makes a maker an edm:Agent with its dates and one preferred label per language', async () => {
    const { record } = await edmOf(`${PAINTING} <object/1> crm:P108i_was_produced_by [ crm:P14_carried_out_by <agent/ensor> ;
      crm:P4_has_time-span [ rdfs:label "1882"@nl ; edtfo:hasEDTFDateTimeDescription "1882" ] ] .`, {}, {
      'http://example.org/agent/ensor': `<http://example.org/agent/ensor> a crm:E21_Person ; rdfs:label "James Ensor"@nl, "Ensor, James"@nl ;
        <http://schema.org/birthDate> "1860-04-13" ; <http://schema.org/deathDate> "1949-11-19" .`,
    });
    expect(values(record, 'dc:creator')).toEqual(['http://example.org/agent/ensor']);
    const agent = record.contextual.find((resource) => resource.element === 'edm:Agent');
    expect(agent?.properties.map((p) => `${p.element} ${isResource(p.value) ? p.value.resource : p.value.value}`)).toEqual([
      'skos:prefLabel Ensor, James', 'skos:altLabel James Ensor', 'rdaGr2:dateOfBirth 1860-04-13', 'rdaGr2:dateOfDeath 1949-11-19',
    ]);
    const span = record.contextual.find((resource) => resource.element === 'edm:TimeSpan');
    expect(span?.about).toBe(`${OBJECT}#datering`);
    expect(values(record, 'edm:begin')).toEqual(['1882@']);
  });

  it('writes the XSD\'s element order and escapes text', async () => {
    const { record } = await edmOf(`${PAINTING} <object/1> crm:P3_has_note "A < B & \\"C\\""@en ; <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q1> .`, { datasetRights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    const xml = edmXml(record);
    expect(xml).toContain('<dc:description xml:lang="en">A &lt; B &amp; &quot;C&quot;</dc:description>');
    // edm:type after the Dublin Core elements, owl:sameAs after edm:type; in the Aggregation, isShownBy before provider before rights.
    expect(xml.indexOf('<edm:type>IMAGE</edm:type>')).toBeGreaterThan(xml.indexOf('<dc:type'));
    expect(xml.indexOf('<owl:sameAs')).toBeGreaterThan(xml.indexOf('<edm:type>'));
    const aggregation = xml.slice(xml.indexOf('<ore:Aggregation'));
    expect(aggregation.indexOf('edm:isShownBy')).toBeLessThan(aggregation.indexOf('edm:provider'));
    expect(aggregation.indexOf('edm:provider')).toBeLessThan(aggregation.indexOf('edm:rights'));
    expect(escapeXml('a\u0001b')).toBe('ab');
    expect(escapeXml('a\r\nb')).toBe('a&#13;\nb');
  });
});

describe('edm:type', () => {
  it('is decided by the digital object\'s file, then by the object name, else IMAGE', () => {
    expect(edmType(['https://x.org/model.glb'], ['beeld']).type).toBe('3D');
    expect(edmType(['https://x.org/a.mp3?x=1'], []).type).toBe('SOUND');
    expect(edmType(['https://x.org/a.pdf'], []).type).toBe('TEXT');
    expect(edmType(['https://x.org/a.jpg'], ['getijdenboek']).type).toBe('TEXT');
    expect(edmType([], ['Brief aan Emile Verhaeren']).type).toBe('TEXT');
    expect(edmType([], ['film']).type).toBe('VIDEO');
    expect(edmType([], ['Brieven van Maurice Maeterlinck']).type).toBe('TEXT');
    // Whole words only: furniture, postcards and cameras are no texts or films.
    for (const name of ['boekenkast', 'boekensteun', 'briefkaart', 'filmcamera', 'filmaffiche', 'audiovisuele installatie']) {
      expect(edmType(['https://x.org/a.jpg'], [name]).type, name).toBe('IMAGE');
    }
    // A film or recording of which only a still is given is an image to Europeana.
    expect(edmType(['https://x.org/still.jpg'], ['documentaire film']).type).toBe('IMAGE');
    const image = edmType(['https://x.org/a.jpg'], ['schilderij']);
    expect(image.type).toBe('IMAGE');
    expect(image.reason).toContain('physical object');
  });

  it('gives a TEXT object a dc:language from its titles', async () => {
    const { record } = await edmOf(`<object/1> crm:P102_has_title "Brieven"@nl ; crm:P2_has_type <concept/brief> ; foaf:depiction <https://x.org/brief.jpg> .
      <concept/brief> skos:prefLabel "brief"@nl .`);
    expect(record.type).toBe('TEXT');
    expect(values(record, 'dc:language')).toEqual(['nl@']);
  });
});

describe('helpers', () => {
  it('recognise IIIF Image API URLs', () => {
    expect(iiifService('https://iiif.example.org/iiif/2/abc/full/max/0/default.jpg')).toBe('https://iiif.example.org/iiif/2/abc');
    expect(iiifService('https://iiif.example.org/iiif/2/abc/0,0,100,100/!200,200/90/gray.png')).toBe('https://iiif.example.org/iiif/2/abc');
    expect(iiifService('https://example.org/images/photo.jpg')).toBeUndefined();
  });

  it('read the years of simple EDTF dates', () => {
    expect(edtfYears('1905~')).toEqual({ begin: '1905', end: '1905' });
    expect(edtfYears('1454/1456')).toEqual({ begin: '1454', end: '1456' });
    expect(edtfYears('1925-03-01')).toEqual({ begin: '1925', end: '1925' });
    expect(edtfYears('../1600')).toEqual({ begin: '1600', end: '1600' });
    expect(edtfYears('19XX')).toBeUndefined();
  });
});

describe('the metadata tier', () => {
  it('is the lowest of language, enabling elements and contextual classes', async () => {
    // A title in Dutch, a concept with a note and a tagged label: language 100 %, one enabling element (dc:type), a concept.
    const small = await edmOf(`${PAINTING} <concept/schilderij> skos:note "Een schilderij."@nl .`);
    expect(metadataTier(small.record)).toMatchObject({ languageShare: 1, language: 'C', enablingElements: ['dc:type'], enabling: 'A', contextual: 'B', tier: 'A' });
    // Add a maker with dates, a date of making and a material: four enabling elements over three scenarios, three classes.
    const rich = await edmOf(`${PAINTING} <concept/schilderij> skos:note "Een schilderij."@nl .
      <object/1> crm:P108i_was_produced_by [ crm:P14_carried_out_by <agent/a> ; crm:P4_has_time-span [ rdfs:label "1905"@nl ; crm:P82a_begin_of_the_begin "1905" ; crm:P82b_end_of_the_end "1905" ] ] ;
        crm:P45_consists_of <concept/doek> .
      <concept/doek> skos:prefLabel "doek"@nl .
      <agent/a> rdfs:label "Elise Maes"@nl ; <http://schema.org/birthDate> "1870" .`);
    expect(metadataTier(rich.record)).toMatchObject({
      enablingElements: ['dc:creator', 'dc:type', 'dcterms:created', 'dcterms:medium'], scenarios: 3, enabling: 'C',
      contextualClasses: ['edm:Agent', 'edm:TimeSpan', 'skos:Concept'], contextual: 'C', tier: 'C',
    });
    // Untagged text only: below tier A.
    const untagged = await edmOf('<object/1> crm:P102_has_title "Stoel" ; crm:P2_has_type <http://vocab.getty.edu/aat/300037680> ; foaf:depiction <https://x.org/a.jpg> .');
    expect(metadataTier(untagged.record)).toMatchObject({ languageShare: 0, language: '0', tier: '0' });
  });
});
