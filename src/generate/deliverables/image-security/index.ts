/**
 * Deliverable 5, image security: the allowed-registry and no-latest-tag policies for the
 * profile's engine (the same objects as the admission deliverable's, so applying both is
 * idempotent), image signature verification, CI pipeline examples with a critical-CVE gate and
 * SBOM generation, and a review of the images the inventory runs today.
 */
import { containerImages } from '../../../checks/image/reference.js';
import type { Deliverable, DeliverableGenerator, GeneratedFile, PolicyEngine } from '../../types.js';
import { checkControls, controls, markdownTable, mergeControls, workloads } from '../admission/common.js';
import { policyFiles } from '../admission/index.js';
import { ADMISSION_RULES, activeRules, policySettings, type AdmissionRuleId, type PolicySettings } from '../admission/rules.js';
import { githubWorkflow, gitlabPipeline } from './ci.js';
import { clusterImagePolicy, kyvernoSignaturePolicy, ratifyFiles, signatureNote } from './signatures.js';

export { GITHUB_ACTIONS_IDENTITY, SIGNATURE_POLICY_NAME, clusterImagePolicy, kyvernoSignaturePolicy, ratifyFiles } from './signatures.js';
export { baseImageCheck, githubWorkflow, gitlabPipeline } from './ci.js';

const IMAGE_RULES: readonly AdmissionRuleId[] = ['disallow-latest-tag', 'allowed-registries'];

function signatureFiles(engine: PolicyEngine, settings: PolicySettings): GeneratedFile[] {
  switch (engine) {
    case 'kyverno':
      return [
        { path: 'signatures/kyverno/phase-1-audit.yaml', manifests: [kyvernoSignaturePolicy(settings, 'Audit')] },
        { path: 'signatures/kyverno/phase-3-enforce.yaml', manifests: [kyvernoSignaturePolicy(settings, 'Enforce')] },
      ];
    case 'gatekeeper':
      return [{ path: 'signatures/README.md', text: signatureNote('gatekeeper', settings) }, ...ratifyFiles(settings, 'signatures/')];
    case 'vap':
      return [
        { path: 'signatures/README.md', text: signatureNote('vap', settings) },
        { path: 'signatures/sigstore/cluster-image-policy.yaml', manifests: [clusterImagePolicy(settings)] },
      ];
  }
}

