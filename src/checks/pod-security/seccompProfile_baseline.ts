/**
 * seccompProfile_baseline (baseline, 1.0+ on annotations, 1.19+ on fields): if a seccomp profile
 * is specified, it must be the runtime default or a profile on the node. Restricted evaluation
 * runs seccompProfile_restricted instead from 1.19.
 *
 * v1.0 – v1.18 restricted fields: metadata.annotations['seccomp.security.alpha.kubernetes.io/pod'],
 *   metadata.annotations['container.seccomp.security.alpha.kubernetes.io/<container name>']
 * Allowed values: runtime/default, docker/default, localhost/*, undefined
 * v1.19+ restricted fields: spec.securityContext.seccompProfile.type,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type
 * Allowed values: RuntimeDefault, Localhost, undefined/null
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, annotationPath, annotationsOf, compareGoStrings, forbidden, goQuote, pluralize, podContainers } from './helpers.js';
import { explicitSeccompDetail, explicitSeccompViolations } from './seccomp.js';
import { seccompProfile_restricted } from './seccompProfile_restricted.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Unlike AppArmor, an empty annotation value is not allowed. */
function validAnnotationValue(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

const seccompProfileBaselineV1Dot0: PodCheckFn = (podMetadata, podSpec) => {
  const annotations = annotationsOf(podMetadata);
  // Only the pod key and the keys of containers that exist are read, as upstream does.
  const keys = [POD_ANNOTATION, ...podContainers(podSpec).map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)];
  const found = new Map<string, string>();
  for (const key of keys) {
    const value = annotations[key];
    if (value !== undefined && !validAnnotationValue(value)) found.set(`${key}=${goQuote(value)}`, annotationPath(key));
  }
  if (found.size === 0) return ALLOWED;
  const texts = [...found.keys()].sort(compareGoStrings);
  return forbidden(
    'seccompProfile',
    `forbidden ${pluralize('annotation', 'annotations', texts.length)} ${texts.join(', ')}`,
    texts.map((text) => found.get(text) ?? ''),
  );
};

const seccompProfileBaselineV1Dot19: PodCheckFn = (_podMetadata, podSpec) => {
  const violations = explicitSeccompViolations(podSpec);
  if (violations.badSetters.length === 0) return ALLOWED;
  return forbidden('seccompProfile', explicitSeccompDetail(violations), violations.paths);
};

export const seccompProfile_baseline: PodSecurityCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  versions: [
    { minimumVersion: '1.0', check: seccompProfileBaselineV1Dot0 },
    { minimumVersion: '1.19', check: seccompProfileBaselineV1Dot19 },
  ],
};

export default pssScanCheck(seccompProfile_baseline, {
  title: 'Seccomp disabled',
  severity: 'medium',
  controls: [pssLevel('baseline'), cis('5.7.2'), NSA_POD_SECURITY],
  remediation:
    'Set `securityContext.seccompProfile.type` to `RuntimeDefault` or `Localhost` (or leave it unset), and remove seccomp annotations whose value is `unconfined`.',
  docs: [
    'Seccomp filters the system calls a container may make and blocks many kernel attack paths.',
    'An `Unconfined` profile turns the filter off. Pod Security Standards **baseline** forbids',
    'explicitly disabling it: through the legacy `seccomp.security.alpha.kubernetes.io`',
    'annotations before policy version 1.19, through `securityContext.seccompProfile` from 1.19.',
  ].join('\n'),
  overriddenBy: [seccompProfile_restricted],
});
