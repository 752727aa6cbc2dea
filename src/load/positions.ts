/**
 * Source positions for JSON Pointers, computed lazily.
 *
 * Parsing keeps only a compact record of the YAML event stream (three integers per node) so
 * that evaluation pays almost nothing for positions; a pointer is resolved to a line and column
 * only when a finding needs it.
 */
import { EVENT_ALIAS, EVENT_MAPPING, EVENT_POP, EVENT_SCALAR, EVENT_SEQUENCE, SCALAR_STYLE, type Event } from 'js-yaml';
import type { PositionResolver } from '../model/types.js';

const STRIDE = 3;
/** Flag bits stored with scalar events, above the event type. */
const FLAG_FAST = 1 << 4;
const STYLE_SHIFT = 5;

/** Line-start offsets of a text, computed once per file on first use. */
export class LineMap {
  private starts: Int32Array | undefined;
  constructor(private readonly text: string) {}

  /** 1-based line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  lineOf(offset: number): number {
    return this.position(offset).line;
  }
}

/** Offsets where lines start, in an Int32Array: a run keeps one per file, and typed arrays live outside the collected heap. */
function computeLineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}

/**
 * Compacts the events of one document (from its first content event up to, not including, its
 * closing POP) into an Int32Array of [code, start, end] triples. Offsets are absolute in `text`
 * once `base` is added.
 */
export function compactEvents(events: readonly Event[], from: number, to: number, base: number): Int32Array {
  const out = new Int32Array((to - from) * STRIDE);
  let o = 0;
  for (let i = from; i < to; i++) {
    const e = events[i] as Event;
    switch (e.type) {
      case EVENT_SCALAR:
        out[o] = EVENT_SCALAR | (e.fast ? FLAG_FAST : 0) | (e.style << STYLE_SHIFT);
        out[o + 1] = e.valueStart + base;
        out[o + 2] = e.valueEnd + base;
        break;
      case EVENT_MAPPING:
      case EVENT_SEQUENCE:
        out[o] = e.type;
        out[o + 1] = e.start + base;
        out[o + 2] = e.start + base;
        break;
      case EVENT_ALIAS:
        out[o] = EVENT_ALIAS;
        out[o + 1] = e.anchorStart + base;
        out[o + 2] = e.anchorEnd + base;
        break;
      default:
        out[o] = e.type;
        out[o + 1] = -1;
        out[o + 2] = -1;
    }
    o += STRIDE;
  }
  return out;
}

/** Resolves pointers within one document from its compact event record. */
export class DocumentPositions implements PositionResolver {
  private next: Int32Array | undefined;

  constructor(
    private readonly text: string,
    private readonly lines: LineMap,
    private readonly nodes: Int32Array,
    /** Offset to report when the document has no content node. */
    private readonly fallbackOffset: number,
  ) {}

  locate(pointer: string): { line: number; column: number } {
    return this.lines.position(this.offsetOf(pointer));
  }

  /** The compact record, to rebuild these positions on another thread over the same text (`transfer.ts`). */
  record(): { nodes: Int32Array; fallbackOffset: number } {
    return { nodes: this.nodes, fallbackOffset: this.fallbackOffset };
  }

