import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../../../../src/model/types.js';
import { generateAdmission } from '../../../../src/generate/deliverables/admission/index.js';
import { baseImageCheck, generateImageSecurity } from '../../../../src/generate/deliverables/image-security/index.js';
import { POLICY_ENGINES, type Profile } from '../../../../src/generate/types.js';
import { compileCel, evaluatePolicy, policyExpressions } from '../admission/cel.js';
import { RULE_VIOLATIONS, deployment, exempt, pod } from '../admission/fixtures.js';
import { compileSchema, deliverableProblems, demoContext, makeProfile, manifestsIn, manifestsOf, schemaErrors, schemaFiles, textOf } from '../support.js';

function generate(overrides: Partial<Profile> = {}) {
  return generateImageSecurity(demoContext(makeProfile(overrides)));
}

const nameOf = (m: JsonObject) => String((m['metadata'] as JsonObject)['name']);
const spec = (m: JsonObject) => m['spec'] as JsonObject;

/**
 * Kinds without a schema in ../shared/schemas (Gatekeeper's external-data Provider, Sigstore's
 * ClusterImagePolicy, constraint kinds): checked here field by field against the typed builder's
 * contract instead.
 */
function ownSchemaProblems(manifest: JsonObject): string[] {
  const kind = String(manifest['kind']);
  const s = spec(manifest);
  const problems: string[] = [];
  if (kind === 'Provider') {
    if (manifest['apiVersion'] !== 'externaldata.gatekeeper.sh/v1beta1') problems.push('Provider apiVersion');
    if (typeof s['url'] !== 'string' || !String(s['url']).startsWith('https://')) problems.push('Provider url must be https');
    if (typeof s['timeout'] !== 'number') problems.push('Provider timeout');
    if (typeof s['caBundle'] !== 'string') problems.push('Provider caBundle');
    if (Object.keys(s).some((k) => !['url', 'timeout', 'caBundle'].includes(k))) problems.push('Provider unknown field');
  } else if (kind === 'ClusterImagePolicy') {
    if (manifest['apiVersion'] !== 'policy.sigstore.dev/v1beta1') problems.push('ClusterImagePolicy apiVersion');
    if (!Array.isArray(s['images']) || !(s['images'] as JsonObject[]).every((i) => typeof i['glob'] === 'string')) problems.push('images[].glob');
    if (!Array.isArray(s['authorities']) || s['authorities'].length === 0) problems.push('authorities');
  } else if (String(manifest['apiVersion']) === 'constraints.gatekeeper.sh/v1beta1') {
    if (!['dryrun', 'warn', 'deny'].includes(String(s['enforcementAction']))) problems.push('enforcementAction');
  } else problems.push(`no schema for ${kind}`);
  return problems;
}

