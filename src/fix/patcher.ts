/**
 * The one YAML patcher: applies JSON-Patch `add`/`replace` operations to manifest source text as
 * minimal text edits, so that everything the operations do not touch — comments, key order,
 * quoting, indentation, blank lines, line endings — stays byte for byte as it was.
 *
 * The `yaml` library's Document API locates nodes (with exact source ranges, comments and flow or
 * block style) and nothing is re-serialized: each operation becomes one splice of the text, in
 * the style of its surroundings (block entries at the column of their siblings, flow entries
 * inside the brackets, JSON syntax in JSON documents). After every splice the text is parsed
 * again and the value at the operation's path is compared with the intended value; a mismatch is
 * a {@link PatchError}, never a silently wrong file.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parse as parseYaml, parseAllDocuments, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isJsonObject, splitPointer, type JsonValue } from '../model/types.js';
import { isDeepEqual } from './json-patch.js';
import type { PatchOp } from './types.js';

/** An operation that cannot be applied to the text safely; the file is left as it was. */
export class PatchError extends Error {
  override readonly name = 'PatchError';
}

/** Which object of the file the operations address. */
export interface PatchTarget {
  /** 0-based index of the YAML document in the file (Resource.source.documentIndex). */
  documentIndex: number;
  /** 1-based line of the document's first node (Resource.source.line); identifies the document when indices disagree. */
  documentLine?: number;
  /** Pointer of the object inside its document: "" or "/items/3" for List members. */
  pointerPrefix: string;
}

/**
 * Applies `ops` in order to the object `target` addresses in `text`.
 *
 * @example
 * patchYamlText('spec:\n  a: 1 # keep\n', { documentIndex: 0, pointerPrefix: '' }, [{ op: 'add', path: '/spec/b', value: true }])
 * // 'spec:\n  a: 1 # keep\n  b: true\n'
 */
export function patchYamlText(text: string, target: PatchTarget, ops: readonly PatchOp[]): string {
  let current = text;
  let located = locateDocument(current, target);
  for (const op of ops) {
    const pointer = target.pointerPrefix + op.path;
    current = applyOperation(located, pointer, op);
    // The parse that locates the next operation's document also proves this one.
    located = locateDocument(current, target);
    const after = valueAt(located, pointer);
    if (!after.found || !isDeepEqual(after.value, op.value)) {
      throw new PatchError(`after editing ${pointer} the document does not hold the intended value there`);
    }
  }
  return current;
}

/** Where one document of a file lies: the text from the line its content starts on to its end. */
export interface DocumentSlice {
  start: number;
  end: number;
  /** 1-based line of the document's first content node. */
  line: number;
}

/**
 * The documents of a file as text slices, so that a document can be patched (and parsed again)
 * on its own instead of the whole file: patching stays linear in the size of a file of many
 * documents. Documents without content are left out.
 *
 * @example
 * documentSlices('a: 1\n---\nb: 2\n') // [{ start: 0, end: 5, line: 1 }, { start: 9, end: 14, line: 3 }]
 */
export function documentSlices(text: string): DocumentSlice[] {
  const lines = new LineStarts(text);
  return parseDocuments(text).flatMap((document) => {
    if (document.contents === null) return [];
    const contentStart = nodeStart(document.contents);
    const start = contentStart - lines.columnOf(contentStart);
    return [{ start, end: document.range[2], line: lines.lineOf(contentStart) }];
  });
}

// ---------------------------------------------------------------------------------------------
// Locating documents and nodes

interface Located {
  text: string;
  document: Document.Parsed;
  lines: LineStarts;
}

function parseDocuments(text: string): Document.Parsed[] {
  const documents = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  if (!Array.isArray(documents)) return [];
  const broken = documents.find((d) => d.errors.length > 0);
  if (broken) throw new PatchError(`the file does not parse as YAML (${broken.errors[0]?.message.split('\n')[0] ?? 'syntax error'})`);
  return documents;
}

function locateDocument(text: string, target: PatchTarget): Located {
  const documents = parseDocuments(text);
  const lines = new LineStarts(text);
  let document: Document.Parsed | undefined;
  if (target.documentLine !== undefined) {
    document = documents.find((d) => d.contents !== null && lines.lineOf(nodeStart(d.contents)) === target.documentLine);
  }
  document ??= documents[target.documentIndex];
  if (!document || document.contents === null) throw new PatchError(`document ${target.documentIndex + 1} not found in the file`);
  return { text, document, lines };
}

