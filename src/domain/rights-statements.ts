/**
 * The rights statements a dataset may carry: the twelve of rightsstatements.org and the
 * Creative Commons licences and public-domain tools, as IRIs in the `http://` form with a
 * trailing slash (the form the statements are published under and Europeana demands).
 * Europeana accepts the Creative Commons ones and six of rightsstatements.org (its EDM
 * schematron, `../shared/reference/europeana-edm/`); `europeana` says which.
 */
export interface RightsStatement {
  readonly iri: string;
  readonly europeana: boolean;
}

const RIGHTSSTATEMENTS = ['InC', 'InC-OW-EU', 'InC-EDU', 'InC-NC', 'InC-RUU', 'NoC-CR', 'NoC-NC', 'NoC-OKLR', 'NoC-US', 'CNE', 'UND', 'NKC'] as const;
const RIGHTSSTATEMENTS_FOR_EUROPEANA = new Set<string>(['NoC-NC', 'NoC-OKLR', 'InC', 'InC-EDU', 'InC-OW-EU', 'CNE']);

const CC_PERMISSIONS = ['by', 'by-sa', 'by-nd', 'by-nc', 'by-nc-sa', 'by-nc-nd'] as const;
/** Creative Commons licence versions and their jurisdiction ports ('' is the generic licence). */
const CC_VERSIONS: ReadonlyArray<{ version: string; permissions: readonly string[]; ports: readonly string[] }> = [
  { version: '1.0', permissions: [...CC_PERMISSIONS, 'by-nd-nc'], ports: ['', 'fi', 'il', 'nl'] },
  { version: '2.0', permissions: CC_PERMISSIONS, ports: ['', 'au', 'at', 'be', 'br', 'ca', 'cl', 'hr', 'uk', 'fr', 'de', 'it', 'jp', 'nl', 'pl', 'kr', 'es', 'tw'] },
  { version: '2.1', permissions: CC_PERMISSIONS, ports: ['au', 'es', 'jp'] },
  {
    version: '2.5', permissions: CC_PERMISSIONS,
    ports: ['', 'ar', 'au', 'br', 'bg', 'ca', 'cn', 'co', 'hr', 'dk', 'hu', 'in', 'il', 'it', 'mk', 'my', 'mt', 'mx', 'nl', 'pe', 'pl', 'pt', 'scotland', 'si', 'za', 'es', 'se', 'ch', 'tw'],
  },
  {
    version: '3.0', permissions: CC_PERMISSIONS,
    ports: ['', 'au', 'at', 'br', 'cl', 'cn', 'cr', 'hr', 'cz', 'ec', 'eg', 'ee', 'fr', 'de', 'gr', 'gt', 'hk', 'igo', 'ie', 'it', 'lu', 'nl', 'nz', 'no', 'ph', 'pl', 'pt', 'pr', 'ro', 'rs', 'sg', 'za', 'es', 'ch', 'tw', 'th', 'ug', 'us', 've', 'vn'],
  },
  { version: '4.0', permissions: CC_PERMISSIONS, ports: [''] },
];

function build(): Map<string, RightsStatement> {
  const all = new Map<string, RightsStatement>();
  const add = (iri: string, europeana: boolean): void => { all.set(iri, { iri, europeana }); };
  for (const id of RIGHTSSTATEMENTS) add(`http://rightsstatements.org/vocab/${id}/1.0/`, RIGHTSSTATEMENTS_FOR_EUROPEANA.has(id));
  for (const { version, permissions, ports } of CC_VERSIONS) {
    for (const permission of permissions) {
      for (const port of ports) add(`http://creativecommons.org/licenses/${permission}/${version}/${port === '' ? '' : `${port}/`}`, true);
    }
  }
  add('http://creativecommons.org/publicdomain/zero/1.0/', true);
  add('http://creativecommons.org/publicdomain/mark/1.0/', true);
  return all;
}

export const RIGHTS_STATEMENTS: ReadonlyMap<string, RightsStatement> = build();

/** The statements to name in an error: every rightsstatements.org one, and the generic current licences. */
export const COMMON_RIGHTS: readonly string[] = [
  ...RIGHTSSTATEMENTS.map((id) => `http://rightsstatements.org/vocab/${id}/1.0/`),
  ...CC_PERMISSIONS.map((permission) => `http://creativecommons.org/licenses/${permission}/4.0/`),
  'http://creativecommons.org/publicdomain/zero/1.0/',
  'http://creativecommons.org/publicdomain/mark/1.0/',
];

/**
 * The known statement for `iri`, or why there is none: the `https://` form or a missing
 * trailing slash are named as such, so the fix is obvious.
 */
export function lookupRights(iri: string): { statement: RightsStatement } | { problem: string } {
  const statement = RIGHTS_STATEMENTS.get(iri);
  if (statement !== undefined) return { statement };
  const variants = [iri.replace(/^https:/, 'http:'), `${iri.replace(/^https:/, 'http:')}/`];
  const near = variants.find((variant) => RIGHTS_STATEMENTS.has(variant));
  if (near !== undefined) return { problem: `"${iri}" is not written the way the statement is published; use ${near}.` };
  return { problem: `"${iri}" is not a rightsstatements.org statement or a Creative Commons licence.` };
}
