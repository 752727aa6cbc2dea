/**
 * Core value types shared by every layer: a Kubernetes object as loaded, where it came from,
 * and how to name it in a report.
 */

/** A JSON value as produced by the YAML/JSON loader. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The identity of a resource as printed in reports. `namespace` is omitted for cluster-scoped kinds. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Resolves a JSON Pointer inside one loaded document to a 1-based line and column. */
export interface PositionResolver {
  /** Position of the deepest node on `pointer` that exists in the source. */
  locate(pointer: string): { line: number; column: number };
}

/** Where a resource came from. */
export interface SourceInfo {
  /** Path as given on the command line (relative paths stay relative), `-` for stdin, or `cluster://…` for live objects. */
  file: string;
  /** 0-based index of the YAML document within the file. */
  documentIndex: number;
  /** 1-based line where the document starts. */
  line: number;
  /** JSON Pointer prefix of this object inside its document: "" or "/items/3" for List members. */
  pointerPrefix: string;
  /** Chart template named by a Helm `# Source:` comment above the document, when present. */
  template?: string;
  /** Lazily resolves positions; absent for live objects. */
  positions?: PositionResolver;
}

/** One Kubernetes object with its parsed body and its origin. The body is never mutated by checks. */
export interface Resource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Namespace as written; undefined when the manifest omits it. */
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly body: JsonObject;
  readonly source: SourceInfo;
}

export function resourceRef(resource: Resource): ResourceRef {
  // Key order as in the JSON contract: apiVersion, kind, namespace, name.
  if (resource.namespace === undefined) return { apiVersion: resource.apiVersion, kind: resource.kind, name: resource.name };
  return { apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespace, name: resource.name };
}

/** `Kind namespace/name` or `Kind name`, for messages. */
export function describeResource(ref: ResourceRef): string {
  return ref.namespace !== undefined ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a string-valued map (labels, annotations, matchLabels), ignoring non-string entries. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function escapePointerSegment(segment: string | number): string {
  const text = typeof segment === 'number' ? String(segment) : segment;
  // Most segments need no escaping; skip the regular expressions for them (a hot path).
  if (text.indexOf('~') === -1 && text.indexOf('/') === -1) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  let out = base;
  for (const s of segments) out += '/' + escapePointerSegment(s);
  return out;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
