/**
 * RFC 6902 `add` and `replace` over plain JSON values, and the pointer helpers the fixes share.
 * Pure: the input is never mutated.
 */
import { InternalError } from '../errors.js';
import { isJsonObject, joinPointer, splitPointer, type JsonObject, type JsonValue } from '../model/types.js';
import type { PatchOp } from './types.js';

/** Thrown when an operation does not apply to the value (a bug in a fix, or a stale body). */
export class PatchApplyError extends InternalError {}

/**
 * Applies `ops` in order to a copy of `document`.
 *
 * @example
 * applyPatch({ a: {} }, [{ op: 'add', path: '/a/b', value: 1 }]) // { a: { b: 1 } }
 */
export function applyPatch<T extends JsonValue>(document: T, ops: readonly PatchOp[]): T {
  let result = structuredClone(document) as JsonValue;
  for (const op of ops) result = applyOne(result, op);
  return result as T;
}

function applyOne(document: JsonValue, op: PatchOp): JsonValue {
  const segments = splitPointer(op.path);
  const value = structuredClone(op.value);
  if (segments.length === 0) return value;
  const parentSegments = segments.slice(0, -1);
  const last = segments[segments.length - 1] as string;
  const parent = valueAtSegments(document, parentSegments);
  if (Array.isArray(parent)) {
    if (last === '-' && op.op === 'add') {
      parent.push(value);
      return document;
    }
    const index = arrayIndex(last);
    if (index === undefined || index > parent.length || (op.op === 'replace' && index >= parent.length)) {
      throw new PatchApplyError(`${op.op} ${op.path}: index ${last} out of range`);
    }
    if (op.op === 'add') parent.splice(index, 0, value);
    else parent[index] = value;
    return document;
  }
  if (isJsonObject(parent)) {
    if (op.op === 'replace' && !(last in parent)) throw new PatchApplyError(`replace ${op.path}: no such member`);
    parent[last] = value;
    return document;
  }
  throw new PatchApplyError(`${op.op} ${op.path}: the parent is not an object or an array`);
}

function arrayIndex(segment: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : undefined;
}

function valueAtSegments(document: JsonValue, segments: readonly string[]): JsonValue | undefined {
  let node: JsonValue | undefined = document;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      const index = arrayIndex(segment);
      node = index === undefined ? undefined : node[index];
    } else if (isJsonObject(node)) {
      node = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
    } else {
      return undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** The value at a JSON Pointer; undefined when a step is missing. */
export function valueAtPointer(document: JsonValue, pointer: string): JsonValue | undefined {
  return valueAtSegments(document, splitPointer(pointer));
}

/**
 * The one operation that makes `value` present at `base` + `keys`, creating the missing objects
 * on the way as a single nested `add` (RFC 6902 needs the parent to exist). A step holding `null`
 * counts as missing and is replaced. Returns undefined when a step holds something that is not an
 * object (a manifest the fix does not understand), and no operation when the value is already there.
 *
 * @example
 * ensureValue({ spec: {} }, '/spec', ['securityContext', 'runAsNonRoot'], true)
 * // [{ op: 'add', path: '/spec/securityContext', value: { runAsNonRoot: true } }]
 */
export function ensureValue(document: JsonValue, base: string, keys: readonly string[], value: JsonValue): PatchOp[] | undefined {
  let node = valueAtPointer(document, base);
  if (!isJsonObject(node)) return undefined;
  let pointer = base;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const child: JsonValue | undefined = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    const isLast = i === keys.length - 1;
    if (isLast) {
      if (child !== undefined && isDeepEqual(child, value)) return [];
      return [{ op: child === undefined ? 'add' : 'replace', path: joinPointer(pointer, key), value }];
    }
    if (child === undefined || child === null) {
      const nested = nest(keys.slice(i + 1), value);
      return [{ op: child === undefined ? 'add' : 'replace', path: joinPointer(pointer, key), value: nested }];
    }
    if (!isJsonObject(child)) return undefined;
    node = child;
    pointer = joinPointer(pointer, key);
  }
  return [];
}

function nest(keys: readonly string[], value: JsonValue): JsonObject {
  let out: JsonValue = value;
  for (let i = keys.length - 1; i >= 0; i--) out = { [keys[i] as string]: out };
  return out as JsonObject;
}

/** Structural equality of JSON values (key order ignored). */
export function isDeepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => isDeepEqual(x, b[i]));
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepEqual(a[k], b[k]));
  }
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}
