import { z } from 'zod';

/** What a mapping reads, and so which reader and which lift it uses. */
export const MAPPING_INPUTS = ['table', 'json', 'jsonld', 'rdf', 'ldes'] as const;
export type MappingInput = (typeof MAPPING_INPUTS)[number];

/**
 * `oslo-mappings/<name>/mapping.json`: a mapping is data. It names its lift (CSVW metadata
 * for tables, a JSON-LD context for JSON), the SPARQL CONSTRUCT that turns lifted data into
 * OSLO, the shapes profile its records are validated against, and the classes whose
 * instances become records of their own.
 */
export const mappingManifestSchema = z.object({
  description: z.string().min(1),
  input: z.enum(MAPPING_INPUTS),
  /** CSVW metadata (`input: table`) or a JSON-LD context (`input: json`); absent for RDF input. */
  lift: z.string().optional(),
  /** JSON-LD contexts the mapping supplies, by the URL documents refer to them with (`input: jsonld`). */
  contexts: z.record(z.string(), z.string()).default({}),
  construct: z.string().min(1),
  /**
   * Properties of JSON input the CONSTRUCT leaves out on purpose, each with the reason: the lift
   * warns about any other property the CONSTRUCT does not read.
   */
  leftOut: z.record(z.url(), z.string().min(1)).default({}),
  profile: z.string().min(1),
  recordTypes: z.array(z.url()).min(1),
});

export type MappingManifest = z.infer<typeof mappingManifestSchema>;
