import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../../src/model/types.js';
import { generateAdmission } from '../../../../src/generate/deliverables/admission/index.js';
import { gatekeeperRego } from '../../../../src/generate/deliverables/admission/gatekeeper.js';
import { ADMISSION_RULE_IDS, ROLLOUT_PHASES, type AdmissionRuleId } from '../../../../src/generate/deliverables/admission/rules.js';
import { POLICY_ENGINES, type Profile } from '../../../../src/generate/types.js';
import { compileSchema, contextFromYaml, deliverableProblems, demoContext, makeProfile, manifestsIn, manifestsOf, schemaErrors } from '../support.js';
import { compileCel, evaluatePolicy, policyExpressions } from './cel.js';
import { PSS_VIOLATIONS, RULE_VIOLATIONS, compliantPodSpec, cronJob, deployment, exempt, pod, tweak } from './fixtures.js';
import { matchesPattern, pathExists, patternPaths } from './kyverno-pattern.js';

function generate(overrides: Partial<Profile> = {}) {
  return generateAdmission(demoContext(makeProfile(overrides)));
}

function policyFor(policies: readonly JsonObject[], rule: AdmissionRuleId): JsonObject {
  const found = policies.find((p) => (p['metadata'] as JsonObject)['name'] === `rampart-${rule}`);
  if (!found) throw new Error(`no policy for ${rule}`);
  return found;
}

describe('admission deliverable', () => {
  for (const engine of POLICY_ENGINES) {
    describe(engine, () => {
      const deliverable = generate({ policyEngine: engine });

      it('has a README, controls from the catalogues, a phase and risks', () => {
        expect(deliverableProblems(deliverable)).toEqual([]);
        expect(deliverable.id).toBe('admission');
      });

      it('writes one file per rollout phase', () => {
        const phases = deliverable.files.map((f) => f.path).filter((p) => /phase-\d/.test(p));
        expect(phases).toEqual(ROLLOUT_PHASES.map((p, i) => `${engine}/phase-${i + 1}-${p}.yaml`));
      });

      it('every manifest validates against the strict schema of its kind', () => {
        for (const { file, manifest } of manifestsOf(deliverable)) {
          if (engine === 'gatekeeper' && String(manifest['apiVersion']).startsWith('constraints.gatekeeper.sh/')) continue; // validated against the template below
          expect(schemaErrors(manifest), `${file} ${String(manifest['kind'])}`).toEqual([]);
        }
      });

      it('is deterministic', () => {
        expect(generate({ policyEngine: engine })).toEqual(deliverable);
      });

      it('covers every rule in every phase, with the same object names across phases', () => {
        const names = (path: string) => manifestsIn(deliverable, path).map((m) => `${String(m['kind'])}/${String((m['metadata'] as JsonObject)['name'])}`);
        const first = names(`${engine}/phase-1-audit.yaml`);
        expect(first).toHaveLength(ADMISSION_RULE_IDS.length);
        for (const phase of ['phase-2-warn', 'phase-3-enforce']) expect(names(`${engine}/${phase}.yaml`)).toEqual(first);
      });
    });
  }

  it('leaves out allowed-registries when the profile lists no registry', () => {
    const deliverable = generate({ allowedRegistries: [], policyEngine: 'vap' });
    const names = manifestsIn(deliverable, 'vap/policies.yaml').map((m) => (m['metadata'] as JsonObject)['name']);
    expect(names).not.toContain('rampart-allowed-registries');
    expect(deliverable.risks.join(' ')).toContain('no allowed registries');
  });
});

