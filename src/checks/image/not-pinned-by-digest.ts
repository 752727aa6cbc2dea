/**
 * Digest pinning: every container image (init and ephemeral included) should be referenced by
 * digest (`@sha256:…`). Allowed: any reference with a digest. A tag is a mutable pointer that
 * whoever can push to the repository — or compromise the registry — can move; a digest names
 * exactly the bytes that were built, scanned and signed.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { containerNoun } from '../workload/helpers.js';
import { containerImages } from './reference.js';

export default defineCheck<'notPinned'>({
  id: 'image.not-pinned-by-digest',
  title: 'Image not pinned by digest',
  domain: 'image',
  // low: a versioned tag is usually stable in practice; a digest closes the remaining supply-chain gap (hygiene that makes signatures and scans meaningful).
  severity: 'low',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.5.1'), NSA.imageScanning, attack('T1525'), attack('T1195.002'), pci('6.3.2'), pci('6.5.1'), soc2('CC7.1'), soc2('CC8.1'), HIPAA.integrity],
  messages: {
    notPinned: '{{containerKind}} "{{container}}" uses image "{{image}}" without a digest',
  },
  remediation:
    'Append the image digest to the reference (`image: registry.example.com/shop/cart:2.4.1@sha256:…`), and let a bot such as Renovate update tag and digest together.',
  docs: [
    'Tags are mutable: anyone who can push to the repository, or who compromises the registry,',
    'can point `cart:2.4.1` at different content (MITRE ATT&CK T1525, Implant Internal Image;',
    'T1195.002, supply-chain compromise). Nodes that pull at different times then run',
    'different code under the same name, and a vulnerability scan or signature check made',
    'on the tag tells you nothing about what actually runs.',
    '',
    'A digest (`@sha256:…`) identifies the exact image manifest. Keep the tag for readability —',
    'the runtime ignores it when a digest is present. Admission policies (Kyverno',
    '`verifyImages`, Sigstore policy-controller) can then verify signatures by digest. This',
    'check also covers what `IfNotPresent` pull policies hide: with a mutable tag, each node',
    'keeps whichever image it pulled first.',
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
      ctx.report({ messageId: 'notPinned', data: { container: visit.name, containerKind: containerNoun(visit.kind), image: reference.raw }, path: pointer });
    }
  },
});
