/** workload checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import { CAPABILITY_CHECKS } from './capability.js';
import cpuLimits from './cpu-limits.js';
import cpuRequests from './cpu-requests.js';
import defaultNamespace from './default-namespace.js';
import defaultServiceAccount from './default-service-account.js';
import defaultServiceAccountAutomount from './default-service-account-automount.js';
import duplicateEnvName from './duplicate-env-name.js';
import hostPath from './host-path.js';
import memoryLimits from './memory-limits.js';
import memoryRequests from './memory-requests.js';
import nakedPod from './naked-pod.js';
import readOnlyRootFilesystem from './read-only-root-filesystem.js';
import runAsHighGid from './run-as-high-gid.js';
import runAsHighUid from './run-as-high-uid.js';
import { SENSITIVE_HOST_PATH_CHECKS } from './sensitive-host-path.js';
import serviceAccountTokenAutomount from './service-account-token-automount.js';
import shareProcessNamespace from './share-process-namespace.js';

export const WORKLOAD_CHECKS = {
  'workload.capability-all': CAPABILITY_CHECKS.ALL,
  'workload.capability-bpf': CAPABILITY_CHECKS.BPF,
  'workload.capability-dac-read-search': CAPABILITY_CHECKS.DAC_READ_SEARCH,
  'workload.capability-mac-admin': CAPABILITY_CHECKS.MAC_ADMIN,
  'workload.capability-net-admin': CAPABILITY_CHECKS.NET_ADMIN,
  'workload.capability-net-raw': CAPABILITY_CHECKS.NET_RAW,
  'workload.capability-perfmon': CAPABILITY_CHECKS.PERFMON,
  'workload.capability-sys-admin': CAPABILITY_CHECKS.SYS_ADMIN,
  'workload.capability-sys-boot': CAPABILITY_CHECKS.SYS_BOOT,
  'workload.capability-sys-module': CAPABILITY_CHECKS.SYS_MODULE,
  'workload.capability-sys-ptrace': CAPABILITY_CHECKS.SYS_PTRACE,
  'workload.capability-sys-rawio': CAPABILITY_CHECKS.SYS_RAWIO,
  'workload.capability-sys-time': CAPABILITY_CHECKS.SYS_TIME,
  'workload.cpu-limits': cpuLimits,
  'workload.cpu-requests': cpuRequests,
  'workload.default-namespace': defaultNamespace,
  'workload.default-service-account': defaultServiceAccount,
  'workload.default-service-account-automount': defaultServiceAccountAutomount,
  'workload.duplicate-env-name': duplicateEnvName,
  'workload.host-path': hostPath,
  'workload.host-path-boot': SENSITIVE_HOST_PATH_CHECKS['boot'],
  'workload.host-path-containerd-socket': SENSITIVE_HOST_PATH_CHECKS['containerd-socket'],
  'workload.host-path-crio-socket': SENSITIVE_HOST_PATH_CHECKS['crio-socket'],
  'workload.host-path-dev': SENSITIVE_HOST_PATH_CHECKS['dev'],
  'workload.host-path-docker-socket': SENSITIVE_HOST_PATH_CHECKS['docker-socket'],
  'workload.host-path-etc': SENSITIVE_HOST_PATH_CHECKS['etc'],
  'workload.host-path-home': SENSITIVE_HOST_PATH_CHECKS['home'],
  'workload.host-path-proc': SENSITIVE_HOST_PATH_CHECKS['proc'],
  'workload.host-path-root': SENSITIVE_HOST_PATH_CHECKS['root'],
  'workload.host-path-root-home': SENSITIVE_HOST_PATH_CHECKS['root-home'],
  'workload.host-path-run': SENSITIVE_HOST_PATH_CHECKS['run'],
  'workload.host-path-sys': SENSITIVE_HOST_PATH_CHECKS['sys'],
  'workload.host-path-var-lib-containerd': SENSITIVE_HOST_PATH_CHECKS['var-lib-containerd'],
  'workload.host-path-var-lib-docker': SENSITIVE_HOST_PATH_CHECKS['var-lib-docker'],
  'workload.host-path-var-lib-kubelet': SENSITIVE_HOST_PATH_CHECKS['var-lib-kubelet'],
  'workload.host-path-var-log': SENSITIVE_HOST_PATH_CHECKS['var-log'],
  'workload.host-path-var-run': SENSITIVE_HOST_PATH_CHECKS['var-run'],
  'workload.memory-limits': memoryLimits,
  'workload.memory-requests': memoryRequests,
  'workload.naked-pod': nakedPod,
  'workload.read-only-root-filesystem': readOnlyRootFilesystem,
  'workload.run-as-high-gid': runAsHighGid,
  'workload.run-as-high-uid': runAsHighUid,
  'workload.service-account-token-automount': serviceAccountTokenAutomount,
  'workload.share-process-namespace': shareProcessNamespace,
} as const satisfies Record<string, AnyCheck>;
