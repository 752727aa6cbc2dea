/**
 * Runtime threat-detection agents, as data: each is recognised by the image repository of a
 * container in a DaemonSet's pod template (a substring match, so registry mirrors still match).
 */
import { podTemplates } from '../../model/pod-templates.js';
import type { Resource } from '../../model/types.js';
import { listContainers } from '../../model/visit.js';

export interface RuntimeDetector {
  readonly product: string;
  readonly images: readonly string[];
}

export const RUNTIME_DETECTORS: readonly RuntimeDetector[] = [
  { product: 'Falco', images: ['falcosecurity/falco', 'sysdig/falco'] },
  { product: 'Tetragon', images: ['cilium/tetragon'] },
  { product: 'Tracee', images: ['aquasec/tracee'] },
  { product: 'Sysdig agent', images: ['sysdig/agent', 'sysdig/agent-slim', 'sysdig/shield'] },
  { product: 'KubeArmor', images: ['kubearmor/kubearmor'] },
  { product: 'NeuVector enforcer', images: ['neuvector/enforcer'] },
  { product: 'Aqua enforcer', images: ['aquasec/enforcer', 'aquasec/kube-enforcer'] },
  { product: 'Prisma Cloud Defender', images: ['twistlock/defender', 'prismacloud/defender'] },
  { product: 'CrowdStrike Falcon sensor', images: ['falcon-sensor', 'crowdstrike/falcon'] },
  { product: 'Datadog Workload Protection', images: ['datadog/security-agent'] },
  { product: 'Microsoft Defender for Containers', images: ['azuredefender/stable/security-publisher', 'azuredefender/stable/low-level-collector'] },
  { product: 'Kubescape node agent', images: ['kubescape/node-agent'] },
];

/**
 * The detection product a DaemonSet runs, if any.
 *
 * @example
 * detectorOf(falcoDaemonSet); // 'Falco'
 */
export function detectorOf(daemonSet: Resource): string | undefined {
  for (const template of podTemplates(daemonSet)) {
    for (const { container } of listContainers(template.spec, `${template.pointer}/spec`)) {
      const image = typeof container['image'] === 'string' ? container['image'] : '';
      const found = RUNTIME_DETECTORS.find((d) => d.images.some((repo) => image.includes(repo)));
      if (found) return found.product;
    }
  }
  return undefined;
}
