/** network-exposure checks (domain `network`), keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import ingressNginxSnippetAnnotation from './ingress-nginx-snippet-annotation.js';
import ingressNoTls from './ingress-no-tls.js';
import loadbalancerNoSourceRanges from './loadbalancer-no-source-ranges.js';
import loadbalancerService from './loadbalancer-service.js';
import nodeportService from './nodeport-service.js';
import serviceExternalIps from './service-external-ips.js';
import serviceSelectsNoPods from './service-selects-no-pods.js';

export const NETWORK_EXPOSURE_CHECKS = {
  'network.ingress-nginx-snippet-annotation': ingressNginxSnippetAnnotation,
  'network.ingress-no-tls': ingressNoTls,
  'network.loadbalancer-no-source-ranges': loadbalancerNoSourceRanges,
  'network.loadbalancer-service': loadbalancerService,
  'network.nodeport-service': nodeportService,
  'network.service-external-ips': serviceExternalIps,
  'network.service-selects-no-pods': serviceSelectsNoPods,
} as const satisfies Record<string, AnyCheck>;
