/** Minimal workloads for the reliability checks, and the cases the probe checks share. */
import type { InvalidCase, TesterCase } from '../../support/check-tester.js';

export const deployment = (spec: string, container = '{name: app, image: app:1}', name = 'cart') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:${spec}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: backend}}
    spec:
      containers:
        - ${container}`;

export const pdb = (spec: string, apiVersion = 'policy/v1', name = 'cart') => `
apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: shop}
spec:
${spec}`;

export const hpa = (minReplicas: string, target = 'cart') => `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${target}, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  ${minReplicas}
  maxReplicas: 10`;

/**
 * The cases shared by the liveness and readiness probe checks: the same shapes, with the probe
 * field under test swapped in.
 */

export function probeCases(field: 'livenessProbe' | 'readinessProbe'): { valid: TesterCase[]; invalid: InvalidCase[] } {
  const probe = `{name: app, image: app:1, ${field}: {httpGet: {path: /healthz, port: 8080}}}`;
  return {
    valid: [
      { manifest: deployment('', probe) },
      {
        name: 'Jobs and CronJobs run to completion',
        manifest: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: j, image: j:1}]}}}}}',
      },
      { name: 'bare pods are left to workload.naked-pod', manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: a:1}]}' },
      {
        name: 'run-to-completion init containers and ephemeral containers cannot have probes',
        manifest: `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  template:
    spec:
      initContainers:
        - {name: setup, image: s:1}
      containers:
        - ${probe}
      ephemeralContainers:
        - {name: dbg, image: d:1}`,
      },
    ],
    invalid: [
      { manifest: deployment(''), errors: [{ messageId: 'missing', path: '/spec/template/spec/containers/0', data: { container: 'app', probe: field } }] },
      {
        name: 'restartable sidecar init container',
        manifest: `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  template:
    spec:
      initContainers:
        - {name: proxy, image: p:1, restartPolicy: Always}
      containers:
        - ${probe}`,
        errors: [{ messageId: 'missing', path: '/spec/template/spec/initContainers/0', data: { containerKind: 'init container' } }],
      },
      {
        name: 'Argo Rollout',
        manifest: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec: {template: {spec: {containers: [{name: a, image: a:1}]}}}',
        errors: [{ messageId: 'missing', path: '/spec/template/spec/containers/0' }],
      },
    ],
  };
}
