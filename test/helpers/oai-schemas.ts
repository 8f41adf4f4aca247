import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { referenceDir } from './reference.js';
import { validateWithXsd, writeXmlFiles, type XsdVerdict } from './xml-tools.js';

/** Where OAI-PMH responses point for their schemas, and the copies in the shared reference folder. */
const REFERENCE_SCHEMAS: ReadonlyArray<readonly [string, string]> = [
  ['http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd', 'OAI-PMH.xsd'],
  ['http://www.openarchives.org/OAI/2.0/oai_dc.xsd', 'oai_dc.xsd'],
  ['http://www.openarchives.org/OAI/2.0/oai-identifier.xsd', 'oai-identifier.xsd'],
  ['http://dublincore.org/schemas/xmls/simpledc20021212.xsd', 'simpledc20021212.xsd'],
  ['http://www.w3.org/2001/03/xml.xsd', 'xml.xsd'],
  ['http://www.w3.org/2001/xml.xsd', 'xml.xsd'],
];

const RDF_SCHEMA_LOCATION = 'http://www.openarchives.org/OAI/2.0/rdf.xsd';

/**
 * A stand-in for OAI's placeholder schema of RDF/XML (`OAI/2.0/rdf.xsd`, not in the reference
 * folder): like it, it declares `rdf:RDF` and lets its content through unchecked, since RDF/XML
 * has no XML Schema. The `rdf` format's content is checked by parsing it back as RDF instead.
 */
const RDF_STAND_IN = `<schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  elementFormDefault="qualified">
  <element name="RDF">
    <complexType>
      <sequence><any namespace="##any" processContents="skip" minOccurs="0" maxOccurs="unbounded"/></sequence>
      <anyAttribute namespace="##any" processContents="skip"/>
    </complexType>
  </element>
</schema>
`;

/**
 * Writes into `dir` an XML catalog that maps the schema locations OAI-PMH responses name to the
 * reference copies (so `xmllint --nonet` never fetches), and a driver schema importing
 * OAI-PMH, oai_dc, oai-identifier and RDF, against which any response validates.
 */
export function oaiSchemas(dir: string): { schema: string; catalog: string } {
  mkdirSync(dir, { recursive: true });
  const rdf = join(dir, 'rdf.xsd');
  writeFileSync(rdf, RDF_STAND_IN);
  const entries = [...REFERENCE_SCHEMAS.map(([location, file]) => [location, referenceDir('oai-pmh', file)] as const), [RDF_SCHEMA_LOCATION, rdf] as const];
  const catalog = join(dir, 'catalog.xml');
  writeFileSync(catalog, `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
${entries.map(([location, path]) => `  <system systemId="${location}" uri="${pathToFileURL(path).href}"/>\n  <uri name="${location}" uri="${pathToFileURL(path).href}"/>`).join('\n')}
</catalog>
`);
  const schema = join(dir, 'driver.xsd');
  writeFileSync(schema, `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:cultuurgraaf:test:oai-driver">
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai-identifier" schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"/>
  <xs:import namespace="http://www.w3.org/1999/02/22-rdf-syntax-ns#" schemaLocation="${RDF_SCHEMA_LOCATION}"/>
</xs:schema>
`);
  return { schema, catalog };
}

/** xmllint's verdict on each named response, validated against OAI-PMH.xsd (and the metadata schemas). */
export async function validateOaiResponses(dir: string, responses: ReadonlyArray<readonly [string, string]>): Promise<XsdVerdict[]> {
  const { schema, catalog } = oaiSchemas(join(dir, 'schemas'));
  return validateWithXsd(writeXmlFiles(join(dir, 'responses'), responses), schema, catalog);
}

/** Asserts that every named response validates; the failure names each bad one with xmllint's errors. */
export async function expectValidOaiResponses(dir: string, responses: ReadonlyArray<readonly [string, string]>): Promise<void> {
  const verdicts = await validateOaiResponses(dir, responses);
  expect(verdicts.filter((verdict) => verdict.errors !== undefined)).toEqual([]);
  expect(verdicts).toHaveLength(responses.length);
}
