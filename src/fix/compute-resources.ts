/**
 * The template behind the four resource fixes (`workload.cpu-requests`, `workload.cpu-limits`,
 * `workload.memory-requests`, `workload.memory-limits`).
 *
 * - A missing request where the container sets a limit becomes a copy of the limit: the API
 *   server already defaults a missing request to the limit, so writing it down changes nothing.
 * - Otherwise the value comes from the fix options (`--default-cpu-request` and friends); without
 *   one there is no safe value and the finding is reported.
 * - A value that would put a request above its limit is never written (the API server would
 *   reject the pod).
 *
 * Ephemeral containers never get resources (the API forbids them).
 */
import { ensureValue } from './json-patch.js';
import { containerAt, read } from './pod.js';
import { parseQuantity } from './quantity.js';
import { defineFix, patch, unsafe, type FixDefinition, type FixOptions } from './types.js';

export type ResourceKind = 'requests' | 'limits';
export type ComputeResource = 'cpu' | 'memory';

const OPTION_KEYS = {
  cpu: { requests: 'cpuRequest', limits: 'cpuLimit' },
  memory: { requests: 'memoryRequest', limits: 'memoryLimit' },
} as const satisfies Record<ComputeResource, Record<ResourceKind, keyof NonNullable<FixOptions['defaultResources']>>>;

/** The command-line flag that supplies a default, for messages. */
export function defaultFlag(kind: ResourceKind, resource: ComputeResource): string {
  return `--default-${resource}-${kind === 'requests' ? 'request' : 'limit'}`;
}

/**
 * @example
 * export default computeResourceFix('limits', 'cpu');
 */
export function computeResourceFix(kind: ResourceKind, resource: ComputeResource): FixDefinition {
  const field = `resources.${kind}.${resource}`;
  return defineFix({
    checkId: `workload.${resource}-${kind}`,
    description:
      kind === 'requests'
        ? `sets ${field} to the container's ${resource} limit, or to the ${defaultFlag(kind, resource)} default`
        : `sets ${field} to the ${defaultFlag(kind, resource)} default`,
    fix({ resource: object, body, finding, options }) {
      const target = containerAt(object, body, finding.path);
      if (!target) return unsafe('the finding does not point into a container');
      if (target.container.kind === 'ephemeralContainers') return unsafe('ephemeral containers cannot set resources');
      const container = target.container.container;
      if (read(container, 'resources', kind, resource) !== undefined) return patch([]);
      const original = containerAt(object, object.body, finding.path)?.container.container;
      const originalLimit = kind === 'requests' ? read(original, 'resources', 'limits', resource) : undefined;
      const value = originalLimit ?? options.defaultResources?.[OPTION_KEYS[resource][kind]];
      if (value === undefined) {
        return unsafe(`no default ${resource} ${kind === 'requests' ? 'request' : 'limit'} was given (${defaultFlag(kind, resource)})`, defaultFlag(kind, resource));
      }
      if (typeof value !== 'string' && typeof value !== 'number') return unsafe(`resources.limits.${resource} is not a quantity`);

      const request = kind === 'requests' ? value : read(container, 'resources', 'requests', resource);
      const limit = kind === 'limits' ? value : read(container, 'resources', 'limits', resource);
      if (request !== undefined && limit !== undefined) {
        const requested = parseQuantity(request);
        const limited = parseQuantity(limit);
        if (requested === undefined || limited === undefined) return unsafe(`the container's ${resource} request or limit is not a valid quantity`);
        if (requested > limited) {
          return unsafe(`${resource} request ${String(request)} would exceed the limit ${String(limit)}, which the API server rejects`);
        }
      }
      const ops = ensureValue(body, target.container.pointer, ['resources', kind, resource], value);
      return ops ? patch(ops) : unsafe('the container resources are not a mapping');
    },
  });
}
