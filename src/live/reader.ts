/**
 * `readCluster`: a live cluster → the same `LoadResult` the file loader produces, so the one
 * evaluator (`assembleScan`) judges live objects exactly as it judges manifests. What could not
 * be read comes back as coverage gaps, never as a failure.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { RunError } from '../engine/types.js';
import { resourceFromObject, type LoadResult } from '../load/index.js';
import { isJsonObject, type JsonObject, type Resource } from '../model/types.js';
import { ApiClient, DEFAULT_REQUEST_TIMEOUT_MS, loadKubeConfig, type ConnectOptions } from './client.js';
import { podTemplateTypes } from './crd.js';
import { addSecretTypes } from './secret-types.js';
import { discover } from './discovery.js';
import { listAll, listPath, type ListOutcome } from './list.js';
import { runBounded } from './pool.js';
import { BUILT_IN_TYPES, WELL_KNOWN_CUSTOM_TYPES, isSecretType, typeKey, type WantedType } from './resource-types.js';
import { compareText, qualifiedResource, type ApiResourceType, type CoverageGap } from './types.js';

export interface ReadClusterOptions extends ConnectOptions {
  /** An already loaded kubeconfig; `kubeconfig` and `context` are then ignored. */
  kubeConfig?: KubeConfig;
  /** Read namespaced types only in these namespaces (cluster-scoped types are always read). */
  namespaces?: readonly string[];
  /** Lists in flight at once (default 8). */
  concurrency?: number;
  /** Objects per page (`limit`, default 500). */
  pageSize?: number;
  /** Deadline of each request (default 30 s). */
  requestTimeoutMs?: number;
  /** Extra attempts after a timeout, reset, 429 or 5xx (default 2). */
  retries?: number;
  /** Read Secrets (metadata only; default true). False: no request for them, and no gap. */
  includeSecrets?: boolean;
  /** Types to read in addition to the built-in catalogue (must be granted to the scanner). */
  extraTypes?: readonly WantedType[];
  /** Called after each list with the number done and the total known so far. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ClusterRead {
  /** Everything read, as the file loader would have produced it; `errors` holds one entry per gap. */
  loaded: LoadResult;
  /** What could not be read, sorted. */
  gaps: CoverageGap[];
  /** The kubeconfig context that was read. */
  context: string;
  /** The types that were listed (built-in, well-known and custom resources with pod templates). */
  types: ApiResourceType[];
}

interface ListTask {
  type: ApiResourceType;
  namespace: string | undefined;
}

/**
 * Reads every relevant object of a cluster.
 *
 * @throws {UsageError} when the kubeconfig or context is unusable or the API server cannot be reached at all.
 * @throws the signal's reason when `signal` aborts the read.
 * @example
 * const { loaded, gaps } = await readCluster({ context: 'prod', namespaces: ['shop'] });
 * const result = assembleScan(loaded, CHECKS, { settings });
 */
export async function readCluster(options: ReadClusterOptions = {}): Promise<ClusterRead> {
  const kubeConfig = options.kubeConfig ?? loadKubeConfig(options);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const client = new ApiClient(kubeConfig, concurrency);
  try {
    return await readWith(client, options, concurrency);
  } finally {
    client.close();
  }
}

async function readWith(client: ApiClient, options: ReadClusterOptions, concurrency: number): Promise<ClusterRead> {
  const settings = {
    concurrency,
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    retries: options.retries ?? 2,
    pageSize: Math.max(1, options.pageSize ?? 500),
    signal: options.signal,
  };
  const wanted = dedupe([...BUILT_IN_TYPES, ...WELL_KNOWN_CUSTOM_TYPES, ...(options.extraTypes ?? [])]).filter(
    (t) => options.includeSecrets !== false || !isSecretType(t.group, t.resource),
  );
  const discovery = await discover(client, wanted, settings);
  const gaps: CoverageGap[] = [...discovery.gaps];
  const outcomes: Array<{ task: ListTask; outcome: ListOutcome }> = [];
  let done = 0;
  let total = 0;
  const run = async (tasks: ListTask[]): Promise<void> => {
    total += tasks.length;
    options.onProgress?.(done, total);
    await runBounded(tasks, settings.concurrency, async (task) => {
      const outcome = await listAll(client, task.type, task.namespace, settings);
      outcomes.push({ task, outcome });
      if (outcome.gap) gaps.push(outcome.gap);
      else if (isSecretType(task.type.group, task.type.resource)) gaps.push(...(await addSecretTypes(client, task.type, task.namespace, outcome.items, settings)));
      options.onProgress?.(++done, total);
    });
  };
  const namespaces = options.namespaces && options.namespaces.length > 0 ? [...new Set(options.namespaces)].sort() : undefined;
  await run(tasksFor(discovery.types, namespaces));
  // A cancelled read is not a read with gaps: stop instead of reporting every type as missing.
  options.signal?.throwIfAborted();
  // Second pass: custom resources whose CRDs show a pod template, unless already listed.
  const listed = new Set(discovery.types.map((t) => typeKey(t.group, t.resource)));
  const crds = outcomes.filter((o) => o.task.type.group === 'apiextensions.k8s.io' && o.task.type.resource === 'customresourcedefinitions').flatMap((o) => o.outcome.items);
  const customTypes = podTemplateTypes(crds).filter((t) => !listed.has(typeKey(t.group, t.resource)));
  await run(tasksFor(customTypes, namespaces));
  options.signal?.throwIfAborted();
  const types = [...discovery.types, ...customTypes];
  return { loaded: toLoadResult(client.contextName, types, outcomes, gaps, namespaces), gaps: sortGaps(gaps), context: client.contextName, types };
}

