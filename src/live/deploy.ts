/**
 * `rampart deploy manifests`: everything needed to run Rampart inside the cluster on a
 * schedule, writing PolicyReports. Built as typed objects (no text templates) and held to
 * Rampart's own restricted scan by a test:
 *
 * - a dedicated Namespace that enforces Pod Security `restricted`, with a LimitRange and a
 *   ResourceQuota;
 * - the scanner ServiceAccount (no automounted token), the read-only scanner ClusterRole and
 *   its binding, and a ClusterRole + binding that may write only PolicyReports;
 * - the CronJob: non-root, read-only root filesystem, seccomp `RuntimeDefault`, all
 *   capabilities dropped, requests and limits, the API token mounted explicitly with a short
 *   lifetime;
 * - NetworkPolicies: deny everything in the namespace, then allow the scanner egress to the
 *   API server (and DNS) only.
 *
 * Secrets: the in-cluster identity gets no access to Secrets at all (RBAC cannot grant
 * "metadata only", and a token in a pod should not be able to read every credential); the
 * scan runs with `--no-secrets`. `secretMetadata: true` grants `list` on Secrets instead.
 */
import { TOOL_VERSION } from '../version.js';
import { SCANNER_NAME, scannerClusterRole, scannerClusterRoleBinding, scannerServiceAccount, type ScannerRoleOptions } from './scanner-role.js';

export const DEFAULT_NAMESPACE = 'rampart';
/** Every six hours, at minute 17 (off the hour, when many clusters run their own jobs). */
export const DEFAULT_SCHEDULE = '17 */6 * * *';
export const DEFAULT_IMAGE = `ghcr.io/rampart-dev/rampart:${TOOL_VERSION}`;
export const REPORT_WRITER_NAME = 'rampart-report-writer';
/** The Pod Security version the namespace pins (reviewed against the restricted profile of this release). */
export const PINNED_PSS_VERSION = 'v1.30';
const NON_ROOT_ID = 65532;

export interface DeployOptions {
  namespace?: string;
  /** Cron schedule of the scan (default every six hours). */
  schedule?: string;
  /** Scanner image; pin it by digest (`…@sha256:…`). */
  image?: string;
  /** Addresses of the API server endpoints (CIDRs). Without them egress on 443/6443 is allowed to any address. */
  apiServerCidrs?: readonly string[];
  /** Grant `list` on Secrets and scan their metadata (default false). */
  secretMetadata?: boolean;
  /** Custom resources with pod templates to grant and scan (`group/resource`). */
  extraTypes?: ScannerRoleOptions['extraTypes'];
}

const LABELS = { 'app.kubernetes.io/name': 'rampart', 'app.kubernetes.io/component': 'scanner', 'app.kubernetes.io/managed-by': 'rampart' };
const SELECTOR = { 'app.kubernetes.io/name': 'rampart', 'app.kubernetes.io/component': 'scanner' };

/**
 * The manifests, in apply order.
 *
 * @example
 * const objects = deployManifests({ namespace: 'rampart', image: 'ghcr.io/rampart-dev/rampart@sha256:…' });
 */
export function deployManifests(options: DeployOptions = {}): Array<Record<string, unknown>> {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const secrets = options.secretMetadata === true;
  const role = scannerClusterRole({ secrets, extraTypes: options.extraTypes ?? [] });
  return [
    namespaceObject(namespace),
    limitRange(namespace),
    resourceQuota(namespace),
    scannerServiceAccount(namespace),
    role,
    scannerClusterRoleBinding(namespace),
    reportWriterRole(),
    reportWriterBinding(namespace),
    cronJob(namespace, options, secrets),
    defaultDeny(namespace),
    scannerEgress(namespace, options.apiServerCidrs ?? []),
  ];
}

function meta(name: string, namespace?: string): Record<string, unknown> {
  return namespace === undefined ? { name, labels: { ...LABELS } } : { name, namespace, labels: { ...LABELS } };
}

function namespaceObject(namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: {
        ...LABELS,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': PINNED_PSS_VERSION,
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  };
}

function limitRange(namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta('rampart-limits', namespace),
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: '1', memory: '1Gi' },
          defaultRequest: { cpu: '100m', memory: '256Mi' },
          max: { cpu: '2', memory: '2Gi' },
        },
      ],
    },
  };
}

