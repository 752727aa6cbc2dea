/**
 * Text → YAML documents with lazy source positions, recovering from bad documents.
 *
 * The fast path parses a whole file into events once and builds values from them. When a file
 * contains a document that does not parse, the file is split at document markers (`---`, as
 * kubectl's reader does) and each part is parsed on its own, so one broken document costs only
 * itself.
 */
import { EVENT_ALIAS, EVENT_DOCUMENT, EVENT_MAPPING, EVENT_POP, EVENT_SCALAR, EVENT_SEQUENCE, constructFromEvents, parseEvents, type Event } from 'js-yaml';
import { DocumentPositions, LineMap, compactEvents } from './positions.js';
import { KUBERNETES_YAML_SCHEMA } from './yaml-schema.js';

/** Deepest nesting accepted. Real manifests (CRD schemas included) stay far below it. */
export const MAX_DEPTH = 512;
/** Most nodes a document may expand to through aliases before it is treated as an alias bomb. */
export const MAX_ALIAS_EXPANSION = 1_000_000;

export interface ParsedDocument {
  ok: true;
  index: number;
  value: unknown;
  /** 1-based line of the document's first node. */
  line: number;
  positions: DocumentPositions;
  /** Chart template from a Helm `# Source:` comment before the document. */
  template?: string;
}

export interface FailedDocument {
  ok: false;
  index: number;
  line: number;
  message: string;
}

export type DocumentResult = ParsedDocument | FailedDocument;

interface Part {
  text: string;
  base: number;
}

/**
 * Parses every YAML document in `text`.
 *
 * @param invalidLines 1-based lines holding bytes that were not valid UTF-8: documents touching them fail.
 */
export function parseYamlDocuments(text: string, invalidLines: ReadonlySet<number> = new Set()): DocumentResult[] {
  const lines = new LineMap(text);
  if (invalidLines.size === 0) {
    const whole = tryParsePart(text, { text, base: 0 }, lines);
    if (whole) return number(whole);
  }
  const results: DocumentResult[] = [];
  for (const part of splitDocuments(text)) {
    const startLine = lines.lineOf(part.base);
    const endLine = lines.lineOf(part.base + Math.max(0, part.text.length - 1));
    const badLine = firstInSet(invalidLines, startLine, endLine);
    if (badLine !== undefined) {
      results.push({ ok: false, index: 0, line: badLine, message: 'invalid UTF-8 byte sequence' });
      continue;
    }
    const parsed = tryParsePart(text, part, lines);
    if (parsed) results.push(...parsed);
    else results.push(failPart(part, lines));
  }
  return number(results);
}

function number(results: DocumentResult[]): DocumentResult[] {
  results.forEach((r, i) => (r.index = i));
  return results;
}

function firstInSet(set: ReadonlySet<number>, from: number, to: number): number | undefined {
  let best: number | undefined;
  for (const n of set) if (n >= from && n <= to && (best === undefined || n < best)) best = n;
  return best;
}

/** Splits at lines that start with a document marker, like Kubernetes' YAML reader. */
export function splitDocuments(text: string): Part[] {
  const parts: Part[] = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  for (let m = marker.exec(text); m !== null; m = marker.exec(text)) {
    if (m.index > start) parts.push({ text: text.slice(start, m.index), base: start });
    start = m.index;
    if (marker.lastIndex === m.index) marker.lastIndex++;
  }
  parts.push({ text: text.slice(start), base: start });
  return parts.filter((p) => p.text.trim() !== '' && !/^---\s*$/.test(p.text.trim()));
}

/** Parses one part; returns undefined when anything in it fails. */
function tryParsePart(fullText: string, part: Part, lines: LineMap): DocumentResult[] | undefined {
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(part.text, { maxDepth: MAX_DEPTH });
    values = constructFromEvents(events, { source: part.text, schema: KUBERNETES_YAML_SCHEMA, maxAliases: 100_000 });
  } catch {
    return undefined;
  }
  const out: DocumentResult[] = [];
  let docIndex = 0;
  let previousEnd = part.base;
  for (let i = 0; i < events.length; i++) {
    if ((events[i] as Event).type !== EVENT_DOCUMENT) continue;
    const end = documentEnd(events, i);
    const value = values[docIndex++];
    const contentStart = firstOffset(events, i + 1, end);
    const startOffset = contentStart >= 0 ? contentStart + part.base : previousEnd;
    const bomb = hasAlias(events, i + 1, end) ? aliasExpansion(part.text, events, i + 1, end) : 0;
    if (bomb > MAX_ALIAS_EXPANSION) {
      out.push({
        ok: false,
        index: 0,
        line: lines.lineOf(startOffset),
        message: `aliases expand this document to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes (an alias bomb?); refusing to evaluate it`,
      });
    } else {
      const positions = new DocumentPositions(fullText, lines, compactEvents(events, i + 1, end, part.base), startOffset);
      const doc: ParsedDocument = { ok: true, index: 0, value, line: lines.lineOf(startOffset), positions };
      const template = helmSource(fullText, previousEnd, startOffset);
      if (template !== undefined) doc.template = template;
      out.push(doc);
    }
    const lastOffset = lastOffsetOf(events, i + 1, end);
    previousEnd = lastOffset >= 0 ? lastOffset + part.base : startOffset;
    i = end;
  }
  return out;
}