/** Offset of a node's first character (an anchor or tag before it is not part of its range). */
function nodeStart(node: Node): number {
  return node.range?.[0] ?? 0;
}

function valueAt(located: Located, pointer: string): { found: boolean; value?: JsonValue } {
  let node: unknown = located.document.contents;
  for (const segment of splitPointer(pointer)) {
    // After an append, `-` names the item just added: the last one.
    const child = segment === '-' && isSeq(node) ? childNode(node, String(node.items.length - 1)) : childNode(node, segment);
    if (child === undefined) return { found: false };
    node = child;
  }
  return { found: true, value: toJson(node) };
}

function toJson(node: unknown): JsonValue {
  if (node === null || node === undefined) return null;
  return (node as Node).toJSON() as JsonValue;
}

/** The child node at one pointer segment; undefined when absent. Refuses aliases and merge keys, whose edits would not stay local. */
function childNode(node: unknown, segment: string): Node | null | undefined {
  if (isAlias(node)) throw new PatchError('the path goes through a YAML alias; editing it would change every place that uses the anchor');
  if (isMap(node)) {
    if (node.items.some((p) => isScalar(p.key) && p.key.value === '<<')) throw new PatchError('the path goes through a YAML merge key (<<)');
    const pair = findPair(node, segment);
    if (!pair) return undefined;
    return (pair.value as Node | null) ?? null;
  }
  if (isSeq(node)) {
    if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
    const index = Number(segment);
    if (index >= node.items.length) return undefined;
    return (node.items[index] as Node | null) ?? null;
  }
  return undefined;
}

function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return (map.items as Array<Pair<Node, Node | null>>).find((p) => isScalar(p.key) && String(p.key.value) === key);
}

// ---------------------------------------------------------------------------------------------
// Applying one operation

function applyOperation(located: Located, pointer: string, op: PatchOp): string {
  const { text } = located;
  const segments = splitPointer(pointer);
  if (segments.length === 0) throw new PatchError('replacing a whole document is not a safe fix');
  let parent: unknown = located.document.contents;
  for (const segment of segments.slice(0, -1)) {
    const child = childNode(parent, segment);
    if (child === undefined || child === null) throw new PatchError(`${op.op} ${pointer}: the parent does not exist`);
    parent = child;
  }
  const last = segments[segments.length - 1] as string;
  const style = detectStyle(located);
  if (isAlias(parent)) throw new PatchError('the path goes through a YAML alias; editing it would change every place that uses the anchor');
  if (isMap(parent)) {
    if (parent.items.some((p) => isScalar(p.key) && p.key.value === '<<')) throw new PatchError('the object uses a YAML merge key (<<)');
    const pair = findPair(parent, last);
    if (pair) return replaceValue(located, style, parent, pair, op.value);
    if (op.op === 'replace') throw new PatchError(`replace ${pointer}: no such member`);
    return insertPair(located, style, parent, last, op.value);
  }
  if (isSeq(parent)) {
    if (last === '-' && op.op === 'add') return appendItem(located, style, parent, op.value);
    const index = /^(0|[1-9][0-9]*)$/.test(last) ? Number(last) : -1;
    const item = parent.items[index];
    if (op.op === 'replace' && index >= 0 && index < parent.items.length && isScalar(item)) {
      return splice(text, item.range?.[0] ?? 0, scalarEnd(text, item), renderInline(op.value, style));
    }
    throw new PatchError(`${op.op} ${pointer}: only appending to a list or replacing a scalar item is supported`);
  }
  throw new PatchError(`${op.op} ${pointer}: the parent is not a mapping or a list`);
}

