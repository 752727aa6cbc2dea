/**
 * Latest or missing tag: every container image (init and ephemeral included) must carry an
 * explicit tag other than `latest`, or a digest. Allowed: `repo:1.4.2`, `repo@sha256:…`,
 * `repo:latest@sha256:…` (the digest decides). `latest` and a missing tag name whatever was
 * pushed last: nobody can say which code runs, and rollbacks have nothing to roll back to.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { containerNoun } from '../workload/helpers.js';
import { containerImages } from './reference.js';

export default defineCheck<'noTag' | 'latestTag'>({
  id: 'image.latest-tag',
  title: 'Image without a tag or tagged latest',
  domain: 'image',
  // medium: it does not expose anything by itself, but it lets untested or tampered images reach production without a spec change (integrity, defence in depth).
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.5.1'), NSA.imageScanning, attack('T1525'), pci('6.3.2'), pci('6.5.1'), soc2('CC8.1'), soc2('CC7.1'), HIPAA.integrity],
  messages: {
    noTag: '{{containerKind}} "{{container}}" uses image "{{image}}" without a tag, which means latest',
    latestTag: '{{containerKind}} "{{container}}" uses image "{{image}}" with the mutable tag latest',
  },
  remediation:
    'Reference an explicit version tag (for example `registry.example.com/shop/cart:2.4.1`), and preferably pin it by digest (`…:2.4.1@sha256:…`).',
  docs: [
    'A `latest` or missing tag names whatever was pushed last, so nobody can say which code',
    'runs or roll back to what ran before.',
    '',
    'An image without a tag is pulled as `:latest`, and `latest` is whatever was pushed last. A',
    'manifest that uses it does not say which code runs: two nodes can run different builds,',
    'a restart can silently upgrade (or downgrade) the application, a rollback has no previous',
    'version to return to, and a vulnerability report cannot be matched to what is deployed.',
    'Kubernetes also defaults `imagePullPolicy` to `Always` for such images.',
    '',
    'A reference with a digest passes whatever its tag says, because the runtime pulls by',
    'digest. Unrendered template values (`{{ .Values.image }}`, `$(IMAGE)`) are skipped.',
    '',
    '```yaml',
    'containers:',
    '  - name: cart',
    '    image: registry.example.com/shop/cart:2.4.1@sha256:9f2c…',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const { visit, reference, pointer } of containerImages(ctx.resource)) {
      if (reference.digest !== undefined) continue;
      const data = { container: visit.name, containerKind: containerNoun(visit.kind), image: reference.raw };
      if (reference.tag === undefined) ctx.report({ messageId: 'noTag', data, path: pointer });
      else if (reference.tag === 'latest') ctx.report({ messageId: 'latestTag', data, path: pointer });
    }
  },
});
