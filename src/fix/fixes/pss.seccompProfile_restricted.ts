/**
 * Fix for pss.seccompProfile_restricted: sets `securityContext.seccompProfile.type: RuntimeDefault`
 * on the pod, which every container that sets no profile of its own inherits.
 *
 * One pod-level edit answers the findings of every container; a container that sets a profile
 * explicitly keeps it (container settings win), so an explicit `Unconfined` — on the pod or on a
 * container — is reported, never overwritten. Pods still using the legacy seccomp annotations
 * are left alone (the API server requires annotations and fields to agree), as are Windows pods.
 */
import { isJsonObject, type JsonValue } from '../../model/types.js';
import { ensureValue } from '../json-patch.js';
import { containerAt, isWindowsPod, read, templateAt, WINDOWS_REASON } from '../pod.js';
import { defineFix, patch, unsafe } from '../types.js';

const LEGACY_ANNOTATION = /^(container\.)?seccomp\.security\.alpha\.kubernetes\.io\//;

export default defineFix({
  checkId: 'pss.seccompProfile_restricted',
  description: 'sets securityContext.seccompProfile.type: RuntimeDefault on the pod',
  fix({ resource, body, finding }) {
    const target = templateAt(resource, body, finding.path);
    if (!target) return unsafe('the finding does not point into a pod template');
    const { spec, metadata } = target.template;
    if (isWindowsPod(spec)) return unsafe(WINDOWS_REASON);
    const annotations = read(metadata, 'annotations');
    if (isJsonObject(annotations) && Object.keys(annotations).some((k) => LEGACY_ANNOTATION.test(k))) {
      return unsafe('the pod uses the legacy seccomp annotations; move them to securityContext.seccompProfile by hand');
    }
    const podProfile = read(spec, 'securityContext', 'seccompProfile');
    if (podProfile !== undefined && !isValidProfile(podProfile)) {
      return unsafe(`the pod sets seccompProfile.type ${describeType(podProfile)} explicitly; change it by hand`);
    }
    const container = containerAt(resource, body, finding.path);
    if (container) {
      const own = read(container.container.container, 'securityContext', 'seccompProfile');
      if (own !== undefined && !isValidProfile(own)) {
        return unsafe(`the container sets seccompProfile.type ${describeType(own)} explicitly; change it by hand`);
      }
    }
    if (podProfile !== undefined) return patch([]);
    const ops = ensureValue(body, target.specPointer, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' });
    return ops ? patch(ops) : unsafe('the pod securityContext is not a mapping');
  },
});

function isValidProfile(profile: JsonValue): boolean {
  const type = read(profile, 'type');
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function describeType(profile: JsonValue): string {
  const type = read(profile, 'type');
  return typeof type === 'string' && type !== '' ? JSON.stringify(type) : '(empty)';
}
