/**
 * The template behind `reliability.missing-liveness-probe` and
 * `reliability.missing-readiness-probe`: every container of a long-running workload (app
 * containers and restartable sidecar init containers; run-to-completion init containers and
 * ephemeral containers cannot have these probes) must declare the probe.
 */
import type { CheckContext } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { visitContainers } from '../../model/visit.js';
import { containerNoun, isLongRunningContainer, valueAt } from '../workload/helpers.js';
import { isLongRunningWorkload } from './workloads.js';

export type ProbeMessage = 'missing';

export const PROBE_MESSAGES = {
  missing: '{{containerKind}} "{{container}}" declares no {{probe}}',
} as const satisfies Record<ProbeMessage, string>;

export function evaluateProbe(ctx: CheckContext<ProbeMessage, unknown>, probe: 'livenessProbe' | 'readinessProbe'): void {
  if (!isLongRunningWorkload(ctx.resource)) return;
  for (const template of podTemplates(ctx.resource)) {
    visitContainers(template.spec, `${template.pointer}/spec`, (c) => {
      if (!isLongRunningContainer(c) || valueAt(c.container, probe) !== undefined) return;
      ctx.report({ messageId: 'missing', data: { container: c.name, containerKind: containerNoun(c.kind), probe }, path: c.pointer });
    });
  }
}
