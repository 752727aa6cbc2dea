/**
 * `generateBundle`: profile + inventory + generators → every file of the hardening bundle, as a
 * map from relative path to content, and the plan behind PLAN.md. Pure and deterministic: the
 * same context gives byte-identical files, apart from key material, which only
 * `context.randomBytes` supplies. Writing the files (and their modes) is the CLI's job.
 */
import { CHECKS } from '../checks/index.js';
import type { Catalogue } from '../engine/compliance.js';
import { normalizeControlId } from '../engine/compliance.js';
import type { AnyCheck, Control, Domain, Framework } from '../engine/types.js';
import { InternalError } from '../errors.js';
import { costRows, type CostRow } from './costs.js';
import { manifestFile, profileHash, textHeader, yamlDocument } from './serialize.js';
import type { ComplianceTarget, Deliverable, DeliverableGenerator, DeliverableId, GenerateContext, Profile } from './types.js';
import { PROFILE_API_VERSION, PROFILE_KIND } from './profile.js';

/** The framework id (as checks and catalogues name it) of each compliance target of a profile. */
export const TARGET_FRAMEWORK: Readonly<Record<ComplianceTarget, Framework>> = {
  'pci-dss': 'pci-dss',
  hipaa: 'hipaa',
  soc2: 'soc2',
  cis: 'cis-k8s',
};

/**
 * Which deliverable resolves the findings of each check domain. Domains no deliverable
 * hardens directly (reliability, deprecation, governance) are tracked by the monitoring
 * deliverable's scheduled compliance scan.
 */
export const DOMAIN_DELIVERABLE: Readonly<Record<Domain, DeliverableId>> = {
  'control-plane': 'cluster-hardening',
  rbac: 'rbac',
  network: 'network',
  'pod-security': 'pod-security',
  workload: 'pod-security',
  namespace: 'pod-security',
  image: 'image-security',
  secrets: 'secrets',
  admission: 'admission',
  runtime: 'runtime',
  monitoring: 'monitoring',
  reliability: 'monitoring',
  deprecation: 'monitoring',
  governance: 'monitoring',
};

/** How a deliverable addresses a control: it says so itself, or it resolves checks that map to it. */
export interface MatrixCell {
  deliverable: DeliverableId;
  /** True when the deliverable lists the control among its own `controls`. */
  declared: boolean;
  /** Checks mapping to the control whose findings the deliverable resolves. */
  checks: string[];
}

export interface MatrixRow {
  id: string;
  title?: string;
  cells: MatrixCell[];
}

export interface FrameworkMatrix {
  framework: Framework;
  rows: MatrixRow[];
}

export interface PlannedDeliverable {
  id: DeliverableId;
  title: string;
  phase: number;
  files: string[];
  risks: string[];
  apply: string;
  verify: string;
  rollback: string;
}

export interface BundlePlan {
  profileHash: string;
  deliverables: PlannedDeliverable[];
  matrix: FrameworkMatrix[];
  costs: CostRow[];
}

export interface Bundle {
  /** Relative path → content, in a stable order. */
  files: Map<string, string>;
  /** Paths that hold key material: written with mode 0600, never printed. */
  sensitive: Set<string>;
  plan: BundlePlan;
  deliverables: Deliverable[];
}

export interface BundleOptions {
  /** Catalogues for control titles in the tables (optional: ids alone are still complete). */
  catalogues?: readonly Catalogue[];
  /** Checks whose controls the matrix derives from; every built-in check by default. */
  checks?: readonly AnyCheck[];
  /** Called after each deliverable, for progress lines. */
  onDeliverable?: (deliverable: Deliverable, index: number, total: number) => void;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts control ids the way people number them: 1.2.10 after 1.2.9.
 *
 * @example
 * ['1.2.10', '1.2.9'].sort(compareControlIds); // ['1.2.9', '1.2.10']
 */
export function compareControlIds(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return compareStrings(x, y);
  }
  return pa.length - pb.length;
}

/**
 * Frameworks the matrix covers: the profile's compliance targets.
 *
 * @example
 * profileFrameworks(profile); // ['pci-dss', 'cis-k8s']
 */
export function profileFrameworks(profile: Profile): Framework[] {
  return profile.compliance.map((t) => TARGET_FRAMEWORK[t]);
}

/**
 * The controls matrix: for each framework of the profile, every control that a deliverable
 * declares or that a check mapping to it is resolved by a deliverable of the bundle — which
 * means, with all nine deliverables, every control the framework maps to Rampart's checks.
 *
 * @example
 * const [pci] = controlsMatrix(profile, deliverables, CHECKS);
 */
