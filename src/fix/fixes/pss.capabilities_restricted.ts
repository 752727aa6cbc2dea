/**
 * Fix for pss.capabilities_restricted: adds `ALL` to `securityContext.capabilities.drop`.
 *
 * Capabilities the container adds explicitly are kept: runtimes apply `add` after `drop`, so
 * `drop: [ALL]` with `add: [NET_BIND_SERVICE]` still grants NET_BIND_SERVICE. An explicit add
 * outside the restricted set (the finding then points at `…/capabilities/add/N`) is never removed
 * automatically: the container may need it, and only its owner knows.
 *
 * The fix is hardening, not a no-op: a process that relied on a default capability (CHOWN,
 * SETUID, NET_RAW…) loses it. That is the Pod Security `restricted` requirement itself.
 */
import { joinPointer } from '../../model/types.js';
import { ensureValue } from '../json-patch.js';
import { containerAt, isWindowsPod, read, WINDOWS_REASON } from '../pod.js';
import { defineFix, patch, unsafe } from '../types.js';

const ADDED_CAPABILITY = /\/securityContext\/capabilities\/add\/(\d+)$/;

export default defineFix({
  checkId: 'pss.capabilities_restricted',
  description: 'adds ALL to securityContext.capabilities.drop (explicitly added capabilities are kept)',
  fix({ resource, body, finding }) {
    const target = containerAt(resource, body, finding.path);
    if (!target) return unsafe('the finding does not point into a container');
    const added = ADDED_CAPABILITY.exec(finding.path);
    if (added) {
      const capability = read(target.container.container, 'securityContext', 'capabilities', 'add');
      const name = Array.isArray(capability) ? String(capability[Number(added[1])]) : 'a capability';
      return unsafe(`the container adds ${name} explicitly; remove it by hand if the workload does not need it`);
    }
    if (isWindowsPod(target.template.spec)) return unsafe(WINDOWS_REASON);
    const pointer = target.container.pointer;
    const drop = read(target.container.container, 'securityContext', 'capabilities', 'drop');
    if (Array.isArray(drop)) {
      if (drop.includes('ALL')) return patch([]);
      return patch([{ op: 'add', path: joinPointer(pointer, 'securityContext', 'capabilities', 'drop', '-'), value: 'ALL' }]);
    }
    if (drop !== undefined) return unsafe('securityContext.capabilities.drop is not a list');
    const ops = ensureValue(body, pointer, ['securityContext', 'capabilities', 'drop'], ['ALL']);
    return ops ? patch(ops) : unsafe('the container securityContext or its capabilities are not a mapping');
  },
});
