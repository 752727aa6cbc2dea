/**
 * Reads each format back into the strings it carries, so the contract suite can ask the same
 * question of every reporter ("is this message in the report, intact?") without knowing the
 * format. Structured formats are parsed, not searched as text, because escaping would
 * otherwise make a correct report look wrong (or a broken one look right).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export function parseXml(xml: string): unknown {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(xml) as unknown;
}

function collectStrings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) collectStrings(v, out);
  return out;
}

/** Every string the report carries, decoded. */
export function decodedStrings(format: string, output: string): string[] {
  switch (format) {
    case 'json':
    case 'sarif':
    case 'policyreport':
      return collectStrings(JSON.parse(output), []);
    case 'junit':
      return collectStrings(parseXml(output), []);
    default:
      return [output];
  }
}

/**
 * The decoded strings of a report joined by NUL (which no decoded string contains), so that
 * many look-ups cost one decode.
 */
export function decodedText(format: string, output: string): string {
  return decodedStrings(format, output).join('\u0000');
}

/** True when `needle` appears, intact, in one of the decoded strings. */
export function carries(format: string, output: string, needle: string): boolean {
  return decodedText(format, output).includes(needle);
}