export function controlsMatrix(profile: Profile, deliverables: readonly Deliverable[], checks: readonly AnyCheck[] = CHECKS, catalogues: readonly Catalogue[] = []): FrameworkMatrix[] {
  const present = new Set(deliverables.map((d) => d.id));
  return profileFrameworks(profile).map((framework) => {
    const rows = new Map<string, MatrixRow>();
    const cell = (id: string, deliverable: DeliverableId): MatrixCell => {
      const key = normalizeControlId(id);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { id, cells: [] }));
      let found = row.cells.find((c) => c.deliverable === deliverable);
      if (!found) row.cells.push((found = { deliverable, declared: false, checks: [] }));
      return found;
    };
    for (const d of deliverables) for (const c of d.controls) if (c.framework === framework) cell(c.id, d.id).declared = true;
    for (const check of checks) {
      const deliverable = DOMAIN_DELIVERABLE[check.domain];
      for (const c of check.controls) {
        if (c.framework !== framework) continue;
        if (!present.has(deliverable)) {
          // Listed with no cell: a gap the reader sees, not a silent omission.
          const key = normalizeControlId(c.id);
          if (!rows.has(key)) rows.set(key, { id: c.id, cells: [] });
          continue;
        }
        const target = cell(c.id, deliverable);
        if (!target.checks.includes(check.id)) target.checks.push(check.id);
      }
    }
    const catalogue = catalogues.find((c) => c.framework === framework);
    const list = [...rows.values()].sort((a, b) => compareControlIds(a.id, b.id));
    for (const row of list) {
      row.cells.sort((a, b) => deliverableOrder(a.deliverable) - deliverableOrder(b.deliverable));
      for (const c of row.cells) c.checks.sort();
      const entry = catalogue?.controls.find((c) => [c.id, ...(c.aliases ?? [])].some((n) => normalizeControlId(n) === normalizeControlId(row.id)));
      if (entry) row.title = entry.title;
    }
    return { framework, rows: list };
  });
}

const ORDER: readonly DeliverableId[] = ['cluster-hardening', 'rbac', 'network', 'pod-security', 'image-security', 'secrets', 'admission', 'runtime', 'monitoring'];
function deliverableOrder(id: DeliverableId): number {
  return ORDER.indexOf(id);
}

/**
 * Runs every generator and lays out the bundle: `<deliverable>/README.md`, the deliverable's
 * files under its folder, `PLAN.md` and `profile.yaml` (the resolved profile).
 *
 * @example
 * const bundle = generateBundle({ profile, inventory, randomBytes }, ALL_GENERATORS);
 * bundle.files.get('PLAN.md');
 */
export function generateBundle(context: GenerateContext, generators: readonly DeliverableGenerator[], options: BundleOptions = {}): Bundle {
  const hash = profileHash(context.profile);
  const deliverables: Deliverable[] = [];
  generators.forEach((generate, index) => {
    const deliverable = generate(context);
    deliverables.push(deliverable);
    options.onDeliverable?.(deliverable, index, generators.length);
  });
  deliverables.sort((a, b) => deliverableOrder(a.id) - deliverableOrder(b.id));
  const files = new Map<string, string>();
  const sensitive = new Set<string>();
  const seen = new Set<string>();
  for (const d of deliverables) {
    if (seen.has(d.id)) throw new InternalError(`two generators produced the deliverable ${d.id}`);
    seen.add(d.id);
    files.set(`${d.id}/README.md`, renderReadme(d, options.catalogues ?? []));
    for (const file of d.files) {
      const path = `${d.id}/${file.path}`;
      if (files.has(path)) throw new InternalError(`${path} is generated twice`);
      files.set(path, 'manifests' in file ? manifestFile(file.manifests, { generator: d.id, hash }) : withHeader(file.path, file.text, d.id, hash));
      if (file.sensitive === true) sensitive.add(path);
    }
  }
  const plan: BundlePlan = {
    profileHash: hash,
    deliverables: deliverables.map((d) => ({
      id: d.id,
      title: d.title,
      phase: d.phase,
      files: d.files.map((f) => `${d.id}/${f.path}`),
      risks: d.risks,
      apply: d.readme.apply,
      verify: d.readme.verify,
      rollback: d.readme.rollback,
    })),
    matrix: controlsMatrix(context.profile, deliverables, options.checks ?? CHECKS, options.catalogues ?? []),
    costs: costRows(context.profile, deliverables.map((d) => d.id)),
  };
  files.set('PLAN.md', renderPlan(context.profile, plan));
  files.set('profile.yaml', `# The resolved profile of this bundle (profile ${hash}): rerun with --profile profile.yaml to regenerate it.\n${yamlDocument(profileDocument(context.profile))}`);
  return { files, sensitive, plan, deliverables };
}

/**
 * The resolved profile as a `rampart.yaml` document.
 *
 * @example
 * yamlDocument(profileDocument(profile)); // apiVersion: rampart.dev/v1alpha1 …
 */
export function profileDocument(profile: Profile): Record<string, never> {
  const spec = JSON.parse(JSON.stringify(profile)) as Record<string, never>;
  return { apiVersion: PROFILE_API_VERSION, kind: PROFILE_KIND, spec } as unknown as Record<string, never>;
}

