import { describe, expect, it } from 'vitest';
import type { Label, OaiRecord } from '../../../../src/publish/oai/metadata-format.js';
import { renderOaiDc } from '../../../../src/publish/oai/oai-dc-format.js';
import { putTurtle } from '../../../helpers/records.js';

const DATASET = { id: 'msk', title: 'Collectie', organisation: 'msk-gent', organisationName: 'MSK & co', rights: 'http://creativecommons.org/publicdomain/zero/1.0/' };

async function record(iri: string, turtle: string, kind: OaiRecord['kind'], linked: Record<string, Label[]> = {}): Promise<OaiRecord> {
  const put = await putTurtle(iri, 'msk', `@prefix adms: <http://www.w3.org/ns/adms#> . @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix edtfo: <https://periodo.github.io/edtf-ontology/edtfo.ttl#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    ${turtle}`);
  return { iri, kind, dataset: DATASET, nquads: put.nquads, linked: { labels: (target) => linked[target] ?? [], content: () => undefined } };
}

/** The dc elements of an oai_dc document as [name, lang, text] triples, in order. */
function fields(xml: string): string[][] {
  return [...xml.matchAll(/<dc:(\w+)(?: xml:lang="([^"]*)")?>([^<]*)<\/dc:\1>/g)].map((m) => [m[1] ?? '', m[2] ?? '', m[3] ?? '']);
}

describe('the oai_dc crosswalk', () => {
  it('maps an OSLO heritage object', async () => {
    const object = await record('http://example.org/object/1', `
      ex:object\\/1 a crm:E22_Human-Made_Object ;
        adms:identifier [ a adms:Identifier ; skos:notation "1979-C" ] ;
        crm:P102_has_title "Portret"@nl , "Portrait"@en ;
        crm:P3_has_note "Een <portret> & meer"@nl ;
        crm:P41i_was_classified_by [ crm:P42_assigned <http://vocab.getty.edu/aat/300033618> ] ;
        crm:P108i_was_produced_by [
          crm:P14_carried_out_by ex:agent\\/theo , [ rdfs:label "Atelier X"@nl ] , ex:agent\\/unknown ;
          crm:P4_has_time-span [ rdfs:label "juni 1886"@nl ; edtfo:hasEDTFDateTimeDescription "1886-06" ]
        ] ;
        crm:P45_consists_of ex:concept\\/olieverf ;
        crm:P62_depicts [ skos:prefLabel "portret van een meisje"@nl ] ;
        foaf:depiction <https://example.org/image.jpg> .
    `, 'object', {
      'http://example.org/agent/theo': [{ value: 'Théo van Rysselberghe', language: '' }],
      'http://example.org/concept/olieverf': [{ value: 'olieverf', language: 'nl' }, { value: 'oil paint', language: 'en' }],
    });
    const xml = renderOaiDc(object);
    expect(xml).toMatch(/^<oai_dc:dc xmlns:oai_dc="http:\/\/www.openarchives.org\/OAI\/2.0\/oai_dc\/" xmlns:dc="http:\/\/purl.org\/dc\/elements\/1.1\/" xmlns:xsi="http:\/\/www.w3.org\/2001\/XMLSchema-instance" xsi:schemaLocation="http:\/\/www.openarchives.org\/OAI\/2.0\/oai_dc\/ http:\/\/www.openarchives.org\/OAI\/2.0\/oai_dc.xsd">/);
    expect(fields(xml)).toEqual([
      ['title', 'en', 'Portrait'], ['title', 'nl', 'Portret'],
      // In the record's canonical order; a maker without a label anywhere is named by its IRI.
      ['creator', '', 'Théo van Rysselberghe'], ['creator', '', 'http://example.org/agent/unknown'], ['creator', 'nl', 'Atelier X'],
      ['subject', 'nl', 'portret van een meisje'],
      ['description', 'nl', 'Een &lt;portret&gt; &amp; meer'],
      ['publisher', '', 'MSK &amp; co'],
      ['date', '', '1886-06'],
      ['type', '', 'PhysicalObject'], ['type', '', 'http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object'], ['type', '', 'http://vocab.getty.edu/aat/300033618'],
      ['format', 'nl', 'olieverf'], ['format', 'en', 'oil paint'],
      ['identifier', '', 'http://example.org/object/1'], ['identifier', '', '1979-C'],
      ['relation', '', 'https://example.org/image.jpg'],
      ['rights', '', 'http://creativecommons.org/publicdomain/zero/1.0/'],
    ]);
  });

  it('gives the record\'s own rights statement, as its EDM record does, and the dataset\'s only when it states none', async () => {
    const own = await record('http://example.org/object/2', `ex:object\\/2 a crm:E22_Human-Made_Object ; crm:P102_has_title "Brief"@nl ;
      crm:P104_is_subject_to [ a crm:E30_Right ; crm:P2_has_type <http://rightsstatements.org/vocab/CNE/1.0/> ] .`, 'object');
    expect(fields(renderOaiDc(own)).filter(([name]) => name === 'rights')).toEqual([['rights', '', 'http://rightsstatements.org/vocab/CNE/1.0/']]);
  });

  it('writes a time-span without EDTF as its interval, and dcterms titles of productions', async () => {
    const production = await record('http://example.org/p', `
      ex:p a crm:E7_Activity ; dcterms:title "De wachtkamer"@nl ; dcterms:description "Tekst"@nl ;
        crm:P14_carried_out_by ex:lotte ; crm:P2_has_type [ skos:prefLabel "productie"@nl ] ;
        crm:P4_has_time-span [ crm:P82a_begin_of_the_begin "1820"^^xsd:gYear ; crm:P82b_end_of_the_end "1824"^^xsd:gYear ] .
      ex:lotte rdfs:label "Lotte Verbeke" .
    `, 'production');
    expect(fields(renderOaiDc(production))).toEqual([
      ['title', 'nl', 'De wachtkamer'], ['creator', '', 'Lotte Verbeke'], ['description', 'nl', 'Tekst'], ['publisher', '', 'MSK &amp; co'],
      ['date', '', '1820/1824'], ['type', '', 'Event'], ['type', '', 'http://www.cidoc-crm.org/cidoc-crm/E7_Activity'], ['type', 'nl', 'productie'],
      ['identifier', '', 'http://example.org/p'], ['rights', '', 'http://creativecommons.org/publicdomain/zero/1.0/'],
    ]);
  });

  it('names agents and concepts by their own labels', async () => {
    const agent = await record('http://example.org/a', `ex:a a crm:E21_Person ; foaf:name "Théo"@nl ; skos:altLabel "T."@nl .`, 'agent');
    expect(fields(renderOaiDc(agent)).filter(([name]) => name === 'title' || name === 'type'))
      .toEqual([['title', 'nl', 'Théo'], ['type', '', 'http://www.cidoc-crm.org/cidoc-crm/E21_Person']]);
    const concept = await record('http://example.org/c', `ex:c a skos:Concept ; skos:prefLabel "brons"@nl ; skos:definition "Legering."@nl ;
      skos:notation "BR" ; skos:exactMatch <http://vocab.getty.edu/aat/300010957> .`, 'concept');
    expect(fields(renderOaiDc({ ...concept, dataset: { ...DATASET, rights: undefined } }))).toEqual([
      ['title', 'nl', 'brons'], ['description', 'nl', 'Legering.'], ['publisher', '', 'MSK &amp; co'],
      ['type', '', 'http://www.w3.org/2004/02/skos/core#Concept'], ['identifier', '', 'http://example.org/c'], ['identifier', '', 'BR'],
      ['relation', '', 'http://vocab.getty.edu/aat/300010957'],
    ]);
  });

  it('keeps the document well-formed whatever the data holds', async () => {
    const odd = await record('http://example.org/o', `ex:o crm:P102_has_title "bell\\u0007 and ]]> and \\"q\\"" ; crm:P3_has_note "   " .`, 'resource');
    const xml = renderOaiDc(odd);
    expect(xml).toContain('<dc:title>bell\uFFFD and ]]&gt; and "q"</dc:title>');
    expect(xml).not.toContain('<dc:description');
  });
});