function hasAlias(events: readonly Event[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((events[i] as Event).type === EVENT_ALIAS) return true;
  return false;
}

/** Index of the POP that closes the DOCUMENT event at `start`. */
function documentEnd(events: readonly Event[], start: number): number {
  let depth = 0;
  for (let i = start; i < events.length; i++) {
    const t = (events[i] as Event).type;
    if (t === EVENT_DOCUMENT || t === EVENT_MAPPING || t === EVENT_SEQUENCE) depth++;
    else if (t === EVENT_POP && --depth === 0) return i;
  }
  return events.length;
}

function firstOffset(events: readonly Event[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const e = events[i] as Event;
    if (e.type === EVENT_SCALAR) return e.anchorStart >= 0 ? Math.min(e.anchorStart, e.valueStart) : e.valueStart;
    if (e.type === EVENT_MAPPING || e.type === EVENT_SEQUENCE) return e.anchorStart >= 0 ? Math.min(e.anchorStart, e.start) : e.start;
    if (e.type === EVENT_ALIAS) return e.anchorStart;
  }
  return -1;
}

function lastOffsetOf(events: readonly Event[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const e = events[i] as Event;
    if (e.type === EVENT_SCALAR) return e.valueEnd;
    if (e.type === EVENT_ALIAS) return e.anchorEnd;
    if (e.type === EVENT_MAPPING || e.type === EVENT_SEQUENCE) return e.start;
  }
  return -1;
}

/** The template path from the last `# Source:` comment between two offsets (Helm's rendered output). */
function helmSource(text: string, from: number, to: number): string | undefined {
  const gap = text.slice(from, to);
  const re = /^#\s*Source:\s*(\S.*?)\s*$/gm;
  let found: string | undefined;
  for (let m = re.exec(gap); m !== null; m = re.exec(gap)) found = m[1];
  return found;
}

/**
 * How many nodes a document expands to when every alias is replaced by its anchor's content:
 * the size a naive walk of the constructed value would visit.
 */
function aliasExpansion(source: string, events: readonly Event[], from: number, to: number): number {
  const anchorSize = new Map<string, number>();
  const stack: Array<{ size: number; anchor: string | undefined }> = [{ size: 0, anchor: undefined }];
  const add = (n: number): void => {
    const top = stack[stack.length - 1] as { size: number };
    top.size = Math.min(top.size + n, Number.MAX_SAFE_INTEGER);
  };
  for (let i = from; i < to; i++) {
    const e = events[i] as Event;
    if (e.type === EVENT_MAPPING || e.type === EVENT_SEQUENCE) {
      stack.push({ size: 1, anchor: e.anchorStart >= 0 ? source.slice(e.anchorStart + 1, e.anchorEnd) : undefined });
    } else if (e.type === EVENT_POP) {
      const frame = stack.pop() as { size: number; anchor: string | undefined };
      if (frame.anchor !== undefined) anchorSize.set(frame.anchor, frame.size);
      add(frame.size);
    } else if (e.type === EVENT_SCALAR) {
      if (e.anchorStart >= 0) anchorSize.set(source.slice(e.anchorStart + 1, e.anchorEnd), 1);
      add(1);
    } else if (e.type === EVENT_ALIAS) {
      add(anchorSize.get(source.slice(e.anchorStart + 1, e.anchorEnd)) ?? 1);
    }
    if ((stack[0] as { size: number }).size > MAX_ALIAS_EXPANSION) return (stack[0] as { size: number }).size;
  }
  let total = 0;
  for (const f of stack) total += f.size;
  return total;
}

/** Reports why a part failed, with the line of the problem. */
function failPart(part: Part, lines: LineMap): FailedDocument {
  try {
    const events = parseEvents(part.text, { maxDepth: MAX_DEPTH });
    constructFromEvents(events, { source: part.text, schema: KUBERNETES_YAML_SCHEMA, maxAliases: 100_000 });
    return { ok: false, index: 0, line: lines.lineOf(part.base), message: 'document could not be parsed' };
  } catch (error) {
    return { ok: false, index: 0, ...describeYamlError(error, part, lines) };
  }
}

/**
 * The reason and line of a YAML error. Only the first line of the parser's message is kept: its
 * snippet quotes the source, which may hold a secret value.
 */
function describeYamlError(error: unknown, part: Part, lines: LineMap): { line: number; message: string } {
  const mark = (error as { mark?: { position?: number } }).mark;
  const raw = error instanceof Error ? error.message : String(error);
  const reason = (raw.split('\n')[0] ?? raw).replace(/\s*\(\d+:\d+\)\s*$/, '');
  const offset = typeof mark?.position === 'number' ? part.base + Math.min(mark.position, Math.max(0, part.text.length - 1)) : part.base;
  const message = error instanceof RangeError ? 'document is nested too deeply to parse' : `YAML syntax error: ${reason}`;
  return { line: lines.lineOf(offset), message };
}
