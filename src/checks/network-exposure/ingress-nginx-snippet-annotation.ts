/**
 * Control: Ingresses carry no ingress-nginx snippet annotations (CVE-2021-25742).
 * Restricted fields: metadata.annotations of an Ingress. Not allowed: any
 * `nginx.ingress.kubernetes.io/*-snippet` annotation (configuration-snippet, server-snippet,
 * auth-snippet, stream-snippet, modsecurity-snippet…), under the default or a custom prefix
 * configured with the `annotationPrefixes` option.
 */
import { defineCheck } from '../../engine/types.js';
import { joinPointer } from '../../model/types.js';

export interface SnippetOptions {
  /** Annotation prefixes the ingress-nginx controllers of the cluster read (`--annotations-prefix`). */
  annotationPrefixes: string[];
}

export default defineCheck<'snippet', SnippetOptions>({
  id: 'network.ingress-nginx-snippet-annotation',
  title: 'ingress-nginx snippet annotation (CVE-2021-25742)',
  // high: whoever can create an Ingress injects NGINX configuration that reads the controller's token, which can read every Secret.
  severity: 'high',
  scope: 'resource',
  match: ['Ingress'],
  domain: 'network',
  defaultOptions: { annotationPrefixes: ['nginx.ingress.kubernetes.io'] },
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1552.007' },
    { framework: 'pci-dss', id: '6.3.3' },
    { framework: 'pci-dss', id: '6.2.4' },
    { framework: 'soc2', id: 'CC7.1' },
  ],
  messages: { snippet: 'Ingress {{name}} sets annotation {{annotation}}, which injects raw NGINX configuration into the shared controller' },
  remediation:
    'Remove the snippet annotation and use the controller\'s dedicated annotations or a ConfigMap maintained by the platform team. Run ingress-nginx with allow-snippet-annotations set to false.',
  docs: [
    'A snippet annotation lets whoever can create an Ingress inject NGINX configuration that reads the controller\'s token, which reads every Secret.',
    '',
    'ingress-nginx copies snippet annotations verbatim into the configuration of the shared NGINX',
    'controller. CVE-2021-25742 showed that a user allowed to create Ingresses can use them to read',
    'files of the controller, including its ServiceAccount token, which by default reads every',
    'Secret of the cluster. Later issues (CVE-2023-5043, CVE-2025-1974 family) abused the same',
    'injection path.',
    '',
    'The check reports every annotation ending in `-snippet` under the ingress-nginx prefix',
    '(`nginx.ingress.kubernetes.io` by default; set `annotationPrefixes` if your controller uses',
    '`--annotations-prefix`).',
  ].join('\n'),
  evaluate: ({ resource, options, report }) => {
    for (const annotation of Object.keys(resource.annotations).sort()) {
      const slash = annotation.indexOf('/');
      if (slash < 0 || !options.annotationPrefixes.includes(annotation.slice(0, slash))) continue;
      if (!annotation.slice(slash + 1).endsWith('-snippet')) continue;
      report({ messageId: 'snippet', data: { name: resource.name, annotation }, path: joinPointer('/metadata/annotations', annotation) });
    }
  },
});
