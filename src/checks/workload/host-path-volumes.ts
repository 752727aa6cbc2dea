/**
 * Walks the hostPath volumes of a resource's pod templates and attributes each to at most one
 * sensitive host path: the shared part of the sensitive host path checks and the generic
 * `workload.host-path` check.
 */
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, joinPointer, type Resource } from '../../model/types.js';
import { arrayAt, stringAt } from './helpers.js';
import { classifyHostPath, type HostPathMatch } from './sensitive-host-paths.js';

export interface HostPathVolume {
  /** The volume name. */
  volume: string;
  /** `spec.volumes[i].hostPath.path` as written. */
  hostPath: string;
  /** Pointer of `hostPath.path` inside the resource body. */
  pointer: string;
  /** The sensitive host path entry this volume is attributed to; undefined for the generic check. */
  sensitive: HostPathMatch | undefined;
}

/** Resources are immutable and eighteen host-path checks read the same volumes: walk them once. */
const volumeCache = new WeakMap<Resource, readonly HostPathVolume[]>();

/** Every hostPath volume of every pod template of `resource`, with its sensitive-path attribution. */
export function hostPathVolumes(resource: Resource): readonly HostPathVolume[] {
  let cached = volumeCache.get(resource);
  if (!cached) {
    cached = findHostPathVolumes(resource);
    volumeCache.set(resource, cached);
  }
  return cached;
}

function findHostPathVolumes(resource: Resource): HostPathVolume[] {
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
        sensitive: classifyHostPath(hostPath),
      });
    });
  }
  return out;
}
