/**
 * appArmorProfile (baseline, 1.0+): the default AppArmor profile must not be overridden or
 * disabled. Upstream checks both the fields and the legacy annotations in its single 1.0
 * implementation, so both apply at every policy version.
 *
 * Restricted fields: spec.securityContext.appArmorProfile.type,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.appArmorProfile.type
 * Allowed values: RuntimeDefault, Localhost, undefined/null
 * Restricted fields: metadata.annotations['container.apparmor.security.beta.kubernetes.io/*']
 * Allowed values: runtime/default, localhost/*, "", undefined
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import {
  ALLOWED,
  annotationPath,
  annotationsOf,
  compareGoStrings,
  containerFieldPath,
  describeContainers,
  forbidden,
  goQuote,
  joinQuote,
  objectAt,
  pluralize,
  podContainers,
  sortedSet,
  specFieldPath,
  stringAt,
} from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const ANNOTATION_KEY_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(profile: string): boolean {
  return profile === '' || profile === 'runtime/default' || profile.startsWith('localhost/');
}

function allowedProfileType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

const appArmorProfileV1Dot0: PodCheckFn = (podMetadata, podSpec) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const paths: string[] = [];

  const podProfile = objectAt(podSpec, 'securityContext', 'appArmorProfile');
  if (podProfile !== undefined && !allowedProfileType(stringAt(podProfile, 'type'))) {
    badSetters.push('pod');
    badValues.push(stringAt(podProfile, 'type'));
    paths.push(specFieldPath(podSpec, 'securityContext', 'appArmorProfile', 'type'));
  }

  const badContainers: string[] = [];
  for (const c of podContainers(podSpec)) {
    const profile = objectAt(c.container, 'securityContext', 'appArmorProfile');
    if (profile === undefined || allowedProfileType(stringAt(profile, 'type'))) continue;
    badContainers.push(c.name);
    badValues.push(stringAt(profile, 'type'));
    paths.push(containerFieldPath(c, 'securityContext', 'appArmorProfile', 'type'));
  }
  if (badContainers.length > 0) badSetters.push(describeContainers(badContainers));

  const annotations = Object.entries(annotationsOf(podMetadata))
    .filter(([key, value]) => key.startsWith(ANNOTATION_KEY_PREFIX) && !allowedAnnotationValue(value))
    .map(([key, value]) => ({ text: `${key}=${goQuote(value)}`, path: annotationPath(key) }))
    .sort((a, b) => compareGoStrings(a.text, b.text));

  const badValueList = [...sortedSet(badValues), ...annotations.map((a) => a.text)];
  if (annotations.length > 0) {
    badSetters.push(pluralize('annotation', 'annotations', annotations.length));
    paths.push(...annotations.map((a) => a.path));
  }

  if (badSetters.length === 0) return ALLOWED;
  return forbidden(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', badValueList.length),
    `${badSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(badValueList)}`,
    paths,
  );
};

export const appArmorProfile: PodSecurityCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  versions: [{ minimumVersion: '1.0', check: appArmorProfileV1Dot0 }],
};

export default pssScanCheck(appArmorProfile, {
  title: 'AppArmor profile overridden',
  severity: 'medium',
  controls: [pssLevel('baseline'), cis('5.7.3'), NSA_POD_SECURITY],
  remediation:
    'Set `securityContext.appArmorProfile.type` to `RuntimeDefault` or `Localhost` (or leave it unset), and remove any `container.apparmor.security.beta.kubernetes.io/*` annotation whose value is not `runtime/default` or `localhost/<profile>`.',
  docs: [
    'On nodes with AppArmor, the container runtime confines every container with its default',
    'profile. Setting the profile to `Unconfined` (or the legacy annotation to `unconfined`)',
    'removes that layer. Pod Security Standards **baseline** allows only the runtime default and',
    'profiles loaded on the node (`Localhost`), through the field or the legacy annotation.',
  ].join('\n'),
});
