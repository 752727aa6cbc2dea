/**
 * Mutable tag pulled on every start: a container whose image has no digest and whose
 * `imagePullPolicy` is explicitly `Always`. Each restart, reschedule or scale-up then fetches
 * whatever the tag points at now, so the running code changes without any change to the
 * workload. Allowed: a digest (then `Always` is cheap and safe), or no explicit `Always`.
 * The defaulted `Always` of untagged and `latest` images is left to `image.latest-tag`, and the
 * node-to-node drift of `IfNotPresent` with a mutable tag to `image.not-pinned-by-digest`.
 */
import { defineCheck } from '../../engine/types.js';
import { joinPointer } from '../../model/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { containerNoun } from '../workload/helpers.js';
import { containerImages } from './reference.js';

export default defineCheck<'mutableAlways'>({
  id: 'image.mutable-tag-always-pulled',
  title: 'Mutable image tag pulled on every start',
  domain: 'image',
  // medium: the image can change under a running workload without review, an integrity gap rather than an exposure by itself.
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.5.1'), NSA.imageScanning, attack('T1525'), pci('6.5.1'), pci('11.5.2'), soc2('CC8.1'), soc2('CC7.1'), HIPAA.integrity],
  messages: {
    mutableAlways:
      '{{containerKind}} "{{container}}" pulls image "{{image}}" with imagePullPolicy=Always but no digest: each restart may run different code',
  },
  remediation:
    'Pin the image by digest (`…:2.4.1@sha256:…`) and keep `imagePullPolicy: Always`, so every start verifies registry access but always runs the same image. Do not switch to IfNotPresent to silence this finding: that only makes nodes diverge.',
  docs: [
    'With `imagePullPolicy: Always` and a mutable tag, every restart re-resolves the tag, so',
    'the code of a running workload can change without any change to the workload.',
    '',
    'With a mutable tag (no digest), what a container runs depends on when its node pulled the',
    'image. The two pull policies fail differently:',
    '',
    '- `IfNotPresent` (the default for version tags): each node keeps the image it pulled',
    '  first, so nodes run different builds under the same name, and pods may start from an',
    '  image cached by another tenant without presenting pull credentials. This is reported by',
    '  `image.not-pinned-by-digest`.',
    '- `Always`: every restart, reschedule or scale-up re-resolves the tag, so the code of a',
    '  running workload changes with no change to the workload and no rollout — a re-pushed or',
    '  hijacked tag goes live at the next crash (MITRE ATT&CK T1525). **This check reports',
    '  that case** when `imagePullPolicy: Always` is set explicitly. The implicit `Always` of',
    '  untagged and `latest` images is already reported by `image.latest-tag`.',
    '',
    '`Always` is the right policy — it makes the kubelet check registry credentials on every',
    'start (the goal of the `AlwaysPullImages` admission plugin) — once the image is pinned by',
    'digest. The fix is the digest, not a different policy.',
    '',
    '```yaml',
    'containers:',
    '  - name: cart',
    '    image: registry.example.com/shop/cart:2.4.1@sha256:9f2c…',
    '    imagePullPolicy: Always',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const { visit, reference } of containerImages(ctx.resource)) {
      if (reference.digest !== undefined || visit.container['imagePullPolicy'] !== 'Always') continue;
      ctx.report({
        messageId: 'mutableAlways',
        data: { container: visit.name, containerKind: containerNoun(visit.kind), image: reference.raw },
        path: joinPointer(visit.pointer, 'imagePullPolicy'),
      });
    }
  },
});
