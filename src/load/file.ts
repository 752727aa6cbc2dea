/**
 * One file's bytes → its parsed documents, and those documents → the tally. Split in two so that
 * the first half can run on a parse worker (`parallel.ts`) and the second on the main thread, in
 * input order, whichever thread parsed the file.
 */
import { isUtf8 } from 'node:buffer';
import { collectDocuments, type DocumentTally } from './documents.js';
import { parseYamlDocuments, type DocumentResult } from './parse.js';
import { DocumentPositions, LineMap } from './positions.js';

/** Bytes inspected for NUL characters when deciding that a file is binary (as git does). */
const BINARY_SNIFF_BYTES = 8000;

/** A file after parsing: binary (skipped), or its text with every document's result. */
export type ParsedFile = { kind: 'binary' } | { kind: 'text'; text: string; documents: DocumentResult[] };

/**
 * Decodes and parses one file's bytes. Pure: the same bytes give the same result on any thread.
 *
 * @example
 * const parsed = parseFile(readFileSync('deploy.yaml'), 'deploy.yaml');
 */
export function parseFile(buffer: Buffer, file: string): ParsedFile {
  if (isBinary(buffer)) return { kind: 'binary' };
  let invalidLines: Set<number> = new Set();
  if (!isUtf8(buffer)) invalidLines = findInvalidUtf8Lines(buffer);
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { kind: 'text', text, documents: parseText(text, file, invalidLines) };
}

/** Adds a parsed file's documents to `tally`. */
export function collectFile(file: string, parsed: ParsedFile, tally: DocumentTally): void {
  if (parsed.kind === 'binary') {
    tally.documents++;
    tally.skipped.push({ file, reason: 'binary file' });
    return;
  }
  collectDocuments(file, parsed.documents, tally);
}

/** Parses a text; a `.json` file that fails as YAML is retried as JSON. */
export function parseText(text: string, file: string, invalidLines: ReadonlySet<number> = new Set()): DocumentResult[] {
  const results = parseYamlDocuments(text, invalidLines);
  // JSON is YAML, except that JSON allows tabs where YAML forbids them: retry a failed .json file as JSON.
  if (file.toLowerCase().endsWith('.json') && results.some((r) => !r.ok) && invalidLines.size === 0) {
    try {
      const value: unknown = JSON.parse(text);
      const lines = new LineMap(text);
      return [{ ok: true, index: 0, value, line: 1, positions: new DocumentPositions(text, lines, new Int32Array(0), 0) }];
    } catch {
      return results;
    }
  }
  return results;
}

function isBinary(buffer: Buffer): boolean {
  const end = Math.min(buffer.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}

/** 1-based numbers of the lines that hold bytes which are not valid UTF-8. */
function findInvalidUtf8Lines(buffer: Buffer): Set<number> {
  const lines = new Set<number>();
  let line = 1;
  let start = 0;
  for (let i = 0; i <= buffer.length; i++) {
    if (i === buffer.length || buffer[i] === 0x0a) {
      if (!isUtf8(buffer.subarray(start, i))) lines.add(line);
      line++;
      start = i + 1;
    }
  }
  return lines;
}