  /** Character offset of the deepest node on `pointer` present in the source (a key for mapping members). */
  offsetOf(pointer: string): number {
    const nodes = this.nodes;
    if (nodes.length === 0) return this.fallbackOffset;
    const next = (this.next ??= this.computeNext());
    let node = 0;
    let offset = nodes[1] ?? this.fallbackOffset;
    // Walks the segments in place, without cutting them out of the pointer: every finding resolves
    // a pointer (segments as `splitPointer` in model/types.ts reads them).
    for (let start = 1; pointer !== '' && start <= pointer.length; ) {
      const slash = pointer.indexOf('/', start);
      const end = slash === -1 ? pointer.length : slash;
      const segmentStart = start;
      start = end + 1;
      const type = (nodes[node * STRIDE] ?? 0) & 0xf;
      let found = -1;
      let keyOffset = -1;
      if (type === EVENT_MAPPING) {
        // A segment with an escape (~0, ~1) is decoded once; the others are compared in place.
        const tilde = pointer.indexOf('~', segmentStart);
        const escaped = tilde !== -1 && tilde < end ? unescapeSegment(pointer.slice(segmentStart, end)) : undefined;
        let child = node + 1;
        while (child < next.length && ((nodes[child * STRIDE] ?? 0) & 0xf) !== EVENT_POP) {
          const valueNode = next[child] ?? child + 1;
          if (escaped !== undefined ? this.keyEquals(child, escaped, 0, escaped.length) : this.keyEquals(child, pointer, segmentStart, end)) {
            found = valueNode;
            keyOffset = nodes[child * STRIDE + 1] ?? -1;
            break;
          }
          child = next[valueNode] ?? valueNode + 1;
        }
      } else if (type === EVENT_SEQUENCE) {
        let index = arrayIndex(pointer, segmentStart, end);
        let child = node + 1;
        while (index >= 0 && child < next.length && ((nodes[child * STRIDE] ?? 0) & 0xf) !== EVENT_POP) {
          if (index === 0) {
            found = child;
            break;
          }
          index--;
          child = next[child] ?? child + 1;
        }
      }
      if (found === -1) break;
      node = found;
      offset = keyOffset >= 0 ? keyOffset : (nodes[node * STRIDE + 1] ?? offset);
    }
    return offset;
  }

  /** `next[i]` is the index of the node after node i and all its descendants. */
  private computeNext(): Int32Array {
    const nodes = this.nodes;
    const count = nodes.length / STRIDE;
    const next = new Int32Array(count);
    const stack: number[] = [];
    for (let i = 0; i < count; i++) {
      const type = (nodes[i * STRIDE] ?? 0) & 0xf;
      if (type === EVENT_MAPPING || type === EVENT_SEQUENCE) {
        stack.push(i);
      } else if (type === EVENT_POP) {
        const open = stack.pop();
        next[i] = i + 1;
        if (open !== undefined) next[open] = i + 1;
      } else {
        next[i] = i + 1;
      }
    }
    // Unclosed collections (the document's final POP is not recorded) end at the record's end.
    for (const open of stack) next[open] = count;
    return next;
  }

  /** Whether the key at `node` is `segment[from, to)`. */
  private keyEquals(node: number, segment: string, from: number, to: number): boolean {
    const code = this.nodes[node * STRIDE] ?? 0;
    if ((code & 0xf) !== EVENT_SCALAR) return false;
    const start = this.nodes[node * STRIDE + 1] ?? 0;
    const end = this.nodes[node * STRIDE + 2] ?? 0;
    // A plain key is compared in place; only escaped keys are copied out and decoded.
    if (code & FLAG_FAST) {
      if (end - start !== to - from) return false;
      const text = this.text;
      for (let i = 0; i < to - from; i++) if (text.charCodeAt(start + i) !== segment.charCodeAt(from + i)) return false;
      return true;
    }
    return decodeQuoted(this.text.slice(start, end), code >> STYLE_SHIFT) === segment.slice(from, to);
  }
}

/** RFC 6901 unescaping of one pointer segment, as `splitPointer` does. */
function unescapeSegment(segment: string): string {
  if (segment.indexOf('~') === -1) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The sequence index a segment `text[from, to)` addresses, or -1: `0` or a decimal without leading
 * zeros are the only segments that address a sequence item.
 */
function arrayIndex(text: string, from: number, to: number): number {
  const length = to - from;
  if (length === 0 || length > 15 || (length > 1 && text.charCodeAt(from) === 48)) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

/** Decodes an escaped key. Keys with escapes are rare in manifests; the common escapes suffice for matching. */
function decodeQuoted(raw: string, style: number): string {
  if (style === SCALAR_STYLE.SINGLE_QUOTED) return raw.replace(/''/g, "'");
  if (style === SCALAR_STYLE.DOUBLE_QUOTED) {
    try {
      return JSON.parse(`"${raw.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\n\s*/g, ' ')}"`) as string;
    } catch {
      return raw;
    }
  }
  return raw;
}
