/**
 * Safe autofix: JSON-Patch operations from a registry of fixes keyed by check id, applied to the
 * source YAML by one comment-preserving patcher. See docs/fix.md for the rules.
 *
 * @example
 * import { fixSources } from './fix/index.js';
 * const { files } = fixSources([{ file: 'pod.yaml', text }], { settings: { pssLevel: 'restricted', pssVersion: '1.37' } });
 */
export { FIXES, type FixRegistry } from './fixes/index.js';
export { applyPatch, ensureValue, isDeepEqual } from './json-patch.js';
export { documentSlices, patchYamlText, PatchError, type DocumentSlice, type PatchTarget } from './patcher.js';
export { fixSources, type AppliedFix, type FileFixResult, type FixRunOptions, type FixRunResult, type FixSource, type LocatedFinding, type UnfixedFinding } from './plan.js';
export { parseQuantity } from './quantity.js';
export { templateRefusal } from './template.js';
export { defineFix, patch, unsafe, type FixContext, type FixDefinition, type FixFinding, type FixOptions, type FixOutcome, type PatchOp } from './types.js';