describe('ValidatingAdmissionPolicy (CEL evaluated)', () => {
  const restricted = generate({ policyEngine: 'vap', posture: 'restricted' });
  const baseline = generate({ policyEngine: 'vap', posture: 'baseline' });
  const policies = manifestsIn(restricted, 'vap/policies.yaml');
  const baselinePolicies = manifestsIn(baseline, 'vap/policies.yaml');

  it('every expression compiles', () => {
    const expressions = [...policies, ...baselinePolicies].flatMap(policyExpressions);
    expect(expressions.length).toBeGreaterThan(20);
    for (const expression of expressions) expect(() => compileCel(expression), expression).not.toThrow();
  });

  it('admits the compliant pod, Deployment and CronJob under every policy', () => {
    for (const object of [pod(), deployment(), cronJob()]) {
      for (const policy of policies) {
        const verdict = evaluatePolicy(policy, object);
        expect(verdict, `${String((policy['metadata'] as JsonObject)['name'])} on ${String(object['kind'])}`).toEqual({ allowed: true, denied: [], errors: [] });
      }
    }
  });

  for (const [rule, violations] of Object.entries(RULE_VIOLATIONS)) {
    for (const violation of violations) {
      it(`${rule} refuses: ${violation.name} (Pod, Deployment, CronJob)`, () => {
        const policy = policyFor(policies, rule as AdmissionRuleId);
        for (const object of [pod(violation.spec), deployment(violation.spec), cronJob(violation.spec)]) {
          const verdict = evaluatePolicy(policy, object);
          expect(verdict.errors).toEqual([]);
          expect(verdict.allowed, String(object['kind'])).toBe(false);
        }
        // Exactly one rule is broken: the other non-PSS policies still admit it.
        for (const other of Object.keys(RULE_VIOLATIONS).filter((r) => r !== rule)) {
          expect(evaluatePolicy(policyFor(policies, other as AdmissionRuleId), pod(violation.spec)).allowed, other).toBe(true);
        }
      });
    }
  }

  for (const violation of PSS_VIOLATIONS) {
    it(`pod-security (${violation.level}) refuses: ${violation.name}`, () => {
      const verdict = evaluatePolicy(policyFor(policies, 'pod-security'), deployment(violation.spec));
      expect(verdict.errors).toEqual([]);
      expect(verdict.allowed).toBe(false);
      expect(verdict.denied.length).toBeGreaterThan(0);
      const atBaseline = evaluatePolicy(policyFor(baselinePolicies, 'pod-security'), deployment(violation.spec));
      expect(atBaseline.errors).toEqual([]);
      expect(atBaseline.allowed).toBe(violation.level === 'restricted');
    });
  }

  it('pod-security admits runAsNonRoot and seccomp set per container instead of on the pod', () => {
    const spec = tweak((s) => {
      delete s.securityContext;
      for (const c of [...s.containers, ...s.initContainers]) Object.assign(c.securityContext, { runAsNonRoot: true, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } });
    });
    expect(evaluatePolicy(policyFor(policies, 'pod-security'), pod(spec))).toEqual({ allowed: true, denied: [], errors: [] });
  });

  it('required-labels refuses a workload without owner or with an empty environment', () => {
    const policy = policyFor(policies, 'required-labels');
    expect(evaluatePolicy(policy, deployment(compliantPodSpec(), { app: 'web', environment: 'production' })).allowed).toBe(false);
    expect(evaluatePolicy(policy, deployment(compliantPodSpec(), { app: 'web', owner: 'x', environment: '' })).allowed).toBe(false);
    const bare = deployment();
    delete (bare['metadata'] as JsonObject)['labels'];
    expect(evaluatePolicy(policy, bare).allowed).toBe(false);
    expect(evaluatePolicy(policy, deployment()).allowed).toBe(true);
  });

  it('bindings exempt the system namespaces and move Audit → Warn → Deny', () => {
    const actions = ROLLOUT_PHASES.map((phase, i) => manifestsIn(restricted, `vap/phase-${i + 1}-${phase}.yaml`).map((b) => (b['spec'] as JsonObject)['validationActions']));
    expect(actions[0]?.every((a) => JSON.stringify(a) === '["Audit"]')).toBe(true);
    expect(actions[1]?.every((a) => JSON.stringify(a) === '["Warn","Audit"]')).toBe(true);
    expect(actions[2]?.every((a) => JSON.stringify(a) === '["Deny","Audit"]')).toBe(true);
    for (const binding of manifestsIn(restricted, 'vap/phase-3-enforce.yaml')) {
      expect((binding['spec'] as JsonObject)['matchResources']).toEqual({
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: exempt('vap') }] },
      });
    }
  });
});

