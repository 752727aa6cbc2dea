/**
 * Fix for workload.read-only-root-filesystem: sets `securityContext.readOnlyRootFilesystem: true`
 * on the container and, unless it already mounts something at `/tmp`, gives it a writable
 * `emptyDir` there.
 *
 * Each container gets its own `/tmp` volume (`tmp`, or `tmp-<container>` when `tmp` is taken), so
 * containers do not start sharing temporary files they kept apart before. An emptyDir counts
 * against the pod's ephemeral storage just as writes to the root filesystem did.
 *
 * This is hardening, not a no-op: an application that writes anywhere other than `/tmp` (caches,
 * PID files, `/var/run`) fails until it gets a volume there too. That is the cost the check asks
 * for; suppress the finding (`rampart.dev/ignore`) for a workload that cannot take it yet. An
 * explicit `readOnlyRootFilesystem: false` is a decision and is reported, not overwritten.
 */
import { isJsonObject, joinPointer, type JsonValue } from '../../model/types.js';
import { ensureValue } from '../json-patch.js';
import { containerAt, isWindowsPod, read, WINDOWS_REASON } from '../pod.js';
import { defineFix, patch, unsafe, type PatchOp } from '../types.js';

const TMP = '/tmp';
const MAX_NAME = 63;

function mountsTmp(mounts: readonly JsonValue[]): boolean {
  return mounts.some((m) => isJsonObject(m) && typeof m['mountPath'] === 'string' && m['mountPath'].replace(/\/+$/, '') === TMP);
}

/** A volume name not yet used in the pod: `tmp`, else `tmp-<container>`, else with a counter. */
function freeVolumeName(taken: ReadonlySet<string>, containerName: string): string {
  if (!taken.has('tmp')) return 'tmp';
  const base = `tmp-${containerName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, MAX_NAME).replace(/-+$/, '');
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_NAME - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export default defineFix({
  checkId: 'workload.read-only-root-filesystem',
  description: 'sets securityContext.readOnlyRootFilesystem: true and mounts an emptyDir at /tmp when nothing is mounted there',
  fix({ resource, body, finding }) {
    const target = containerAt(resource, body, finding.path);
    if (!target) return unsafe('the finding does not point into a container');
    const { spec } = target.template;
    if (isWindowsPod(spec)) return unsafe(WINDOWS_REASON);
    const { container, pointer, name } = target.container;
    const current = read(container, 'securityContext', 'readOnlyRootFilesystem');
    if (current === true) return patch([]);
    if (current !== undefined) return unsafe('the container sets readOnlyRootFilesystem: false explicitly; change it by hand');

    const ops: PatchOp[] = [];
    const mounts = read(container, 'volumeMounts');
    if (mounts !== undefined && !Array.isArray(mounts)) return unsafe('volumeMounts is not a list');
    if (!mountsTmp(mounts ?? [])) {
      const volumes = read(spec, 'volumes');
      if (volumes !== undefined && !Array.isArray(volumes)) return unsafe('the pod volumes are not a list');
      const taken = new Set((volumes ?? []).flatMap((v) => (isJsonObject(v) && typeof v['name'] === 'string' ? [v['name']] : [])));
      const volumeName = freeVolumeName(taken, name);
      const volume = { name: volumeName, emptyDir: {} };
      const mount = { name: volumeName, mountPath: TMP };
      ops.push(
        volumes ? { op: 'add', path: joinPointer(target.specPointer, 'volumes', '-'), value: volume } : { op: 'add', path: joinPointer(target.specPointer, 'volumes'), value: [volume] },
        mounts ? { op: 'add', path: joinPointer(pointer, 'volumeMounts', '-'), value: mount } : { op: 'add', path: joinPointer(pointer, 'volumeMounts'), value: [mount] },
      );
    }
    const readOnly = ensureValue(body, pointer, ['securityContext', 'readOnlyRootFilesystem'], true);
    if (!readOnly) return unsafe('the container securityContext is not a mapping');
    return patch([...readOnly, ...ops]);
  },
});
