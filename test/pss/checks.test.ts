/**
 * Table tests for every upstream check, in the shape of upstream's own check tests and ESLint's
 * RuleTester: valid and invalid pods derived from a minimal valid pod with one tweak each, with
 * the exact reason, detail and paths. Every input is deep-frozen, so a check that mutates its
 * input fails.
 */
import { describe, expect, it } from 'vitest';
import { PSS_CHECKS } from '../../src/checks/pod-security/index.js';
import { implementationAt } from '../../src/checks/pod-security/versions.js';
import type { PodSecurityCheck, PssCheckId } from '../../src/checks/pod-security/types.js';
import type { JsonObject } from '../../src/model/types.js';
import { at, baselinePod, deepFreeze, restrictedPod, tweak, type TestPod } from './support.js';

interface ValidCase {
  name: string;
  pod: TestPod;
  /** Defaults to the table's version. */
  version?: string;
}

interface InvalidCase extends ValidCase {
  reason: string;
  detail: string;
  paths: string[];
}

interface Table {
  /** The version most cases run at. */
  version: string;
  valid: ValidCase[];
  invalid: InvalidCase[];
}

const B = baselinePod();
const R = restrictedPod();

const container = (pod: TestPod, index = 0): JsonObject => at(pod.spec, 'containers', index);
const init = (pod: TestPod, index = 0): JsonObject => at(pod.spec, 'initContainers', index);
const withContext = (c: JsonObject, context: JsonObject): void => {
  c['securityContext'] = { ...((c['securityContext'] as JsonObject | undefined) ?? {}), ...context };
};
const podContext = (pod: TestPod, context: JsonObject): void => {
  pod.spec['securityContext'] = { ...((pod.spec['securityContext'] as JsonObject | undefined) ?? {}), ...context };
};
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/';

