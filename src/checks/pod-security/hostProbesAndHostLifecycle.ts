/**
 * hostProbesAndHostLifecycle (baseline, 1.34+): probes and lifecycle handlers must not target
 * another host, which would let the kubelet make requests on the pod's behalf.
 *
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*]
 *   .{livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.host
 *   .lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host
 * Allowed values: "", undefined/null
 */
import { NSA_POD_SECURITY, pssLevel } from './controls.js';
import { ALLOWED, describeContainers, forbidden, joinQuote, pluralize, podContainers, sortedSet, valueAtPath } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

/** Where a host can hide, in upstream's order: the three probes, then the two lifecycle hooks. */
const HANDLER_LOCATIONS: ReadonlyArray<readonly string[]> = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];
const HANDLER_KINDS = ['httpGet', 'tcpSocket'] as const;
/** Every `host` field, in upstream's order, as key paths below a container. */
const HOST_FIELDS: ReadonlyArray<readonly string[]> = HANDLER_LOCATIONS.flatMap((location) => HANDLER_KINDS.map((kind) => [...location, kind, 'host']));

const hostProbesAndHostLifecycleV1Dot34: PodCheckFn = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  const hosts: string[] = [];
  const paths: string[] = [];
  for (const c of podContainers(podSpec)) {
    for (const field of HOST_FIELDS) {
      const host = valueAtPath(c.container, field);
      if (typeof host !== 'string' || host === '') continue;
      badContainers.push(c.name);
      hosts.push(host);
      paths.push([c.pointer, ...field].join('/'));
    }
  }
  if (badContainers.length === 0) return ALLOWED;
  // Upstream keeps both containers and hosts in sets: names are de-duplicated and sorted.
  const containerList = sortedSet(badContainers);
  const hostList = sortedSet(hosts);
  return forbidden(
    'probe or lifecycle host',
    `${describeContainers(containerList)} ${pluralize('uses', 'use', containerList.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hostList.length)} ${joinQuote(hostList)}`,
    paths,
  );
};

export const hostProbesAndHostLifecycle: PodSecurityCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [{ minimumVersion: '1.34', check: hostProbesAndHostLifecycleV1Dot34 }],
};

export default pssScanCheck(hostProbesAndHostLifecycle, {
  title: 'Probe or lifecycle handler targets another host',
  severity: 'medium',
  controls: [pssLevel('baseline'), NSA_POD_SECURITY],
  remediation:
    'Remove the `host` field from the probe or lifecycle handler so that the kubelet targets the pod IP. Check an external dependency from inside the application instead.',
  docs: [
    'The kubelet runs `httpGet` and `tcpSocket` probes and lifecycle handlers from the node. A',
    '`host` set to another address turns the kubelet into a proxy that can reach node-local or',
    'internal services the pod itself could not (server-side request forgery). Pod Security',
    'Standards **baseline** forbids a non-empty `host` from policy version 1.34.',
  ].join('\n'),
});