describe('Kyverno ClusterPolicies (structural, with a pattern evaluator)', () => {
  const deliverable = generate({ policyEngine: 'kyverno' });
  const enforce = manifestsIn(deliverable, 'kyverno/phase-3-enforce.yaml');
  const rulesOf = (policy: JsonObject) => ((policy['spec'] as JsonObject)['rules'] as JsonObject[]).map((r) => r);
  // Every field a pattern may name, present: a path missing here is a typo in a pattern.
  const reference = pod(
    tweak((s) => {
      s.initContainers[0].securityContext.privileged = false;
      s.ephemeralContainers = [{ name: 'debug', image: 'ghcr.io/acme/debug:1.0', securityContext: { privileged: false } }];
    }),
  );

  it('moves validationFailureAction Audit → Audit with warnings → Enforce', () => {
    const specs = ROLLOUT_PHASES.map((phase, i) => manifestsIn(deliverable, `kyverno/phase-${i + 1}-${phase}.yaml`).map((p) => p['spec'] as JsonObject));
    expect(specs[0]?.every((s) => s['validationFailureAction'] === 'Audit' && s['emitWarning'] === false)).toBe(true);
    expect(specs[1]?.every((s) => s['validationFailureAction'] === 'Audit' && s['emitWarning'] === true)).toBe(true);
    expect(specs[2]?.every((s) => s['validationFailureAction'] === 'Enforce')).toBe(true);
  });

  it('every rule excludes the system namespaces', () => {
    for (const policy of enforce) for (const rule of rulesOf(policy)) expect(rule['exclude']).toEqual({ any: [{ resources: { namespaces: exempt('kyverno') } }] });
  });

  it('every pattern path exists in a complete pod (or Deployment for labels)', () => {
    for (const policy of enforce) {
      for (const rule of rulesOf(policy)) {
        const validate = rule['validate'] as JsonObject;
        if (!('pattern' in validate)) continue;
        const target: JsonValue = (policy['metadata'] as JsonObject)['name'] === 'rampart-required-labels' ? deployment() : reference;
        for (const path of patternPaths(validate['pattern'] as JsonValue)) expect(pathExists(target, path), `${String(rule['name'])}: ${path.join('/')}`).toBe(true);
      }
    }
  });

  it('admits the compliant pod and refuses each one-tweak violation', () => {
    const admits = (rule: AdmissionRuleId, object: JsonObject) => rulesOf(policyFor(enforce, rule)).every((r) => matchesPattern(object, (r['validate'] as JsonObject)['pattern'] as JsonValue));
    for (const rule of Object.keys(RULE_VIOLATIONS) as AdmissionRuleId[]) {
      expect(admits(rule, pod()), rule).toBe(true);
      for (const violation of RULE_VIOLATIONS[rule] ?? []) expect(admits(rule, pod(violation.spec)), `${rule}: ${violation.name}`).toBe(false);
    }
    expect(admits('required-labels', deployment())).toBe(true);
    expect(admits('required-labels', deployment(compliantPodSpec(), { app: 'web', owner: 'x' }))).toBe(false);
  });

  it('uses the Pod Security rule of the posture with a Kyverno-supported version', () => {
    const rule = rulesOf(policyFor(enforce, 'pod-security'))[0] as JsonObject;
    expect((rule['validate'] as JsonObject)['podSecurity']).toEqual({ level: 'restricted', version: 'v1.30' });
    const newer = manifestsIn(generate({ policyEngine: 'kyverno', kubernetesVersion: '1.36', posture: 'baseline' }), 'kyverno/phase-1-audit.yaml');
    expect(((rulesOf(policyFor(newer, 'pod-security'))[0] as JsonObject)['validate'] as JsonObject)['podSecurity']).toEqual({ level: 'baseline', version: 'latest' });
  });
});

