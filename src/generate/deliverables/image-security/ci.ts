/**
 * CI pipeline examples: build, check base images against the allow-list, scan with Trivy and
 * fail on critical CVEs, generate a CycloneDX SBOM with Syft and gate on it with Grype, then
 * push, sign (cosign keyless) and attest the SBOM. Pipelines are built as data and serialized
 * with the YAML library, never concatenated as text.
 */
import { stringify } from 'yaml';
import type { JsonObject } from '../../../model/types.js';

/** Tool versions, pinned so the example is reproducible; bump them deliberately. */
export const CI_TOOLS = {
  trivyAction: 'aquasecurity/trivy-action@0.28.0',
  trivyImage: 'aquasec/trivy:0.57.1',
  sbomAction: 'anchore/sbom-action@v0.17.8',
  scanAction: 'anchore/scan-action@v5.3.0',
  cosignInstaller: 'sigstore/cosign-installer@v3.7.0',
  syft: 'v1.18.1',
  grype: 'v0.86.1',
  cosign: 'v2.4.1',
} as const;

/**
 * Where the pipelines push: the first allowed registry, or a placeholder.
 *
 * @example
 * pushRegistry(['ghcr.io/acme']); // 'ghcr.io/acme'
 */
export function pushRegistry(registries: readonly string[]): string {
  return registries[0] ?? 'registry.example.com/REPLACE-ME';
}

/**
 * A POSIX shell script that fails when a Dockerfile's base image is outside the allow-list
 * (build stages named with `AS` may be reused; `scratch` is always allowed).
 *
 * @example
 * baseImageCheck(['ghcr.io/acme']);
 */
export function baseImageCheck(registries: readonly string[]): string {
  if (registries.length === 0) return 'echo "the profile lists no allowed registries: base images are not checked"';
  return [
    // No pathname expansion: image names and registry prefixes are words, not globs.
    'set -f',
    `allowed="${registries.join(' ')}"`,
    'stages=$(awk \'toupper($1)=="FROM" && toupper($(NF-1))=="AS" {print $NF}\' Dockerfile)',
    'status=0',
    'for image in $(awk \'toupper($1)=="FROM" { for (i = 2; i <= NF; i++) if ($i !~ /^--/) { print $i; break } }\' Dockerfile); do',
    '  ok=no',
    '  [ "$image" = scratch ] && ok=yes',
    '  for stage in $stages; do [ "$image" = "$stage" ] && ok=yes; done',
    '  for registry in $allowed; do case "$image" in "$registry"/*) ok=yes ;; esac; done',
    '  if [ "$ok" = no ]; then echo "base image $image is not from an allowed registry ($allowed)"; status=1; fi',
    'done',
    'exit $status',
  ].join('\n');
}

function toYaml(document: JsonObject, header: string): string {
  return `${header}\n${stringify(document, { lineWidth: 0 })}`;
}

/**
 * `.github/workflows/image-scan.yaml`.
 *
 * @example
 * githubWorkflow(['ghcr.io/acme']);
 */
export function githubWorkflow(registries: readonly string[]): string {
  const image = `${pushRegistry(registries)}/\${{ github.event.repository.name }}`;
  const workflow: JsonObject = {
    name: 'image-scan',
    on: { push: { branches: ['main'] }, pull_request: {} },
    permissions: { contents: 'read' },
    env: { IMAGE: image, TAG: '${{ github.sha }}' },
    jobs: {
      'build-scan-sign': {
        'runs-on': 'ubuntu-latest',
        permissions: { contents: 'read', packages: 'write', 'id-token': 'write' },
        steps: [
          { uses: 'actions/checkout@v4' },
          { name: 'Base images come from allowed registries', run: baseImageCheck(registries) },
          { name: 'Build', run: 'docker build --pull -t "$IMAGE:$TAG" .' },
          {
            name: 'Scan: fail on critical vulnerabilities (Trivy)',
            uses: CI_TOOLS.trivyAction,
            with: { 'image-ref': '${{ env.IMAGE }}:${{ env.TAG }}', severity: 'CRITICAL', 'exit-code': '1', 'ignore-unfixed': true, 'vuln-type': 'os,library', format: 'table' },
          },
          {
            name: 'SBOM (Syft, CycloneDX)',
            uses: CI_TOOLS.sbomAction,
            with: { image: '${{ env.IMAGE }}:${{ env.TAG }}', format: 'cyclonedx-json', 'output-file': 'sbom.cdx.json', 'upload-artifact': true },
          },
          {
            name: 'Scan the SBOM: fail on critical vulnerabilities (Grype)',
            uses: CI_TOOLS.scanAction,
            with: { sbom: 'sbom.cdx.json', 'fail-build': true, 'severity-cutoff': 'critical' },
          },
          {
            name: 'Log in to the registry',
            if: "github.event_name == 'push'",
            // Secrets reach the shell as environment variables, never interpolated into the script.
            env: { REGISTRY_USERNAME: '${{ secrets.REGISTRY_USERNAME }}', REGISTRY_PASSWORD: '${{ secrets.REGISTRY_PASSWORD }}' },
            run: 'echo "$REGISTRY_PASSWORD" | docker login "${IMAGE%%/*}" -u "$REGISTRY_USERNAME" --password-stdin',
          },
          {
            name: 'Push',
            id: 'push',
            if: "github.event_name == 'push'",
            run: ['docker push "$IMAGE:$TAG"', 'digest=$(docker inspect --format "{{index .RepoDigests 0}}" "$IMAGE:$TAG")', 'echo "ref=$digest" >> "$GITHUB_OUTPUT"'].join('\n'),
          },
          { name: 'Install cosign', if: "github.event_name == 'push'", uses: CI_TOOLS.cosignInstaller },
          {
            name: 'Sign (keyless) and attest the SBOM',
            if: "github.event_name == 'push'",
            env: { REF: '${{ steps.push.outputs.ref }}' },
            run: ['cosign sign --yes "$REF"', 'cosign attest --yes --type cyclonedx --predicate sbom.cdx.json "$REF"'].join('\n'),
          },
        ],
      },
    },
  };
  return toYaml(workflow, '# Image pipeline: base images from allowed registries, build, scan (critical CVEs fail the build), CycloneDX SBOM, sign and attest.');
}