describe('image-security deliverable', () => {
  for (const engine of POLICY_ENGINES) {
    describe(engine, () => {
      const deliverable = generate({ policyEngine: engine });

      it('has a README, controls from the catalogues, a phase and risks', () => {
        expect(deliverableProblems(deliverable)).toEqual([]);
      });

      it('every manifest validates against its strict schema (own checks where ../shared has none)', () => {
        for (const { file, manifest } of manifestsOf(deliverable)) {
          const files = String(manifest['apiVersion']).startsWith('constraints.gatekeeper.sh/') ? undefined : schemaFiles(manifest);
          expect(files ? schemaErrors(manifest) : ownSchemaProblems(manifest), `${file} ${String(manifest['kind'])}`).toEqual([]);
        }
      });

      it('the registry and tag policies are the admission deliverable\'s objects', () => {
        const admission = generateAdmission(demoContext(makeProfile({ policyEngine: engine })));
        const admitted = new Map(manifestsOf(admission).map(({ file, manifest }) => [`${file}:${String(manifest['kind'])}/${nameOf(manifest)}`, manifest]));
        const policies = manifestsOf(deliverable).filter(({ file }) => file.startsWith('policies/'));
        expect(policies.length).toBeGreaterThan(0);
        for (const { file, manifest } of policies) expect(manifest).toEqual(admitted.get(`${file.slice('policies/'.length)}:${String(manifest['kind'])}/${nameOf(manifest)}`));
      });

      it('is deterministic', () => {
        expect(generate({ policyEngine: engine })).toEqual(deliverable);
      });
    });
  }

  it('vap: the registry and tag policies compile and decide as intended', () => {
    const policies = manifestsIn(generate({ policyEngine: 'vap' }), 'policies/vap/policies.yaml');
    expect(policies.map(nameOf)).toEqual(['rampart-disallow-latest-tag', 'rampart-allowed-registries']);
    for (const policy of policies) {
      for (const e of policyExpressions(policy)) expect(() => compileCel(e)).not.toThrow();
      expect(evaluatePolicy(policy, deployment()).allowed).toBe(true);
      for (const violation of RULE_VIOLATIONS[nameOf(policy).replace('rampart-', '')] ?? []) expect(evaluatePolicy(policy, pod(violation.spec)).allowed, violation.name).toBe(false);
    }
    const note = textOf(generate({ policyEngine: 'vap' }), 'signatures/README.md');
    expect(note).toContain('cannot verify image signatures');
  });

  it('kyverno: verifyImages checks keyless signatures on the allowed registries, Audit then Enforce', () => {
    const deliverable = generate({ policyEngine: 'kyverno' });
    const [audit] = manifestsIn(deliverable, 'signatures/kyverno/phase-1-audit.yaml');
    const [enforce] = manifestsIn(deliverable, 'signatures/kyverno/phase-3-enforce.yaml');
    const verify = (p: JsonObject | undefined) => (((spec(p as JsonObject)['rules'] as JsonObject[])[0] as JsonObject)['verifyImages'] as JsonObject[])[0] as JsonObject;
    expect(verify(audit)['imageReferences']).toEqual(['ghcr.io/acme/*', 'registry.example.com/*']);
    expect(verify(audit)['failureAction']).toBe('Audit');
    expect(verify(enforce)['failureAction']).toBe('Enforce');
    const keyless = (((verify(enforce)['attestors'] as JsonObject[])[0] as JsonObject)['entries'] as JsonObject[])[0] as JsonObject;
    expect((keyless['keyless'] as JsonObject)['issuer']).toBe('https://token.actions.githubusercontent.com');
    expect(((spec(enforce as JsonObject)['rules'] as JsonObject[])[0] as JsonObject)['exclude']).toEqual({ any: [{ resources: { namespaces: exempt('kyverno') } }] });
  });

  it('gatekeeper: constraints validate against their templates, and Ratify is documented with its manifests', () => {
    const deliverable = generate({ policyEngine: 'gatekeeper' });
    const templates = [...manifestsIn(deliverable, 'policies/gatekeeper/templates.yaml'), ...manifestsIn(deliverable, 'signatures/ratify/template.yaml')];
    const constraints = manifestsOf(deliverable).filter(({ manifest }) => String(manifest['apiVersion']).startsWith('constraints.gatekeeper.sh/'));
    expect(constraints.length).toBe(3 * 2 + 2);
    for (const { manifest } of constraints) {
      const template = templates.find((t) => ((spec(t)['crd'] as JsonObject)['spec'] as JsonObject)['names'] && (((spec(t)['crd'] as JsonObject)['spec'] as JsonObject)['names'] as JsonObject)['kind'] === manifest['kind']);
      expect(template, String(manifest['kind'])).toBeDefined();
      const schema = ((((spec(template as JsonObject)['crd'] as JsonObject)['spec'] as JsonObject)['validation'] as JsonObject)['openAPIV3Schema']) as JsonObject;
      const validate = compileSchema({ ...schema, additionalProperties: false });
      expect(validate(spec(manifest)['parameters'] ?? {}) ? [] : validate.errors).toEqual([]);
    }
    const rego = String(((spec(manifestsIn(deliverable, 'signatures/ratify/template.yaml')[0] as JsonObject)['targets'] as JsonObject[])[0] as JsonObject)['rego']);
    expect(rego).toContain('external_data({"provider": "ratify-gatekeeper-provider"');
    expect(nameOf(manifestsIn(deliverable, 'signatures/ratify/provider.yaml')[0] as JsonObject)).toBe('ratify-gatekeeper-provider');
    expect(textOf(deliverable, 'signatures/README.md')).toContain('external data provider');
  });

  it('CI pipelines gate on critical CVEs, generate a CycloneDX SBOM and use the allowed registry', () => {
    const deliverable = generate();
    const github = parse(textOf(deliverable, 'ci/.github/workflows/image-scan.yaml')) as JsonObject;
    const steps = ((github['jobs'] as JsonObject)['build-scan-sign'] as JsonObject)['steps'] as JsonObject[];
    const trivy = steps.find((s) => String(s['uses']).startsWith('aquasecurity/trivy-action@')) as JsonObject;
    expect(trivy['with']).toMatchObject({ severity: 'CRITICAL', 'exit-code': '1' });
    expect((steps.find((s) => String(s['uses']).startsWith('anchore/sbom-action@')) as JsonObject)['with']).toMatchObject({ format: 'cyclonedx-json' });
    expect((steps.find((s) => String(s['uses']).startsWith('anchore/scan-action@')) as JsonObject)['with']).toMatchObject({ 'fail-build': true, 'severity-cutoff': 'critical' });
    expect((github['env'] as JsonObject)['IMAGE']).toBe('ghcr.io/acme/${{ github.event.repository.name }}');

    const gitlab = parse(textOf(deliverable, 'ci/.gitlab-ci.yml')) as JsonObject;
    expect(gitlab['stages']).toEqual(['build', 'scan', 'publish']);
    expect(String(((gitlab['trivy-scan'] as JsonObject)['script'] as string[])[0])).toContain('--severity CRITICAL --exit-code 1');
    expect(((gitlab['sbom'] as JsonObject)['script'] as string[]).join('\n')).toContain('cyclonedx-json=sbom.cdx.json');
    expect(((gitlab['grype-gate'] as JsonObject)['script'] as string[]).join('\n')).toContain('--fail-on critical');
    expect(((gitlab['build'] as JsonObject)['script'] as string[])[0]).toContain('allowed="ghcr.io/acme registry.example.com"');
    expect(baseImageCheck([])).toContain('no allowed registries');
  });

  it('the base-image check passes allowed registries and stages, and fails others', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rampart-ci-'));
    const run = (dockerfile: string): number => {
      writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
      try {
        execFileSync('sh', ['-c', baseImageCheck(['ghcr.io/acme', 'registry.example.com'])], { cwd: dir, stdio: 'pipe' });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    try {
      expect(run('FROM --platform=linux/amd64 ghcr.io/acme/base:1.2 AS build\nRUN make\nFROM build\nFROM scratch\n')).toBe(0);
      expect(run('FROM registry.example.com/node:20\n')).toBe(0);
      expect(run('FROM node:20\n')).toBe(1);
      expect(run('FROM ghcr.io/acme-evil/base:1\n')).toBe(1);
      // A glob-looking name is not expanded against the working directory.
      expect(run('FROM *\n')).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('images.md reviews the inventory\'s images against the policies', () => {
    const review = textOf(generate(), 'images.md');
    expect(review).toContain('# Images in the inventory');
    expect(review).toMatch(/registry not allowed/);
    expect(review).toContain('| Workload | Container | Image | Verdict |');
  });

  it('without allowed registries: no registry policy, signatures cover every image', () => {
    const deliverable = generate({ allowedRegistries: [], policyEngine: 'kyverno' });
    expect(manifestsIn(deliverable, 'policies/kyverno/phase-1-audit.yaml').map(nameOf)).toEqual(['rampart-disallow-latest-tag']);
    const [policy] = manifestsIn(deliverable, 'signatures/kyverno/phase-1-audit.yaml');
    expect(JSON.stringify(policy)).toContain('"imageReferences":["*"]');
    expect(deliverableProblems(deliverable)).toEqual([]);
  });
});
