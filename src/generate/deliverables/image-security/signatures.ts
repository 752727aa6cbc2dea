/**
 * Image signature verification for each policy engine:
 *
 * - Kyverno verifies cosign signatures itself (`verifyImages`), here keyless signatures made
 *   by the CI pipeline's OIDC identity, and pins each verified image to its digest.
 * - Gatekeeper cannot verify signatures alone: it asks an external data provider. Ratify is the
 *   usual one; its Provider, a template that calls it and the constraints are generated.
 * - ValidatingAdmissionPolicy cannot call out at all; the note names the alternatives and a
 *   Sigstore policy-controller ClusterImagePolicy is generated as the recommended one.
 */
import type { JsonObject } from '../../../model/types.js';
import type { GeneratedFile } from '../../types.js';
import { objectMeta } from '../admission/common.js';
import type { PolicySettings } from '../admission/rules.js';

/** The OIDC identity that signs images in CI; teams replace the organisation placeholder. */
export interface SigningIdentity {
  issuer: string;
  subjectRegExp: string;
}

export const GITHUB_ACTIONS_IDENTITY: SigningIdentity = {
  issuer: 'https://token.actions.githubusercontent.com',
  subjectRegExp: '^https://github\\.com/REPLACE-WITH-YOUR-ORG/.+$',
};

export const SIGNATURE_POLICY_NAME = 'rampart-verify-image-signatures';
export const RATIFY_PROVIDER_NAME = 'ratify-gatekeeper-provider';

function imagePatterns(settings: PolicySettings): string[] {
  return settings.registries.length > 0 ? settings.registries.map((r) => `${r}/*`) : ['*'];
}

/**
 * The Kyverno ClusterPolicy verifying cosign keyless signatures, in Audit or Enforce.
 *
 * @example
 * kyvernoSignaturePolicy(settings, 'Enforce').spec.rules[0].verifyImages[0].failureAction; // 'Enforce'
 */
