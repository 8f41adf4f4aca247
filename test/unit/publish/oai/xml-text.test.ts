import { describe, expect, it } from 'vitest';
import { attributes, element, escapeAttribute, escapeText, isXmlText } from '../../../../src/publish/oai/xml-text.js';

describe('XML escaping', () => {
  it('escapes markup in text and attributes', () => {
    expect(escapeText('a < b && c > d ]]> "q" \'s\'')).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt; "q" \'s\'');
    expect(escapeAttribute('say "hi" & <bye>\tnow\nthen\r')).toBe('say &quot;hi&quot; &amp; &lt;bye&gt;&#9;now&#10;then&#13;');
    // A raw CR in text reaches the reader as LF; a reference stays a CR.
    expect(escapeText('regel 1\r\nregel 2')).toBe('regel 1&#13;\nregel 2');
  });

  it('replaces characters XML 1.0 cannot carry, keeps the rest of Unicode', () => {
    expect(isXmlText('Théo 🎨 \t\n')).toBe(true);
    expect(isXmlText('bell\u0007')).toBe(false);
    expect(escapeText('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFF')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD');
    expect(escapeText('lone \uD800 surrogate, pair \uD83C\uDFA8')).toBe('lone \uFFFD surrogate, pair 🎨');
    expect(isXmlText('still ok after a miss')).toBe(true);
  });

  it('writes elements and skips undefined attributes', () => {
    expect(element('dc:title', 'A & B', { 'xml:lang': 'nl', skipped: undefined })).toBe('<dc:title xml:lang="nl">A &amp; B</dc:title>');
    expect(element('resumptionToken', '', { cursor: 0 })).toBe('<resumptionToken cursor="0"/>');
    expect(attributes({ a: 1, b: 'x"y' })).toBe(' a="1" b="x&quot;y"');
  });
});
