import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CHECKS } from '../../../../src/checks/index.js';
import { readCatalogues } from '../../../../src/engine/compliance.js';
import { evaluateInventory } from '../../../../src/engine/runner.js';
import { loadText } from '../../../../src/load/index.js';
import { Inventory } from '../../../../src/model/inventory.js';
import { isJsonObject, type JsonObject } from '../../../../src/model/types.js';
import { generateAdmission } from '../../../../src/generate/deliverables/admission/index.js';
import { generateMonitoring, monitoringGenerator, reportFrameworks } from '../../../../src/generate/deliverables/monitoring/index.js';
import { POLICY_ENGINES, type Profile } from '../../../../src/generate/types.js';
import { evaluatePolicy } from '../admission/cel.js';
import { contextFromYaml, deliverableProblems, demoContext, makeProfile, manifestsIn, manifestsOf, schemaErrors, textOf } from '../support.js';

function generate(overrides: Partial<Profile> = {}) {
  return generateMonitoring(demoContext(makeProfile(overrides)));
}

/** Structural PromQL checks: balanced brackets outside strings, well-formed label matchers. */
function promqlProblems(expr: string): string[] {
  const problems: string[] = [];
  const stripped = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  const stack: string[] = [];
  for (const ch of stripped) {
    if ('({['.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) problems.push(`unbalanced ${ch}`);
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join('')}`);
  for (const block of expr.matchAll(/\{([^{}]*)\}/g)) {
    if ((block[1] as string).includes('$labels')) continue; // a template, not a selector
    for (const matcher of (block[1] as string).split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
      if (matcher.trim() === '') continue;
      if (!/^\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"[^"]*"\s*$/.test(matcher)) problems.push(`bad matcher ${matcher}`);
    }
  }
  return problems;
}

describe('monitoring deliverable', () => {
  for (const engine of POLICY_ENGINES) {
    describe(engine, () => {
      const deliverable = generate({ policyEngine: engine });

      it('has a README, controls from the catalogues, a phase and risks', () => {
        expect(deliverableProblems(deliverable)).toEqual([]);
      });

      it('every manifest validates against the strict schema of its kind', () => {
        for (const { file, manifest } of manifestsOf(deliverable)) expect(schemaErrors(manifest), `${file} ${String(manifest['kind'])}`).toEqual([]);
      });

      it('alerts: policy violations for the engine, runtime, certificate expiry, scan health; PromQL well-formed', () => {
        const [rule] = manifestsIn(deliverable, 'alerts/prometheus-rule.yaml') as [JsonObject];
        const groups = (rule['spec'] as JsonObject)['groups'] as JsonObject[];
        expect(groups.map((g) => g['name'])).toEqual(['rampart.policy', 'rampart.runtime', 'rampart.certificates', 'rampart.compliance']);
        const rules = groups.flatMap((g) => g['rules'] as JsonObject[]);
        const alerts = rules.map((r) => String(r['alert']));
        expect(new Set(alerts).size).toBe(alerts.length);
        for (const r of rules) {
          expect(promqlProblems(String(r['expr'])), String(r['alert'])).toEqual([]);
          expect(['info', 'warning', 'critical']).toContain((r['labels'] as JsonObject)['severity']);
        }
        const exprs = rules.map((r) => String(r['expr'])).join('\n');
        const engineMetric = { kyverno: 'kyverno_policy_results_total', gatekeeper: 'gatekeeper_violations', vap: 'apiserver_validating_admission_policy_check_total' }[engine];
        for (const metric of [engineMetric, 'pod_security_evaluations_total', 'falcosecurity_falcosidekick_falco_events_total', 'falco_events', 'apiserver_client_certificate_expiration_seconds_bucket', 'certmanager_certificate_expiration_timestamp_seconds', 'kube_cronjob_status_last_successful_time']) {
          expect(exprs, metric).toContain(metric);
        }
      });

      it('dashboard: a ConfigMap for the Grafana sidecar with a well-formed dashboard', () => {
        const [configMap] = manifestsIn(deliverable, 'dashboards/grafana-dashboard.yaml') as [JsonObject];
        expect(((configMap['metadata'] as JsonObject)['labels'] as JsonObject)['grafana_dashboard']).toBe('1');
        const dashboard = JSON.parse(String((configMap['data'] as JsonObject)['rampart-security.json'])) as JsonObject;
        expect(dashboard['uid']).toBe('rampart-security');
        const panels = dashboard['panels'] as JsonObject[];
        expect(new Set(panels.map((p) => p['id'])).size).toBe(panels.length);
        const cells = new Set<string>();
        for (const panel of panels) {
          const grid = panel['gridPos'] as { x: number; y: number; w: number; h: number };
          expect(grid.x + grid.w).toBeLessThanOrEqual(24);
          const cell = `${grid.x},${grid.y}`;
          expect(cells.has(cell), `overlap at ${cell}`).toBe(false);
          cells.add(cell);
          for (const target of panel['targets'] as JsonObject[]) expect(promqlProblems(String(target['expr']).replace(/\$__rate_interval/g, '5m'))).toEqual([]);
        }
      });

      it('is deterministic', () => {
        expect(generate({ policyEngine: engine })).toEqual(deliverable);
      });
    });
  }

  it('the compliance CronJob runs rampart scan --format json, hardened, and passes the bundle\'s own admission policies', () => {
    const profile = makeProfile({ policyEngine: 'vap' });
    const deliverable = generateMonitoring(demoContext(profile));
    const manifests = manifestsIn(deliverable, 'compliance-scan/cronjob.yaml');
    expect(manifests.map((m) => m['kind'])).toEqual(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'CronJob', 'NetworkPolicy', 'NetworkPolicy']);
    const cronJob = manifests.find((m) => m['kind'] === 'CronJob') as JsonObject;
    const podSpec = (((((cronJob['spec'] as JsonObject)['jobTemplate'] as JsonObject)['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject);
    const container = (podSpec['containers'] as JsonObject[])[0] as JsonObject;
    expect((container['args'] as string[]).slice(0, 6)).toEqual(['scan', '--cluster', '--no-secrets', '--format', 'json', '--compliance']);
    expect(container['securityContext']).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container['resources']).toMatchObject({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(container['image']).toBe('ghcr.io/acme/rampart:0.1.0');

    // The bundle's own admission policies admit it (CEL evaluated).
    const admission = generateAdmission(demoContext(profile));
    for (const policy of manifestsIn(admission, 'vap/policies.yaml')) {
      expect(evaluatePolicy(policy, cronJob), String((policy['metadata'] as JsonObject)['name'])).toEqual({ allowed: true, denied: [], errors: [] });
    }
    // And Rampart's own checks find nothing above low at the restricted posture (with the bundle's policies in place).
    const bundle = [...manifests, ...manifestsIn(admission, 'vap/policies.yaml'), ...manifestsIn(admission, 'vap/phase-3-enforce.yaml')];
    const inventory = new Inventory(loadText(bundle.map((m) => stringify(m)).join('---\n'), 'bundle.yaml').resources);
    const { findings } = evaluateInventory(inventory, CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.30' }, checkOptions: {} });
    expect(findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity)).map((f) => `${f.checkId} ${f.resource.kind}/${f.resource.name}: ${f.message}`)).toEqual([]);
  });

  it('the compliance report rolls up the inventory per target framework', () => {
    const deliverable = generate({ compliance: ['pci-dss', 'cis'] });
    const report = textOf(deliverable, 'compliance-report.md');
    expect(reportFrameworks(makeProfile({ compliance: ['pci-dss', 'cis'] }))).toEqual(['cis-k8s', 'pci-dss', 'pss']);
    expect(report).toContain('# Compliance report: demo');
    expect(report).toContain('| Framework | Score | Passed | Failed | Manual | Not applicable |');
    for (const title of ['## CIS Kubernetes Benchmark', '## PCI DSS', '## Pod Security Standards']) expect(report).toContain(title);
    expect(report).toMatch(/### Failed controls\n\n\| Control \|/);
    expect(report).toContain('## Findings by check');
    expect(report).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no timestamps: deterministic
  });

  it('never prints a Secret value of the inventory', () => {
    const context = demoContext();
    const report = textOf(generateMonitoring(context), 'compliance-report.md');
    for (const secret of context.inventory.ofKind('Secret')) {
      for (const field of ['data', 'stringData']) {
        const values = secret.body[field];
        if (isJsonObject(values)) for (const value of Object.values(values)) if (typeof value === 'string' && value.length > 3) expect(report).not.toContain(value);
      }
    }
  });

  it('takes catalogues from the caller and gives the same result', async () => {
    const profile = makeProfile({ compliance: ['hipaa', 'soc2'] });
    const catalogues = await readCatalogues(['hipaa', 'soc2', 'pss', 'cis-k8s']);
    expect(monitoringGenerator({ catalogues })(demoContext(profile))).toEqual(generateMonitoring(demoContext(profile)));
  });
});

describe('edge inputs', () => {
  it('an empty inventory, no compliance targets and no registries give a complete, valid deliverable', () => {
    const deliverable = generateMonitoring(contextFromYaml('', makeProfile({ compliance: [], allowedRegistries: [] })));
    expect(deliverableProblems(deliverable)).toEqual([]);
    for (const { file, manifest } of manifestsOf(deliverable)) expect(schemaErrors(manifest), file).toEqual([]);
    const report = textOf(deliverable, 'compliance-report.md');
    expect(report).toContain('## CIS Kubernetes Benchmark');
    expect(report).toContain('_No findings._');
    expect(JSON.stringify(manifestsIn(deliverable, 'compliance-scan/cronjob.yaml'))).toContain('ghcr.io/rampart-dev/rampart:0.1.0');
  });
});