function replaceValue(located: Located, style: Style, map: YAMLMap, pair: Pair<Node, Node | null>, value: JsonValue): string {
  const { text } = located;
  const node = pair.value;
  const flowContext = map.flow === true;
  if (node !== null && !isScalar(node)) {
    // Replacing a whole mapping or list is never what a hardening fix does; fixes add inside it.
    throw new PatchError('replacing a mapping or a list is not supported; add to it instead');
  }
  if (isScalar(node) && (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL)) {
    throw new PatchError('replacing a block scalar is not supported');
  }
  const keyEnd = pair.key.range?.[1] ?? 0;
  const colon = text.indexOf(':', keyEnd);
  if (colon < 0) throw new PatchError('cannot find the ":" after the key');
  const isEmpty = node === null || (node.range != null && node.range[0] === node.range[1]);
  if (!flowContext && isCollection(value) && !isEmptyCollection(value)) {
    // `key:` or `key: null` becomes a block under the key.
    const end = isEmpty ? colon + 1 : scalarEnd(text, node as Scalar);
    const keyColumn = located.lines.columnOf(pair.key.range?.[0] ?? 0);
    const block = Array.isArray(value) ? renderSeqItems(value, keyColumn + style.seqOffset, style) : renderMapEntries(value as Record<string, JsonValue>, keyColumn + style.step, style);
    return splice(text, colon + 1, end, style.eol + block.join(style.eol));
  }
  if (isEmpty) return splice(text, colon + 1, colon + 1, ' ' + renderInline(value, style));
  const scalar = node as Scalar;
  return splice(text, scalar.range?.[0] ?? 0, scalarEnd(text, scalar), renderReplacement(scalar, value, style, flowContext));
}

function insertPair(located: Located, style: Style, map: YAMLMap, key: string, value: JsonValue): string {
  const { text, lines } = located;
  const lastPair = map.items[map.items.length - 1] as Pair<Node, Node | null> | undefined;
  if (map.flow === true) {
    const entry = (multiline: boolean): string =>
      multiline && style.json ? `${JSON.stringify(key)}: ${JSON.stringify(value, null, style.indentUnit)}` : `${renderKey(key, style)}${style.colon}${renderFlow(value, style)}`;
    return insertIntoFlow(located, style, map, lastPair === undefined ? undefined : { start: nodeStart(lastPair.key), end: pairEnd(text, lastPair) }, entry, '}');
  }
  if (!lastPair) throw new PatchError('cannot add to an empty block mapping');
  const firstKey = (map.items[0] as Pair<Node, Node | null>).key;
  if (!isScalar(firstKey)) throw new PatchError('the mapping has complex keys');
  const column = lines.columnOf(nodeStart(firstKey));
  const entry = renderBlockEntry(key, value, column, style);
  const at = afterNestedComments(text, lineEnd(text, pairEnd(text, lastPair)), column);
  return splice(text, at, at, style.eol + entry.join(style.eol));
}

function appendItem(located: Located, style: Style, seq: YAMLSeq, value: JsonValue): string {
  const { text, lines } = located;
  const last = seq.items[seq.items.length - 1] as Node | null | undefined;
  if (seq.flow === true) {
    const lastRange = last === undefined || last === null ? undefined : { start: nodeStart(last), end: nodeEnd(text, last) };
    const entry = (multiline: boolean): string => (multiline && style.json ? JSON.stringify(value, null, style.indentUnit) : renderFlow(value, style));
    return insertIntoFlow(located, style, seq, lastRange, entry, ']');
  }
  if (last === undefined || last === null) throw new PatchError('cannot append to an empty block list');
  const dash = nodeStart(seq);
  if (text[dash] !== '-') throw new PatchError('cannot find the list item marker');
  // A new item follows the style of the last one: `- {name: a}` stays flow, `- name: a` stays block.
  const entry = (isMap(last) || isSeq(last)) && last.flow === true && isCollection(value) ? [`${' '.repeat(lines.columnOf(dash))}- ${renderFlow(value, style)}`] : renderSeqItems([value], lines.columnOf(dash), style);
  const at = afterNestedComments(text, lineEnd(text, nodeEnd(text, last)), lines.columnOf(dash));
  return splice(text, at, at, style.eol + entry.join(style.eol));
}

/**
 * Adds `entry` to a flow collection: after its last item (on a new line at that item's column when
 * the collection is written one item per line, as pretty-printed JSON is), or inside empty brackets.
 */
function insertIntoFlow(
  located: Located,
  style: Style,
  collection: YAMLMap | YAMLSeq,
  last: { start: number; end: number } | undefined,
  entry: (multiline: boolean) => string,
  close: '}' | ']',
): string {
  const { text, lines } = located;
  const range = collection.range;
  if (!range) throw new PatchError('the flow collection has no source range');
  if (last === undefined) {
    const closeAt = range[1] - 1;
    if (text[closeAt] !== close) throw new PatchError(`cannot find the closing "${close}"`);
    return splice(text, closeAt, closeAt, entry(false));
  }
  const open = range[0];
  const multiline = lines.lineOf(last.start) !== lines.lineOf(open);
  if (multiline) {
    // The new item's line starts like the last item's line (spaces or tabs).
    const column = lines.columnOf(last.start);
    const lead = text.slice(last.start - column, last.start);
    const pad = /^[ \t]*$/.test(lead) ? lead : ' '.repeat(column);
    const indented = entry(true).split('\n').join(style.eol + pad);
    return splice(text, last.end, last.end, `,${style.eol}${pad}${indented}`);
  }
  return splice(text, last.end, last.end, `${style.comma}${entry(false)}`);
}

