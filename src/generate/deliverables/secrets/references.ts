/**
 * Which Secrets the inventory's workloads use, and how: by key (`env[].valueFrom.secretKeyRef`),
 * whole (`envFrom[].secretRef`, a `secret` volume without items, a projected `secret` source), or
 * by named items of a volume. Names and keys only — values are never read.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../../model/types.js';
import { visitContainers } from '../../../model/visit.js';
import type { Inventory } from '../../../model/inventory.js';
import { compareStrings, workloads } from '../admission/common.js';

export interface SecretUse {
  namespace: string;
  name: string;
  /** Keys read individually; empty when only whole-Secret uses exist. */
  keys: string[];
  /** True when some use takes every key (envFrom, a volume without items). */
  whole: boolean;
  /** `Kind/name` of the workloads using it, sorted. */
  usedBy: string[];
}

function arrayOf(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

function str(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Every Secret the workloads reference, per namespace, sorted by namespace and name. Secrets of
 * type `kubernetes.io/service-account-token` are left out (the API server manages them).
 *
 * @example
 * secretUses(inventory); // [{ namespace: 'shop', name: 'cart-db', keys: ['password'], whole: false, usedBy: ['Deployment/cart'] }]
 */
export function secretUses(inventory: Inventory): SecretUse[] {
  const uses = new Map<string, { namespace: string; name: string; keys: Set<string>; whole: boolean; usedBy: Set<string> }>();
  const note = (namespace: string, name: string, owner: string, key: string | undefined): void => {
    const id = `${namespace}\u0000${name}`;
    const use = uses.get(id) ?? { namespace, name, keys: new Set<string>(), whole: false, usedBy: new Set<string>() };
    if (key === undefined) use.whole = true;
    else use.keys.add(key);
    use.usedBy.add(owner);
    uses.set(id, use);
  };
  for (const workload of workloads(inventory)) {
    const owner = `${workload.resource.kind}/${workload.resource.name}`;
    for (const template of workload.templates) {
      visitContainers(template.spec, `${template.pointer}/spec`, ({ container }) => {
        for (const env of arrayOf(container['env'])) {
          const ref = isJsonObject(env['valueFrom']) ? env['valueFrom']['secretKeyRef'] : undefined;
          if (!isJsonObject(ref)) continue;
          const name = str(ref['name']);
          if (name !== undefined) note(workload.namespace, name, owner, str(ref['key']));
        }
        for (const source of arrayOf(container['envFrom'])) {
          const name = isJsonObject(source['secretRef']) ? str(source['secretRef']['name']) : undefined;
          if (name !== undefined) note(workload.namespace, name, owner, undefined);
        }
      });
      for (const volume of arrayOf(template.spec['volumes'])) {
        const secrets: JsonObject[] = [];
        if (isJsonObject(volume['secret'])) secrets.push({ name: volume['secret']['secretName'] ?? null, items: volume['secret']['items'] ?? null });
        if (isJsonObject(volume['projected'])) {
          for (const source of arrayOf(volume['projected']['sources'])) if (isJsonObject(source['secret'])) secrets.push({ name: source['secret']['name'] ?? null, items: source['secret']['items'] ?? null });
        }
        for (const secret of secrets) {
          const name = str(secret['name']);
          if (name === undefined) continue;
          const items = arrayOf(secret['items']);
          if (items.length === 0) note(workload.namespace, name, owner, undefined);
          else for (const item of items) note(workload.namespace, name, owner, str(item['key']));
        }
      }
    }
  }
  return [...uses.values()]
    .filter((u) => inventory.get('Secret', u.namespace, u.name)?.body['type'] !== 'kubernetes.io/service-account-token')
    .map((u) => ({ namespace: u.namespace, name: u.name, keys: [...u.keys].sort(), whole: u.whole, usedBy: [...u.usedBy].sort() }))
    .sort((a, b) => compareStrings(`${a.namespace}\u0000${a.name}`, `${b.namespace}\u0000${b.name}`));
}