function resourceQuota(namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta('rampart-quota', namespace),
    spec: { hard: { pods: '4', 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.cpu': '4', 'limits.memory': '4Gi' } },
  };
}

/**
 * Writes PolicyReports in every namespace and the ClusterPolicyReport: a ClusterRole, because
 * a namespaced Role could only write into its own namespace. `create` and `patch` are what
 * server-side apply needs (a first apply creates); no `delete`, `update` or `list`.
 */
function reportWriterRole(): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta(REPORT_WRITER_NAME),
    rules: [{ apiGroups: ['wgpolicyk8s.io'], resources: ['clusterpolicyreports', 'policyreports'], verbs: ['create', 'get', 'patch'] }],
  };
}

function reportWriterBinding(namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: meta(REPORT_WRITER_NAME),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: REPORT_WRITER_NAME },
    subjects: [{ kind: 'ServiceAccount', name: SCANNER_NAME, namespace }],
  };
}

/** The command the scanner runs. */
export function scannerArgs(options: Pick<DeployOptions, 'secretMetadata'> = {}): string[] {
  const args = ['scan', '--cluster', '--format', 'policyreport', '--apply', '--fail-on', 'none', '--no-progress'];
  if (options.secretMetadata !== true) args.push('--no-secrets');
  return args;
}

/**
 * The hardened pod every in-cluster scanner runs as (the deployed CronJob and the hardening
 * bundle's compliance scan): non-root, read-only root filesystem, no capabilities, seccomp
 * RuntimeDefault, requests and limits, and a one-hour projected API token mounted explicitly.
 *
 * @example
 * scannerPodSpec(DEFAULT_IMAGE, scannerArgs()).containers
 */
export function scannerPodSpec(image: string, args: readonly string[]): Record<string, unknown> {
  const tokenPath = '/var/run/secrets/kubernetes.io/serviceaccount';
  return {
    serviceAccountName: SCANNER_NAME,
    // The token is mounted explicitly below, with a one-hour lifetime.
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    restartPolicy: 'Never',
    securityContext: {
      runAsNonRoot: true,
      runAsUser: NON_ROOT_ID,
      runAsGroup: NON_ROOT_ID,
      fsGroup: NON_ROOT_ID,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'rampart',
        image,
        imagePullPolicy: 'IfNotPresent',
        args: [...args],
        env: [{ name: 'NO_COLOR', value: '1' }],
        resources: {
          requests: { cpu: '100m', memory: '256Mi', 'ephemeral-storage': '64Mi' },
          limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '128Mi' },
        },
        securityContext: {
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          runAsUser: NON_ROOT_ID,
          runAsGroup: NON_ROOT_ID,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
        volumeMounts: [
          { name: 'api-token', mountPath: tokenPath, readOnly: true },
          { name: 'tmp', mountPath: '/tmp' },
        ],
      },
    ],
    volumes: [
      {
        name: 'api-token',
        projected: {
          defaultMode: 0o444,
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
      { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    ],
  };
}

function cronJob(namespace: string, options: DeployOptions, secretMetadata: boolean): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(SCANNER_NAME, namespace),
    spec: {
      schedule: options.schedule ?? DEFAULT_SCHEDULE,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels: { ...LABELS } },
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 1800,
          ttlSecondsAfterFinished: 86400,
          template: {
            metadata: { labels: { ...LABELS } },
            spec: scannerPodSpec(options.image ?? DEFAULT_IMAGE, scannerArgs({ secretMetadata })),
          },
        },
      },
    },
  };
}

function defaultDeny(namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('default-deny', namespace),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
}

/**
 * The scanner may reach the API server and DNS, nothing else; nothing may reach it. The API
 * server's endpoint addresses are not known in advance (the `kubernetes` Service is translated
 * to them before policy applies), so without `apiServerCidrs` the rule allows the API ports
 * to any address.
 */
function scannerEgress(namespace: string, apiServerCidrs: readonly string[]): Record<string, unknown> {
  const apiPorts = [
    { protocol: 'TCP', port: 443 },
    { protocol: 'TCP', port: 6443 },
  ];
  const apiRule: Record<string, unknown> = apiServerCidrs.length > 0 ? { to: apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: apiPorts } : { ports: apiPorts };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('rampart-scanner-egress', namespace),
    spec: {
      podSelector: { matchLabels: { ...SELECTOR } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [
        apiRule,
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };
}
