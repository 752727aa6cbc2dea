/**
 * Control: Services are not exposed on every node's address.
 * Restricted field: spec.type of a v1 Service. Not allowed: NodePort.
 */
import { defineCheck } from '../../engine/types.js';
import { isJsonObject } from '../../model/types.js';
import { isCoreService, serviceSpec, serviceType } from './services.js';

export default defineCheck<'nodePort'>({
  id: 'network.nodeport-service',
  title: 'NodePort Service',
  // medium: opens a port on every node, reachable from wherever nodes are, around ingress and its controls.
  severity: 'medium',
  scope: 'resource',
  match: ['Service'],
  domain: 'network',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1133' },
    { framework: 'pci-dss', id: '1.3.1' },
    { framework: 'hipaa', id: '164.312(e)(1)' },
    { framework: 'soc2', id: 'CC6.6' },
  ],
  messages: { nodePort: 'Service {{name}} is of type NodePort and listens on every node ({{ports}})' },
  remediation:
    'Change the Service to type ClusterIP and expose it through an Ingress or Gateway with TLS, or through an internal LoadBalancer. If a NodePort is unavoidable, restrict access to the node ports with firewall rules.',
  docs: [
    'A NodePort Service opens a port on every node, reachable from wherever the nodes are, around ingress and its controls.',
    '',
    'A NodePort Service opens the same port (30000–32767 by default) on every node, forwarding to',
    'the Service\'s pods. Anyone who can reach any node reaches the workload, without the TLS,',
    'authentication and logging an ingress layer would add, and node firewalls are often wider than',
    'intended.',
    '',
    'The check reports v1 Services with `spec.type: NodePort`. LoadBalancer Services also allocate',
    'node ports; they are covered by `network.loadbalancer-service`.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!isCoreService(resource) || serviceType(resource) !== 'NodePort') return;
    const ports = serviceSpec(resource)['ports'];
    const nodePorts = Array.isArray(ports)
      ? ports.map((p) => (isJsonObject(p) && typeof p['nodePort'] === 'number' ? String(p['nodePort']) : 'auto'))
      : [];
    report({ messageId: 'nodePort', data: { name: resource.name, ports: nodePorts.length > 0 ? `node ports ${nodePorts.join(', ')}` : 'no ports listed' }, path: '/spec/type' });
  },
});
