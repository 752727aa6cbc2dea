/**
 * Naked pods: a Pod should be created by a controller (Deployment, StatefulSet, DaemonSet, Job…)
 * and carry `metadata.ownerReferences`. A Pod without an owner is not rescheduled when its node
 * fails, is not rolled out or rolled back, and is often a leftover debug pod or a container an
 * intruder started by hand.
 */
import { defineCheck } from '../../engine/types.js';
import { attack, pci, soc2 } from './controls.js';
import { valueAt } from './helpers.js';

export default defineCheck<'naked'>({
  id: 'workload.naked-pod',
  title: 'Pod without a controller',
  domain: 'workload',
  // low: a bare pod is an availability and change-control problem, and a signal worth a look, but grants nothing by itself.
  severity: 'low',
  scope: 'resource',
  match: ['Pod'],
  controls: [attack('T1610'), pci('6.5.1'), soc2('CC8.1'), soc2('A1.2')],
  messages: {
    naked: 'Pod "{{name}}" has no ownerReferences: no controller recreates it, rolls it out or tracks its changes',
  },
  remediation:
    'Run the workload through a controller: a Deployment for stateless services, a StatefulSet for stateful ones, a DaemonSet for per-node agents or a Job for run-to-completion tasks.',
  docs: [
    'A Pod created directly, with no `metadata.ownerReferences`, has nothing watching over it:',
    'if its node fails or drains it is gone, it cannot be rolled out or rolled back, and its',
    'spec changes outside any reviewed release process. Bare pods in a repository are usually',
    'leftovers (a debug shell, a one-off migration); bare pods in a cluster are also how an',
    'intruder with `pods/create` starts a container (MITRE ATT&CK T1610, Deploy Container).',
    '',
    '```yaml',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: worker }',
    'spec:',
    '  replicas: 2',
    '  selector: { matchLabels: { app: worker } }',
    '  template:',
    '    metadata: { labels: { app: worker } }',
    '    spec: { containers: [{ name: worker, image: "registry.example.com/worker:1.4.2" }] }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    const owners = valueAt(ctx.resource.body, 'metadata', 'ownerReferences');
    if (Array.isArray(owners) && owners.length > 0) return;
    ctx.report({ messageId: 'naked', data: { name: ctx.resource.name }, path: '/metadata' });
  },
});