// ---------------------------------------------------------------------------------------------
// Source ranges

/** End of the last content character of a pair (its value, or its key when the value is empty). */
function pairEnd(text: string, pair: Pair<Node, Node | null>): number {
  const keyEnd = pair.key.range?.[1] ?? 0;
  if (pair.value === null) return keyEnd;
  return Math.max(keyEnd, nodeEnd(text, pair.value));
}

/** End of a node's last content character: comments after it and trailing blank lines are not content. */
function nodeEnd(text: string, node: Node): number {
  if (isMap(node) || isSeq(node)) {
    if (node.flow === true || node.items.length === 0) return node.range?.[1] ?? 0;
    const last = node.items[node.items.length - 1];
    if (isPair(last)) return pairEnd(text, last as Pair<Node, Node | null>);
    if (last === null || last === undefined) return node.range?.[1] ?? 0;
    return nodeEnd(text, last as Node);
  }
  if (isScalar(node)) return scalarEnd(text, node);
  return node.range?.[1] ?? 0;
}

function scalarEnd(text: string, scalar: Scalar): number {
  let end = scalar.range?.[1] ?? 0;
  if (scalar.type === Scalar.BLOCK_FOLDED || scalar.type === Scalar.BLOCK_LITERAL) {
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  }
  return end;
}

/** Offset of the line break ending the line that holds `offset - 1` (before a `\r`), or the text's end. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(0, offset));
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * Moves an insertion point (a line end) past the comment lines that follow it indented deeper than
 * `column`: they close the nested block above (`# end of app`), and a new sibling at `column`
 * belongs after them. Blank lines between them are skipped too; blank lines after them stay after
 * the insertion.
 */
function afterNestedComments(text: string, at: number, column: number): number {
  let insertAt = at;
  let cursor = at;
  while (cursor < text.length) {
    const start = text.indexOf('\n', cursor);
    if (start < 0) break;
    const next = text.indexOf('\n', start + 1);
    const line = text.slice(start + 1, next < 0 ? text.length : next).replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== '') {
      if (!line.trimStart().startsWith('#') || indent <= column) break;
      insertAt = lineEnd(text, start + 1);
    }
    if (next < 0) break;
    cursor = next;
  }
  return insertAt;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

class LineStarts {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  private index(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    return this.index(offset) + 1;
  }

