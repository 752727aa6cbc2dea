/**
 * capabilities_restricted (restricted, 1.22+; Windows pods exempt from 1.25): containers must
 * drop ALL capabilities and may add back only NET_BIND_SERVICE; overrides capabilities_baseline.
 *
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.drop
 * Allowed values: a list that includes ALL
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Allowed values: undefined/empty, NET_BIND_SERVICE
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import {
  ALLOWED,
  containerFieldPath,
  describeContainers,
  forbidden,
  isWindowsPod,
  joinQuote,
  listAt,
  objectAt,
  podContainers,
  sortedSet,
} from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const capabilitiesRestrictedV1Dot22: PodCheckFn = (_podMetadata, podSpec) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbiddenCapabilities: string[] = [];
  const paths: string[] = [];

  for (const c of podContainers(podSpec)) {
    const capabilities = objectAt(c.container, 'securityContext', 'capabilities');
    if (!listAt(capabilities, 'drop').includes('ALL')) {
      missingDropAll.push(c.name);
      paths.push(containerFieldPath(c, 'securityContext', 'capabilities', 'drop'));
    }
    let addsForbidden = false;
    listAt(capabilities, 'add').forEach((capability, index) => {
      if (capability === 'NET_BIND_SERVICE') return;
      addsForbidden = true;
      forbiddenCapabilities.push(typeof capability === 'string' ? capability : '');
      paths.push(`${c.pointer}/securityContext/capabilities/add/${index}`);
    });
    if (addsForbidden) addingForbidden.push(c.name);
  }

  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(`${describeContainers(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${describeContainers(addingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCapabilities))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return ALLOWED;
  return forbidden('unrestricted capabilities', details.join('; '), paths);
};

/** Pod validation rejects capabilities on Windows pods, so there is nothing to require. */
const capabilitiesRestrictedV1Dot25: PodCheckFn = (podMetadata, podSpec) =>
  isWindowsPod(podSpec) ? ALLOWED : capabilitiesRestrictedV1Dot22(podMetadata, podSpec);

export const capabilities_restricted: PodSecurityCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: '1.22', check: capabilitiesRestrictedV1Dot22, overrides: ['capabilities_baseline'] },
    { minimumVersion: '1.25', check: capabilitiesRestrictedV1Dot25, overrides: ['capabilities_baseline'] },
  ],
};

export default pssScanCheck(capabilities_restricted, {
  title: 'Capabilities not dropped',
  severity: 'low',
  controls: [pssLevel('restricted'), cis('5.2.8'), cis('5.2.9'), cis('5.2.10'), NSA_POD_SECURITY],
  remediation:
    'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only `NET_BIND_SERVICE` when the container binds a port below 1024.',
  docs: [
    'Even the runtime\'s default capability set (for example `CHOWN`, `DAC_OVERRIDE`, `SETUID`,',
    '`NET_RAW`) widens what an attacker inside the container can do. Pod Security Standards',
    '**restricted** requires dropping ALL capabilities and adding back at most',
    '`NET_BIND_SERVICE`; Windows pods (`spec.os.name: windows`) are exempt from policy version 1.25.',
  ].join('\n'),
});
