/**
 * The scheduled compliance scan: a CronJob running `rampart scan --cluster --format json` with
 * the profile's compliance targets, in its own namespace, under the read-only scanner identity
 * (the same ClusterRole `rampart rbac scanner-role` prints, without Secrets). The pod is
 * hardened to the restricted Pod Security level and meets every admission rule of the bundle:
 * non-root, read-only root filesystem, seccomp RuntimeDefault, all capabilities dropped,
 * requests and limits, a pinned image from the allowed registry, the required labels. The
 * namespace denies all traffic except DNS and the API server.
 */
import { scannerPodSpec } from '../../../live/deploy.js';
import { scannerClusterRole, scannerClusterRoleBinding, scannerServiceAccount } from '../../../live/scanner-role.js';
import type { JsonObject } from '../../../model/types.js';
import { TOOL_VERSION } from '../../../version.js';
import type { Profile } from '../../types.js';
import { objectMeta, registryPrefixes } from '../admission/common.js';
import { MONITORING_NAMESPACE, SCAN_JOB_NAME } from './alerts.js';

/** Daily at 02:17 UTC (off the hour, when many clusters run their own jobs). */
export const SCAN_SCHEDULE = '17 2 * * *';
const WORKLOAD_LABELS = { app: 'rampart-scanner', owner: 'platform-security', environment: 'production' };

/**
 * The scanner image: Rampart's release, mirrored into the first allowed registry when the profile has one.
 *
 * @example
 * scannerImage(profile); // 'ghcr.io/acme/rampart:0.1.0'
 */
export function scannerImage(profile: Profile): string {
  const registry = registryPrefixes(profile.allowedRegistries)[0];
  return registry !== undefined ? `${registry}/rampart:${TOOL_VERSION}` : `ghcr.io/rampart-dev/rampart:${TOOL_VERSION}`;
}

/**
 * `--compliance` values for the profile's targets.
 *
 * @example
 * complianceArgument(profile); // 'cis,pci-dss'
 */
export function complianceArgument(profile: Profile): string {
  const targets = profile.compliance.length > 0 ? profile.compliance : ['cis'];
  return [...new Set(targets)].sort().join(',');
}

/**
 * The scan command line.
 *
 * @example
 * scanArgs(profile); // ['scan', '--cluster', '--no-secrets', '--format', 'json', …]
 */
export function scanArgs(profile: Profile): string[] {
  return ['scan', '--cluster', '--no-secrets', '--format', 'json', '--compliance', complianceArgument(profile), '--pss-level', profile.posture, '--pss-version', `v${profile.kubernetesVersion}`, '--fail-on', 'none', '--no-progress'];
}

function asJson(value: Record<string, unknown>): JsonObject {
  // The scanner-role builders return plain JSON data typed loosely; a round trip proves it.
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

function namespaceObject(profile: Profile): JsonObject {
  const version = `v${profile.kubernetesVersion}`;
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: objectMeta(MONITORING_NAMESPACE, undefined, {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': version,
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': version,
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': version,
    }),
  };
}

function cronJob(profile: Profile): JsonObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: objectMeta(SCAN_JOB_NAME, MONITORING_NAMESPACE, WORKLOAD_LABELS),
    spec: {
      schedule: SCAN_SCHEDULE,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 7,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels: { ...WORKLOAD_LABELS } },
        spec: {
          backoffLimit: 1,
          activeDeadlineSeconds: 1800,
          ttlSecondsAfterFinished: 7 * 86400,
          template: {
            metadata: { labels: { ...WORKLOAD_LABELS } },
            spec: asJson(scannerPodSpec(scannerImage(profile), scanArgs(profile))),
          },
        },
      },
    },
  };
}

function networkPolicies(): JsonObject[] {
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: objectMeta('default-deny', MONITORING_NAMESPACE),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: objectMeta('rampart-scanner-egress', MONITORING_NAMESPACE),
      spec: {
        podSelector: { matchLabels: { app: WORKLOAD_LABELS.app } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
          // The API server's addresses are not known in advance (the kubernetes Service is translated before policy applies).
          { ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] },
        ],
      },
    },
  ];
}

/**
 * Every object of the scheduled scan, in apply order.
 *
 * @example
 * scanJobManifests(profile).map((m) => m.kind); // ['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'CronJob', 'NetworkPolicy', 'NetworkPolicy']
 */
export function scanJobManifests(profile: Profile): JsonObject[] {
  return [
    namespaceObject(profile),
    asJson(scannerServiceAccount(MONITORING_NAMESPACE)),
    asJson(scannerClusterRole({ secrets: false })),
    asJson(scannerClusterRoleBinding(MONITORING_NAMESPACE)),
    cronJob(profile),
    ...networkPolicies(),
  ];
}
