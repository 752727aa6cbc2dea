/**
 * One RBAC model and escalation graph per inventory, shared by the scan checks (risks and
 * paths run over the same inventory in one scan).
 */
import type { Inventory } from '../../model/inventory.js';
import { loadDefaultRoles } from './defaults.js';
import { buildRbacModel, type RbacModel } from './model.js';
import { buildEscalationGraph, type EscalationGraph } from './paths.js';

const models = new WeakMap<Inventory, RbacModel>();
const graphs = new WeakMap<Inventory, EscalationGraph>();

/**
 * The RBAC model of an inventory, with the default roles, built once.
 *
 * @example
 * const model = modelOfInventory(context.inventory);
 */
export function modelOfInventory(inventory: Inventory): RbacModel {
  let model = models.get(inventory);
  if (!model) models.set(inventory, (model = buildRbacModel(inventory, { defaults: loadDefaultRoles() })));
  return model;
}

/**
 * The escalation graph of an inventory, built once.
 *
 * @example
 * findPaths(graphOfInventory(context.inventory), { targets: ['cluster-admin'] });
 */
export function graphOfInventory(inventory: Inventory): EscalationGraph {
  let graph = graphs.get(inventory);
  if (!graph) graphs.set(inventory, (graph = buildEscalationGraph(modelOfInventory(inventory), inventory)));
  return graph;
}
