/**
 * JSON Schemas of the W3C Reconciliation Service API 0.2 (https://reconciliation-api.github.io/specs/0.2/),
 * written from the specification's schema section for these tests: the manifest, a result
 * batch, the suggest responses, a property proposal and a data extension response.
 */
const type = { oneOf: [{ type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id'] }, { type: 'string' }] };
const service = { type: 'object', properties: { service_url: { type: 'string' }, service_path: { type: 'string' } } };

export const manifestSchema = {
  type: 'object',
  properties: {
    versions: { type: 'array', items: { type: 'string' }, contains: { enum: ['0.2'] } },
    name: { type: 'string' },
    identifierSpace: { type: 'string' },
    schemaSpace: { type: 'string' },
    view: { type: 'object', properties: { url: { type: 'string', pattern: '.*\\{\\{id\\}\\}.*' } }, required: ['url'] },
    defaultTypes: { type: 'array', items: type, uniqueItems: true },
    suggest: { type: 'object', properties: { entity: service, property: service, type: service } },
    preview: {
      type: 'object',
      properties: { url: { type: 'string', pattern: '.*\\{\\{id\\}\\}.*' }, width: { type: 'integer' }, height: { type: 'integer' } },
      required: ['url', 'width', 'height'],
    },
    extend: { type: 'object', properties: { propose_properties: service, property_settings: { type: 'array' } } },
  },
  required: ['versions', 'name', 'identifierSpace', 'schemaSpace'],
};

export const resultBatchSchema = {
  type: 'object',
  patternProperties: {
    '^.*$': {
      type: 'object',
      properties: {
        result: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, score: { type: 'number' },
              match: { type: 'boolean' }, type: { type: 'array', items: type },
            },
            required: ['id', 'name', 'score'],
          },
        },
      },
      required: ['result'],
    },
  },
};

const suggestResponse = (extra: Record<string, unknown>) => ({
  type: 'object',
  properties: {
    result: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, ...extra }, required: ['id', 'name'] },
    },
  },
  required: ['result'],
});

export const suggestEntitiesSchema = suggestResponse({ notable: { type: 'array', items: type } });
export const suggestTypesSchema = suggestResponse({});
export const suggestPropertiesSchema = suggestResponse({});

export const proposePropertiesSchema = {
  type: 'object',
  properties: { type: { type: 'string' }, properties: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'name'] } } },
  required: ['properties'],
};

export const extendResponseSchema = {
  type: 'object',
  properties: {
    meta: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, type: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id'] } }, required: ['id', 'name'] },
    },
    rows: {
      type: 'object',
      patternProperties: {
        '.*': {
          type: 'object',
          patternProperties: {
            '.*': {
              type: 'array',
              items: {
                oneOf: [
                  { type: 'object', additionalProperties: false },
                  { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' } }, required: ['id', 'name'], additionalProperties: false },
                  { type: 'object', properties: { str: { type: 'string' } }, required: ['str'], additionalProperties: false },
                  { type: 'object', properties: { float: { type: 'number' } }, required: ['float'], additionalProperties: false },
                  { type: 'object', properties: { int: { type: 'integer' } }, required: ['int'], additionalProperties: false },
                ],
              },
            },
          },
        },
      },
    },
  },
  required: ['rows', 'meta'],
};
