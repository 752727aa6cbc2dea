/**
 * seLinuxOptions (baseline, 1.0+; 1.31 allows container_engine_t): setting a custom SELinux
 * user or role is forbidden, and the type is limited to the container types.
 *
 * Restricted fields: spec.securityContext.seLinuxOptions.type,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seLinuxOptions.type
 * Allowed values: "", container_t, container_init_t, container_kvm_t (1.31+: container_engine_t)
 * Restricted fields: the same objects' .user and .role
 * Allowed values: "", undefined/null
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import {
  ALLOWED,
  containerFieldPath,
  describeContainers,
  forbidden,
  joinQuote,
  namesOf,
  objectAt,
  pluralize,
  podContainers,
  sortedSet,
  specFieldPath,
  stringAt,
} from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { JsonObject } from '../../model/types.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const ALLOWED_TYPES_V1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const ALLOWED_TYPES_V1_31: ReadonlySet<string> = new Set([...ALLOWED_TYPES_V1_0, 'container_engine_t']);

/** What one seLinuxOptions object gets wrong, with the offending field names. */
function problemsOf(options: JsonObject, allowedTypes: ReadonlySet<string>): Array<'type' | 'user' | 'role'> {
  const problems: Array<'type' | 'user' | 'role'> = [];
  if (!allowedTypes.has(stringAt(options, 'type'))) problems.push('type');
  if (stringAt(options, 'user') !== '') problems.push('user');
  if (stringAt(options, 'role') !== '') problems.push('role');
  return problems;
}

function seLinuxOptionsWith(allowedTypes: ReadonlySet<string>): PodCheckFn {
  return (_podMetadata, podSpec) => {
    const badSetters: string[] = [];
    const badTypes: string[] = [];
    const paths: string[] = [];
    let setUser = false;
    let setRole = false;

    /** Records the problems of one options object; true when it has any. */
    const inspect = (options: JsonObject | undefined, pathOf: (field: string) => string): boolean => {
      if (options === undefined) return false;
      const problems = problemsOf(options, allowedTypes);
      if (problems.includes('type')) badTypes.push(stringAt(options, 'type'));
      setUser ||= problems.includes('user');
      setRole ||= problems.includes('role');
      paths.push(...problems.map(pathOf));
      return problems.length > 0;
    };

    const podOptions = objectAt(podSpec, 'securityContext', 'seLinuxOptions');
    if (inspect(podOptions, (field) => specFieldPath(podSpec, 'securityContext', 'seLinuxOptions', field))) {
      badSetters.push('pod');
    }
    const badContainers = podContainers(podSpec).filter((c) =>
      inspect(objectAt(c.container, 'securityContext', 'seLinuxOptions'), (field) =>
        containerFieldPath(c, 'securityContext', 'seLinuxOptions', field),
      ),
    );
    if (badContainers.length > 0) badSetters.push(describeContainers(namesOf(badContainers)));
    if (badSetters.length === 0) return ALLOWED;

    const badData: string[] = [];
    const typeList = sortedSet(badTypes);
    if (typeList.length > 0) badData.push(`${pluralize('type', 'types', typeList.length)} ${joinQuote(typeList)}`);
    if (setUser) badData.push('user may not be set');
    if (setRole) badData.push('role may not be set');
    return forbidden(
      'seLinuxOptions',
      `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${badData.join('; ')}`,
      paths,
    );
  };
}

export const seLinuxOptions: PodSecurityCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [
    { minimumVersion: '1.0', check: seLinuxOptionsWith(ALLOWED_TYPES_V1_0) },
    { minimumVersion: '1.31', check: seLinuxOptionsWith(ALLOWED_TYPES_V1_31) },
  ],
};

export default pssScanCheck(seLinuxOptions, {
  title: 'Custom SELinux options',
  severity: 'medium',
  controls: [pssLevel('baseline'), cis('5.7.3'), NSA_POD_SECURITY],
  remediation:
    'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and set `seLinuxOptions.type` only to container_t, container_init_t, container_kvm_t or container_engine_t (or leave it unset).',
  docs: [
    'SELinux confines containers to the `container_t` domain. A custom type, user or role can',
    'place the container in an unconfined or host domain and void that isolation. Pod Security',
    'Standards **baseline** allows only the container types and forbids setting user or role.',
  ].join('\n'),
});
