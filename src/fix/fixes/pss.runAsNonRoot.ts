/**
 * Fix for pss.runAsNonRoot: sets `securityContext.runAsNonRoot: true`, but only where the user the
 * container runs as is known to be non-root — a non-zero `runAsUser` on the container or
 * inherited from the pod.
 *
 * Where the user comes from the image, the fix is not safe: the kubelet refuses to start a
 * container whose image runs as root under `runAsNonRoot: true`, and a manifest cannot tell what
 * the image's USER is. With a known non-zero UID the setting changes nothing at run time; it
 * only turns a future `runAsUser: 0` into an error.
 *
 * Placement: on the pod when the pod sets a non-zero `runAsUser` and every container inherits a
 * non-zero UID; otherwise on each container whose effective UID is non-zero.
 */
import { joinPointer } from '../../model/types.js';
import { listContainers } from '../../model/visit.js';
import { ensureValue } from '../json-patch.js';
import { containerAt, isWindowsPod, read, templateAt } from '../pod.js';
import { defineFix, patch, unsafe } from '../types.js';

function isNonRootUid(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export default defineFix({
  checkId: 'pss.runAsNonRoot',
  description: 'sets securityContext.runAsNonRoot: true where runAsUser already names a non-root UID',
  fix({ resource, body, finding }) {
    const template = templateAt(resource, body, finding.path);
    if (!template) return unsafe('the finding does not point into a pod template');
    const { spec } = template.template;
    if (isWindowsPod(spec)) return unsafe('the pod runs on Windows (spec.os.name: windows), where runAsNonRoot depends on the image user name');
    if (finding.path === joinPointer(template.specPointer, 'securityContext', 'runAsNonRoot') && read(spec, 'securityContext', 'runAsNonRoot') === false) {
      return unsafe('the pod sets runAsNonRoot: false explicitly; change it by hand');
    }
    const target = containerAt(resource, body, finding.path);
    if (!target) return unsafe('the finding does not point into a container');
    const { container } = target.container;
    if (read(container, 'securityContext', 'runAsNonRoot') === false) return unsafe('the container sets runAsNonRoot: false explicitly; change it by hand');
    if (read(container, 'securityContext', 'runAsNonRoot') === true || read(spec, 'securityContext', 'runAsNonRoot') === true) return patch([]);

    const podUid = read(spec, 'securityContext', 'runAsUser');
    const effectiveUid = read(container, 'securityContext', 'runAsUser') ?? podUid;
    if (!isNonRootUid(effectiveUid)) {
      return unsafe(
        'the user comes from the image, which a manifest cannot see: runAsNonRoot: true would stop a root image from starting; set runAsUser to a non-zero UID first',
      );
    }
    const everyContainerNonRoot = listContainers(spec, template.specPointer).every((c) =>
      isNonRootUid(read(c.container, 'securityContext', 'runAsUser') ?? podUid),
    );
    const ops =
      isNonRootUid(podUid) && everyContainerNonRoot
        ? ensureValue(body, template.specPointer, ['securityContext', 'runAsNonRoot'], true)
        : ensureValue(body, target.container.pointer, ['securityContext', 'runAsNonRoot'], true);
    return ops ? patch(ops) : unsafe('the securityContext is not a mapping');
  },
});
