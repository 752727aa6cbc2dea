/**
 * hostPorts (baseline, 1.0+): binding container ports on the node is forbidden.
 *
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].ports[*].hostPort
 * Allowed values: undefined/0
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, describeContainers, forbidden, listAt, pluralize, podContainers, sortedSet, valueAt } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const hostPortsV1Dot0: PodCheckFn = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  const ports: string[] = [];
  const paths: string[] = [];
  for (const c of podContainers(podSpec)) {
    let bad = false;
    listAt(c.container, 'ports').forEach((port, index) => {
      const hostPort = valueAt(port, 'hostPort');
      if (typeof hostPort !== 'number' || hostPort === 0) return;
      bad = true;
      ports.push(String(hostPort));
      paths.push(`${c.pointer}/ports/${index}/hostPort`);
    });
    if (bad) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return ALLOWED;
  // Upstream keeps the ports in a string set, so they sort as text: "10000" before "80".
  const portList = sortedSet(ports);
  return forbidden(
    'hostPort',
    `${describeContainers(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', portList.length)} ${portList.join(', ')}`,
    paths,
  );
};

export const hostPorts: PodSecurityCheck = {
  id: 'hostPorts',
  level: 'baseline',
  versions: [{ minimumVersion: '1.0', check: hostPortsV1Dot0 }],
};

export default pssScanCheck(hostPorts, {
  title: 'Host port',
  severity: 'medium',
  controls: [pssLevel('baseline'), cis('5.2.13'), NSA_POD_SECURITY],
  remediation:
    'Remove `hostPort` from the container ports and expose the port through a Service (ClusterIP, NodePort or LoadBalancer) instead.',
  docs: [
    'A hostPort binds the container port on the node IP, bypassing NetworkPolicy-aware Service',
    'routing, limiting scheduling, and exposing the workload on every address of the node. Pod',
    'Security Standards **baseline** forbids any non-zero `ports[*].hostPort`.',
  ].join('\n'),
});