const TABLES: Record<PssCheckId, Table> = {
  privileged: {
    version: '1.37',
    valid: [
      { name: 'minimal pod', pod: deepFreeze(B) },
      { name: 'privileged=false', pod: tweak(B, (p) => withContext(container(p), { privileged: false })) },
    ],
    invalid: [
      {
        name: 'one container',
        pod: tweak(B, (p) => withContext(container(p), { privileged: true })),
        reason: 'privileged',
        detail: 'container "container1" must not set securityContext.privileged=true',
        paths: ['/spec/containers/0/securityContext/privileged'],
      },
      {
        name: 'init containers come first, as upstream visits them',
        pod: tweak(B, (p) => {
          withContext(container(p), { privileged: true });
          withContext(init(p), { privileged: true });
        }),
        reason: 'privileged',
        detail: 'containers "initcontainer1", "container1" must not set securityContext.privileged=true',
        paths: ['/spec/initContainers/0/securityContext/privileged', '/spec/containers/0/securityContext/privileged'],
      },
      {
        name: 'ephemeral container',
        pod: tweak(B, (p) => {
          p.spec['ephemeralContainers'] = [{ name: 'debug', image: 'busybox', securityContext: { privileged: true } }];
        }),
        reason: 'privileged',
        detail: 'container "debug" must not set securityContext.privileged=true',
        paths: ['/spec/ephemeralContainers/0/securityContext/privileged'],
      },
      {
        name: 'a container without a name is quoted as Go sees it',
        pod: tweak(B, (p) => {
          delete container(p)['name'];
          withContext(container(p), { privileged: true });
        }),
        reason: 'privileged',
        detail: 'container "" must not set securityContext.privileged=true',
        paths: ['/spec/containers/0/securityContext/privileged'],
      },
    ],
  },

  hostNamespaces: {
    version: '1.37',
    valid: [{ name: 'explicit false', pod: tweak(B, (p) => Object.assign(p.spec, { hostNetwork: false, hostPID: false, hostIPC: false })) }],
    invalid: [
      {
        name: 'hostPID',
        pod: tweak(B, (p) => (p.spec['hostPID'] = true)),
        reason: 'host namespaces',
        detail: 'hostPID',
        paths: ['/spec/hostPID'],
      },
      {
        name: 'all three, sorted',
        pod: tweak(B, (p) => Object.assign(p.spec, { hostNetwork: true, hostPID: true, hostIPC: true })),
        reason: 'host namespaces',
        detail: 'hostIPC, hostNetwork, hostPID',
        paths: ['/spec/hostIPC', '/spec/hostNetwork', '/spec/hostPID'],
      },
    ],
  },

  hostPathVolumes: {
    version: '1.37',
    valid: [{ name: 'emptyDir', pod: tweak(B, (p) => (p.spec['volumes'] = [{ name: 'a', emptyDir: {} }])) }],
    invalid: [
      {
        name: 'one volume',
        pod: tweak(B, (p) => (p.spec['volumes'] = [{ name: 'a', hostPath: { path: '/' } }])),
        reason: 'hostPath volumes',
        detail: 'volume "a"',
        paths: ['/spec/volumes/0/hostPath'],
      },
      {
        name: 'two volumes',
        pod: tweak(B, (p) => {
          p.spec['volumes'] = [
            { name: 'a', hostPath: { path: '/' } },
            { name: 'b', emptyDir: {} },
            { name: 'c', hostPath: { path: '/etc' } },
          ];
        }),
        reason: 'hostPath volumes',
        detail: 'volumes "a", "c"',
        paths: ['/spec/volumes/0/hostPath', '/spec/volumes/2/hostPath'],
      },
    ],
  },

  hostPorts: {
    version: '1.37',
    valid: [
      { name: 'container port only', pod: tweak(B, (p) => (container(p)['ports'] = [{ containerPort: 80 }])) },
      { name: 'hostPort 0', pod: tweak(B, (p) => (container(p)['ports'] = [{ containerPort: 80, hostPort: 0 }])) },
    ],
    invalid: [
      {
        name: 'one port',
        pod: tweak(B, (p) => (container(p)['ports'] = [{ containerPort: 80, hostPort: 80 }])),
        reason: 'hostPort',
        detail: 'container "container1" uses hostPort 80',
        paths: ['/spec/containers/0/ports/0/hostPort'],
      },
      {
        name: 'ports sort as text, as in upstream string set',
        pod: tweak(B, (p) => {
          init(p)['ports'] = [{ containerPort: 8080, hostPort: 8080 }];
          container(p)['ports'] = [{ containerPort: 1, hostPort: 10000 }, { containerPort: 80, hostPort: 80 }];
        }),
        reason: 'hostPort',
        detail: 'containers "initcontainer1", "container1" use hostPorts 10000, 80, 8080',
        paths: ['/spec/initContainers/0/ports/0/hostPort', '/spec/containers/0/ports/0/hostPort', '/spec/containers/0/ports/1/hostPort'],
      },
    ],
  },

  hostProbesAndHostLifecycle: {
    version: '1.34',
    valid: [
      { name: 'probe without host', pod: tweak(B, (p) => (container(p)['livenessProbe'] = { httpGet: { path: '/', port: 80 } })) },
      { name: 'empty host', pod: tweak(B, (p) => (container(p)['readinessProbe'] = { tcpSocket: { host: '', port: 80 } })) },
    ],
    invalid: [
      {
        name: 'liveness probe',
        pod: tweak(B, (p) => (container(p)['livenessProbe'] = { httpGet: { host: 'evil.example', port: 80 } })),
        reason: 'probe or lifecycle host',
        detail: 'container "container1" uses probe or lifecycle host "evil.example"',
        paths: ['/spec/containers/0/livenessProbe/httpGet/host'],
      },
      {
        name: 'containers and hosts are sorted sets',
        pod: tweak(B, (p) => {
          container(p)['readinessProbe'] = { tcpSocket: { host: '10.0.0.1', port: 80 } };
          init(p)['lifecycle'] = { preStop: { httpGet: { host: 'a.example', port: 80 } } };
        }),
        reason: 'probe or lifecycle host',
        detail: 'containers "container1", "initcontainer1" use probe or lifecycle hosts "10.0.0.1", "a.example"',
        paths: ['/spec/initContainers/0/lifecycle/preStop/httpGet/host', '/spec/containers/0/readinessProbe/tcpSocket/host'],
      },
    ],
  },

  appArmorProfile: {
    version: '1.37',
    valid: [
      { name: 'RuntimeDefault', pod: tweak(B, (p) => podContext(p, { appArmorProfile: { type: 'RuntimeDefault' } })) },
      { name: 'Localhost', pod: tweak(B, (p) => withContext(container(p), { appArmorProfile: { type: 'Localhost', localhostProfile: 'x' } })) },
      {
        name: 'allowed annotations',
        pod: tweak(B, (p) => {
          p.metadata['annotations'] = {
            [`${APPARMOR}container1`]: 'runtime/default',
            [`${APPARMOR}initcontainer1`]: 'localhost/custom',
            [`${APPARMOR}other`]: '',
          };
        }),
      },
    ],
    invalid: [
      {
        name: 'pod field',
        pod: tweak(B, (p) => podContext(p, { appArmorProfile: { type: 'Unconfined' } })),
        reason: 'forbidden AppArmor profile',
        detail: 'pod must not set AppArmor profile type to "Unconfined"',
        paths: ['/spec/securityContext/appArmorProfile/type'],
      },
      {
        name: 'annotation, quoted with Go %q',
        pod: tweak(B, (p) => (p.metadata['annotations'] = { [`${APPARMOR}container1`]: 'un"confined\t' })),
        reason: 'forbidden AppArmor profile',
        detail: `annotation must not set AppArmor profile type to "${APPARMOR}container1="un\\"confined\\t""`,
        paths: ['/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1container1'],
      },
      {
        name: 'pod, container and annotation together',
        pod: tweak(B, (p) => {
          podContext(p, { appArmorProfile: { type: 'Unconfined' } });
          withContext(container(p), { appArmorProfile: { type: 'Unconfined' } });
          p.metadata['annotations'] = { [`${APPARMOR}container1`]: 'unconfined' };
        }),
        reason: 'forbidden AppArmor profiles',
        detail: `pod and container "container1" and annotation must not set AppArmor profile type to "Unconfined", "${APPARMOR}container1="unconfined""`,
        paths: [
          '/spec/securityContext/appArmorProfile/type',
          '/spec/containers/0/securityContext/appArmorProfile/type',
          '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1container1',
        ],
      },
    ],
  },

  capabilities_baseline: {
    version: '1.37',
    valid: [{ name: 'default capabilities', pod: tweak(B, (p) => withContext(container(p), { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'] } })) }],
    invalid: [
      {
        name: 'NET_RAW',
        pod: tweak(B, (p) => withContext(container(p), { capabilities: { add: ['NET_RAW'] } })),
        reason: 'non-default capabilities',
        detail: 'container "container1" must not include "NET_RAW" in securityContext.capabilities.add',
        paths: ['/spec/containers/0/securityContext/capabilities/add/0'],
      },
      {
        name: 'several containers, capabilities as a sorted set',
        pod: tweak(B, (p) => {
          withContext(container(p), { capabilities: { add: ['CHOWN', 'SYS_ADMIN', 'NET_RAW'] } });
          withContext(init(p), { capabilities: { add: ['SYS_ADMIN'] } });
        }),
        reason: 'non-default capabilities',
        detail: 'containers "initcontainer1", "container1" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add',
        paths: [
          '/spec/initContainers/0/securityContext/capabilities/add/0',
          '/spec/containers/0/securityContext/capabilities/add/1',
          '/spec/containers/0/securityContext/capabilities/add/2',
        ],
      },
    ],
  },

  seLinuxOptions: {
    version: '1.37',
    valid: [
      { name: 'container_t', pod: tweak(B, (p) => podContext(p, { seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' } })) },
      { name: 'container_engine_t from 1.31', pod: tweak(B, (p) => withContext(container(p), { seLinuxOptions: { type: 'container_engine_t' } })), version: '1.31' },
    ],
    invalid: [
      {
        name: 'pod type',
        pod: tweak(B, (p) => podContext(p, { seLinuxOptions: { type: 'spc_t' } })),
        reason: 'seLinuxOptions',
        detail: 'pod set forbidden securityContext.seLinuxOptions: type "spc_t"',
        paths: ['/spec/securityContext/seLinuxOptions/type'],
      },
      {
        name: 'user alone',
        pod: tweak(B, (p) => withContext(container(p), { seLinuxOptions: { user: 'system_u' } })),
        reason: 'seLinuxOptions',
        detail: 'container "container1" set forbidden securityContext.seLinuxOptions: user may not be set',
        paths: ['/spec/containers/0/securityContext/seLinuxOptions/user'],
      },
      {
        name: 'container_engine_t before 1.31',
        version: '1.30',
        pod: tweak(B, (p) => withContext(container(p), { seLinuxOptions: { type: 'container_engine_t' } })),
        reason: 'seLinuxOptions',
        detail: 'container "container1" set forbidden securityContext.seLinuxOptions: type "container_engine_t"',
        paths: ['/spec/containers/0/securityContext/seLinuxOptions/type'],
      },
      {
        name: "upstream's 'invalid pod and containers' case",
        pod: deepFreeze<TestPod>({
          metadata: {},
          spec: {
            securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
            containers: [
              { name: 'a', securityContext: { seLinuxOptions: { type: 'container_t' } } },
              { name: 'b', securityContext: { seLinuxOptions: { type: 'container_init_t' } } },
              { name: 'c', securityContext: { seLinuxOptions: { type: 'container_kvm_t' } } },
              { name: 'd', securityContext: { seLinuxOptions: { type: 'bar' } } },
              { name: 'e', securityContext: { seLinuxOptions: { user: 'bar' } } },
              { name: 'f', securityContext: { seLinuxOptions: { role: 'baz' } } },
            ],
          },
        }),
        reason: 'seLinuxOptions',
        detail: 'pod and containers "d", "e", "f" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set',
        paths: [
          '/spec/securityContext/seLinuxOptions/type',
          '/spec/securityContext/seLinuxOptions/user',
          '/spec/securityContext/seLinuxOptions/role',
          '/spec/containers/3/securityContext/seLinuxOptions/type',
          '/spec/containers/4/securityContext/seLinuxOptions/user',
          '/spec/containers/5/securityContext/seLinuxOptions/role',
        ],
      },
    ],
  },

  procMount: {
    version: '1.37',
    valid: [
      { name: 'Default', pod: tweak(B, (p) => withContext(container(p), { procMount: 'Default' })) },
      {
        name: 'Unmasked in a user namespace from 1.35',
        version: '1.35',
        pod: tweak(B, (p) => {
          p.spec['hostUsers'] = false;
          withContext(container(p), { procMount: 'Unmasked' });
        }),
      },
    ],
    invalid: [
      {
        name: 'Unmasked',
        pod: tweak(B, (p) => withContext(container(p), { procMount: 'Unmasked' })),
        reason: 'procMount',
        detail: 'container "container1" must not set securityContext.procMount to "Unmasked"',
        paths: ['/spec/containers/0/securityContext/procMount'],
      },
      {
        name: 'Unmasked in a user namespace before 1.35',
        version: '1.34',
        pod: tweak(B, (p) => {
          p.spec['hostUsers'] = false;
          withContext(init(p), { procMount: 'Unmasked' });
        }),
        reason: 'procMount',
        detail: 'container "initcontainer1" must not set securityContext.procMount to "Unmasked"',
        paths: ['/spec/initContainers/0/securityContext/procMount'],
      },
    ],
  },

  seccompProfile_baseline: {
    version: '1.37',
    valid: [
      { name: 'RuntimeDefault', pod: tweak(B, (p) => podContext(p, { seccompProfile: { type: 'RuntimeDefault' } })) },
      {
        name: 'annotations are not read from 1.19',
        pod: tweak(B, (p) => (p.metadata['annotations'] = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' })),
      },
      {
        name: 'allowed annotations before 1.19, and one for a container that does not exist',
        version: '1.18',
        pod: tweak(B, (p) => {
          p.metadata['annotations'] = {
            'seccomp.security.alpha.kubernetes.io/pod': 'docker/default',
            'container.seccomp.security.alpha.kubernetes.io/container1': 'runtime/default',
            'container.seccomp.security.alpha.kubernetes.io/initcontainer1': 'localhost/profile.json',
            'container.seccomp.security.alpha.kubernetes.io/ghost': 'unconfined',
          };
        }),
      },
    ],
    invalid: [
      {
        name: 'container field',
        pod: tweak(B, (p) => withContext(container(p), { seccompProfile: { type: 'Unconfined' } })),
        reason: 'seccompProfile',
        detail: 'container "container1" must not set securityContext.seccompProfile.type to "Unconfined"',
        paths: ['/spec/containers/0/securityContext/seccompProfile/type'],
      },
      {
        name: 'pod and init container fields',
        version: '1.19',
        pod: tweak(B, (p) => {
          podContext(p, { seccompProfile: { type: 'Unconfined' } });
          withContext(init(p), { seccompProfile: { type: 'Unconfined' } });
        }),
        reason: 'seccompProfile',
        detail: 'pod and container "initcontainer1" must not set securityContext.seccompProfile.type to "Unconfined"',
        paths: ['/spec/securityContext/seccompProfile/type', '/spec/initContainers/0/securityContext/seccompProfile/type'],
      },
      {
        name: 'pod annotation before 1.19',
        version: '1.18',
        pod: tweak(B, (p) => (p.metadata['annotations'] = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' })),
        reason: 'seccompProfile',
        detail: 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"',
        paths: ['/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod'],
      },
      {
        name: 'an empty annotation is forbidden, and annotations are sorted',
        version: '1.0',
        pod: tweak(B, (p) => {
          p.metadata['annotations'] = {
            'seccomp.security.alpha.kubernetes.io/pod': '',
            'container.seccomp.security.alpha.kubernetes.io/container1': 'unconfined',
          };
        }),
        reason: 'seccompProfile',
        detail:
          'forbidden annotations container.seccomp.security.alpha.kubernetes.io/container1="unconfined", seccomp.security.alpha.kubernetes.io/pod=""',
        paths: [
          '/metadata/annotations/container.seccomp.security.alpha.kubernetes.io~1container1',
          '/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod',
        ],
      },
    ],
  },

  sysctls: {
    version: '1.37',
    valid: [
      { name: 'safe at 1.0', version: '1.0', pod: tweak(B, (p) => podContext(p, { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] })) },
      { name: 'added at 1.37', pod: tweak(B, (p) => podContext(p, { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' }] })) },
      { name: 'added at 1.32', version: '1.32', pod: tweak(B, (p) => podContext(p, { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096' }] })) },
    ],
    invalid: [
      {
        name: 'unsafe sysctl',
        pod: tweak(B, (p) => podContext(p, { sysctls: [{ name: 'kernel.msgmax', value: '1' }, { name: 'net.ipv4.tcp_rmem', value: '1' }] })),
        reason: 'forbidden sysctls',
        detail: 'kernel.msgmax',
        paths: ['/spec/securityContext/sysctls/0/name'],
      },
      {
        name: 'not yet safe at 1.36; listed in order with duplicates',
        version: '1.36',
        pod: tweak(B, (p) =>
          podContext(p, {
            sysctls: [
              { name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' },
              { name: 'kernel.msgmax', value: '1' },
              { name: 'net.ipv4.tcp_slow_start_after_idle', value: '1' },
            ],
          }),
        ),
        reason: 'forbidden sysctls',
        detail: 'net.ipv4.tcp_slow_start_after_idle, kernel.msgmax, net.ipv4.tcp_slow_start_after_idle',
        paths: ['/spec/securityContext/sysctls/0/name', '/spec/securityContext/sysctls/1/name', '/spec/securityContext/sysctls/2/name'],
      },
      {
        name: 'not yet safe at 1.26',
        version: '1.26',
        pod: tweak(B, (p) => podContext(p, { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }] })),
        reason: 'forbidden sysctls',
        detail: 'net.ipv4.ip_local_reserved_ports',
        paths: ['/spec/securityContext/sysctls/0/name'],
      },
    ],
  },

  windowsHostProcess: {
    version: '1.37',
    valid: [{ name: 'hostProcess=false', pod: tweak(B, (p) => podContext(p, { windowsOptions: { hostProcess: false } })) }],
    invalid: [
      {
        name: 'pod and container',
        pod: tweak(B, (p) => {
          podContext(p, { windowsOptions: { hostProcess: true } });
          withContext(container(p), { windowsOptions: { hostProcess: true } });
        }),
        reason: 'hostProcess',
        detail: 'pod and container "container1" must not set securityContext.windowsOptions.hostProcess=true',
        paths: ['/spec/securityContext/windowsOptions/hostProcess', '/spec/containers/0/securityContext/windowsOptions/hostProcess'],
      },
    ],
  },

  restrictedVolumes: {
    version: '1.37',
    valid: [
      {
        name: 'every allowed type, and a volume that defaults to emptyDir',
        pod: tweak(R, (p) => {
          p.spec['volumes'] = [
            { name: 'v0' },
            { name: 'v1', emptyDir: {} },
            { name: 'v2', secret: { secretName: 's' } },
            { name: 'v3', persistentVolumeClaim: { claimName: 'c' } },
            { name: 'v4', downwardAPI: { items: [] } },
            { name: 'v5', configMap: { name: 'c' } },
            { name: 'v6', projected: { sources: [] } },
            { name: 'v7', csi: { driver: 'd' } },
            { name: 'v8', ephemeral: { volumeClaimTemplate: { spec: {} } } },
            { name: 'v9', image: { reference: 'registry.example/data:1' } },
          ];
        }),
      },
    ],
    invalid: [
      {
        name: 'hostPath',
        pod: tweak(R, (p) => (p.spec['volumes'] = [{ name: 'a', hostPath: { path: '/' } }])),
        reason: 'restricted volume types',
        detail: 'volume "a" uses restricted volume type "hostPath"',
        paths: ['/spec/volumes/0/hostPath'],
      },
      {
        name: 'several types, sorted as upstream prints them',
        pod: tweak(R, (p) => {
          p.spec['volumes'] = [
            { name: 'a', hostPath: { path: '/' } },
            { name: 'b', emptyDir: {} },
            { name: 'c', nfs: { server: 'n', path: '/' } },
            { name: 'd', cephfs: { monitors: [] } },
          ];
        }),
        reason: 'restricted volume types',
        detail: 'volumes "a", "c", "d" use restricted volume types "cephfs", "hostPath", "nfs"',
        paths: ['/spec/volumes/0/hostPath', '/spec/volumes/2/nfs', '/spec/volumes/3/cephfs'],
      },
    ],
  },

  runAsNonRoot: {
    version: '1.37',
    valid: [
      { name: 'pod-level true', pod: deepFreeze(R) },
      {
        name: 'every container true',
        pod: tweak(R, (p) => {
          delete at(p.spec, 'securityContext')['runAsNonRoot'];
          withContext(container(p), { runAsNonRoot: true });
          withContext(init(p), { runAsNonRoot: true });
        }),
      },
      { name: 'user namespace from 1.35', pod: tweak(R, (p) => Object.assign(p.spec, { hostUsers: false, securityContext: { runAsNonRoot: false } })) },
    ],
    invalid: [
      {
        name: 'pod false',
        pod: tweak(R, (p) => podContext(p, { runAsNonRoot: false })),
        reason: 'runAsNonRoot != true',
        detail: 'pod must not set securityContext.runAsNonRoot=false',
        paths: ['/spec/securityContext/runAsNonRoot'],
      },
      {
        name: 'unset everywhere: points at the nearest existing parent',
        pod: tweak(R, (p) => {
          delete at(p.spec, 'securityContext')['runAsNonRoot'];
          delete init(p)['securityContext'];
        }),
        reason: 'runAsNonRoot != true',
        detail: 'pod or containers "initcontainer1", "container1" must set securityContext.runAsNonRoot=true',
        paths: ['/spec/initContainers/0', '/spec/containers/0/securityContext'],
      },
      {
        name: 'an explicit false is reported without the unset containers',
        pod: tweak(R, (p) => {
          delete at(p.spec, 'securityContext')['runAsNonRoot'];
          withContext(container(p), { runAsNonRoot: false });
        }),
        reason: 'runAsNonRoot != true',
        detail: 'container "container1" must not set securityContext.runAsNonRoot=false',
        paths: ['/spec/containers/0/securityContext/runAsNonRoot'],
      },
      {
        name: 'user namespace before 1.35',
        version: '1.34',
        pod: tweak(R, (p) => Object.assign(p.spec, { hostUsers: false, securityContext: { runAsNonRoot: false } })),
        reason: 'runAsNonRoot != true',
        detail: 'pod must not set securityContext.runAsNonRoot=false',
        paths: ['/spec/securityContext/runAsNonRoot'],
      },
    ],
  },

  allowPrivilegeEscalation: {
    version: '1.37',
    valid: [
      { name: 'false everywhere', pod: deepFreeze(R) },
      {
        name: 'Windows pod from 1.25',
        version: '1.25',
        pod: tweak(B, (p) => (p.spec['os'] = { name: 'windows' })),
      },
    ],
    invalid: [
      {
        name: 'true',
        pod: tweak(R, (p) => withContext(container(p), { allowPrivilegeEscalation: true })),
        reason: 'allowPrivilegeEscalation != false',
        detail: 'container "container1" must set securityContext.allowPrivilegeEscalation=false',
        paths: ['/spec/containers/0/securityContext/allowPrivilegeEscalation'],
      },
      {
        name: 'unset',
        pod: deepFreeze(B),
        reason: 'allowPrivilegeEscalation != false',
        detail: 'containers "initcontainer1", "container1" must set securityContext.allowPrivilegeEscalation=false',
        paths: ['/spec/initContainers/0', '/spec/containers/0'],
      },
      {
        name: 'Windows pod before 1.25',
        version: '1.24',
        pod: tweak(B, (p) => (p.spec['os'] = { name: 'windows' })),
        reason: 'allowPrivilegeEscalation != false',
        detail: 'containers "initcontainer1", "container1" must set securityContext.allowPrivilegeEscalation=false',
        paths: ['/spec/initContainers/0', '/spec/containers/0'],
      },
    ],
  },

  seccompProfile_restricted: {
    version: '1.37',
    valid: [
      { name: 'pod-level RuntimeDefault', pod: deepFreeze(R) },
      {
        name: 'every container sets its own',
        pod: tweak(R, (p) => {
          delete at(p.spec, 'securityContext')['seccompProfile'];
          withContext(container(p), { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } });
          withContext(init(p), { seccompProfile: { type: 'RuntimeDefault' } });
        }),
      },
      { name: 'Windows pod from 1.25', pod: tweak(B, (p) => (p.spec['os'] = { name: 'windows' })) },
    ],
    invalid: [
      {
        name: 'unset',
        pod: tweak(R, (p) => delete at(p.spec, 'securityContext')['seccompProfile']),
        reason: 'seccompProfile',
        detail: 'pod or containers "initcontainer1", "container1" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
        paths: ['/spec/initContainers/0/securityContext', '/spec/containers/0/securityContext'],
      },
      {
        name: 'explicit Unconfined',
        pod: tweak(R, (p) => withContext(container(p), { seccompProfile: { type: 'Unconfined' } })),
        reason: 'seccompProfile',
        detail: 'container "container1" must not set securityContext.seccompProfile.type to "Unconfined"',
        paths: ['/spec/containers/0/securityContext/seccompProfile/type'],
      },
      {
        name: 'Windows pod before 1.25',
        version: '1.24',
        pod: tweak(B, (p) => (p.spec['os'] = { name: 'windows' })),
        reason: 'seccompProfile',
        detail: 'pod or containers "initcontainer1", "container1" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
        paths: ['/spec/initContainers/0', '/spec/containers/0'],
      },
    ],
  },

  capabilities_restricted: {
    version: '1.37',
    valid: [
      { name: 'drop ALL', pod: deepFreeze(R) },
      { name: 'NET_BIND_SERVICE', pod: tweak(R, (p) => withContext(container(p), { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })) },
      { name: 'Windows pod from 1.25', pod: tweak(B, (p) => (p.spec['os'] = { name: 'windows' })) },
    ],
    invalid: [
      {
        name: 'drop missing',
        pod: tweak(R, (p) => delete at(container(p), 'securityContext', 'capabilities')['drop']),
        reason: 'unrestricted capabilities',
        detail: 'container "container1" must set securityContext.capabilities.drop=["ALL"]',
        paths: ['/spec/containers/0/securityContext/capabilities'],
      },
      {
        name: "upstream's 'multiple containers' case",
        pod: deepFreeze<TestPod>({
          metadata: {},
          spec: {
            containers: [
              { name: 'a', securityContext: { capabilities: { add: ['FOO', 'BAR'] } } },
              { name: 'b', securityContext: { capabilities: { add: ['BAR', 'BAZ'] } } },
              { name: 'c', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] } } },
            ],
          },
        }),
        reason: 'unrestricted capabilities',
        detail:
          'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add',
        paths: [
          '/spec/containers/0/securityContext/capabilities',
          '/spec/containers/0/securityContext/capabilities/add/0',
          '/spec/containers/0/securityContext/capabilities/add/1',
          '/spec/containers/1/securityContext/capabilities',
          '/spec/containers/1/securityContext/capabilities/add/0',
          '/spec/containers/1/securityContext/capabilities/add/1',
          '/spec/containers/2/securityContext/capabilities/add/1',
        ],
      },
      {
        name: 'Windows pod before 1.25',
        version: '1.24',
        pod: tweak(B, (p) => (p.spec['os'] = { name: 'windows' })),
        reason: 'unrestricted capabilities',
        detail: 'containers "initcontainer1", "container1" must set securityContext.capabilities.drop=["ALL"]',
        paths: ['/spec/initContainers/0', '/spec/containers/0'],
      },
    ],
  },

  runAsUser: {
    version: '1.37',
    valid: [
      { name: 'non-zero', pod: tweak(R, (p) => podContext(p, { runAsUser: 1000 })) },
      { name: 'user namespace from 1.35', pod: tweak(R, (p) => Object.assign(p.spec, { hostUsers: false, securityContext: { runAsUser: 0 } })) },
    ],
    invalid: [
      {
        name: 'pod and container',
        pod: tweak(R, (p) => {
          podContext(p, { runAsUser: 0 });
          withContext(container(p), { runAsUser: 0 });
        }),
        reason: 'runAsUser=0',
        detail: 'pod and container "container1" must not set runAsUser=0',
        paths: ['/spec/securityContext/runAsUser', '/spec/containers/0/securityContext/runAsUser'],
      },
      {
        name: 'user namespace before 1.35',
        version: '1.34',
        pod: tweak(R, (p) => Object.assign(p.spec, { hostUsers: false, securityContext: { runAsUser: 0 } })),
        reason: 'runAsUser=0',
        detail: 'pod must not set runAsUser=0',
        paths: ['/spec/securityContext/runAsUser'],
      },
    ],
  },

  procMount_restricted: {
    version: '1.35',
    valid: [{ name: 'Default in a user namespace', pod: tweak(R, (p) => Object.assign(p.spec, { hostUsers: false })) }],
    invalid: [
      {
        name: 'Unmasked even in a user namespace',
        pod: tweak(R, (p) => {
          p.spec['hostUsers'] = false;
          withContext(container(p), { procMount: 'Unmasked' });
        }),
        reason: 'procMount',
        detail: 'container "container1" must not set securityContext.procMount to "Unmasked"',
        paths: ['/spec/containers/0/securityContext/procMount'],
      },
    ],
  },
};

function run(check: PodSecurityCheck, version: string, pod: TestPod) {
  const implementation = implementationAt(check, version);
  if (implementation === undefined) throw new Error(`${check.id} has no implementation at ${version}`);
  return implementation.check(pod.metadata, pod.spec);
}

describe('Pod Security check tables', () => {
  it('has a table for every upstream check', () => {
    expect(Object.keys(TABLES).sort()).toEqual(PSS_CHECKS.map((c) => c.id).sort());
  });

  for (const check of PSS_CHECKS) {
    const table = TABLES[check.id];
    describe(check.id, () => {
      it('allows the minimal valid pod of its level', () => {
        const pod = deepFreeze(check.level === 'baseline' ? baselinePod() : restrictedPod());
        expect(run(check, table.version, pod)).toEqual({ allowed: true });
      });
      for (const c of table.valid) {
        it(`valid: ${c.name}`, () => {
          expect(run(check, c.version ?? table.version, c.pod)).toEqual({ allowed: true });
        });
      }
      for (const c of table.invalid) {
        it(`invalid: ${c.name}`, () => {
          expect(run(check, c.version ?? table.version, c.pod)).toEqual({
            allowed: false,
            reason: c.reason,
            detail: c.detail,
            paths: c.paths,
          });
        });
      }
    });
  }
});

describe('inputs are never mutated', () => {
  it('every implementation of every check runs on deep-frozen pods', () => {
    const pods = Object.values(TABLES).flatMap((t) => [...t.valid, ...t.invalid].map((c) => c.pod));
    for (const check of PSS_CHECKS) {
      for (const { check: fn } of check.versions) {
        for (const pod of pods) {
          expect(Object.isFrozen(pod.spec)).toBe(true);
          expect(() => fn(pod.metadata, pod.spec)).not.toThrow();
        }
      }
    }
  });
});
