/**
 * Failure policy of the reader: which errors are worth a retry, and how any error becomes a
 * coverage gap.
 */
import { describeError } from '../errors.js';
import { ApiStatusError, ApiTransportError } from './client.js';
import type { CoverageGap, GapReason } from './types.js';

/**
 * Whether a failed request may succeed when sent again: timeouts, resets, 429 and 5xx.
 *
 * @example
 * isTransient(new ApiStatusError('HTTP 503', 503, undefined)); // true
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof ApiTransportError) return error.kind === 'timeout' || error.kind === 'connection';
  if (error instanceof ApiStatusError) return error.status === 429 || error.status >= 500;
  return false;
}

/**
 * Calls `attempt` until it succeeds, a non-transient error occurs, or `retries` extra attempts
 * are spent. Waits a little longer before each retry.
 *
 * @example
 * const body = await withRetry(() => client.getJson('/api'), 2);
 */
export async function withRetry<T>(attempt: () => Promise<T>, retries: number, signal?: AbortSignal): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= retries || !isTransient(error) || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** tries));
    }
  }
}

/**
 * The gap reason for an error.
 *
 * @example
 * gapReason(new ApiStatusError('HTTP 403', 403, 'Forbidden')); // 'forbidden'
 */
export function gapReason(error: unknown): GapReason {
  if (error instanceof ApiStatusError) {
    if (error.status === 401) return 'unauthorized';
    if (error.status === 403) return 'forbidden';
    if (error.status === 404) return 'not-found';
    if (error.status === 410) return 'gone';
    if (error.status === 504 || error.status === 408) return 'timeout';
    return 'server-error';
  }
  if (error instanceof ApiTransportError) {
    if (error.kind === 'timeout' || error.kind === 'aborted') return 'timeout';
    if (error.kind === 'bad-response') return 'bad-response';
    return 'connection';
  }
  return 'connection';
}

const ADVICE: Readonly<Record<GapReason, string>> = {
  forbidden: 'grant list on it (see `rampart rbac scanner-role`)',
  unauthorized: 'the credentials were rejected',
  'not-found': 'the type disappeared during the scan',
  timeout: 'retry, or lower --page-size',
  'server-error': 'the API server failed; retry later',
  connection: 'the connection failed; retry later',
  'bad-response': 'the response could not be read',
  gone: 'the list kept expiring while it was paged; retry, or raise --page-size',
};

/**
 * A coverage gap for one type (and namespace) from the error that ended its list.
 *
 * @example
 * toGap({ group: 'apps', version: 'v1', resource: 'deployments' }, undefined, error, 0);
 */
export function toGap(
  type: { group: string; version: string; resource: string },
  namespace: string | undefined,
  error: unknown,
  itemsRead: number,
): CoverageGap {
  const reason = gapReason(error);
  const partial = itemsRead > 0 ? ` (${itemsRead} objects read before the failure are scanned)` : '';
  const gap: CoverageGap = {
    group: type.group,
    version: type.version,
    resource: type.resource,
    reason,
    message: `${describeError(error)} — ${ADVICE[reason]}${partial}`,
    itemsRead,
  };
  if (namespace !== undefined) gap.namespace = namespace;
  return gap;
}
