/**
 * Escaping for XML 1.0 output. Characters XML 1.0 cannot carry at all (most C0 controls,
 * U+FFFE, U+FFFF, unpaired surrogates) become U+FFFD, since not even a character reference may
 * stand for them.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// A raw CR would reach the reader as LF (XML 1.0, 2.11): as a reference it stays a CR.
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g;
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

/** Whether every character of `value` may appear in an XML 1.0 document. */
export function isXmlText(value: string): boolean {
  NOT_XML.lastIndex = 0;
  return !NOT_XML.test(value);
}

function xmlChars(value: string): string {
  return isXmlText(value) ? value : value.replace(NOT_XML, '\uFFFD');
}

/** Character data: `&`, `<` and `>` escaped (`>` for `]]>`), and CR as a reference, so it survives line-end handling. */
export function escapeText(value: string): string {
  return xmlChars(value).replace(TEXT_SPECIAL, (c) => REPLACEMENTS[c] ?? c);
}

/** An attribute value in double quotes; whitespace other than spaces as references, so it survives normalisation. */
export function escapeAttribute(value: string): string {
  return xmlChars(value).replace(ATTRIBUTE_SPECIAL, (c) => REPLACEMENTS[c] ?? c);
}

/** Attributes as ` name="value"`, skipping undefined values, in the order given. */
export function attributes(values: Readonly<Record<string, string | number | undefined>>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) out += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return out;
}

/** `<name attrs>text</name>`, or `<name attrs/>` without text. */
export function element(name: string, text?: string, attrs: Readonly<Record<string, string | number | undefined>> = {}): string {
  return text === undefined || text === '' ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${escapeText(text)}</${name}>`;
}
