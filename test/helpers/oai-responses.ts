/**
 * Reading OAI-PMH responses in tests. The responses are checked against the schema separately
 * (oai-schemas.ts); these only pull out what a test compares.
 */

/** The `code` of every `error` element. */
export function errorCodes(xml: string): string[] {
  return [...xml.matchAll(/<error code="(\w+)">/g)].map((match) => match[1] ?? '');
}

/** The `request` element, as sent. */
export function requestElement(xml: string): string {
  return /<request[^>]*>[^<]*<\/request>/.exec(xml)?.[0] ?? '';
}

export interface Header {
  readonly identifier: string;
  readonly datestamp: string;
  readonly deleted: boolean;
  readonly sets: string[];
}

/** Every record header, in order. */
export function headers(xml: string): Header[] {
  return [...xml.matchAll(/<header( status="deleted")?>(.*?)<\/header>/gs)].map((match) => {
    const body = match[2] ?? '';
    return {
      identifier: unescape(/<identifier>([^<]*)<\/identifier>/.exec(body)?.[1] ?? ''),
      datestamp: /<datestamp>([^<]*)<\/datestamp>/.exec(body)?.[1] ?? '',
      deleted: match[1] !== undefined,
      sets: [...body.matchAll(/<setSpec>([^<]*)<\/setSpec>/g)].map((set) => set[1] ?? ''),
    };
  });
}

/** Each `record` element's metadata part, by identifier (undefined for deleted records). */
export function metadataByIdentifier(xml: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const match of xml.matchAll(/<record>(.*?)<\/record>/gs)) {
    const body = match[1] ?? '';
    const identifier = unescape(/<identifier>([^<]*)<\/identifier>/.exec(body)?.[1] ?? '');
    out.set(identifier, /<metadata>(.*)<\/metadata>/s.exec(body)?.[1]);
  }
  return out;
}

export interface TokenElement {
  readonly token: string;
  readonly completeListSize: number | undefined;
  readonly cursor: number | undefined;
  readonly expirationDate: string | undefined;
}

/** The `resumptionToken` element, or undefined when the response has none. */
export function resumptionToken(xml: string): TokenElement | undefined {
  const match = /<resumptionToken([^>]*?)(?:\/>|>([^<]*)<\/resumptionToken>)/.exec(xml);
  if (match === null) return undefined;
  const attrs = match[1] ?? '';
  const attr = (name: string): string | undefined => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];
  const number = (name: string): number | undefined => (attr(name) === undefined ? undefined : Number(attr(name)));
  return {
    token: unescape(match[2] ?? ''),
    completeListSize: number('completeListSize'),
    cursor: number('cursor'),
    expirationDate: attr('expirationDate'),
  };
}

/** The text of the first element named so (unescaped), or undefined. */
export function text(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : unescape(match[1]);
}

function unescape(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}
