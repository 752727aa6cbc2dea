/**
 * `--apply`: writes PolicyReports to the cluster with server-side apply (field manager
 * `rampart`), so repeated runs update the same objects in place and other field managers'
 * fields are left alone.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { describeError } from '../errors.js';
import { ApiClient, ApiStatusError, DEFAULT_REQUEST_TIMEOUT_MS } from './client.js';
import { runBounded } from './pool.js';

export const FIELD_MANAGER = 'rampart';

/**
 * What `applyPolicyReports` needs of a report (`PolicyReportObject` from
 * `src/report/policyreport.ts` fits; typed structurally so that this layer does not import
 * the reporters).
 */
export interface ApplicableReport {
  kind: 'PolicyReport' | 'ClusterPolicyReport';
  metadata: { name: string; namespace?: string };
}

export interface ApplyOptions {
  /** Reports written at once (default 4). */
  concurrency?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface ApplyOutcome {
  kind: string;
  namespace?: string;
  name: string;
  /** Set when the write failed; the other reports are still written. */
  error?: string;
}

/**
 * The API path of a report.
 *
 * @example
 * policyReportPath(report); // '/apis/wgpolicyk8s.io/v1alpha2/namespaces/shop/policyreports/rampart'
 */
export function policyReportPath(report: ApplicableReport): string {
  const name = encodeURIComponent(report.metadata.name);
  return report.kind === 'ClusterPolicyReport' || report.metadata.namespace === undefined
    ? `/apis/wgpolicyk8s.io/v1alpha2/clusterpolicyreports/${name}`
    : `/apis/wgpolicyk8s.io/v1alpha2/namespaces/${encodeURIComponent(report.metadata.namespace)}/policyreports/${name}`;
}

/**
 * Writes every report with server-side apply (`PATCH`, `application/apply-patch+yaml`,
 * `fieldManager=rampart`, `force=true` so Rampart stays the owner of its own reports).
 * Never throws for one report: each outcome says whether it was written.
 *
 * @example
 * const outcomes = await applyPolicyReports(loadKubeConfig({}), toPolicyReports(result));
 * outcomes.filter((o) => o.error !== undefined);
 */
export async function applyPolicyReports(kubeConfig: KubeConfig, reports: readonly ApplicableReport[], options: ApplyOptions = {}): Promise<ApplyOutcome[]> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const client = new ApiClient(kubeConfig, concurrency);
  const outcomes = new Map<ApplicableReport, ApplyOutcome>();
  try {
    await runBounded(reports, concurrency, async (report) => {
      const outcome: ApplyOutcome = { kind: report.kind, name: report.metadata.name };
      if (report.metadata.namespace !== undefined) outcome.namespace = report.metadata.namespace;
      try {
        await client.request(`${policyReportPath(report)}?fieldManager=${FIELD_MANAGER}&force=true`, {
          method: 'PATCH',
          contentType: 'application/apply-patch+yaml',
          // JSON is YAML: the apply content type takes it as is.
          body: JSON.stringify(report),
          timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          signal: options.signal,
        });
      } catch (error) {
        outcome.error =
          error instanceof ApiStatusError && error.status === 404
            ? `the PolicyReport CRDs (wgpolicyk8s.io/v1alpha2) are not installed: ${describeError(error)}`
            : describeError(error);
      }
      outcomes.set(report, outcome);
    });
  } finally {
    client.close();
  }
  return reports.map((r) => outcomes.get(r) as ApplyOutcome);
}

/**
 * The namespaces a live read covered, for `toPolicyReports({ namespaces })`: every namespace
 * that was scanned gets a report, so a namespace whose findings are fixed gets its old report
 * replaced by an empty one.
 *
 * @example
 * toPolicyReports(result, { namespaces: scannedNamespaces(loaded.resources) });
 */
export function scannedNamespaces(resources: ReadonlyArray<{ kind: string; apiVersion: string; name: string; namespace: string | undefined }>): string[] {
  const out = new Set<string>();
  for (const r of resources) {
    if (r.kind === 'Namespace' && r.apiVersion === 'v1') out.add(r.name);
    else if (r.namespace !== undefined) out.add(r.namespace);
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
