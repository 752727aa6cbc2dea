/**
 * Every PSS scan check through the project's RuleTester: a workload that is valid at the check's
 * level, and one tweak that breaks it, reported at the absolute path with the upstream detail.
 * Manifests are JSON (which is YAML) built from the minimal pods of ./support.ts.
 */
import { PSS_CHECKS, PSS_SCAN_CHECKS } from '../../src/checks/pod-security/index.js';
import type { JsonObject } from '../../src/model/types.js';
import type { PssCheckId } from '../../src/checks/pod-security/types.js';
import { checkTester } from '../support/check-tester.js';
import { at, basePod, type TestPod } from './support.js';

interface Breakage {
  tweak: (pod: TestPod) => void;
  /** Relative to the pod template; one finding each. */
  paths: string[];
  detail: string;
}

const sc = (pod: TestPod, kind: 'containers' | 'initContainers' = 'containers'): JsonObject => at(pod.spec, kind, 0, 'securityContext');
const setSc = (pod: TestPod, value: JsonObject): void => {
  at(pod.spec, 'containers', 0)['securityContext'] = { ...(at(pod.spec, 'containers', 0)['securityContext'] as JsonObject | undefined), ...value };
};

const BREAKAGES: Record<PssCheckId, Breakage> = {
  allowPrivilegeEscalation: {
    tweak: (p) => (sc(p)['allowPrivilegeEscalation'] = true),
    paths: ['/spec/containers/0/securityContext/allowPrivilegeEscalation'],
    detail: 'container "container1" must set securityContext.allowPrivilegeEscalation=false',
  },
  appArmorProfile: {
    tweak: (p) => setSc(p, { appArmorProfile: { type: 'Unconfined' } }),
    paths: ['/spec/containers/0/securityContext/appArmorProfile/type'],
    detail: 'container "container1" must not set AppArmor profile type to "Unconfined"',
  },
  capabilities_baseline: {
    tweak: (p) => setSc(p, { capabilities: { add: ['SYS_ADMIN'] } }),
    paths: ['/spec/containers/0/securityContext/capabilities/add/0'],
    detail: 'container "container1" must not include "SYS_ADMIN" in securityContext.capabilities.add',
  },
  capabilities_restricted: {
    tweak: (p) => (sc(p, 'initContainers')['capabilities'] = { drop: ['NET_RAW'] }),
    paths: ['/spec/initContainers/0/securityContext/capabilities/drop'],
    detail: 'container "initcontainer1" must set securityContext.capabilities.drop=["ALL"]',
  },
  hostNamespaces: { tweak: (p) => (p.spec['hostIPC'] = true), paths: ['/spec/hostIPC'], detail: 'hostIPC' },
  hostPathVolumes: {
    tweak: (p) => (p.spec['volumes'] = [{ name: 'root', hostPath: { path: '/' } }]),
    paths: ['/spec/volumes/0/hostPath'],
    detail: 'volume "root"',
  },
  hostPorts: {
    tweak: (p) => (at(p.spec, 'containers', 0)['ports'] = [{ containerPort: 443, hostPort: 443 }]),
    paths: ['/spec/containers/0/ports/0/hostPort'],
    detail: 'container "container1" uses hostPort 443',
  },
  hostProbesAndHostLifecycle: {
    tweak: (p) => (at(p.spec, 'containers', 0)['lifecycle'] = { postStart: { httpGet: { host: '169.254.169.254', port: 80 } } }),
    paths: ['/spec/containers/0/lifecycle/postStart/httpGet/host'],
    detail: 'container "container1" uses probe or lifecycle host "169.254.169.254"',
  },
  privileged: {
    tweak: (p) => setSc(p, { privileged: true }),
    paths: ['/spec/containers/0/securityContext/privileged'],
    detail: 'container "container1" must not set securityContext.privileged=true',
  },
  procMount: {
    tweak: (p) => setSc(p, { procMount: 'Unmasked' }),
    paths: ['/spec/containers/0/securityContext/procMount'],
    detail: 'container "container1" must not set securityContext.procMount to "Unmasked"',
  },
  procMount_restricted: {
    tweak: (p) => {
      p.spec['hostUsers'] = false;
      sc(p)['procMount'] = 'Unmasked';
    },
    paths: ['/spec/containers/0/securityContext/procMount'],
    detail: 'container "container1" must not set securityContext.procMount to "Unmasked"',
  },
  restrictedVolumes: {
    tweak: (p) => (p.spec['volumes'] = [{ name: 'repo', gitRepo: { repository: 'https://example.com/r.git' } }]),
    paths: ['/spec/volumes/0/gitRepo'],
    detail: 'volume "repo" uses restricted volume type "gitRepo"',
  },
  runAsNonRoot: {
    tweak: (p) => delete at(p.spec, 'securityContext')['runAsNonRoot'],
    paths: ['/spec/initContainers/0/securityContext', '/spec/containers/0/securityContext'],
    detail: 'pod or containers "initcontainer1", "container1" must set securityContext.runAsNonRoot=true',
  },
  runAsUser: {
    tweak: (p) => (sc(p)['runAsUser'] = 0),
    paths: ['/spec/containers/0/securityContext/runAsUser'],
    detail: 'container "container1" must not set runAsUser=0',
  },
  seLinuxOptions: {
    tweak: (p) => (p.spec['securityContext'] = { seLinuxOptions: { role: 'sysadm_r' } }),
    paths: ['/spec/securityContext/seLinuxOptions/role'],
    detail: 'pod set forbidden securityContext.seLinuxOptions: role may not be set',
  },
  seccompProfile_baseline: {
    tweak: (p) => (p.spec['securityContext'] = { seccompProfile: { type: 'Unconfined' } }),
    paths: ['/spec/securityContext/seccompProfile/type'],
    detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
  },
  seccompProfile_restricted: {
    tweak: (p) => (at(p.spec, 'securityContext', 'seccompProfile')['type'] = 'Unconfined'),
    paths: ['/spec/securityContext/seccompProfile/type'],
    detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
  },
  sysctls: {
    tweak: (p) => (p.spec['securityContext'] = { sysctls: [{ name: 'kernel.core_pattern', value: '|/x' }] }),
    paths: ['/spec/securityContext/sysctls/0/name'],
    detail: 'kernel.core_pattern',
  },
  windowsHostProcess: {
    tweak: (p) => setSc(p, { windowsOptions: { hostProcess: true } }),
    paths: ['/spec/containers/0/securityContext/windowsOptions/hostProcess'],
    detail: 'container "container1" must not set securityContext.windowsOptions.hostProcess=true',
  },
};