export function kyvernoSignaturePolicy(settings: PolicySettings, action: 'Audit' | 'Enforce', identity: SigningIdentity = GITHUB_ACTIONS_IDENTITY): JsonObject {
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: objectMeta(SIGNATURE_POLICY_NAME, undefined, {}, {
      'policies.kyverno.io/title': 'Verify image signatures',
      'policies.kyverno.io/description': 'Images from the allowed registries must carry a cosign keyless signature made by the CI identity; verified images are pinned to their digest.',
    }),
    spec: {
      background: false,
      webhookTimeoutSeconds: 30,
      failurePolicy: 'Fail',
      rules: [
        {
          name: 'verify-cosign-keyless',
          match: { any: [{ resources: { kinds: ['Pod'] } }] },
          exclude: { any: [{ resources: { namespaces: [...settings.exemptNamespaces] } }] },
          verifyImages: [
            {
              imageReferences: imagePatterns(settings),
              failureAction: action,
              mutateDigest: true,
              verifyDigest: true,
              required: true,
              attestors: [
                {
                  count: 1,
                  entries: [{ keyless: { issuer: identity.issuer, subjectRegExp: identity.subjectRegExp, rekor: { url: 'https://rekor.sigstore.dev' } } }],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

/** Ratify's verification Rego: every image of the pod must verify; provider errors deny too. */
const RATIFY_REGO = `package k8srampartsignedimages

remote_data := response {
  images := [img | img = input.review.object.spec.containers[_].image]
  init_images := [img | img = input.review.object.spec.initContainers[_].image]
  ephemeral_images := [img | img = input.review.object.spec.ephemeralContainers[_].image]
  all_images := array.concat(array.concat(images, init_images), ephemeral_images)
  response := external_data({"provider": "${RATIFY_PROVIDER_NAME}", "keys": all_images})
}

violation[{"msg": msg}] {
  general_violation[{"result": msg}]
}

general_violation[{"result": result}] {
  err := remote_data.system_error
  err != ""
  result := sprintf("system error calling the external data provider: %s", [err])
}

general_violation[{"result": result}] {
  count(remote_data.errors) > 0
  result := sprintf("error verifying one or more images: %v", [remote_data.errors])
}

general_violation[{"result": result}] {
  subject := remote_data.responses[_]
  subject[1].isSuccess == false
  result := sprintf("image %s failed signature verification", [subject[0]])
}
`;

/**
 * Gatekeeper + Ratify: the external data Provider, the template calling it, and a constraint
 * per phase (dryrun, then deny).
 *
 * @example
 * ratifyFiles(settings, 'signatures/').map((f) => f.path);
 */
export function ratifyFiles(settings: PolicySettings, prefix: string): GeneratedFile[] {
  const provider: JsonObject = {
    apiVersion: 'externaldata.gatekeeper.sh/v1beta1',
    kind: 'Provider',
    metadata: objectMeta(RATIFY_PROVIDER_NAME),
    spec: {
      url: 'https://ratify.gatekeeper-system:6001/ratify/gatekeeper/v1/verify',
      timeout: 7,
      caBundle: 'REPLACE-WITH-BASE64-CA-BUNDLE-OF-THE-RATIFY-SERVICE',
    },
  };
  const template: JsonObject = {
    apiVersion: 'templates.gatekeeper.sh/v1',
    kind: 'ConstraintTemplate',
    metadata: objectMeta('k8srampartsignedimages', undefined, {}, { description: 'Images must pass Ratify signature verification.' }),
    spec: {
      crd: { spec: { names: { kind: 'K8sRampartSignedImages' }, validation: { openAPIV3Schema: { type: 'object', properties: {} } } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: RATIFY_REGO }],
    },
  };
  const constraint = (action: 'dryrun' | 'deny'): JsonObject => ({
    apiVersion: 'constraints.gatekeeper.sh/v1beta1',
    kind: 'K8sRampartSignedImages',
    metadata: objectMeta('rampart-signed-images'),
    spec: { enforcementAction: action, match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], excludedNamespaces: [...settings.exemptNamespaces] } },
  });
  return [
    { path: `${prefix}ratify/provider.yaml`, manifests: [provider] },
    { path: `${prefix}ratify/template.yaml`, manifests: [template] },
    { path: `${prefix}ratify/phase-1-audit.yaml`, manifests: [constraint('dryrun')] },
    { path: `${prefix}ratify/phase-3-enforce.yaml`, manifests: [constraint('deny')] },
  ];
}

/**
 * Sigstore policy-controller's ClusterImagePolicy: the verifier to pair with
 * ValidatingAdmissionPolicy, which cannot verify signatures itself.
 *
 * @example
 * clusterImagePolicy(settings).kind; // 'ClusterImagePolicy'
 */
export function clusterImagePolicy(settings: PolicySettings, identity: SigningIdentity = GITHUB_ACTIONS_IDENTITY): JsonObject {
  return {
    apiVersion: 'policy.sigstore.dev/v1beta1',
    kind: 'ClusterImagePolicy',
    metadata: objectMeta(SIGNATURE_POLICY_NAME),
    spec: {
      images: imagePatterns(settings).map((p) => ({ glob: p === '*' ? '**' : `${p}*` })),
      authorities: [
        {
          keyless: { url: 'https://fulcio.sigstore.dev', identities: [{ issuer: identity.issuer, subjectRegExp: identity.subjectRegExp }] },
          ctlog: { url: 'https://rekor.sigstore.dev' },
        },
      ],
    },
  };
}

/**
 * Why signature verification needs more than the chosen engine, per engine.
 *
 * @example
 * signatureNote('vap', settings); // '# Signature verification with ValidatingAdmissionPolicy…'
 */
export function signatureNote(engine: 'gatekeeper' | 'vap', settings: PolicySettings): string {
  const registries = settings.registries.length > 0 ? settings.registries.join(', ') : 'every registry';
  const common = `Images to verify: ${registries}. The CI examples in \`ci/\` sign each pushed image with cosign keyless signing (GitHub Actions or GitLab OIDC) and attach the CycloneDX SBOM as an attestation; replace \`REPLACE-WITH-YOUR-ORG\` in the identity with your organisation.`;
  if (engine === 'gatekeeper') {
    return `# Signature verification with Gatekeeper\n\nGatekeeper evaluates Rego against the admission request only; it cannot fetch and check a signature by itself. It delegates to an **external data provider**, and [Ratify](https://ratify.dev) is the provider built for this.\n\n1. Install Ratify with its Helm chart into \`gatekeeper-system\` (Gatekeeper must run with \`--enable-external-data\`), configured with a cosign verifier for the keyless identity of your CI.\n2. \`ratify/provider.yaml\` registers Ratify as the provider \`${RATIFY_PROVIDER_NAME}\`; put the CA bundle of Ratify's serving certificate in \`spec.caBundle\` (the chart can create the Provider itself: then skip this file).\n3. Apply \`ratify/template.yaml\`, then \`ratify/phase-1-audit.yaml\` (dryrun), and \`ratify/phase-3-enforce.yaml\` once the audit is clean.\n\n${common}\n`;
  }
  return `# Signature verification with ValidatingAdmissionPolicy\n\nValidatingAdmissionPolicy evaluates CEL over the request only: it cannot download a signature or query a transparency log, so it **cannot verify image signatures**. Pair it with a verifying admission webhook:\n\n- **Sigstore policy-controller** (recommended here): \`sigstore/cluster-image-policy.yaml\` is its ClusterImagePolicy for keyless signatures from your CI. Install the controller with its Helm chart, then label each namespace to enforce with \`policy.sigstore.dev/include=true\` (start with one namespace).\n- Kyverno \`verifyImages\` or Gatekeeper with Ratify: see the other engines' variants of this deliverable.\n- The ImagePolicyWebhook admission plugin (CIS 5.5.1) with a backend of your choice.\n\n${common}\n`;
}
