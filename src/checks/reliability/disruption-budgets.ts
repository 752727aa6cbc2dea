/**
 * PodDisruptionBudgets and the workloads they protect, with the selector semantics of the
 * disruption controller: `policy/v1` treats an empty selector as "every pod in the namespace",
 * `policy/v1beta1` as "no pod"; an absent selector selects nothing.
 */
import { matchesLabelSelector } from '../../analyzers/netpol/selector.js';
import { effectiveNamespace, type Inventory } from '../../model/inventory.js';
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, stringMap, type Resource } from '../../model/types.js';
import { objectAt } from '../workload/helpers.js';

/** The labels of the pods a workload creates (its first pod template). */
export function podLabels(workload: Resource): Record<string, string> {
  const template = podTemplates(workload)[0];
  return template ? stringMap(template.metadata['labels']) : {};
}

/** True when `pdb` selects pods with `labels` in `namespace`. */
export function budgetSelects(pdb: Resource, namespace: string | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (effectiveNamespace(pdb) !== namespace) return false;
  const selector = objectAt(pdb.body, 'spec', 'selector');
  if (!selector) return false;
  const empty = isJsonObject(selector) && Object.keys(selector).length === 0;
  if (empty && pdb.apiVersion === 'policy/v1beta1') return false;
  return matchesLabelSelector(selector, labels);
}

/**
 * The PodDisruptionBudgets of an inventory indexed by namespace, so that matching every
 * workload stays linear in the number of budgets per namespace.
 *
 * @example
 * const budgets = new DisruptionBudgets(inventory);
 * if (budgets.covering(deployment).length === 0) …
 */
export class DisruptionBudgets {
  private readonly byNamespace = new Map<string | undefined, Resource[]>();

  constructor(inventory: Inventory) {
    for (const pdb of inventory.ofKind('PodDisruptionBudget')) {
      const namespace = effectiveNamespace(pdb);
      const list = this.byNamespace.get(namespace);
      if (list) list.push(pdb);
      else this.byNamespace.set(namespace, [pdb]);
    }
  }

  /** The budgets that select a workload's pods. */
  covering(workload: Resource): Resource[] {
    const namespace = effectiveNamespace(workload);
    const labels = podLabels(workload);
    return (this.byNamespace.get(namespace) ?? []).filter((pdb) => budgetSelects(pdb, namespace, labels));
  }
}