function deployment(pod: TestPod): string {
  return JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: pod } });
}

function cronJob(pod: TestPod): string {
  return JSON.stringify({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'shop' },
    spec: { schedule: '@daily', jobTemplate: { spec: { template: pod } } },
  });
}

for (const scanCheck of PSS_SCAN_CHECKS) {
  const definition = PSS_CHECKS.find((d) => `pss.${d.id}` === scanCheck.id);
  if (definition === undefined) throw new Error(`no definition for ${scanCheck.id}`);
  const breakage = BREAKAGES[definition.id];
  // Baseline checks are tested at baseline so that no restricted override hides them.
  const settings = { pssLevel: definition.level, pssVersion: '1.37' };
  const broken = structuredClone(basePod(definition.level));
  breakage.tweak(broken);
  checkTester.run(scanCheck, {
    valid: [
      { name: 'minimal Deployment', manifest: deployment(basePod(definition.level)), settings },
      { name: 'minimal CronJob', manifest: cronJob(basePod(definition.level)), settings },
    ],
    invalid: [
      {
        name: 'Deployment with one tweak',
        manifest: deployment(broken),
        settings,
        errors: breakage.paths.map((path) => ({
          messageId: 'violation',
          path: `/spec/template${path}`,
          data: { detail: breakage.detail },
          resource: 'Deployment shop/web',
        })),
      },
      {
        name: 'CronJob with one tweak',
        manifest: cronJob(broken),
        settings,
        errors: breakage.paths.map((path) => ({
          messageId: 'violation',
          path: `/spec/jobTemplate/spec/template${path}`,
          data: { detail: breakage.detail },
        })),
      },
    ],
  });
}
