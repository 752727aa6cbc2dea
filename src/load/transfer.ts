/**
 * A parsed file as a message between threads, and back. The documents' values travel as one JSON
 * text (the receiving thread's `JSON.parse` is several times faster than deserialising the object
 * graph), positions as their compact records; the receiver rebuilds them over the same text.
 */
import type { DocumentResult, FailedDocument } from './parse.js';
import type { ParsedFile } from './file.js';
import { DocumentPositions, LineMap } from './positions.js';

interface PackedDocument {
  ok: true;
  index: number;
  line: number;
  template?: string;
  nodes: Int32Array;
  fallbackOffset: number;
}

/** A parsed file in a form the structured clone of `postMessage` copies cheaply. */
export type PackedFile =
  | { kind: 'binary' }
  | {
      kind: 'text';
      text: string;
      documents: Array<PackedDocument | FailedDocument>;
      /** The values of the parsed documents, in order: JSON text, or the values themselves when JSON cannot carry them exactly. */
      values: { json: string } | { cloned: unknown[] };
    };

/**
 * Packs a parsed file for `postMessage`.
 *
 * @example
 * port.postMessage(packFile(parseFile(buffer, path)));
 */
export function packFile(parsed: ParsedFile): PackedFile {
  if (parsed.kind === 'binary') return parsed;
  const values: unknown[] = [];
  const documents = parsed.documents.map((doc): PackedDocument | FailedDocument => {
    if (!doc.ok) return doc;
    values.push(doc.value);
    const { nodes, fallbackOffset } = doc.positions.record();
    const packed: PackedDocument = { ok: true, index: doc.index, line: doc.line, nodes, fallbackOffset };
    if (doc.template !== undefined) packed.template = doc.template;
    return packed;
  });
  return { kind: 'text', text: parsed.text, documents, values: jsonExact(values, new Set()) ? { json: JSON.stringify(values) } : { cloned: values } };
}

/**
 * Rebuilds a parsed file from its packed form.
 *
 * @example
 * collectFile(path, unpackFile(message.file), tally);
 */
export function unpackFile(packed: PackedFile): ParsedFile {
  if (packed.kind === 'binary') return packed;
  const values = 'json' in packed.values ? (JSON.parse(packed.values.json) as unknown[]) : packed.values.cloned;
  const lines = new LineMap(packed.text);
  let next = 0;
  const documents = packed.documents.map((doc): DocumentResult => {
    if (!doc.ok) return doc;
    const parsed: DocumentResult = { ok: true, index: doc.index, value: values[next++], line: doc.line, positions: new DocumentPositions(packed.text, lines, doc.nodes, doc.fallbackOffset) };
    if (doc.template !== undefined) parsed.template = doc.template;
    return parsed;
  });
  return { kind: 'text', text: packed.text, documents };
}

/**
 * Whether JSON carries a parsed YAML value exactly. YAML values are null, booleans, numbers,
 * strings, sequences and mappings; of these JSON loses non-finite numbers (`.nan`, `.inf`) and
 * negative zero, and it would copy a node that aliases make appear twice (structured cloning
 * keeps it one object). Lone surrogates in strings survive (`JSON.stringify` escapes them).
 */
function jsonExact(value: unknown, seen: Set<object>): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || value === null) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) if (!jsonExact(item, seen)) return false;
    return true;
  }
  for (const key in value) if (!jsonExact((value as Record<string, unknown>)[key], seen)) return false;
  return true;
}