function installScript(tool: 'syft' | 'grype', version: string): string {
  return `curl -sSfL https://raw.githubusercontent.com/anchore/${tool}/main/install.sh | sh -s -- -b /usr/local/bin ${version}`;
}

/**
 * `.gitlab-ci.yml`.
 *
 * @example
 * gitlabPipeline(['registry.example.com']);
 */
export function gitlabPipeline(registries: readonly string[]): string {
  const image = `${pushRegistry(registries)}/$CI_PROJECT_NAME`;
  const tools = { name: 'alpine:3.20', entrypoint: [''] };
  const pipeline: JsonObject = {
    stages: ['build', 'scan', 'publish'],
    variables: { IMAGE: image, TAG: '$CI_COMMIT_SHA', DOCKER_TLS_CERTDIR: '/certs' },
    build: {
      stage: 'build',
      image: 'docker:27',
      services: ['docker:27-dind'],
      script: [baseImageCheck(registries), 'docker build --pull -t "$IMAGE:$TAG" .', 'docker save "$IMAGE:$TAG" -o image.tar'],
      artifacts: { paths: ['image.tar'], expire_in: '1 hour' },
    },
    'trivy-scan': {
      stage: 'scan',
      needs: ['build'],
      image: { name: CI_TOOLS.trivyImage, entrypoint: [''] },
      script: ['trivy image --input image.tar --severity CRITICAL --exit-code 1 --ignore-unfixed --no-progress'],
    },
    sbom: {
      stage: 'scan',
      needs: ['build'],
      image: tools,
      script: ['apk add --no-cache curl', installScript('syft', CI_TOOLS.syft), 'syft docker-archive:image.tar -o cyclonedx-json=sbom.cdx.json'],
      artifacts: { paths: ['sbom.cdx.json'], reports: { cyclonedx: ['sbom.cdx.json'] } },
    },
    'grype-gate': {
      stage: 'scan',
      needs: ['sbom'],
      image: tools,
      script: ['apk add --no-cache curl', installScript('grype', CI_TOOLS.grype), 'grype sbom:sbom.cdx.json --fail-on critical'],
    },
    publish: {
      stage: 'publish',
      needs: ['build', 'trivy-scan', 'grype-gate', 'sbom'],
      image: 'docker:27',
      services: ['docker:27-dind'],
      id_tokens: { SIGSTORE_ID_TOKEN: { aud: 'sigstore' } },
      rules: [{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }],
      script: [
        'docker load -i image.tar',
        'echo "$REGISTRY_PASSWORD" | docker login "${IMAGE%%/*}" -u "$REGISTRY_USER" --password-stdin',
        'docker push "$IMAGE:$TAG"',
        'REF=$(docker inspect --format "{{index .RepoDigests 0}}" "$IMAGE:$TAG")',
        `wget -qO /usr/local/bin/cosign https://github.com/sigstore/cosign/releases/download/${CI_TOOLS.cosign}/cosign-linux-amd64 && chmod +x /usr/local/bin/cosign`,
        'cosign sign --yes "$REF"',
        'cosign attest --yes --type cyclonedx --predicate sbom.cdx.json "$REF"',
      ],
    },
  };
  return toYaml(pipeline, '# Image pipeline: base images from allowed registries, build, scan (critical CVEs fail the build), CycloneDX SBOM, sign and attest.');
}
