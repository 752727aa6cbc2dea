/**
 * Walks the hostPath volumes of a resource's pod templates: the shared part of the sensitive
 * host path checks and the generic `workload.host-path` check.
 */
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, joinPointer, type Resource } from '../../model/types.js';
import { arrayAt, stringAt } from './helpers.js';

export interface HostPathVolume {
  /** The volume name. */
  volume: string;
  /** `spec.volumes[i].hostPath.path` as written. */
  hostPath: string;
  /** Pointer of `hostPath.path` inside the resource body. */
  pointer: string;
}

export function hostPathVolumes(resource: Resource): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  for (const template of podTemplates(resource)) {
    const specPointer = `${template.pointer}/spec`;
    arrayAt(template.spec, 'volumes').forEach((volume, index) => {
      if (!isJsonObject(volume)) return;
      const hostPath = stringAt(volume, 'hostPath', 'path');
      if (hostPath === undefined) return;
      out.push({
        volume: stringAt(volume, 'name') ?? `#${index}`,
        hostPath,
        pointer: joinPointer(specPointer, 'volumes', index, 'hostPath', 'path'),
      });
    });
  }
  return out;
}
