/** NetworkPolicy checks (domain `network`), all evaluated by the engine of `src/analyzers/netpol`. */
import type { AnyCheck } from '../../engine/types.js';
import egressDnsBroken from './egress-dns-broken.js';
import namespaceDefaultDenyEgress from './namespace-default-deny-egress.js';
import namespaceDefaultDenyIngress from './namespace-default-deny-ingress.js';
import policySelectsNothing from './policy-selects-nothing.js';
import workloadNoIngressPolicy from './workload-no-ingress-policy.js';

/** Keyed by id, in id order, like the other domain registries. */
export const NETWORK_POLICY_CHECKS = {
  'network.egress-dns-broken': egressDnsBroken,
  'network.namespace-default-deny-egress': namespaceDefaultDenyEgress,
  'network.namespace-default-deny-ingress': namespaceDefaultDenyIngress,
  'network.policy-selects-nothing': policySelectsNothing,
  'network.workload-no-ingress-policy': workloadNoIngressPolicy,
} as const satisfies Record<string, AnyCheck>;

/** The same checks as an array sorted by id. */
export const NETWORK_CHECKS: readonly AnyCheck[] = Object.values(NETWORK_POLICY_CHECKS);
