/**
 * restrictedVolumes (restricted, 1.0+): only volume types that are ephemeral, projected from the
 * API, or backed by a PersistentVolume are allowed; overrides hostPathVolumes. Upstream added the
 * `image` source to its single 1.0 implementation, so it is allowed at every version.
 *
 * Restricted fields: every spec.volumes[*] source
 * Allowed values: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim,
 *   projected, secret
 *
 * Pod Security Admission sees pods after API defaulting, which turns a volume that names no
 * source into an emptyDir volume; upstream's fixtures rely on it, so such a volume is allowed.
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, forbidden, joinQuote, listAt, pluralize, sortedSet, stringAt, valueAt } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const ALLOWED_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
] as const;

/**
 * Restricted sources in upstream's order of precedence, each with the JSON field that holds it
 * and the name upstream prints (which is lower-case for cephfs and storageos).
 */
const RESTRICTED_SOURCES: ReadonlyArray<{ field: string; name: string }> = [
  { field: 'hostPath', name: 'hostPath' },
  { field: 'gcePersistentDisk', name: 'gcePersistentDisk' },
  { field: 'awsElasticBlockStore', name: 'awsElasticBlockStore' },
  { field: 'gitRepo', name: 'gitRepo' },
  { field: 'nfs', name: 'nfs' },
  { field: 'iscsi', name: 'iscsi' },
  { field: 'glusterfs', name: 'glusterfs' },
  { field: 'rbd', name: 'rbd' },
  { field: 'flexVolume', name: 'flexVolume' },
  { field: 'cinder', name: 'cinder' },
  { field: 'cephfs', name: 'cephfs' },
  { field: 'flocker', name: 'flocker' },
  { field: 'fc', name: 'fc' },
  { field: 'azureFile', name: 'azureFile' },
  { field: 'vsphereVolume', name: 'vsphereVolume' },
  { field: 'quobyte', name: 'quobyte' },
  { field: 'azureDisk', name: 'azureDisk' },
  { field: 'photonPersistentDisk', name: 'photonPersistentDisk' },
  { field: 'portworxVolume', name: 'portworxVolume' },
  { field: 'scaleIO', name: 'scaleIO' },
  { field: 'storageos', name: 'storageos' },
];

const restrictedVolumesV1Dot0: PodCheckFn = (_podMetadata, podSpec) => {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  const paths: string[] = [];
  listAt(podSpec, 'volumes').forEach((volume, index) => {
    if (ALLOWED_SOURCES.some((field) => valueAt(volume, field) !== undefined)) return;
    // No known source at all: API defaulting makes it an emptyDir (upstream's "unknown" type is
    // therefore unreachable for admitted pods).
    const source = RESTRICTED_SOURCES.find((s) => valueAt(volume, s.field) !== undefined);
    if (source === undefined) return;
    badVolumes.push(stringAt(volume, 'name'));
    badTypes.push(source.name);
    paths.push(`/spec/volumes/${index}/${source.field}`);
  });
  if (badVolumes.length === 0) return ALLOWED;
  const typeList = sortedSet(badTypes);
  return forbidden(
    'restricted volume types',
    `${pluralize('volume', 'volumes', badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize('uses', 'use', badVolumes.length)} ${pluralize('restricted volume type', 'restricted volume types', typeList.length)} ${joinQuote(typeList)}`,
    paths,
  );
};

export const restrictedVolumes: PodSecurityCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [{ minimumVersion: '1.0', check: restrictedVolumesV1Dot0, overrides: ['hostPathVolumes'] }],
};

export default pssScanCheck(restrictedVolumes, {
  title: 'Restricted volume type',
  severity: 'medium',
  controls: [pssLevel('restricted'), cis('5.2.12'), NSA_POD_SECURITY],
  remediation:
    'Use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volumes. Reach network storage through a PersistentVolumeClaim bound to a PersistentVolume that the cluster administrator defines.',
  docs: [
    'In-line volume sources such as `nfs`, `iscsi`, `rbd` or `hostPath` let a pod author mount',
    'arbitrary storage or host paths with the node\'s credentials. Pod Security Standards',
    '**restricted** allows only sources that are ephemeral, projected from the API, or go through',
    'a PersistentVolumeClaim, where the administrator controls the storage.',
  ].join('\n'),
});
