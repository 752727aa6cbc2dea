/**
 * One paginated list: `limit`/`continue` pages until the server says there are no more. A 410
 * Gone on a continue token (the snapshot expired while paging) restarts the list from the
 * first page; any other failure ends the list with a coverage gap, keeping what was read.
 */
import { isJsonObject, type JsonObject } from '../model/types.js';
import { ApiStatusError, ApiTransportError, type ApiClient } from './client.js';
import { toGap, withRetry } from './failures.js';
import { isSecretType } from './resource-types.js';
import { normalizeItem } from './sanitize.js';
import { apiVersionOf, type ApiResourceType, type CoverageGap } from './types.js';

/**
 * The `Accept` header that makes the API server send only `metadata` of each object. No
 * plain `application/json` fallback: a server that cannot serve metadata answers 406, which
 * becomes a gap, instead of sending every Secret value.
 */
export const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

export interface ListSettings {
  pageSize: number;
  timeoutMs: number;
  retries: number;
  /** A field selector (`type=kubernetes.io/tls`), for the Secret type lists. */
  fieldSelector?: string;
  /** Restarts after a 410 on a continue token before giving up with a gap. */
  maxRestarts?: number;
  signal?: AbortSignal;
}

export interface ListOutcome {
  items: JsonObject[];
  /** Response bytes received, restarts included. */
  bytes: number;
  restarts: number;
  gap?: CoverageGap;
}

/**
 * The URL path that lists `type`, across all namespaces or in one.
 *
 * @example
 * listPath({ group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true }, 'shop');
 * // '/apis/apps/v1/namespaces/shop/deployments'
 */
export function listPath(type: ApiResourceType, namespace?: string): string {
  const base = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  return namespace !== undefined && type.namespaced ? `${base}/namespaces/${encodeURIComponent(namespace)}/${type.resource}` : `${base}/${type.resource}`;
}

/**
 * Lists every object of `type` (in `namespace`, when given).
 *
 * @example
 * const { items, gap } = await listAll(client, podsType, undefined, { pageSize: 500, timeoutMs: 30_000, retries: 2 });
 */
export async function listAll(client: ApiClient, type: ApiResourceType, namespace: string | undefined, settings: ListSettings): Promise<ListOutcome> {
  const metadataOnly = isSecretType(type.group, type.resource);
  const accept = metadataOnly ? METADATA_ONLY_ACCEPT : 'application/json';
  const apiVersion = apiVersionOf(type);
  const maxRestarts = settings.maxRestarts ?? 3;
  let items: JsonObject[] = [];
  let bytes = 0;
  let restarts = 0;
  let token: string | undefined;
  for (;;) {
    let path = `${listPath(type, namespace)}?limit=${settings.pageSize}`;
    if (settings.fieldSelector !== undefined) path += `&fieldSelector=${encodeURIComponent(settings.fieldSelector)}`;
    if (token !== undefined) path += `&continue=${encodeURIComponent(token)}`;
    let page: unknown;
    try {
      const body = await withRetry(() => client.request(path, { accept, timeoutMs: settings.timeoutMs, signal: settings.signal }), settings.retries, settings.signal);
      bytes += body.length;
      page = parsePage(body, path);
    } catch (error) {
      if (error instanceof ApiStatusError && error.status === 410 && token !== undefined && restarts < maxRestarts) {
        restarts++;
        items = [];
        token = undefined;
        continue;
      }
      return { items, bytes, restarts, gap: toGap(type, namespace, error, items.length) };
    }
    const pageItems = isJsonObject(page) && Array.isArray(page['items']) ? page['items'] : [];
    for (const item of pageItems) if (isJsonObject(item)) items.push(normalizeItem(item, apiVersion, type.kind, metadataOnly));
    const next = isJsonObject(page) && isJsonObject(page['metadata']) ? page['metadata']['continue'] : undefined;
    if (typeof next !== 'string' || next === '') return { items, bytes, restarts };
    token = next;
  }
}

function parsePage(body: Buffer, path: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new ApiTransportError(`response to ${path} is not JSON`, 'bad-response', { cause: error });
  }
}