describe('Gatekeeper templates and constraints', () => {
  const deliverable = generate({ policyEngine: 'gatekeeper' });
  const templates = manifestsIn(deliverable, 'gatekeeper/templates.yaml');

  /** The template's parameters schema made strict: no property it does not declare. */
  function strict(schema: JsonValue): JsonValue {
    if (Array.isArray(schema)) return schema.map(strict);
    if (!isJsonObject(schema)) return schema;
    const out: JsonObject = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, strict(v)]));
    if (isJsonObject(schema['properties'])) out['additionalProperties'] = false;
    return out;
  }

  it('each constraint validates against its template\'s parameters schema in every phase', () => {
    for (const phase of ROLLOUT_PHASES) {
      const constraints = manifestsIn(deliverable, `gatekeeper/phase-${ROLLOUT_PHASES.indexOf(phase) + 1}-${phase}.yaml`);
      for (const constraint of constraints) {
        const template = templates.find((t) => (((t['spec'] as JsonObject)['crd'] as JsonObject)['spec'] as JsonObject)['names'] && JSON.stringify(t).includes(`"kind":"${String(constraint['kind'])}"`));
        expect(template, String(constraint['kind'])).toBeDefined();
        const crdSpec = (((template as JsonObject)['spec'] as JsonObject)['crd'] as JsonObject)['spec'] as JsonObject;
        expect((crdSpec['names'] as JsonObject)['kind']).toBe(constraint['kind']);
        const validate = compileSchema(strict((crdSpec['validation'] as JsonObject)['openAPIV3Schema'] as JsonValue) as object);
        const params = (constraint['spec'] as JsonObject)['parameters'] ?? {};
        expect(validate(params) ? [] : validate.errors, String(constraint['kind'])).toEqual([]);
        expect((constraint['spec'] as JsonObject)['enforcementAction']).toBe({ audit: 'dryrun', warn: 'warn', enforce: 'deny' }[phase]);
        expect(((constraint['spec'] as JsonObject)['match'] as JsonObject)['excludedNamespaces']).toEqual(exempt('gatekeeper'));
      }
    }
  });

  it('a wrong parameter fails the template schema', () => {
    const template = templates.find((t) => (t['metadata'] as JsonObject)['name'] === 'k8srampartallowedregistries') as JsonObject;
    const schema = (((((template['spec'] as JsonObject)['crd'] as JsonObject)['spec'] as JsonObject)['validation'] as JsonObject)['openAPIV3Schema']) as JsonValue;
    const validate = compileSchema(strict(schema) as object);
    expect(validate({ registries: 'ghcr.io' })).toBe(false);
    expect(validate({ registry: ['ghcr.io'] })).toBe(false);
  });

  it('Rego: package matches the template, violation rules exist, parameters are declared', () => {
    for (const template of templates) {
      const name = String((template['metadata'] as JsonObject)['name']);
      const targets = (template['spec'] as JsonObject)['targets'] as JsonObject[];
      const rego = String((targets[0] as JsonObject)['rego']);
      expect(rego.startsWith(`package ${name}\n`)).toBe(true);
      expect(rego).toContain('violation[{"msg": msg}] {');
      const declared = Object.keys((((((template['spec'] as JsonObject)['crd'] as JsonObject)['spec'] as JsonObject)['validation'] as JsonObject)['openAPIV3Schema'] as JsonObject)['properties'] as JsonObject);
      for (const used of rego.matchAll(/input\.parameters\.([a-zA-Z]+)/g)) expect(declared, name).toContain(used[1]);
      // Balanced braces: a cheap guard against a truncated rule.
      expect((rego.match(/\{/g) ?? []).length).toBe((rego.match(/\}/g) ?? []).length);
      // Every helper a rule calls is defined.
      for (const helper of ['pod_spec', 'all_containers', 'regular_containers']) if (rego.includes(`${helper}[`) || rego.includes(`${helper}.`)) expect(rego).toMatch(new RegExp(`^${helper}(\\[c\\])? = |^${helper}\\[c\\] \\{`, 'm'));
    }
    expect(gatekeeperRego('pod-security')).toContain('restricted {');
  });
});

describe('inventory independence', () => {
  it('generates the same policy set for an empty inventory', () => {
    const empty = generateAdmission(contextFromYaml('', makeProfile({ policyEngine: 'vap' })));
    expect(empty.files).toEqual(generate({ policyEngine: 'vap' }).files);
  });
});