function withHeader(path: string, text: string, generator: string, hash: string): string {
  const header = textHeader(path, generator, hash);
  if (header === '') return text;
  if (text.startsWith('#!')) {
    const newline = text.indexOf('\n');
    return `${text.slice(0, newline + 1)}${header}${text.slice(newline + 1)}`;
  }
  return header + text;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function controlTitle(control: Control, catalogues: readonly Catalogue[]): string {
  const catalogue = catalogues.find((c) => c.framework === control.framework);
  const entry = catalogue?.controls.find((c) => [c.id, ...(c.aliases ?? [])].some((n) => normalizeControlId(n) === normalizeControlId(control.id)));
  return entry?.title ?? '';
}

/**
 * A deliverable's README: what, why (with the controls table), files, apply, verify, roll back
 * and what may break.
 *
 * @example
 * renderReadme(deliverable, catalogues).startsWith('# Cluster hardening');
 */
export function renderReadme(d: Deliverable, catalogues: readonly Catalogue[]): string {
  const controls = [...d.controls].sort((a, b) => compareStrings(a.framework, b.framework) || compareControlIds(a.id, b.id));
  const lines = [`# ${d.title}`, '', d.readme.what, '', '## Why', '', d.readme.why, ''];
  if (controls.length > 0) {
    lines.push('| Framework | Control | Title |', '|---|---|---|');
    for (const c of controls) lines.push(`| ${c.framework} | ${escapeCell(c.id)} | ${escapeCell(controlTitle(c, catalogues))} |`);
    lines.push('');
  }
  lines.push('## Files', '');
  for (const f of d.files) lines.push(`- \`${f.path}\`${f.description ? ` — ${f.description}` : ''}${f.sensitive ? ' (key material: mode 0600, move it to the control plane and delete this copy)' : ''}`);
  lines.push('', '## Apply', '', d.readme.apply, '', '## Verify', '', d.readme.verify, '', '## Roll back', '', d.readme.rollback, '');
  if (d.risks.length > 0) {
    lines.push('## What may break', '');
    for (const r of d.risks) lines.push(`- ${r}`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * PLAN.md: the phases in order, the controls matrix and the cost table.
 *
 * @example
 * renderPlan(profile, bundle.plan).includes('## Controls matrix');
 */
export function renderPlan(profile: Profile, plan: BundlePlan): string {
  const lines = [
    `# Hardening plan for ${profile.clusterName}`,
    '',
    `Distribution ${profile.distribution}, Kubernetes ${profile.kubernetesVersion}, posture ${profile.posture}, compliance ${profile.compliance.join(', ') || 'none'}, policy engine ${profile.policyEngine}, secrets backend ${profile.secretsBackend}, mesh ${profile.mesh}. Profile ${plan.profileHash} (see profile.yaml).`,
    '',
    'Apply the phases in order. Each phase says what may break and how to verify it before you go on; every step has a roll back.',
    '',
    '## Phases',
    '',
  ];
  const phases = [...new Set(plan.deliverables.map((d) => d.phase))].sort((a, b) => a - b);
  for (const phase of phases) {
    for (const d of plan.deliverables.filter((x) => x.phase === phase)) {
      lines.push(`### Phase ${phase}: ${d.title} (\`${d.id}/\`)`, '');
      lines.push('**Apply.**', '', d.apply.trim(), '');
      if (d.risks.length > 0) {
        lines.push('**What may break.**', '');
        for (const r of d.risks) lines.push(`- ${r}`);
        lines.push('');
      }
      lines.push('**Verify.**', '', d.verify.trim(), '', '**Roll back.**', '', d.rollback.trim(), '');
    }
  }
  lines.push('## Controls matrix', '');
  lines.push('A mark means the deliverable satisfies the control: ● it is built for that control; ○ it resolves the findings of checks mapped to the control (named below the table). A control with no mark is a gap of this bundle.', '');
  const present = plan.deliverables.map((d) => d.id);
  for (const fm of plan.matrix) {
    lines.push(`### ${fm.framework}`, '');
    lines.push(`| Control | ${present.join(' | ')} |`, `|---|${present.map(() => ':---:').join('|')}|`);
    for (const row of fm.rows) {
      const marks = present.map((id) => {
        const c = row.cells.find((x) => x.deliverable === id);
        return c === undefined ? '' : c.declared ? '●' : '○';
      });
      lines.push(`| ${escapeCell(row.id)}${row.title ? ` ${escapeCell(row.title)}` : ''} | ${marks.join(' | ')} |`);
    }
    lines.push('');
    const withChecks = fm.rows.filter((r) => r.cells.some((c) => c.checks.length > 0));
    if (withChecks.length > 0) {
      lines.push('<details><summary>Checks behind each control</summary>', '');
      for (const row of withChecks) lines.push(`- ${row.id}: ${[...new Set(row.cells.flatMap((c) => c.checks))].sort().join(', ')}`);
      lines.push('', '</details>', '');
    }
  }
  lines.push('## Costs', '');
  lines.push('Managed services the bundle turns on or relies on. Prices are billed by the provider; see its pricing page. Open-source components carry no licence cost (you run them on your own nodes).', '');
  lines.push('| Component | Used by | Kind | Cost |', '|---|---|---|---|');
  for (const row of plan.costs) lines.push(`| ${escapeCell(row.component)} | ${row.deliverables.join(', ')} | ${row.kind} | ${escapeCell(row.cost)} |`);
  lines.push('');
  return lines.join('\n');
}
