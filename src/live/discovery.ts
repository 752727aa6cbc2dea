/**
 * Discovery: which of the wanted types this cluster serves, in which version, and whether
 * they are namespaced. Reads `/api`, `/apis` and the resource list of each wanted group's
 * preferred version; nothing else (aggregated APIs such as metrics are never touched, so an
 * unavailable metrics server costs nothing).
 */
import { UsageError, describeError } from '../errors.js';
import { isJsonObject } from '../model/types.js';
import { ApiStatusError, type ApiClient } from './client.js';
import { toGap, withRetry } from './failures.js';
import { runBounded } from './pool.js';
import { typeKey, type WantedType } from './resource-types.js';
import type { ApiResourceType, CoverageGap } from './types.js';

export interface RequestSettings {
  concurrency: number;
  timeoutMs: number;
  retries: number;
  signal?: AbortSignal;
}

export interface Discovery {
  /** Wanted types the cluster serves and lets be listed, in the order of `wanted`. */
  types: ApiResourceType[];
  /** Groups whose resource list could not be read. */
  gaps: CoverageGap[];
  /** Preferred version of every group the cluster serves. */
  preferredVersions: ReadonlyMap<string, string>;
}

/**
 * Resolves `wanted` against the cluster.
 *
 * @throws {UsageError} when the API server cannot be reached or rejects the credentials.
 * @example
 * const { types } = await discover(client, BUILT_IN_TYPES, { concurrency: 8, timeoutMs: 30_000, retries: 2 });
 */
export async function discover(client: ApiClient, wanted: readonly WantedType[], settings: RequestSettings): Promise<Discovery> {
  const get = (path: string): Promise<unknown> => withRetry(() => client.getJson(path, { timeoutMs: settings.timeoutMs, signal: settings.signal }), settings.retries, settings.signal);
  let core: unknown;
  try {
    core = await get('/api');
  } catch (error) {
    const hint = error instanceof ApiStatusError && error.status === 401 ? ' (the credentials were rejected)' : '';
    throw new UsageError(`cannot reach the Kubernetes API of context "${client.contextName}"${hint}: ${describeError(error)}`, { cause: error });
  }
  const preferredVersions = new Map<string, string>();
  const coreVersions = isJsonObject(core) && Array.isArray(core['versions']) ? core['versions'].filter((v): v is string => typeof v === 'string') : [];
  if (coreVersions.includes('v1')) preferredVersions.set('', 'v1');
  const gaps: CoverageGap[] = [];
  const wantedGroups = new Set(wanted.map((w) => w.group));
  try {
    for (const [group, version] of groupVersions(await get('/apis'))) preferredVersions.set(group, version);
  } catch (error) {
    for (const w of wanted) if (w.group !== '') gaps.push(toGap({ group: w.group, version: '', resource: w.resource }, undefined, error, 0));
  }
  const lists = new Map<string, unknown>();
  const groups = [...wantedGroups].filter((g) => preferredVersions.has(g)).sort();
  await runBounded(groups, settings.concurrency, async (group) => {
    const version = preferredVersions.get(group) as string;
    const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    try {
      lists.set(group, await get(path));
    } catch (error) {
      for (const w of wanted) if (w.group === group) gaps.push(toGap({ group, version, resource: w.resource }, undefined, error, 0));
    }
  });
  const served = new Map<string, ApiResourceType>();
  for (const [group, list] of lists) {
    const version = preferredVersions.get(group) as string;
    for (const entry of resourceEntries(list)) served.set(typeKey(group, entry.name), { group, version, resource: entry.name, kind: entry.kind, namespaced: entry.namespaced });
  }
  const types: ApiResourceType[] = [];
  for (const w of wanted) {
    const type = served.get(typeKey(w.group, w.resource));
    if (type) types.push(type);
  }
  return { types, gaps, preferredVersions };
}

/** `[group, preferredVersion]` pairs of an `APIGroupList`. */
function groupVersions(list: unknown): Array<[string, string]> {
  if (!isJsonObject(list) || !Array.isArray(list['groups'])) return [];
  const out: Array<[string, string]> = [];
  for (const group of list['groups']) {
    if (!isJsonObject(group) || typeof group['name'] !== 'string') continue;
    const preferred = isJsonObject(group['preferredVersion']) ? group['preferredVersion']['version'] : undefined;
    const first = Array.isArray(group['versions']) && isJsonObject(group['versions'][0]) ? group['versions'][0]['version'] : undefined;
    const version = typeof preferred === 'string' ? preferred : first;
    if (typeof version === 'string') out.push([group['name'], version]);
  }
  return out;
}

/** Listable top-level resources of an `APIResourceList` (subresources such as `pods/log` left out). */
function resourceEntries(list: unknown): Array<{ name: string; kind: string; namespaced: boolean }> {
  if (!isJsonObject(list) || !Array.isArray(list['resources'])) return [];
  const out: Array<{ name: string; kind: string; namespaced: boolean }> = [];
  for (const r of list['resources']) {
    if (!isJsonObject(r) || typeof r['name'] !== 'string' || typeof r['kind'] !== 'string' || r['name'].includes('/')) continue;
    const verbs = Array.isArray(r['verbs']) ? r['verbs'] : [];
    if (!verbs.includes('list')) continue;
    out.push({ name: r['name'], kind: r['kind'], namespaced: r['namespaced'] === true });
  }
  return out;
}
