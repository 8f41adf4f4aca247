/** The error codes of OAI-PMH 2.0 (section 3.6). */
export const OAI_ERROR_CODES = [
  'badArgument', 'badResumptionToken', 'badVerb', 'cannotDisseminateFormat', 'idDoesNotExist', 'noRecordsMatch',
  'noMetadataFormats', 'noSetHierarchy',
] as const;
export type OaiErrorCode = typeof OAI_ERROR_CODES[number];

/**
 * An OAI-PMH error: an answer, not an exception. It is sent as an `<error>` element in a
 * 200 response, as the protocol prescribes.
 */
export interface OaiError {
  readonly code: OaiErrorCode;
  readonly message: string;
}

export function oaiError(code: OaiErrorCode, message: string): OaiError {
  return { code, message };
}

/** Whether the errors are about the request's syntax, after which the `request` element carries no attributes. */
export function aboutSyntax(errors: readonly OaiError[]): boolean {
  return errors.some((error) => error.code === 'badVerb' || error.code === 'badArgument');
}
