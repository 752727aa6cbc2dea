/**
 * hostNamespaces (baseline, 1.0+): sharing the host's network, PID or IPC namespace is forbidden.
 *
 * Restricted fields: spec.hostNetwork, spec.hostPID, spec.hostIPC
 * Allowed values: false, undefined/null
 */
import { ATTACK_ESCAPE_TO_HOST, NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, forbidden, sortedSet } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

const hostNamespacesV1Dot0: PodCheckFn = (_podMetadata, podSpec) => {
  // Upstream collects the fields into a sorted set: the detail reads "hostIPC, hostNetwork, hostPID".
  const shared = sortedSet(HOST_NAMESPACE_FIELDS.filter((field) => podSpec[field] === true));
  if (shared.length === 0) return ALLOWED;
  return forbidden(
    'host namespaces',
    shared.join(', '),
    shared.map((field) => `/spec/${field}`),
  );
};

export const hostNamespaces: PodSecurityCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  versions: [{ minimumVersion: '1.0', check: hostNamespacesV1Dot0 }],
};

export default pssScanCheck(hostNamespaces, {
  title: 'Host namespaces shared',
  severity: 'high',
  controls: [pssLevel('baseline'), cis('5.2.3'), cis('5.2.4'), cis('5.2.5'), NSA_POD_SECURITY, ATTACK_ESCAPE_TO_HOST],
  remediation:
    'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec, or set them to false. Expose network services through a Service instead of the host network.',
  docs: [
    'A pod that shares the host network namespace can sniff and bind node traffic and reach',
    'services listening on localhost; sharing the PID namespace exposes every host process (and',
    'their environment) to the pod; sharing IPC exposes host shared memory. Pod Security Standards',
    '**baseline** forbids `spec.hostNetwork`, `spec.hostPID` and `spec.hostIPC` set to true.',
  ].join('\n'),
});