/** One row per container image of the inventory's workloads, with what the policies will say about it. */
function imageReview(context: Parameters<DeliverableGenerator>[0], settings: PolicySettings): string {
  const rows: string[][] = [];
  for (const workload of workloads(context.inventory)) {
    for (const { visit, reference } of containerImages(workload.resource)) {
      const raw = reference.raw.trim();
      const allowed = settings.registries.length === 0 || settings.registries.some((r) => raw.startsWith(`${r}/`));
      const tag = reference.digest !== undefined ? 'digest' : reference.tag === undefined ? 'no tag' : reference.tag === 'latest' ? 'latest' : reference.tag;
      const verdicts = [allowed ? '' : 'registry not allowed', tag === 'latest' || tag === 'no tag' ? 'latest/untagged' : '', reference.digest === undefined ? 'not pinned by digest' : ''].filter((v) => v !== '');
      rows.push([`${workload.namespace}/${workload.resource.name} (${workload.resource.kind})`, visit.name, raw, verdicts.length > 0 ? verdicts.join('; ') : 'ok']);
    }
  }
  const refused = rows.filter((r) => r[3]?.includes('registry not allowed') || r[3]?.includes('latest/untagged')).length;
  return [
    '# Images in the inventory',
    '',
    `Allowed registries: ${settings.registries.length > 0 ? settings.registries.map((r) => `\`${r}\``).join(', ') : 'none listed in the profile (every registry allowed)'}.`,
    '',
    `${rows.length} container images; ${refused} would be refused once the policies enforce. Mirror or rebuild those images into an allowed registry and pin a version (a digest is better) before phase 3.`,
    '',
    rows.length > 0 ? markdownTable(['Workload', 'Container', 'Image', 'Verdict'], rows) : '_The inventory has no workloads._',
    '',
  ].join('\n');
}

/**
 * Generates the image-security deliverable.
 *
 * @example
 * const deliverable = generateImageSecurity({ profile, inventory, randomBytes });
 */
export const generateImageSecurity: DeliverableGenerator = (context): Deliverable => {
  const { profile } = context;
  const settings = policySettings(profile);
  const rules = activeRules(settings).filter((r) => IMAGE_RULES.includes(r));
  const engine = profile.policyEngine;
  const files: GeneratedFile[] = [
    ...policyFiles(engine, rules, settings, 'policies/'),
    ...signatureFiles(engine, settings),
    { path: 'ci/.github/workflows/image-scan.yaml', text: githubWorkflow(settings.registries) },
    { path: 'ci/.gitlab-ci.yml', text: gitlabPipeline(settings.registries) },
    { path: 'images.md', text: imageReview(context, settings) },
  ];
  const signatureApply =
    engine === 'kyverno'
      ? '# Kyverno 1.13 or later (verifyImages[].failureAction)\nkubectl apply -f signatures/kyverno/phase-1-audit.yaml   # then phase-3-enforce.yaml once every image verifies'
      : engine === 'gatekeeper'
        ? '# install Ratify first (signatures/README.md), then:\nkubectl apply -f signatures/ratify/provider.yaml -f signatures/ratify/template.yaml\nkubectl apply -f signatures/ratify/phase-1-audit.yaml   # then phase-3-enforce.yaml'
        : '# install Sigstore policy-controller first (signatures/README.md), then:\nkubectl apply -f signatures/sigstore/cluster-image-policy.yaml\nkubectl label namespace <ns> policy.sigstore.dev/include=true';
  const policyDir = `policies/${engine}`;
  const policyApply = [...(engine === 'gatekeeper' ? [`kubectl apply -f ${policyDir}/templates.yaml`] : engine === 'vap' ? [`kubectl apply -f ${policyDir}/policies.yaml`] : []), `kubectl apply -f ${policyDir}/phase-1-audit.yaml   # then phase-2-warn.yaml, phase-3-enforce.yaml`];
  const risks = [
    'Images from registries outside the allow-list, and untagged or latest images, are refused in phase 3 (images.md lists the ones in the inventory today).',
    'Signature verification refuses every unsigned image once enforced, including third-party images from allowed registries: sign or re-sign mirrored images, or narrow the image patterns.',
    'Keyless verification depends on the Sigstore public-good services (Fulcio, Rekor) being reachable from the verifier; run a private Sigstore or key-based signing in air-gapped clusters.',
    'The CI examples fail builds on critical vulnerabilities with a fix available; expect the first runs to fail on old base images.',
  ];
  if (settings.registries.length === 0) risks.push('The profile lists no allowed registries: no registry policy is generated and signature verification covers every image.');
  return {
    id: 'image-security',
    title: 'Image security',
    files,
    readme: {
      what: `Supply-chain controls for container images, for ${engine}: the allowed-registry and no-latest-tag policies (${policyDir}/, rolled out audit → warn → enforce), image signature verification (signatures/), CI pipeline examples for GitHub Actions and GitLab CI that fail on critical CVEs (Trivy, Grype), generate a CycloneDX SBOM (Syft) and sign images with cosign (ci/), and a review of the images the inventory runs today (images.md).`,
      why: 'A cluster runs whatever images it is given. Restricting where images come from, refusing mutable tags, verifying that an image was built and signed by your pipeline, and scanning it before it ships close the main supply-chain paths: malicious or typo-squatted images, tampered registries, and known-vulnerable software. The SBOM is the inventory of third-party components that PCI DSS 6.3.2 asks for.',
      apply: `1. Copy \`ci/.github/workflows/image-scan.yaml\` or \`ci/.gitlab-ci.yml\` into each image repository; set the registry credentials as CI secrets (REGISTRY_USERNAME/REGISTRY_PASSWORD or REGISTRY_USER/REGISTRY_PASSWORD) and replace \`REPLACE-WITH-YOUR-ORG\` in the signing identity.\n2. Apply the registry and tag policies, one phase at a time:\n\n\`\`\`sh\n${policyApply.join('\n')}\n\`\`\`\n\n3. Apply signature verification in audit mode, and enforce once every image in use is signed:\n\n\`\`\`sh\n${signatureApply}\n\`\`\``,
      verify: `\`\`\`sh\nkubectl run rampart-probe --image=docker.io/library/busybox:latest -n default --dry-run=server   # refused in phase 3\n\`\`\`\n\nIn CI, a pull request that adds an image with a critical CVE fails the scan step; the SBOM is attached to the run and, on main, as a cosign attestation (\`cosign verify-attestation --type cyclonedx <image>\`).`,
      rollback: `Apply the previous phase file (policies go back to audit), or delete the policies: \`kubectl delete -f ${policyDir}/\` and \`kubectl delete -f signatures/ -R\`. CI gates are removed by reverting the pipeline file.`,
    },
    controls: mergeControls(
      ...rules.map((r) => ADMISSION_RULES[r].controls),
      checkControls(['image']),
      controls('cis-k8s', '5.5.1'),
      controls('nsa-cisa', 'secure-container-images', 'vulnerability-scanning'),
      controls('pci-dss', '6.3.1', '6.3.2', '6.3.3', '11.3.1'),
      controls('soc2', 'CC6.8', 'CC7.1'),
      controls('hipaa', '164.308(a)(5)(ii)(B)'),
      controls('mitre-attack', 'T1204.003', 'T1525', 'T1195.002'),
    ),
    phase: 5,
    risks,
  };
};
