/**
 * Workload patches that move Secrets from environment variables to mounted files (CIS 5.4.1):
 * each `env[].valueFrom.secretKeyRef` becomes `<NAME>_FILE` holding the path of the key's file,
 * each `envFrom[].secretRef` is removed and its Secret mounted as a directory, and the pod gets
 * one read-only `secret` volume per Secret.
 *
 * The patches use only `add` and `replace` (RFC 6902), replacing whole `env`/`envFrom` arrays,
 * so they apply with `kubectl patch --type json` and with Rampart's own patcher alike.
 */
import { isJsonObject, joinPointer, type JsonObject, type JsonValue } from '../../../model/types.js';
import { CONTAINER_KINDS } from '../../../model/visit.js';
import type { Workload } from '../admission/common.js';

export type JsonPatchOp = { op: 'add'; path: string; value: JsonValue } | { op: 'replace'; path: string; value: JsonValue };

/** Where mounted Secrets appear inside containers. */
export const SECRET_MOUNT_ROOT = '/var/run/secrets/rampart';

/**
 * The volume name for a Secret (a DNS label).
 *
 * @example
 * secretVolumeName('cart.db'); // 'secret-cart-db'
 */
export function secretVolumeName(secret: string): string {
  return `secret-${secret}`.replace(/[^a-z0-9-]/g, '-').slice(0, 63).replace(/-+$/, '');
}

/**
 * @example
 * secretMountPath('cart-db'); // '/var/run/secrets/rampart/cart-db'
 */
export function secretMountPath(secret: string): string {
  return `${SECRET_MOUNT_ROOT}/${secret}`;
}

function objects(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

export interface WorkloadPatch {
  workload: Workload;
  ops: JsonPatchOp[];
  /** Environment variables renamed to `<NAME>_FILE`, for the README. */
  renamed: string[];
}

/**
 * The patch of one workload, or undefined when no container takes a Secret through its
 * environment.
 *
 * @example
 * secretsAsFilesPatch(workload)?.ops; // [{ op: 'replace', path: '/spec/template/spec/containers/0/env', value: [...] }, …]
 */
export function secretsAsFilesPatch(workload: Workload): WorkloadPatch | undefined {
  const ops: JsonPatchOp[] = [];
  const renamed: string[] = [];
  for (const template of workload.templates) {
    const specPointer = joinPointer(template.pointer, 'spec');
    const mountedSecrets = new Set<string>();
    // Ephemeral containers cannot mount volumes: they keep their environment.
    for (const kind of CONTAINER_KINDS.filter((k) => k !== 'ephemeralContainers')) {
      objects(template.spec[kind]).forEach((container, index) => {
        const pointer = joinPointer(specPointer, kind, index);
        const secrets = new Set<string>();
        const env = objects(container['env']);
        let envChanged = false;
        const newEnv: JsonValue[] = env.map((entry) => {
          const ref = isJsonObject(entry['valueFrom']) ? entry['valueFrom']['secretKeyRef'] : undefined;
          if (!isJsonObject(ref) || typeof ref['name'] !== 'string' || typeof ref['key'] !== 'string' || typeof entry['name'] !== 'string') return entry;
          envChanged = true;
          secrets.add(ref['name']);
          renamed.push(`${entry['name']} → ${entry['name']}_FILE`);
          return { name: `${entry['name']}_FILE`, value: `${secretMountPath(ref['name'])}/${ref['key']}` };
        });
        const envFrom = objects(container['envFrom']);
        const keptEnvFrom = envFrom.filter((source) => {
          const name = isJsonObject(source['secretRef']) ? source['secretRef']['name'] : undefined;
          if (typeof name !== 'string') return true;
          secrets.add(name);
          return false;
        });
        if (secrets.size === 0) return;
        if (envChanged) ops.push({ op: 'replace', path: joinPointer(pointer, 'env'), value: newEnv });
        if (keptEnvFrom.length !== envFrom.length) ops.push({ op: 'replace', path: joinPointer(pointer, 'envFrom'), value: keptEnvFrom });
        const mounts = [...secrets].sort().map((s) => ({ name: secretVolumeName(s), mountPath: secretMountPath(s), readOnly: true }));
        if (Array.isArray(container['volumeMounts'])) for (const m of mounts) ops.push({ op: 'add', path: joinPointer(pointer, 'volumeMounts', '-'), value: m });
        else ops.push({ op: 'add', path: joinPointer(pointer, 'volumeMounts'), value: mounts });
        for (const s of secrets) mountedSecrets.add(s);
      });
    }
    if (mountedSecrets.size === 0) continue;
    const existing = new Set(objects(template.spec['volumes']).map((v) => v['name']));
    // Files owned by root: group-readable when the pod sets fsGroup, else world-readable inside the container.
    const securityContext = template.spec['securityContext'];
    const defaultMode = isJsonObject(securityContext) && securityContext['fsGroup'] !== undefined ? 0o440 : 0o444;
    const volumes = [...mountedSecrets]
      .sort()
      .filter((s) => !existing.has(secretVolumeName(s)))
      .map((s) => ({ name: secretVolumeName(s), secret: { secretName: s, defaultMode } }));
    if (Array.isArray(template.spec['volumes'])) for (const v of volumes) ops.push({ op: 'add', path: joinPointer(specPointer, 'volumes', '-'), value: v });
    else if (volumes.length > 0) ops.push({ op: 'add', path: joinPointer(specPointer, 'volumes'), value: volumes });
  }
  return ops.length > 0 ? { workload, ops, renamed } : undefined;
}
