/** Test cases shared by the sensitive host path checks: minimal pods that differ only in the mounted host path. */
import type { SensitiveHostPathSlug } from '../../../../src/checks/workload/sensitive-host-paths.js';
import type { InvalidCase, TesterCase } from '../../../support/check-tester.js';

export const podWithHostPath = (path: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: app
      image: app:1
      volumeMounts: [{name: host, mountPath: /host, readOnly: true}]
  volumes:
    - name: scratch
      emptyDir: {}
    - name: host
      hostPath: {path: "${path}"}`;

export const cronJobWithHostPath = (path: string) => `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: j:1}]
          volumes:
            - name: host
              hostPath: {path: "${path}"}`;

interface Examples {
  /** Paths attributed to the entry as the entry itself or below it. */
  within: string[];
  /** An ancestor path attributed to the entry because it contains it. */
  contains?: string;
  /** Paths that this entry must not claim (another entry, or nothing, takes them). */
  others: string[];
}

const EXAMPLES: Record<SensitiveHostPathSlug, Examples> = {
  'docker-socket': { within: ['/var/run/docker.sock', '/run/docker.sock'], others: ['/var/run/docker', '/run/containerd/containerd.sock'] },
  'containerd-socket': { within: ['/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock'], others: ['/run/containerd', '/var/run/docker.sock'] },
  'crio-socket': { within: ['/var/run/crio/crio.sock'], others: ['/var/run/crio', '/var/run/docker.sock'] },
  root: { within: ['/', '//', '/var/..'], others: ['/opt', '/data/app'] },
  etc: { within: ['/etc', '/etc/kubernetes/pki', '/etc/'], others: ['/etcetera', '/opt/etc'] },
  proc: { within: ['/proc', '/proc/sys/kernel'], others: ['/process'] },
  'var-run': { within: ['/var/run', '/var/run/secrets'], contains: '/var', others: ['/var/run/docker.sock', '/var/lib'] },
  run: { within: ['/run', '/run/udev'], others: ['/run/containerd/containerd.sock', '/runner'] },
  'var-lib-kubelet': { within: ['/var/lib/kubelet', '/var/lib/kubelet/pods'], contains: '/var/lib', others: ['/var', '/var/lib/kubelet-plugins'] },
  'var-lib-docker': { within: ['/var/lib/docker', '/var/lib/docker/overlay2'], others: ['/var/lib', '/var/lib/dockershim'] },
  'var-lib-containerd': { within: ['/var/lib/containerd'], others: ['/var/lib', '/var/lib/docker'] },
  'var-log': { within: ['/var/log', '/var/log/pods'], others: ['/var', '/var/logs'] },
  'root-home': { within: ['/root', '/root/.kube'], others: ['/', '/rootfs'] },
  home: { within: ['/home', '/home/ubuntu/.ssh'], others: ['/homes'] },
  boot: { within: ['/boot', '/boot/grub'], others: ['/bootstrap'] },
  dev: { within: ['/dev', '/dev/sda'], others: ['/devices', '/opt/dev'] },
  sys: { within: ['/sys', '/sys/fs/cgroup'], others: ['/system'] },
};

export function hostPathCases(slug: SensitiveHostPathSlug): { valid: TesterCase[]; invalid: InvalidCase[] } {
  const examples = EXAMPLES[slug];
  const pointer = '/spec/volumes/1/hostPath/path';
  return {
    valid: [
      { name: 'no hostPath volume', manifest: podWithHostPath('/x').replace(/\n {4}- name: host\n.*$/s, '') },
      ...examples.others.map((path) => ({ name: `not claimed: ${path}`, manifest: podWithHostPath(path) })),
    ],
    invalid: [
      ...examples.within.map((path) => ({
        name: `mounts ${path}`,
        manifest: podWithHostPath(path),
        errors: [{ messageId: 'within', path: pointer, data: { volume: 'host', hostPath: path } }],
      })),
      ...(examples.contains === undefined
        ? []
        : [
            {
              name: `mounts the ancestor ${examples.contains}`,
              manifest: podWithHostPath(examples.contains),
              errors: [{ messageId: 'contains', path: pointer, data: { hostPath: examples.contains } }],
            },
          ]),
      {
        name: 'CronJob template',
        manifest: cronJobWithHostPath(examples.within[0] as string),
        errors: [{ messageId: 'within', path: '/spec/jobTemplate/spec/template/spec/volumes/0/hostPath/path' }],
      },
    ],
  };
}
