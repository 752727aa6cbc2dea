/**
 * Duplicate environment variable names: within one container's `env` list every `name` must be
 * unique. Kubernetes keeps the last entry and silently drops the others, so a reviewer who reads
 * the first one (say `TLS_VERIFY=true`) is misled about what the container gets.
 */
import { defineCheck } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, joinPointer } from '../../model/types.js';
import { visitContainers } from '../../model/visit.js';
import { pci, soc2 } from './controls.js';
import { arrayAt, containerNoun } from './helpers.js';

export default defineCheck<'duplicate'>({
  id: 'workload.duplicate-env-name',
  title: 'Duplicate environment variable',
  domain: 'workload',
  // low: a configuration-integrity hygiene problem; it can hide an override of a security setting but exposes nothing by itself.
  severity: 'low',
  scope: 'resource',
  match: 'pod-templates',
  controls: [pci('2.2.1'), pci('6.5.1'), soc2('CC8.1')],
  messages: {
    duplicate: '{{containerKind}} "{{container}}" sets env "{{name}}" again (first at index {{first}}); only the last value takes effect',
  },
  remediation:
    'Keep one entry per environment variable name in each container, and delete the entries whose value is not the one intended.',
  docs: [
    'When a container\'s `env` list names the same variable twice, the kubelet uses the last',
    'entry and ignores the earlier ones without a warning (the API server only warns since',
    'Kubernetes 1.29). Merged overlays and Helm values make this easy to do by accident, and it',
    'misleads review: a reader sees `VERIFY_TLS: "true"` near the top while a later entry sets',
    'it to `"false"`. Each repeated entry after the first is reported.',
    '',
    '```yaml',
    'env:',
    '  - { name: VERIFY_TLS, value: "true" }',
    '  # a second VERIFY_TLS entry here would silently win',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const template of podTemplates(ctx.resource)) {
      visitContainers(template.spec, `${template.pointer}/spec`, (c) => {
        const firstIndex = new Map<string, number>();
        arrayAt(c.container, 'env').forEach((entry, index) => {
          if (!isJsonObject(entry) || typeof entry['name'] !== 'string') return;
          const name = entry['name'];
          const first = firstIndex.get(name);
          if (first === undefined) {
            firstIndex.set(name, index);
            return;
          }
          ctx.report({
            messageId: 'duplicate',
            data: { container: c.name, containerKind: containerNoun(c.kind), name, first },
            path: joinPointer(c.pointer, 'env', index),
          });
        });
      });
    }
  },
});
