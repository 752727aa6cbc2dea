/**
 * A small factory for scan results: reporter tests describe only what differs from a
 * plausible finding, and the summary is derived so that it always agrees with the findings.
 */
import { SEVERITIES, type AnyCheck, type Finding, type RunError, type ScanResult, type Severity, type Summary } from '../../src/engine/types.js';

export const TEST_VERSION = '9.9.9-test';

export const CHECKS = {
  privileged: {
    id: 'pss.privileged',
    title: 'Privileged container',
    domain: 'pod-security',
    severity: 'high',
    controls: [
      { framework: 'cis-k8s', id: '5.2.2' },
      { framework: 'pss', id: 'baseline' },
    ],
    remediation: 'Remove securityContext.privileged or set it to false.',
    docs: 'A privileged container has **all** capabilities of the host.',
    messages: { privileged: 'container "{{name}}" sets securityContext.privileged=true' },
    match: 'pod-templates',
    scope: 'resource',
    evaluate: () => undefined,
  },
  latestTag: {
    id: 'image.latest-tag',
    title: 'Image uses the latest tag',
    domain: 'image',
    severity: 'medium',
    controls: [{ framework: 'nsa-cisa', id: 'image-pinning' }],
    remediation: 'Pin the image to a version tag or, better, a digest.',
    docs: 'Mutable tags make deployments unreproducible.',
    messages: { latest: 'container "{{name}}" uses image "{{image}}"' },
    match: 'pod-templates',
    scope: 'resource',
    evaluate: () => undefined,
  },
  clusterAdmin: {
    id: 'rbac.cluster-admin-binding',
    title: 'Binding to cluster-admin',
    domain: 'rbac',
    severity: 'critical',
    controls: [{ framework: 'cis-k8s', id: '5.1.1' }],
    remediation: 'Bind a namespaced Role with only the verbs the subject needs.',
    docs: 'cluster-admin grants every verb on every resource.',
    messages: { bound: '{{subject}} is bound to cluster-admin' },
    match: ['ClusterRoleBinding'],
    scope: 'resource',
    evaluate: () => undefined,
  },
  noProbe: {
    id: 'workload.no-liveness-probe',
    title: 'No liveness probe',
    domain: 'reliability',
    severity: 'info',
    controls: [],
    remediation: 'Add a liveness probe.',
    docs: '',
    messages: { missing: 'container "{{name}}" has no liveness probe' },
    match: 'pod-templates',
    scope: 'resource',
    evaluate: () => undefined,
  },
} satisfies Record<string, AnyCheck>;

export const ALL_CHECKS: AnyCheck[] = Object.values(CHECKS);

/**
 * A finding of `check` (default: pss.privileged) on Deployment shop/cart; override any field.
 */
export function finding(overrides: Partial<Finding> = {}, check: AnyCheck = CHECKS.privileged): Finding {
  const base: Finding = {
    checkId: check.id,
    severity: check.severity,
    domain: check.domain,
    title: check.title,
    message: 'container "app" sets securityContext.privileged=true',
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'cart' },
    file: 'k8s/cart.yaml',
    line: 14,
    column: 13,
    path: '/spec/template/spec/containers/0/securityContext/privileged',
    controls: check.controls.map((c) => ({ ...c })),
    fingerprint: `fp-${check.id}-${overrides.line ?? 14}-${overrides.column ?? 13}-${overrides.resource?.name ?? 'cart'}`,
  };
  return { ...base, ...overrides };
}

/** A result whose summary agrees with its findings, errors and skipped documents. */
export function scanResult(
  parts: { findings?: Finding[]; errors?: RunError[]; skipped?: ScanResult['skipped']; checks?: AnyCheck[]; resources?: number; suppressed?: number } = {},
): ScanResult {
  const findings = parts.findings ?? [];
  const errors = parts.errors ?? [];
  const skipped = parts.skipped ?? [];
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity] += 1;
  const resources = parts.resources ?? new Set(findings.map((f) => `${f.file}|${f.resource.kind}|${f.resource.namespace}|${f.resource.name}`)).size;
  const failed = new Set(errors.filter((e) => e.checkId === undefined).map((e) => `${e.file}:${e.line}`)).size;
  const summary: Summary = {
    documents: resources + skipped.length + failed,
    resources,
    skipped: skipped.length,
    failed,
    findings: findings.length,
    suppressed: parts.suppressed ?? 0,
    bySeverity,
  };
  return { summary, findings, errors, skipped, checks: parts.checks ?? ALL_CHECKS };
}

/** Unicode and markup in every free-text field: CJK, emoji (astral), XML/HTML specials. */
export const HOSTILE = '名前 🚀 <&>"\' ünïcödé';

/** The named cases every reporter must handle (see contract.test.ts). */
export function contractCases(): Record<string, ScanResult> {
  return {
    empty: scanResult({ checks: [] }),
    'empty with checks': scanResult(),
    unicode: scanResult({
      findings: [
        finding({
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: '名前空間', name: `名前-🚀-<&>"'` },
          message: `container "${HOSTILE}" sets privileged`,
          file: 'k8s/名前 dir/🚀 <&>.yaml',
          fingerprint: 'fp-unicode',
        }),
      ],
      errors: [{ file: 'k8s/壊れた.yaml', line: 3, message: `unexpected token ${HOSTILE}` }],
    }),
    'with and without namespace and template': scanResult({
      findings: [
        finding({ template: 'chart/templates/deployment.yaml' }),
        finding(
          {
            resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'ops-admin' },
            message: 'Group "ops" is bound to cluster-admin',
            file: 'k8s/rbac.yaml',
            line: 3,
            column: 1,
            path: '/roleRef/name',
          },
          CHECKS.clusterAdmin,
        ),
      ],
    }),
    'errors only': scanResult({
      errors: [
        { file: 'k8s/broken.yaml', line: 7, message: 'bad indentation of a mapping entry' },
        { file: 'k8s/other.yaml', message: 'file is not valid UTF-8' },
        {
          file: 'k8s/cart.yaml',
          line: 1,
          message: 'check threw: cannot read properties of undefined',
          checkId: 'pss.privileged',
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'cart' },
        },
      ],
      skipped: [{ file: 'README.yaml', line: 1, reason: 'not a Kubernetes object (no apiVersion/kind)' }],
    }),
    '10,000 findings': manyFindings(10_000),
  };
}

/** `count` findings spread over many resources, files, checks and severities. */
export function manyFindings(count: number): ScanResult {
  const checks = ALL_CHECKS;
  const findings: Finding[] = [];
  for (let i = 0; i < count; i += 1) {
    const check = checks[i % checks.length] as AnyCheck;
    const n = Math.floor(i / 4);
    findings.push(
      finding(
        {
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: `ns-${n % 50}`, name: `app-${n}` },
          file: `k8s/app-${n % 200}.yaml`,
          line: (n % 300) + 1,
          column: (i % 4) + 3,
          message: `finding ${i} of check ${check.id}`,
          fingerprint: `fp-${i}`,
        },
        check,
      ),
    );
  }
  return scanResult({ findings });
}
