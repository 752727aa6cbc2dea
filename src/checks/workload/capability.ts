/**
 * The template of the capability checks: one registered check per entry of
 * {@link DANGEROUS_CAPABILITIES} (`workload.capability-<slug>`). Field:
 * `securityContext.capabilities.add` of every container, init container and ephemeral
 * container. Reported: each entry naming the capability (case-insensitive, with or without
 * `CAP_`). Allowed: not adding it. Each capability is its own finding so that an exception for
 * one (say NET_ADMIN for a service-mesh init container) never hides another.
 */
import { defineCheck, type CheckDefinition } from '../../engine/types.js';
import { InternalError } from '../../errors.js';
import { podTemplates, type PodTemplate } from '../../model/pod-templates.js';
import { joinPointer } from '../../model/types.js';
import { visitContainers, type ContainerVisit } from '../../model/visit.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import {
  DANGEROUS_CAPABILITIES,
  dangerousCapabilityProblems,
  normaliseCapability,
  type DangerousCapability,
  type DangerousCapabilityName,
} from './dangerous-capabilities.js';
import { arrayAt, containerNoun, isLinuxPod } from './helpers.js';

export type CapabilityMessage = 'added';

/** Builds the check for one dangerous capability. */
export function capabilityCheck(capability: DangerousCapability): CheckDefinition<CapabilityMessage, Record<string, never>> {
  const controls = [
    cis('5.2.9'),
    ...(capability.name === 'NET_RAW' ? [cis('5.2.8')] : []),
    NSA.podSecurity,
    ...capability.techniques.map(attack),
    pci('2.2.6'),
    pci('7.2.5'),
    soc2('CC6.1'),
    HIPAA.accessControl,
  ];
  return defineCheck<CapabilityMessage>({
    id: `workload.capability-${capability.slug}`,
    title: `Container adds capability ${capability.name}`,
    domain: 'workload',
    // severity per capability (see the data table): critical where the capability alone compromises the node, high where it is a likely escape, medium where it weakens isolation.
    severity: capability.severity,
    scope: 'resource',
    match: 'pod-templates',
    controls,
    messages: {
      added: '{{containerKind}} "{{container}}" adds capability {{capability}}',
    },
    remediation: `Remove ${capability.name} from \`securityContext.capabilities.add\`, keep \`drop: [ALL]\`, and add back only the narrow capabilities the process needs (for example NET_BIND_SERVICE).`,
    docs: [
      capability.risk,
      '',
      'Linux capabilities split root\'s power into pieces; a container gets a small default set',
      'and `securityContext.capabilities.add` grants more. This check reports every container,',
      `init container and ephemeral container that adds \`${capability.name}\` (matched`,
      'case-insensitively, with or without the `CAP_` prefix). Each dangerous capability has its',
      'own check so that a governed exception for one never hides another. Pod Security',
      'Standards baseline (`pss.capabilities_baseline`) rejects any capability outside its',
      'allowed list; these checks say which capability and why it matters. Windows pods are',
      'skipped.',
      '',
      '```yaml',
      'securityContext:',
      '  capabilities:',
      '    drop: [ALL]',
      '    add: [NET_BIND_SERVICE]   # only what the process needs',
      '```',
    ].join('\n'),
    evaluate(ctx) {
      for (const template of podTemplates(ctx.resource)) {
        if (!isLinuxPod(template.spec)) continue;
        for (const { visit, value, index, name } of addedCapabilities(template)) {
          if (name !== capability.name) continue;
          ctx.report({
            messageId: 'added',
            data: { container: visit.name, containerKind: containerNoun(visit.kind), capability: value },
            path: joinPointer(visit.pointer, 'securityContext', 'capabilities', 'add', index),
          });
        }
      }
    },
  });
}

/** One string entry of a container's `securityContext.capabilities.add`. */
interface AddedCapability {
  visit: ContainerVisit;
  /** As written. */
  value: string;
  index: number;
  /** Normalised (upper case, no `CAP_`). */
  name: string;
}

/**
 * Every added capability of a template's containers, in container then list order. Each of the
 * capability checks asks for the same template; templates are cached per resource and never
 * change, so the list is read once per template.
 */
function addedCapabilities(template: PodTemplate): readonly AddedCapability[] {
  let list = addedCache.get(template);
  if (!list) {
    const found: AddedCapability[] = [];
    visitContainers(template.spec, `${template.pointer}/spec`, (visit) => {
      arrayAt(visit.container, 'securityContext', 'capabilities', 'add').forEach((value, index) => {
        if (typeof value === 'string') found.push({ visit, value, index, name: normaliseCapability(value) });
      });
    });
    list = Object.freeze(found);
    addedCache.set(template, list);
  }
  return list;
}

const addedCache = new WeakMap<PodTemplate, readonly AddedCapability[]>();

const problems = dangerousCapabilityProblems(DANGEROUS_CAPABILITIES);
if (problems.length > 0) throw new InternalError(`invalid dangerous capability table:\n  ${problems.join('\n  ')}`);

/** One check per dangerous capability, keyed by capability name. */
export const CAPABILITY_CHECKS = Object.fromEntries(DANGEROUS_CAPABILITIES.map((c) => [c.name, capabilityCheck(c)])) as Readonly<
  Record<DangerousCapabilityName, CheckDefinition<CapabilityMessage, Record<string, never>>>
>;