function dedupe(types: readonly WantedType[]): WantedType[] {
  const seen = new Map<string, WantedType>();
  for (const t of types) if (!seen.has(typeKey(t.group, t.resource))) seen.set(typeKey(t.group, t.resource), t);
  return [...seen.values()];
}

function tasksFor(types: readonly ApiResourceType[], namespaces: readonly string[] | undefined): ListTask[] {
  return types.flatMap((type): ListTask[] => (type.namespaced && namespaces ? namespaces.map((namespace) => ({ type, namespace })) : [{ type, namespace: undefined }]));
}

function toLoadResult(
  context: string,
  types: readonly ApiResourceType[],
  outcomes: ReadonlyArray<{ task: ListTask; outcome: ListOutcome }>,
  gaps: readonly CoverageGap[],
  namespaces: readonly string[] | undefined,
): LoadResult {
  const order = new Map(types.map((t, i) => [typeKey(t.group, t.resource), i]));
  const sorted = [...outcomes].sort(
    (a, b) =>
      (order.get(typeKey(a.task.type.group, a.task.type.resource)) ?? 0) - (order.get(typeKey(b.task.type.group, b.task.type.resource)) ?? 0) ||
      compareText(a.task.namespace ?? '', b.task.namespace ?? ''),
  );
  const resources: Resource[] = [];
  let bytes = 0;
  for (const { task, outcome } of sorted) {
    bytes += outcome.bytes;
    const items = [...outcome.items].sort(compareObjects);
    for (const item of items) {
      const resource = resourceFromObject(item, { file: objectUri(context, task.type, item), documentIndex: 0, line: 0, pointerPrefix: '' });
      if (!resource) continue;
      if (namespaces && task.type.group === '' && task.type.resource === 'namespaces' && !namespaces.includes(resource.name)) continue;
      resources.push(resource);
    }
  }
  const errors = sortGaps(gaps).map((gap) => gapToRunError(context, gap));
  return {
    resources,
    skipped: [],
    errors,
    summary: { documents: resources.length, resources: resources.length, skipped: 0, failed: 0 },
    files: 0,
    bytes,
    anyReadable: outcomes.some((o) => o.outcome.gap === undefined),
  };
}

function metadataOf(item: JsonObject): JsonObject {
  return isJsonObject(item['metadata']) ? item['metadata'] : {};
}

function compareObjects(a: JsonObject, b: JsonObject): number {
  const ma = metadataOf(a);
  const mb = metadataOf(b);
  return compareText(String(ma['namespace'] ?? ''), String(mb['namespace'] ?? '')) || compareText(String(ma['name'] ?? ''), String(mb['name'] ?? ''));
}

/** `cluster://<context>/apis/apps/v1/namespaces/shop/deployments/cart`: the object's API path under its context. */
function objectUri(context: string, type: ApiResourceType, item: JsonObject): string {
  const metadata = metadataOf(item);
  const namespace = typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '' ? metadata['namespace'] : undefined;
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
  return `cluster://${encodeURIComponent(context)}${listPath(type, namespace)}/${encodeURIComponent(name)}`;
}

/**
 * A gap as a run error, so that every output format (text, JSON, SARIF, JUnit, PolicyReport)
 * reports it. It is not a failed document: `summary.failed` and the exit code are unaffected.
 *
 * @example
 * gapToRunError('prod', gap).file; // 'cluster://prod/apis/apps/v1/deployments'
 */
export function gapToRunError(context: string, gap: CoverageGap): RunError {
  const type: ApiResourceType = { group: gap.group, version: gap.version || 'v1', resource: gap.resource, kind: '', namespaced: gap.namespace !== undefined };
  const where = gap.namespace !== undefined ? ` in namespace ${gap.namespace}` : '';
  return {
    file: `cluster://${encodeURIComponent(context)}${gap.version ? listPath(type, gap.namespace) : `/apis/${gap.group}`}`,
    message: `coverage gap (${gap.reason}): could not list ${qualifiedResource(gap)}${where}: ${gap.message}`,
  };
}

function sortGaps(gaps: readonly CoverageGap[]): CoverageGap[] {
  return [...gaps].sort(
    (a, b) => compareText(a.group, b.group) || compareText(a.resource, b.resource) || compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.version, b.version),
  );
}
