/**
 * The template behind the four resource checks (`workload.cpu-requests`, `workload.cpu-limits`,
 * `workload.memory-requests`, `workload.memory-limits`): every container and init container must
 * set `resources.<requests|limits>.<cpu|memory>`, unless a LimitRange of type Container in the
 * same namespace (present in the inventory) defaults it at admission. Ephemeral containers are
 * not checked: the API forbids resources on them.
 */
import type { CheckContext } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { visitContainers } from '../../model/visit.js';
import { containerNoun, limitRangeDefault, nearestPointer, valueAt, type ComputeResource, type ResourceKind } from './helpers.js';

export type ComputeMessage = 'missing';

export const COMPUTE_MESSAGES = {
  missing: '{{containerKind}} "{{container}}" sets no resources.{{kind}}.{{resource}}',
} as const satisfies Record<ComputeMessage, string>;

export function evaluateComputeResource(ctx: CheckContext<ComputeMessage, unknown>, kind: ResourceKind, resource: ComputeResource): void {
  const templates = podTemplates(ctx.resource);
  if (templates.length === 0 || limitRangeDefault(ctx.inventory, ctx.resource, kind, resource)) return;
  for (const template of templates) {
    visitContainers(template.spec, `${template.pointer}/spec`, (c) => {
      if (c.kind === 'ephemeralContainers') return;
      if (valueAt(c.container, 'resources', kind, resource) !== undefined) return;
      ctx.report({
        messageId: 'missing',
        data: { container: c.name, containerKind: containerNoun(c.kind), kind, resource },
        path: nearestPointer(c.container, c.pointer, 'resources', kind),
      });
    });
  }
}
