import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../../../../src/model/types.js';
import { workloads } from '../../../../src/generate/deliverables/admission/common.js';
import { FALCO_PRIORITIES, generateRuntime, quarantineLabelKeys } from '../../../../src/generate/deliverables/runtime/index.js';
import { contextFromYaml, deliverableProblems, demoContext, makeProfile, manifestsOf, schemaErrors, textOf } from '../support.js';

const deliverable = generateRuntime(demoContext());
const rules = parse(textOf(deliverable, 'falco/falco_rules.local.yaml')) as JsonObject[];

const FIELD_PREFIXES = ['container.', 'k8s.', 'proc.', 'user.', 'fd.', 'evt.', 'ka.'];

/** Identifiers in a condition: those inside `in (...)` and bare words elsewhere. */
function references(condition: string): { lists: string[]; bare: string[] } {
  const lists: string[] = [];
  const withoutIn = condition.replace(/\bin \(([^()]*)\)/g, (_, inner: string) => {
    for (const item of inner.split(',').map((s) => s.trim())) if (/^rampart_\w+$/.test(item)) lists.push(item);
    return 'in (…)';
  });
  const bare = [...withoutIn.replace(/"[^"]*"/g, '""').matchAll(/\brampart_\w+\b/g)].map((m) => m[0]);
  return { lists, bare };
}

describe('runtime deliverable', () => {
  it('has a README, controls from the catalogues, a phase and risks', () => {
    expect(deliverableProblems(deliverable)).toEqual([]);
  });

  it('isolation NetworkPolicies validate against the strict schemas and deny all traffic of quarantined pods', () => {
    const manifests = manifestsOf(deliverable);
    expect(manifests.map((m) => m.file)).toEqual(['containment/isolate-data.yaml', 'containment/isolate-monitoring.yaml', 'containment/isolate-payments.yaml', 'containment/isolate-platform.yaml', 'containment/isolate-storefront.yaml']);
    for (const { file, manifest } of manifests) {
      expect(schemaErrors(manifest), file).toEqual([]);
      expect(manifest['spec']).toEqual({ podSelector: { matchLabels: { 'rampart.dev/quarantine': 'true' } }, policyTypes: ['Ingress', 'Egress'] });
    }
  });

  it('is deterministic', () => {
    expect(generateRuntime(demoContext())).toEqual(deliverable);
  });
});

describe('Falco rules (parse and structure)', () => {
  it('every entry is a rule, macro, list or plugin requirement with the fields Falco requires', () => {
    expect(Array.isArray(rules)).toBe(true);
    for (const item of rules) {
      const kinds = ['rule', 'macro', 'list', 'required_plugin_versions'].filter((k) => k in item);
      expect(kinds, JSON.stringify(item)).toHaveLength(1);
      if ('rule' in item) {
        expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['condition', 'desc', 'output', 'priority', 'rule', 'tags']));
        expect(FALCO_PRIORITIES).toContain(item['priority']);
        expect(Array.isArray(item['tags']) && (item['tags'] as unknown[]).every((t) => typeof t === 'string')).toBe(true);
        expect(String(item['rule']).startsWith('Rampart ')).toBe(true);
      }
      if ('list' in item) expect(Array.isArray(item['items'])).toBe(true);
      if ('macro' in item) expect(typeof item['condition']).toBe('string');
    }
  });

  it('every macro and list a condition uses is defined before it, as the right kind', () => {
    const macros = new Set<string>();
    const lists = new Set<string>();
    for (const item of rules) {
      if ('list' in item) {
        lists.add(String(item['list']));
        continue;
      }
      if (!('condition' in item)) continue;
      const { lists: usedLists, bare } = references(String(item['condition']));
      const name = String(item['rule'] ?? item['macro']);
      for (const l of usedLists) expect(lists.has(l), `${name} uses list ${l}`).toBe(true);
      for (const m of bare) expect(macros.has(m), `${name} uses macro ${m}`).toBe(true);
      if ('macro' in item) macros.add(String(item['macro']));
    }
    // Nothing is defined and never used.
    const used = new Set(rules.flatMap((i) => ('condition' in i ? (({ lists: l, bare: b }) => [...l, ...b])(references(String(i['condition']))) : [])));
    for (const name of [...macros, ...lists]) expect(used.has(name), `${name} is never used`).toBe(true);
  });

  it('conditions have balanced parentheses and quotes; outputs name known fields', () => {
    for (const item of rules) {
      if (!('condition' in item)) continue;
      const condition = String(item['condition']);
      let depth = 0;
      for (const ch of condition.replace(/"[^"]*"/g, '')) {
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth, condition).toBe(0);
      expect((condition.match(/"/g) ?? []).length % 2).toBe(0);
      if ('output' in item) for (const field of String(item['output']).matchAll(/%([a-z0-9._]+)/g)) expect(FIELD_PREFIXES.some((p) => field[1]?.startsWith(p)), field[1]).toBe(true);
    }
  });

  it('audit rules read only ka.* fields and declare the k8s_audit source; syscall rules never read ka.*', () => {
    const macroText = new Map(rules.filter((i) => 'macro' in i).map((i) => [String(i['macro']), String(i['condition'])]));
    const expand = (condition: string): string => condition.replace(/\brampart_\w+\b/g, (m) => (macroText.has(m) ? `(${expand(macroText.get(m) as string)})` : m));
    const audit = rules.filter((i) => i['source'] === 'k8s_audit');
    expect(audit.map((r) => r['rule'])).toEqual(['Rampart exec into pod', 'Rampart secret read by a person', 'Rampart RBAC change', 'Rampart binding to cluster-admin']);
    for (const rule of rules.filter((i) => 'rule' in i)) {
      const fields = [...expand(String(rule['condition'])).matchAll(/\b(ka|evt|proc|fd|container|k8s|user)\.[a-z_.]+/g)].map((m) => m[1]);
      if (rule['source'] === 'k8s_audit') expect(fields.every((f) => f === 'ka'), String(rule['rule'])).toBe(true);
      else expect(fields.includes('ka'), String(rule['rule'])).toBe(false);
    }
    expect(rules[0]).toEqual({ required_plugin_versions: [{ name: 'k8saudit', version: '0.7.0' }, { name: 'json', version: '0.7.0' }] });
  });

  it('covers the required detections', () => {
    const names = rules.filter((i) => 'rule' in i).map((i) => String(i['rule']));
    for (const wanted of ['terminal shell', 'unexpected outbound', 'privilege escalation', 'sensitive file', 'crypto miner', 'exec into pod', 'secret read', 'RBAC change']) {
      expect(names.some((n) => n.toLowerCase().includes(wanted.toLowerCase())), wanted).toBe(true);
    }
  });

  it('is tailored to the inventory: namespaces, images and Service ports', () => {
    const list = (name: string) => (rules.find((i) => i['list'] === name) as JsonObject)['items'] as unknown[];
    expect(list('rampart_namespaces')).toEqual(['data', 'monitoring', 'payments', 'platform', 'storefront']);
    expect(list('rampart_workload_images')).toContain('registry.example.com/payments/gateway');
    expect(list('rampart_service_ports')).toContain(53);
    const tailored = generateRuntime(
      contextFromYaml(
        'apiVersion: v1\nkind: Service\nmetadata: { name: api, namespace: shop }\nspec: { selector: { app: api }, ports: [{ port: 80, targetPort: 9000 }] }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: psp, namespace: shop }\nspec: { type: ExternalName, externalName: API.Payments.example.com }\n',
        makeProfile(),
      ),
    );
    const items = parse(textOf(tailored, 'falco/falco_rules.local.yaml')) as JsonObject[];
    expect((items.find((i) => i['list'] === 'rampart_service_ports') as JsonObject)['items']).toEqual([53, 80, 9000]);
    expect((items.find((i) => i['list'] === 'rampart_namespaces') as JsonObject)['items']).toEqual(['payments', 'shop', 'storefront']);
    expect((items.find((i) => i['list'] === 'rampart_allowed_external_hosts') as JsonObject)['items']).toEqual(['api.payments.example.com']);
  });
});

describe('alert routing and playbooks', () => {
  it('falcosidekick routes to Slack and PagerDuty with placeholders, never real credentials', () => {
    const config = parse(textOf(deliverable, 'falcosidekick/config.yaml')) as JsonObject;
    const slack = config['slack'] as JsonObject;
    const pagerduty = config['pagerduty'] as JsonObject;
    expect(String(slack['webhookurl'])).toMatch(/^REPLACE-WITH-/);
    expect(String(pagerduty['routingkey'])).toMatch(/^REPLACE-WITH-/);
    expect(slack['minimumpriority']).toBe('warning');
    expect(pagerduty['minimumpriority']).toBe('critical');
    expect(textOf(deliverable, 'falcosidekick/config.yaml')).not.toMatch(/hooks\.slack\.com\/services\/[A-Z0-9]/);
  });

  it('the incident-response playbook covers contain (isolation, cordon, drain), evidence, eradicate, recover', () => {
    const playbook = textOf(deliverable, 'playbooks/incident-response.md');
    for (const heading of ['## 1. Contain', '## 2. Collect evidence', '## 3. Eradicate', '## 4. Recover']) expect(playbook).toContain(heading);
    for (const command of ['kubectl cordon <node>', 'kubectl drain <node>', 'containment/isolate-<namespace>.yaml', 'rampart.dev/quarantine=true']) expect(playbook).toContain(command);
    expect(playbook).toContain('| payments/gateway (Deployment) |');
  });

  it('quarantine removes selector and template labels, so the pod leaves its controller and its policies', () => {
    const context = demoContext();
    const gateway = workloads(context.inventory).find((w) => w.resource.name === 'gateway');
    expect(gateway).toBeDefined();
    const keys = quarantineLabelKeys(gateway!);
    const selector = ((gateway!.resource.body['spec'] as JsonObject)['selector'] as JsonObject)['matchLabels'] as JsonObject;
    for (const key of Object.keys(selector)) expect(keys).toContain(key);
    expect(keys).not.toContain('rampart.dev/quarantine');
  });

  it('by-alert playbook has a section per rule', () => {
    const text = textOf(deliverable, 'playbooks/by-alert.md');
    for (const rule of rules.filter((i) => 'rule' in i)) expect(text).toContain(`## ${String(rule['rule'])}`);
  });
});

describe('edge inputs', () => {
  it('an empty inventory and a profile without system namespaces still give a complete, valid deliverable', () => {
    const empty = generateRuntime(contextFromYaml('', makeProfile({ namespaces: { production: [], development: [], system: [] } })));
    expect(deliverableProblems(empty)).toEqual([]);
    const items = parse(textOf(empty, 'falco/falco_rules.local.yaml')) as JsonObject[];
    expect((items.find((i) => i['list'] === 'rampart_namespaces') as JsonObject)['items']).toEqual([]);
    expect(textOf(empty, 'playbooks/incident-response.md')).toContain('_No workloads in the inventory._');
  });
});
