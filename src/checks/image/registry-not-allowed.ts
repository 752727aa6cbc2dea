/**
 * Registry allow-list: every container image (init and ephemeral included) must come from a
 * registry (optionally a repository prefix) listed in option `allowedRegistries`. Short names
 * are normalised as the runtime resolves them (`nginx` → `docker.io/library/nginx`), Docker Hub
 * aliases fold into `docker.io`, and `*` matches within one path segment
 * (`*.dkr.ecr.eu-west-1.amazonaws.com`). With an empty list (the default) the check is inactive.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { containerNoun } from '../workload/helpers.js';
import { containerImages, fullName, looksLikeRegistry, normaliseRegistry } from './reference.js';

export interface RegistryAllowListOptions {
  /** `registry` or `registry/repository-prefix` entries; `*` matches within a segment. Empty: the check reports nothing. */
  allowedRegistries: string[];
}

/**
 * Compiles an allow-list entry into a matcher of `registry/repository` names. An entry whose
 * first segment is not a registry (`bitnami`, `library/nginx`) names a Docker Hub namespace.
 *
 * @example
 * allowListMatcher('ghcr.io/example-org').test('ghcr.io/example-org/api') // true
 */
export function allowListMatcher(entry: string): RegExp {
  const trimmed = entry.trim().replace(/\/+$/, '');
  const slash = trimmed.indexOf('/');
  const first = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
  const rest = slash >= 0 ? trimmed.slice(slash) : '';
  const normalised = first.includes('*') || looksLikeRegistry(first) ? normaliseRegistry(first) + rest : `docker.io/${trimmed}`;
  const pattern = normalised
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${pattern}(?:/.*)?$`);
}

export default defineCheck<'notAllowed', RegistryAllowListOptions>({
  id: 'image.registry-not-allowed',
  title: 'Image from a registry outside the allow-list',
  domain: 'image',
  // high: an image from an unvetted registry is code nobody in the organisation built or scanned running in the cluster — a likely path to compromise.
  severity: 'high',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.5.1'), NSA.imageScanning, attack('T1525'), attack('T1195.002'), attack('T1610'), pci('6.3.2'), pci('6.3.3'), soc2('CC6.8'), soc2('CC8.1'), HIPAA.malware],
  defaultOptions: { allowedRegistries: [] },
  messages: {
    notAllowed: '{{containerKind}} "{{container}}" uses image "{{image}}" from {{name}}, which matches no allowed registry',
  },
  remediation:
    'Mirror the image into an approved registry (where it is scanned and signed) and reference it from there, or add the registry to `allowedRegistries` if it has been approved.',
  docs: [
    'Images from arbitrary registries are code that nobody in the organisation built, scanned',
    'or signed. A typo-squatted Docker Hub name, a compromised upstream repository or a',
    'developer\'s personal registry then runs inside the cluster (MITRE ATT&CK T1525,',
    'T1195.002). Pulling through an approved registry puts every image through the same',
    'scanning, signing and retention.',
    '',
    'Set option `allowedRegistries` to the approved registries, each as `registry` or',
    '`registry/repository-prefix`. Image names are normalised as the container runtime',
    'resolves them: `nginx` is `docker.io/library/nginx`, `team/app` is `docker.io/team/app`,',
    'and `index.docker.io` is `docker.io`; an entry whose first segment is not a registry',
    'host (`bitnami`) names a Docker Hub namespace. A `*` matches within one segment. With the',
    'default empty list the check reports nothing.',
    '',
    '```yaml',
    '# .rampart.yaml',
    'checks:',
    '  image.registry-not-allowed:',
    '    allowedRegistries:',
    '      - registry.example.com',
    '      - ghcr.io/example-org',
    '      - "*.dkr.ecr.eu-west-1.amazonaws.com"',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    const allowed = ctx.options.allowedRegistries ?? [];
    if (allowed.length === 0) return;
    const matchers = allowed.map(allowListMatcher);
    for (const { visit, reference, pointer } of containerImages(ctx.resource)) {
      const name = fullName(reference);
      if (matchers.some((m) => m.test(name))) continue;
      ctx.report({
        messageId: 'notAllowed',
        data: { container: visit.name, containerKind: containerNoun(visit.kind), image: reference.raw, name },
        path: pointer,
      });
    }
  },
});
