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

type Field = 'type' | 'user' | 'role';

/** One seLinuxOptions object that breaks the rule, with the fields it gets wrong. */
interface BadOptions {
  options: JsonObject;
  fields: Field[];
  /** Pointer of one of its fields. */
  pathOf: (field: Field) => string;
}

function badFields(options: JsonObject, allowedTypes: ReadonlySet<string>): Field[] {
  const fields: Field[] = [];
  if (!allowedTypes.has(stringAt(options, 'type'))) fields.push('type');
  if (stringAt(options, 'user') !== '') fields.push('user');
  if (stringAt(options, 'role') !== '') fields.push('role');
  return fields;
}

function seLinuxOptionsWith(allowedTypes: ReadonlySet<string>): PodCheckFn {
  const inspect = (options: JsonObject | undefined, pathOf: (field: Field) => string): BadOptions[] => {
    if (options === undefined) return [];
    const fields = badFields(options, allowedTypes);
    return fields.length === 0 ? [] : [{ options, fields, pathOf }];
  };

  return (_podMetadata, podSpec) => {
    const badPod = inspect(objectAt(podSpec, 'securityContext', 'seLinuxOptions'), (field) =>
      specFieldPath(podSpec, 'securityContext', 'seLinuxOptions', field),
    );
    const badContainers = podContainers(podSpec).flatMap((c) =>
      inspect(objectAt(c.container, 'securityContext', 'seLinuxOptions'), (field) =>
        containerFieldPath(c, 'securityContext', 'seLinuxOptions', field),
      ).map((bad) => ({ ...bad, name: c.name })),
    );
    const all = [...badPod, ...badContainers];
    if (all.length === 0) return ALLOWED;

    const badSetters: string[] = [];
    if (badPod.length > 0) badSetters.push('pod');
    if (badContainers.length > 0) badSetters.push(describeContainers(badContainers.map((b) => b.name)));

    const has = (field: Field): boolean => all.some((b) => b.fields.includes(field));
    const badTypes = sortedSet(all.filter((b) => b.fields.includes('type')).map((b) => stringAt(b.options, 'type')));
    const badData: string[] = [];
    if (badTypes.length > 0) badData.push(`${pluralize('type', 'types', badTypes.length)} ${joinQuote(badTypes)}`);
    if (has('user')) badData.push('user may not be set');
    if (has('role')) badData.push('role may not be set');
    return forbidden(
      'seLinuxOptions',
      `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${badData.join('; ')}`,
      all.flatMap((b) => b.fields.map(b.pathOf)),
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
