/**
 * The template behind `workload.run-as-high-uid` and `workload.run-as-high-gid`: the effective
 * `runAsUser` / `runAsGroup` of every container (its own securityContext value, else the pod's)
 * must be at least a minimum (10000 by default). IDs below it collide with users and groups
 * that exist on the node (root, daemon accounts, distribution users), so a container escape or
 * a shared hostPath lands with a meaningful identity.
 */
import type { CheckContext } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { visitContainers } from '../../model/visit.js';
import { containerNoun, effectiveSecurityField, isLinuxPod } from './helpers.js';

export type HighIdMessage = 'tooLow' | 'tooLowInherited' | 'unset';

/**
 * Reports every container whose effective `field` is unset or below `minimum`. A low pod-level
 * value is reported once, at the pod field, naming the containers that inherit it.
 */
export function evaluateHighId(ctx: CheckContext<HighIdMessage, unknown>, field: 'runAsUser' | 'runAsGroup', minimum: number): void {
  for (const template of podTemplates(ctx.resource)) {
    if (!isLinuxPod(template.spec)) continue;
    const specPointer = `${template.pointer}/spec`;
    const inheriting: string[] = [];
    let podValue: number | undefined;
    let podPointer = '';
    visitContainers(template.spec, specPointer, (c) => {
      const setting = effectiveSecurityField(c, template.spec, specPointer, field);
      const data = { container: c.name, containerKind: containerNoun(c.kind), field, minimum };
      if (setting.source === 'unset') {
        ctx.report({ messageId: 'unset', data, path: setting.pointer });
        return;
      }
      if (typeof setting.value !== 'number' || setting.value >= minimum) return;
      if (setting.source === 'container') {
        ctx.report({ messageId: 'tooLow', data: { ...data, value: setting.value }, path: setting.pointer });
      } else {
        inheriting.push(c.name);
        podValue = setting.value;
        podPointer = setting.pointer;
      }
    });
    if (podValue !== undefined) {
      ctx.report({
        messageId: 'tooLowInherited',
        data: { field, value: podValue, minimum, containers: inheriting.map((n) => `"${n}"`).join(', ') },
        path: podPointer,
      });
    }
  }
}

export const HIGH_ID_MESSAGES = {
  tooLow: '{{containerKind}} "{{container}}" sets securityContext.{{field}}={{value}}, below {{minimum}}',
  tooLowInherited: 'pod securityContext.{{field}}={{value}} is below {{minimum}} and applies to {{containers}}',
  unset: '{{containerKind}} "{{container}}" does not set {{field}} (neither does the pod), so the image decides it',
} as const satisfies Record<HighIdMessage, string>;
