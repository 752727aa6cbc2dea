/**
 * Start-up validation of the check registry: a registry with a duplicate id, an unknown
 * framework, domain or severity, unordered versions, a message id without a template, or a
 * remediation that is not a sentence is a bug, reported with every problem at once.
 */
import { InternalError } from '../errors.js';
import { DOMAINS, FRAMEWORKS, SEVERITIES, type AnyCheck } from './types.js';

const ID_PATTERN = /^[a-z][a-z0-9]*(?:[._-][a-zA-Z0-9]+)*$/;

/** Compares "1.N" versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Every problem with the registry, as messages naming the check. Empty when the registry is sound. */
export function registryProblems(checks: readonly AnyCheck[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const check of checks) {
    const where = `check ${JSON.stringify(check.id)}`;
    if (seen.has(check.id)) problems.push(`${where}: duplicate id`);
    seen.add(check.id);
    if (!ID_PATTERN.test(check.id)) problems.push(`${where}: id must be dotted or kebab-case`);
    if (!(SEVERITIES as readonly string[]).includes(check.severity)) problems.push(`${where}: unknown severity ${JSON.stringify(check.severity)}`);
    if (!(DOMAINS as readonly string[]).includes(check.domain)) problems.push(`${where}: unknown domain ${JSON.stringify(check.domain)}`);
    if (check.controls.length === 0) problems.push(`${where}: maps to no control`);
    for (const control of check.controls) {
      if (!(FRAMEWORKS as readonly string[]).includes(control.framework)) problems.push(`${where}: unknown framework ${JSON.stringify(control.framework)}`);
      if (!control.id) problems.push(`${where}: control of ${control.framework} has no id`);
    }
    if (!/^[A-Z`"(].*[.!)]$/s.test(check.remediation.trim())) problems.push(`${where}: remediation must be a full sentence`);
    if (check.title.trim() === '') problems.push(`${where}: empty title`);
    if (Object.keys(check.messages).length === 0) problems.push(`${where}: no messages`);
    if (check.scope === 'resource') {
      const versions = check.versions ?? [];
      if (!check.evaluate && versions.length === 0) problems.push(`${where}: neither evaluate nor versions`);
      for (let i = 1; i < versions.length; i++) {
        if (compareVersions((versions[i - 1] as { since: string }).since, (versions[i] as { since: string }).since) >= 0) {
          problems.push(`${where}: versions must be listed oldest first without repeats`);
        }
      }
    }
  }
  return problems;
}

/**
 * Throws when the registry is unsound.
 *
 * @example
 * assertValidRegistry(Object.values(CHECK_REGISTRY));
 */
export function assertValidRegistry(checks: readonly AnyCheck[]): void {
  const problems = registryProblems(checks);
  if (problems.length > 0) throw new InternalError(`invalid check registry:\n  ${problems.join('\n  ')}`);
}
