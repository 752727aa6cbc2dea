/**
 * Fix for pss.allowPrivilegeEscalation: sets `securityContext.allowPrivilegeEscalation: false` on
 * a container that leaves it unset.
 *
 * Safe because: `no_new_privs` only stops a process from gaining privileges through set-user-ID
 * or file-capability binaries. Not applied when the container sets `true` explicitly (a decision
 * to review by hand), is privileged or adds CAP_SYS_ADMIN (the API server rejects `false` with
 * either), or runs in a Windows pod.
 */
import { ensureValue } from '../json-patch.js';
import { containerAt, isWindowsPod, read, WINDOWS_REASON } from '../pod.js';
import { defineFix, patch, unsafe } from '../types.js';

export default defineFix({
  checkId: 'pss.allowPrivilegeEscalation',
  description: 'sets securityContext.allowPrivilegeEscalation: false on the container',
  fix({ resource, body, finding }) {
    const target = containerAt(resource, body, finding.path);
    if (!target) return unsafe('the finding does not point into a container');
    if (isWindowsPod(target.template.spec)) return unsafe(WINDOWS_REASON);
    const { container } = target.container;
    if (read(container, 'securityContext', 'allowPrivilegeEscalation') === true) {
      return unsafe('the container sets allowPrivilegeEscalation: true explicitly; change it by hand once you know the workload does not need it');
    }
    if (read(container, 'securityContext', 'privileged') === true) {
      return unsafe('the container is privileged, and the API server rejects allowPrivilegeEscalation: false on a privileged container');
    }
    const added = read(container, 'securityContext', 'capabilities', 'add');
    if (Array.isArray(added) && added.some((c) => c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN')) {
      return unsafe('the container adds SYS_ADMIN, and the API server rejects allowPrivilegeEscalation: false with that capability');
    }
    const ops = ensureValue(body, target.container.pointer, ['securityContext', 'allowPrivilegeEscalation'], false);
    return ops ? patch(ops) : unsafe('the container securityContext is not a mapping');
  },
});
