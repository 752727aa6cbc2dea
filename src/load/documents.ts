/**
 * Parsed YAML documents → Kubernetes resources. A document that is not a Kubernetes object is
 * skipped and counted; `List` kinds contribute one entry per item.
 */
import { isJsonObject, joinPointer, stringMap, type JsonObject, type Resource, type SourceInfo } from '../model/types.js';
import type { RunError } from '../engine/types.js';
import type { DocumentResult } from './parse.js';

export interface SkippedDocument {
  file: string;
  line?: number;
  reason: string;
}

export interface DocumentTally {
  resources: Resource[];
  skipped: SkippedDocument[];
  errors: RunError[];
  /** Every accounted document: resources + skipped + failed. */
  documents: number;
}

export function emptyTally(): DocumentTally {
  return { resources: [], skipped: [], errors: [], documents: 0 };
}

/** Adds the documents of one file to `tally`. */
export function collectDocuments(file: string, documents: readonly DocumentResult[], tally: DocumentTally): void {
  for (const doc of documents) {
    if (!doc.ok) {
      tally.documents++;
      tally.errors.push({ file, line: doc.line, message: doc.message });
      continue;
    }
    // An empty document (a stray `---` or only comments) holds nothing and is not counted.
    if (doc.value === null || doc.value === undefined) continue;
    const source: SourceInfo = { file, documentIndex: doc.index, line: doc.line, pointerPrefix: '', positions: doc.positions };
    if (doc.template !== undefined) source.template = doc.template;
    addObject(doc.value, source, tally);
  }
}

function addObject(value: unknown, source: SourceInfo, tally: DocumentTally): void {
  const line = source.pointerPrefix ? (source.positions?.locate(source.pointerPrefix).line ?? source.line) : source.line;
  if (!isJsonObject(value)) {
    tally.documents++;
    tally.skipped.push({ file: source.file, line, reason: 'not a Kubernetes object (the document is not a mapping)' });
    return;
  }
  const apiVersion = value['apiVersion'];
  const kind = value['kind'];
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
    tally.documents++;
    tally.skipped.push({ file: source.file, line, reason: 'not a Kubernetes object (no apiVersion and kind)' });
    return;
  }
  if (kind.endsWith('List') && Array.isArray(value['items'])) {
    const items = value['items'];
    if (items.length === 0) {
      tally.documents++;
      tally.skipped.push({ file: source.file, line, reason: `empty ${kind}` });
      return;
    }
    items.forEach((item, index) => {
      const itemSource: SourceInfo = { ...source, pointerPrefix: joinPointer(source.pointerPrefix, 'items', index) };
      itemSource.line = itemSource.positions?.locate(itemSource.pointerPrefix).line ?? source.line;
      addObject(item, itemSource, tally);
    });
    return;
  }
  tally.documents++;
  tally.resources.push(toResource(value, apiVersion, kind, source));
}

function toResource(body: JsonObject, apiVersion: string, kind: string, source: SourceInfo): Resource {
  const metadata = isJsonObject(body['metadata']) ? body['metadata'] : {};
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : typeof metadata['generateName'] === 'string' ? metadata['generateName'] : '';
  const namespace = typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : undefined;
  return {
    apiVersion,
    kind,
    name,
    namespace,
    labels: stringMap(metadata['labels']),
    annotations: stringMap(metadata['annotations']),
    body,
    source,
  };
}

/** Builds a resource from an object that did not come from a file (live API objects, generated output). */
export function resourceFromObject(body: JsonObject, source: SourceInfo): Resource | undefined {
  const apiVersion = body['apiVersion'];
  const kind = body['kind'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return toResource(body, apiVersion, kind, source);
}
