/**
 * The built-in default roles and bindings, read once from `data/rbac/default-roles.yaml`.
 * Reading happens at the edge (the CLI and the scan checks call this); the model only takes the
 * resulting resources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../data-dir.js';
import { loadText } from '../../load/index.js';
import type { Resource } from '../../model/types.js';
import { InternalError } from '../../errors.js';

/** Path of the defaults data file. */
export const DEFAULT_ROLES_FILE = join(DATA_DIR, 'rbac', 'default-roles.yaml');

let cached: readonly Resource[] | undefined;

/**
 * The default ClusterRoles and ClusterRoleBindings of a Kubernetes API server.
 *
 * @example
 * const model = buildRbacModel(inventory, { defaults: loadDefaultRoles() });
 */
export function loadDefaultRoles(): readonly Resource[] {
  if (cached) return cached;
  const result = loadText(readFileSync(DEFAULT_ROLES_FILE, 'utf8'), DEFAULT_ROLES_FILE);
  if (result.errors.length > 0) {
    throw new InternalError(`default roles data is invalid: ${result.errors.map((e) => `${e.file}:${e.line ?? 0}: ${e.message}`).join('; ')}`);
  }
  cached = result.resources;
  return cached;
}
