import type { OaiError } from './oai-error.js';
import type { OaiRequest } from './oai-request.js';
import { OAI_PMH, XSI_NAMESPACE } from './oai-vocab.js';
import { attributes, element, escapeText } from './xml-text.js';

/**
 * The start of every response (section 3.2): the XML declaration, the OAI-PMH root with its
 * schema location, the response date and the request. The request echoes the arguments unless
 * the request was refused for its syntax (`request` undefined), when it carries none.
 */
export function envelopeStart(responseDate: string, baseUrl: string, request: OaiRequest | undefined): string {
  const echo = request === undefined ? {} : { verb: request.verb, ...request.args };
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<OAI-PMH xmlns="${OAI_PMH.namespace}" xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${OAI_PMH.namespace} ${OAI_PMH.schema}">\n`
    + `${element('responseDate', responseDate)}\n<request${attributes(echo)}>${escapeText(baseUrl)}</request>\n`;
}

export const ENVELOPE_END = '</OAI-PMH>\n';

/** One `error` element per error. */
export function errorsXml(errors: readonly OaiError[]): string {
  return errors.map((error) => `${element('error', error.message, { code: error.code })}\n`).join('');
}
