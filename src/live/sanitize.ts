/**
 * What the reader keeps of an API object. Secrets are read as metadata only, and this module
 * is the second line of defence should a server ignore the metadata-only `Accept` header: it
 * keeps nothing of a Secret but its identity, and drops the one annotation that copies a whole
 * object body (`kubectl apply` stores the applied manifest, `data` included, in
 * `kubectl.kubernetes.io/last-applied-configuration`).
 */
import { isJsonObject, type JsonObject } from '../model/types.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Metadata fields of a Secret worth keeping: identity, labels, annotations, owners. */
const SECRET_METADATA_FIELDS = ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels', 'annotations', 'ownerReferences', 'finalizers'] as const;

/**
 * A list item as a complete object: `apiVersion` and `kind` restored (list items omit them,
 * metadata-only items carry `meta.k8s.io/v1 PartialObjectMetadata`), `managedFields` dropped
 * (bookkeeping that is often half of an object's size and says nothing about its posture).
 *
 * @example
 * normalizeItem({ metadata: { name: 'db' }, data: { password: 'x' } }, 'v1', 'Secret', true);
 * // { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' } }
 */
export function normalizeItem(item: JsonObject, apiVersion: string, kind: string, metadataOnly: boolean): JsonObject {
  const metadata = isJsonObject(item['metadata']) ? item['metadata'] : {};
  if (metadataOnly) return { apiVersion, kind, metadata: secretMetadata(metadata) };
  const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...rest } = item;
  const { managedFields: _managedFields, ...keptMetadata } = metadata;
  return { apiVersion, kind, metadata: keptMetadata, ...rest };
}

function secretMetadata(metadata: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const field of SECRET_METADATA_FIELDS) {
    const value = metadata[field];
    if (value !== undefined) out[field] = value;
  }
  if (isJsonObject(out['annotations'])) {
    const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...annotations } = out['annotations'];
    out['annotations'] = annotations;
  }
  return out;
}