  /** 0-based column of an offset. */
  columnOf(offset: number): number {
    return offset - (this.starts[this.index(offset)] ?? 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Style of the surrounding document

interface Style {
  /** Indentation of a nested mapping relative to its key. */
  step: number;
  /** Column offset of a block list's `-` relative to its key: 0 (`key:\n- a`) or more (`key:\n  - a`). */
  seqOffset: number;
  eol: '\n' | '\r\n';
  /** The document is JSON (a flow mapping at the root): new keys and strings are written as JSON. */
  json: boolean;
  /** One level of indentation for pretty-printed JSON: spaces, or a tab in tab-indented JSON. */
  indentUnit: string;
  /** Separators in flow collections: `, ` and `: `, or `,` and `:` in minified JSON. */
  comma: string;
  colon: string;
}

/** Reads the indentation step, the list style and the line ending from the document itself. */
function detectStyle(located: Located): Style {
  const { text, document, lines } = located;
  let step: number | undefined;
  let seqOffset: number | undefined;
  const visit = (node: unknown): void => {
    if (step !== undefined && seqOffset !== undefined) return;
    if (isMap(node)) {
      for (const pair of node.items as Array<Pair<Node, Node | null>>) {
        const value = pair.value;
        const keyStart = nodeStart(pair.key);
        if (isMap(value) && value.items.length > 0) {
          const childKey = (value.items[0] as Pair<Node, Node | null>).key;
          if (lines.lineOf(nodeStart(childKey)) !== lines.lineOf(keyStart)) {
            const diff = lines.columnOf(nodeStart(childKey)) - lines.columnOf(keyStart);
            if (step === undefined && diff > 0) step = diff;
          }
        } else if (isSeq(value) && value.flow !== true && value.items.length > 0 && seqOffset === undefined) {
          const diff = lines.columnOf(nodeStart(value)) - lines.columnOf(keyStart);
          if (diff >= 0) seqOffset = diff;
        }
        visit(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(document.contents);
  const resolvedStep = step ?? 2;
  const json = (isMap(document.contents) || isSeq(document.contents)) && document.contents.flow === true;
  const minified = json && !/[,:][ \t\r\n]/.test(text);
  return {
    step: resolvedStep,
    seqOffset: seqOffset ?? resolvedStep,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    json,
    indentUnit: json && /^\t/m.test(text) ? '\t'.repeat(resolvedStep) : ' '.repeat(resolvedStep),
    comma: minified ? ',' : ', ',
    colon: minified ? ':' : ': ',
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering new values in the document's style

/** Characters that a plain scalar written by a fix may contain: no flow indicators, no `: `, no `#`. */
const SAFE_PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;

/** A scalar as YAML source: plain when it reads back as the same string under YAML 1.1 and 1.2, else double-quoted. */
function renderScalar(value: JsonValue, style: Style): string {
  if (typeof value === 'string') {
    if (!style.json && SAFE_PLAIN.test(value) && readsBackAs(value)) return value;
    return JSON.stringify(value);
  }
  return JSON.stringify(value);
}

/**
 * A replacement scalar in the quoting style of the one it replaces: a double-quoted value stays
 * double-quoted, a single-quoted one single-quoted, a plain one plain when the new value can be
 * (`nginx:1.27@sha256:…` can, outside flow collections).
 */
function renderReplacement(node: Scalar, value: JsonValue, style: Style, flowContext: boolean): string {
  if (typeof value === 'string' && !style.json && !value.includes('\n')) {
    if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
    if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
    const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/.test(value) && !value.endsWith(':') && !(flowContext && value.includes(':'));
    if (node.type === Scalar.PLAIN && plain && readsBackAs(value)) return value;
  }
  return renderInline(value, style);
}

function readsBackAs(value: string): boolean {
  try {
    return parseYaml(value, { version: '1.1' }) === value && parseYaml(value, { version: '1.2' }) === value;
  } catch {
    return false;
  }
}

function renderKey(key: string, style: Style): string {
  return renderScalar(key, style);
}

function isCollection(value: JsonValue): value is JsonValue[] | { [key: string]: JsonValue } {
  return Array.isArray(value) || isJsonObject(value);
}

function isEmptyCollection(value: JsonValue): boolean {
  return Array.isArray(value) ? value.length === 0 : isJsonObject(value) && Object.keys(value).length === 0;
}

/** A value on one line: a scalar, or a collection in flow style. */
function renderInline(value: JsonValue, style: Style): string {
  return isCollection(value) ? renderFlow(value, style) : renderScalar(value, style);
}

function renderFlow(value: JsonValue, style: Style): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderFlow(v, style)).join(style.comma)}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${renderKey(k, style)}${style.colon}${renderFlow(v, style)}`)
      .join(style.comma)}}`;
  }
  return renderScalar(value, style);
}

/** `key: value` as block lines starting at `column`. */
function renderBlockEntry(key: string, value: JsonValue, column: number, style: Style): string[] {
  const pad = ' '.repeat(column);
  const head = `${pad}${renderKey(key, style)}:`;
  if (!isCollection(value) || isEmptyCollection(value)) return [`${head} ${renderInline(value, style)}`];
  if (Array.isArray(value)) return [head, ...renderSeqItems(value, column + style.seqOffset, style)];
  return [head, ...renderMapEntries(value, column + style.step, style)];
}

function renderMapEntries(value: { [key: string]: JsonValue }, column: number, style: Style): string[] {
  return Object.entries(value).flatMap(([k, v]) => renderBlockEntry(k, v, column, style));
}

/** Block list items with their `-` at `dashColumn`; a mapping item starts on the dash line. */
function renderSeqItems(items: readonly JsonValue[], dashColumn: number, style: Style): string[] {
  const pad = ' '.repeat(dashColumn);
  return items.flatMap((item) => {
    if (isJsonObject(item) && Object.keys(item).length > 0) {
      const entries = renderMapEntries(item, dashColumn + 2, style);
      const first = entries[0] as string;
      return [`${pad}- ${first.slice(dashColumn + 2)}`, ...entries.slice(1)];
    }
    return [`${pad}- ${renderInline(item, style)}`];
  });
}
