/**
 * Helpers shared by the Pod Security checks: upstream's message formatting (pluralize,
 * joinQuote, Go's %q and sorted string sets), reads of the pod as Go's decoder would see it
 * (JSON `null` is an unset pointer, a missing string is ""), the container list in upstream's
 * order, and the JSON Pointers that findings carry.
 */
import { isJsonObject, joinPointer, stringMap, type JsonObject, type JsonValue } from '../../model/types.js';
import { listContainers, type ContainerKind } from '../../model/visit.js';
import type { PodCheckResult } from './types.js';

// ---------------------------------------------------------------------------------------------
// Results

export const ALLOWED: PodCheckResult = Object.freeze({ allowed: true });

export function forbidden(reason: string, detail: string, paths: string[]): PodCheckResult {
  return { allowed: false, reason, detail, paths };
}

// ---------------------------------------------------------------------------------------------
// Message formatting, exactly as upstream's policy/helpers.go and fmt do it

/** Upstream `pluralize`: the singular form only for a count of exactly one. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Upstream `joinQuote`: `"a", "b"`; empty for no items. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** `container "a"` or `containers "a", "b"`: the subject of most container messages. */
export function describeContainers(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Go orders strings by their UTF-8 bytes, which differs from UTF-16 order outside the BMP. */
export function compareGoStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Go's `sets.NewString(values...).List()`: unique and sorted. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGoStrings);
}

const GO_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** What Go's `unicode.IsPrint` accepts: letters, marks, numbers, punctuation, symbols and ASCII space. */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's `%q` (strconv.Quote), used by upstream for annotation values in details. */
export function goQuote(value: string): string {
  let out = '"';
  for (const char of value) {
    const short = GO_SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (GO_PRINTABLE.test(char)) out += char;
    else out += escapeRune(char.codePointAt(0) ?? 0);
  }
  return out + '"';
}

function escapeRune(codePoint: number): string {
  const hex = codePoint.toString(16);
  if (codePoint < 0x80) return '\\x' + hex.padStart(2, '0');
  if (codePoint < 0x10000) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}

// ---------------------------------------------------------------------------------------------
// Reading the pod as Go's decoder would

type Key = string | number;

/** The value at `keys`, or undefined when any step is missing or null (a nil pointer in Go). */
export function valueAt(node: JsonValue | undefined, ...keys: Key[]): JsonValue | undefined {
  return valueAtPath(node, keys);
}

/** {@link valueAt} with the keys as one array, for paths kept in tables (no argument spreading per call). */
export function valueAtPath(node: JsonValue | undefined, keys: readonly Key[]): JsonValue | undefined {
  let current: JsonValue | undefined = node;
  for (const key of keys) {
    current = childOf(current, key);
    if (current === undefined) return undefined;
  }
  return current;
}

function childOf(node: JsonValue | undefined, key: Key): JsonValue | undefined {
  let child: JsonValue | undefined;
  if (typeof key === 'number') child = Array.isArray(node) ? node[key] : undefined;
  else child = isJsonObject(node) ? node[key] : undefined;
  return child === null ? undefined : child;
}

/** A set (non-null) object at `keys`. */
export function objectAt(node: JsonValue | undefined, ...keys: Key[]): JsonObject | undefined {
  const value = valueAt(node, ...keys);
  return isJsonObject(value) ? value : undefined;
}

/** A string field; "" when unset, as Go's zero value. */
export function stringAt(node: JsonValue | undefined, ...keys: Key[]): string {
  const value = valueAt(node, ...keys);
  return typeof value === 'string' ? value : '';
}

/** A list field; empty when unset. */
export function listAt(node: JsonValue | undefined, ...keys: Key[]): JsonValue[] {
  const value = valueAt(node, ...keys);
  return Array.isArray(value) ? value : [];
}

/** Annotations as Go's map[string]string. */
export function annotationsOf(podMetadata: JsonObject): Record<string, string> {
  return stringMap(podMetadata['annotations']);
}

/** `spec.os.name: windows`, which several restricted checks exempt from 1.25. */
export function isWindowsPod(podSpec: JsonObject): boolean {
  return stringAt(podSpec, 'os', 'name') === 'windows';
}

/**
 * `spec.hostUsers: false`: the pod runs in a user namespace. Upstream's relaxPolicyForUserNamespacePod;
 * from policy 1.35 the relaxation is unconditional (the feature gate that guarded it is gone).
 */
export function isUserNamespacePod(podSpec: JsonObject): boolean {
  return podSpec['hostUsers'] === false;
}

// ---------------------------------------------------------------------------------------------
// Containers

export interface PodContainer {
  container: JsonObject;
  /** The name as Go sees it: "" when absent (upstream messages quote it as-is). */
  name: string;
  /** Pointer relative to the pod template object, e.g. "/spec/initContainers/0". */
  pointer: string;
}

/** Upstream's visitor walks initContainers first, then containers, then ephemeralContainers. */
const UPSTREAM_ORDER: Readonly<Record<ContainerKind, number>> = {
  initContainers: 0,
  containers: 1,
  ephemeralContainers: 2,
};

/**
 * Every container of the pod, in upstream's visiting order (which fixes the order of names in
 * details). Built on the model's single container walk; only the order differs. Every Pod
 * Security check asks for the same spec's list, and specs do not change during a run, so the
 * list is built once per spec.
 */
export function podContainers(podSpec: JsonObject): readonly PodContainer[] {
  let list = podContainerCache.get(podSpec);
  if (!list) {
    list = Object.freeze(
      listContainers(podSpec, '/spec')
        .sort((a, b) => UPSTREAM_ORDER[a.kind] - UPSTREAM_ORDER[b.kind])
        .map((visit) => Object.freeze({ container: visit.container, name: stringAt(visit.container, 'name'), pointer: visit.pointer })),
    );
    podContainerCache.set(podSpec, list);
  }
  return list;
}

const podContainerCache = new WeakMap<JsonObject, readonly PodContainer[]>();

export function namesOf(containers: readonly PodContainer[]): string[] {
  return containers.map((c) => c.name);
}

// ---------------------------------------------------------------------------------------------
// Paths

/**
 * Pointer of the field at `keys` below `node` (itself at `pointer`), cut at the deepest node that
 * exists: a violation about a missing field points at the nearest parent that is there.
 *
 * @example
 * fieldPath('/spec/containers/1', container, 'securityContext', 'runAsNonRoot')
 * // '/spec/containers/1' when the container has no securityContext
 */
export function fieldPath(pointer: string, node: JsonValue | undefined, ...keys: Key[]): string {
  let out = pointer;
  let current = node;
  for (const key of keys) {
    current = childOf(current, key);
    if (current === undefined) break;
    out = joinPointer(out, key);
  }
  return out;
}

/** Pointer of a pod-level field, cut like {@link fieldPath}. */
export function specFieldPath(podSpec: JsonObject, ...keys: Key[]): string {
  return fieldPath('/spec', podSpec, ...keys);
}

/** Pointer of a container field, cut like {@link fieldPath}. */
export function containerFieldPath(c: PodContainer, ...keys: Key[]): string {
  return fieldPath(c.pointer, c.container, ...keys);
}

export function annotationPath(key: string): string {
  return joinPointer('/metadata/annotations', key);
}
