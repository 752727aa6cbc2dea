/**
 * sysctls (baseline, 1.0+; the safe set grows at 1.27, 1.29, 1.32 and 1.37): only sysctls that
 * are namespaced and isolated from other pods on the node are allowed.
 *
 * Restricted fields: spec.securityContext.sysctls[*].name
 * Allowed values (1.0): kernel.shm_rmid_forced, net.ipv4.ip_local_port_range,
 *   net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start;
 *   1.27: + net.ipv4.ip_local_reserved_ports;
 *   1.29: + net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl,
 *           net.ipv4.tcp_keepalive_probes;
 *   1.32: + net.ipv4.tcp_rmem, net.ipv4.tcp_wmem;
 *   1.37: + net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat
 */
import { NSA_POD_SECURITY, pssLevel } from './controls.js';
import { ALLOWED, forbidden, listAt, specFieldPath, stringAt } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const SAFE_V1_0: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
]);
const SAFE_V1_27: ReadonlySet<string> = new Set([...SAFE_V1_0, 'net.ipv4.ip_local_reserved_ports']);
const SAFE_V1_29: ReadonlySet<string> = new Set([
  ...SAFE_V1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SAFE_V1_32: ReadonlySet<string> = new Set([...SAFE_V1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);
const SAFE_V1_37: ReadonlySet<string> = new Set([
  ...SAFE_V1_32,
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

function sysctlsAllowing(safe: ReadonlySet<string>): PodCheckFn {
  return (_podMetadata, podSpec) => {
    const names: string[] = [];
    const paths: string[] = [];
    listAt(podSpec, 'securityContext', 'sysctls').forEach((sysctl, index) => {
      const name = stringAt(sysctl, 'name');
      if (safe.has(name)) return;
      names.push(name);
      paths.push(specFieldPath(podSpec, 'securityContext', 'sysctls', index, 'name'));
    });
    // Upstream lists the names in order of appearance, duplicates included.
    if (names.length === 0) return ALLOWED;
    return forbidden('forbidden sysctls', names.join(', '), paths);
  };
}

export const sysctls: PodSecurityCheck = {
  id: 'sysctls',
  level: 'baseline',
  versions: [
    { minimumVersion: '1.0', check: sysctlsAllowing(SAFE_V1_0) },
    { minimumVersion: '1.27', check: sysctlsAllowing(SAFE_V1_27) },
    { minimumVersion: '1.29', check: sysctlsAllowing(SAFE_V1_29) },
    { minimumVersion: '1.32', check: sysctlsAllowing(SAFE_V1_32) },
    { minimumVersion: '1.37', check: sysctlsAllowing(SAFE_V1_37) },
  ],
};

export default pssScanCheck(sysctls, {
  title: 'Unsafe sysctl',
  severity: 'medium',
  controls: [pssLevel('baseline'), NSA_POD_SECURITY],
  remediation:
    'Remove the sysctl from `spec.securityContext.sysctls`, or replace it with one of the safe sysctls. Tune node-wide kernel parameters on the node itself, not from a pod.',
  docs: [
    'Sysctls that are not namespaced change the kernel for every pod on the node and can disable',
    'security mechanisms or starve neighbours. Pod Security Standards **baseline** allows only a',
    'safe, namespaced subset, which grows with the policy version.',
  ].join('\n'),
});
