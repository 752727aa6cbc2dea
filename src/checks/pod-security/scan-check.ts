/**
 * Turns an upstream check definition into a Rampart scan check: the same verdict, evaluated over
 * every pod template of a resource (custom resources included), one finding per offending path.
 */
import { podTemplates } from '../../model/pod-templates.js';
import { defineCheck, type CheckDefinition, type Control, type Severity } from '../../engine/types.js';
import { implementationAt, runsAt } from './versions.js';
import type { PodSecurityCheck, VersionedPodCheck } from './types.js';

export type PssMessageId = 'violation';
export type PssScanCheck = CheckDefinition<PssMessageId, Record<string, never>>;

export interface PssScanMeta {
  title: string;
  severity: Severity;
  controls: readonly Control[];
  remediation: string;
  docs: string;
  /**
   * Restricted checks that may override this baseline check. Upstream declares overrides on the
   * restricted side (`OverrideCheckIDs`, per version); the baseline file names the candidates so
   * that it can ask them without importing the whole registry (which imports this file).
   */
  overriddenBy?: readonly PodSecurityCheck[];
}

/**
 * @example
 * export default pssScanCheck(privileged, { title: 'Privileged container', severity: 'high', … });
 */
export function pssScanCheck(definition: PodSecurityCheck, meta: PssScanMeta): PssScanCheck {
  const overriders = meta.overriddenBy ?? [];
  // The version is the same for every resource of a run: select the implementation once per version.
  const implementations = new Map<string, VersionedPodCheck | undefined>();
  const implementationFor = (version: string): VersionedPodCheck | undefined => {
    if (!implementations.has(version)) implementations.set(version, implementationAt(definition, version));
    return implementations.get(version);
  };
  return defineCheck<PssMessageId>({
    id: `pss.${definition.id}`,
    scope: 'resource',
    match: 'pod-templates',
    domain: 'pod-security',
    title: meta.title,
    severity: meta.severity,
    controls: meta.controls,
    remediation: meta.remediation,
    docs: meta.docs,
    messages: { violation: '{{detail}}' },
    enabledFor: (settings) => runsAt(definition, settings.pssLevel, settings.pssVersion, overriders),
    evaluate: (context) => {
      const implementation = implementationFor(context.settings.pssVersion);
      if (implementation === undefined) return;
      for (const template of podTemplates(context.resource)) {
        const result = implementation.check(template.metadata, template.spec);
        if (result.allowed) continue;
        const detail = result.detail ?? '';
        for (const path of result.paths ?? ['']) {
          context.report({ messageId: 'violation', data: { detail }, path: template.pointer + path });
        }
      }
    },
  });
}
