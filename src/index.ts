/**
 * Rampart as a library: the same loader, evaluator and reporters the CLI uses.
 *
 * @example
 * import { loadInputs, assembleScan, CHECKS, getReporter } from 'rampart';
 * const result = assembleScan(await loadInputs(['k8s/']), CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.37' } });
 * process.stdout.write(getReporter('sarif').render(result, { color: false, toolVersion: TOOL_VERSION }));
 */
export { loadInputs, loadText, resourceFromObject, type LoadResult, type LoadOptions } from './load/index.js';
export { Inventory, effectiveNamespace } from './model/inventory.js';
export { podTemplates, type PodTemplate } from './model/pod-templates.js';
export { visitContainers, type ContainerVisit } from './model/visit.js';
export type { Resource, ResourceRef, JsonObject, JsonValue, SourceInfo } from './model/types.js';
export { CHECKS, CHECK_REGISTRY } from './checks/index.js';
export { evaluatePodSecurity, evaluateResourcePodSecurity, parsePssVersion } from './checks/pod-security/evaluate.js';
export { assembleScan, shouldFail, type ScanOptions } from './engine/scan.js';
export { evaluateInventory } from './engine/runner.js';
export { assertValidRegistry } from './engine/registry.js';
export { defineCheck, type AnyCheck, type CheckDefinition, type Finding, type ScanResult, type Severity, type RunSettings } from './engine/types.js';
export { getReporter, REPORTERS } from './report/index.js';
export { TOOL_VERSION } from './version.js';
export { InputError, ConfigError, UsageError, InternalError } from './errors.js';
