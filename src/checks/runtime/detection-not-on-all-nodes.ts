/**
 * Control: a runtime detection agent runs on every node, tainted ones included.
 * Restricted fields: spec.template.spec.tolerations of a detection DaemonSet (see detectors.ts).
 * Required: a catch-all toleration (operator Exists, no key, no effect). Also reported: a
 * nodeSelector on anything other than kubernetes.io/os or kubernetes.io/arch.
 */
import { defineCheck } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, joinPointer } from '../../model/types.js';
import { detectorOf } from './detectors.js';

const PLATFORM_LABELS: ReadonlySet<string> = new Set(['kubernetes.io/os', 'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch']);

export default defineCheck<'noCatchAllToleration' | 'nodeSelector'>({
  id: 'runtime.detection-not-on-all-nodes',
  title: 'Runtime detection agent does not run on every node',
  // low: leaves blind spots (control-plane, GPU or dedicated nodes) where an attacker could act unseen.
  severity: 'low',
  scope: 'resource',
  match: ['DaemonSet'],
  domain: 'runtime',
  controls: [
    { framework: 'nsa-cisa', id: 'audit-logging-and-threat-detection' },
    { framework: 'pci-dss', id: '11.5.1' },
    { framework: 'hipaa', id: '164.312(b)' },
    { framework: 'soc2', id: 'CC7.2' },
  ],
  messages: {
    noCatchAllToleration: '{{product}} DaemonSet {{name}} does not tolerate every taint: it will not run on tainted nodes such as the control plane',
    nodeSelector: '{{product}} DaemonSet {{name}} is limited to nodes with {{selector}}',
  },
  remediation:
    'Add a toleration with operator: Exists (and no key or effect) to the detection DaemonSet\'s pod template, and remove node selectors other than the operating system and architecture, so that the agent runs on every node.',
  docs: [
    'A detection agent that skips tainted nodes leaves blind spots on the control plane and dedicated nodes.',
    '',
    'A DaemonSet runs only on nodes whose taints its pods tolerate and whose labels match its',
    'nodeSelector. Control-plane nodes, GPU pools and dedicated tenant nodes are usually tainted, so',
    'a detection agent without a catch-all toleration leaves exactly the most valuable nodes',
    'unwatched.',
    '',
    'The check looks at DaemonSets running a known detection agent (see',
    '`runtime.no-detection-daemonset`) and reports a missing catch-all toleration (`operator:',
    'Exists` with no key and no effect) and a nodeSelector on anything but `kubernetes.io/os` and',
    '`kubernetes.io/arch`.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    const product = detectorOf(resource);
    if (!product) return;
    for (const template of podTemplates(resource)) {
      const specPointer = joinPointer(template.pointer, 'spec');
      const tolerations = template.spec['tolerations'];
      const catchAll =
        Array.isArray(tolerations) &&
        tolerations.some((t) => isJsonObject(t) && t['operator'] === 'Exists' && (t['key'] === undefined || t['key'] === '') && (t['effect'] === undefined || t['effect'] === ''));
      if (!catchAll) {
        report({
          messageId: 'noCatchAllToleration',
          data: { product, name: resource.name },
          path: tolerations === undefined ? specPointer : joinPointer(specPointer, 'tolerations'),
        });
      }
      const selector = template.spec['nodeSelector'];
      if (isJsonObject(selector)) {
        const limiting = Object.entries(selector).filter(([key]) => !PLATFORM_LABELS.has(key));
        if (limiting.length > 0) {
          report({
            messageId: 'nodeSelector',
            data: { product, name: resource.name, selector: limiting.map(([k, v]) => `${k}=${String(v)}`).join(',') },
            path: joinPointer(specPointer, 'nodeSelector'),
          });
        }
      }
    }
  },
});
