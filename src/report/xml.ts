/**
 * XML 1.0 escaping for reporters that write XML by hand. Writing by hand rather than through
 * a builder keeps the element order, attribute order and indentation exactly as the JUnit
 * consumers (Jenkins, GitLab, Azure) are tested against, and keeps escaping in one place.
 */

// Everything outside the XML 1.0 `Char` production: most C0 controls, lone surrogates, U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Replaces characters that XML 1.0 cannot carry at all (not even as `&#…;` references) with
 * U+FFFD, so one stray control byte in a manifest cannot make the whole report unparseable.
 *
 * @example
 * xmlChars('a\u0000b'); // 'a\uFFFDb'
 */
export function xmlChars(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD');
}

/**
 * Escapes element text. `\r` becomes a reference because parsers would otherwise fold `\r\n`
 * into `\n`.
 *
 * @example
 * xmlText('a < b & c'); // 'a &lt; b &amp; c'
 */
export function xmlText(value: string): string {
  return xmlChars(value).replace(/[&<>\r]/g, (ch) => TEXT_ESCAPES[ch] ?? ch);
}

/**
 * Escapes an attribute value for double-quoted attributes. Tabs and newlines become
 * references because attribute-value normalisation would turn them into spaces.
 *
 * @example
 * xmlAttr('say "hi"\n'); // 'say &quot;hi&quot;&#10;'
 */
export function xmlAttr(value: string): string {
  return xmlChars(value).replace(/[&<>"'\t\n\r]/g, (ch) => ATTR_ESCAPES[ch] ?? ch);
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
};

/**
 * Renders ` name="value"` pairs in the given order, skipping undefined values.
 *
 * @example
 * `<testcase${xmlAttrs({ name: 'a & b', line: 3, file: undefined })}/>`; // '<testcase name="a &amp; b" line="3"/>'
 */
export function xmlAttrs(attrs: Readonly<Record<string, string | number | undefined>>): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) out += ` ${name}="${xmlAttr(String(value))}"`;
  return out;
}
