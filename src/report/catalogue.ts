/**
 * Renderings of the check catalogue itself rather than of a scan: `rampart checks` (text, md,
 * json), `rampart explain`, and the generated documentation (docs/checks.md, docs/severity.md,
 * docs/compliance/*.md). Everything is derived from check metadata and the compliance
 * catalogues — nothing here lists checks by hand — so a check added to the registry appears
 * everywhere at the next `npm run docs`, and the docs drift test fails until then.
 *
 * Pure: values in, strings out; the same input always renders to the same bytes.
 */
import { controlMatches, type Catalogue, type CatalogueControl } from '../engine/compliance.js';
import { DOMAINS, SEVERITIES, severityRank, type AnyCheck, type Control, type Domain, type Framework, type Severity } from '../engine/types.js';
import { compareStrings } from './order.js';

/** The notice at the top of every generated file. */
export const GENERATED_NOTICE = '<!-- GENERATED from the check metadata and data/compliance by `npm run docs` (scripts/generate-docs.mjs). Do not edit by hand. -->';

/** Human names of the frameworks, for prose. */
export const FRAMEWORK_NAMES: Readonly<Record<Framework, string>> = {
  'cis-k8s': 'CIS Kubernetes Benchmark',
  'nsa-cisa': 'NSA/CISA Kubernetes Hardening Guidance',
  pss: 'Pod Security Standards',
  'mitre-attack': 'MITRE ATT&CK for Containers',
  'pci-dss': 'PCI DSS',
  hipaa: 'HIPAA Security Rule',
  soc2: 'SOC 2',
};

/** What each severity means: the rubric every check's severity is chosen by. */
export const SEVERITY_RUBRIC: Readonly<Record<Severity, string>> = {
  critical:
    'Compromise of a node or of the whole cluster with no further step: a privileged container, a container-runtime socket or the host root mounted into a pod, cluster-admin granted to anonymous or all authenticated users, credentials in clear text that grant such access.',
  high:
    'One step from compromise, or a broad privilege an attacker can use at once: host namespaces, dangerous capabilities, sensitive host paths, wildcard RBAC, read access to every Secret, exec into pods, a workload reachable from the internet without protection.',
  medium:
    'Weakens defense in depth; exploitable in combination with another flaw: running as root, privilege escalation allowed, no seccomp profile, no default-deny NetworkPolicy, Secrets in environment variables, admission webhooks that fail open.',
  low:
    'Hardening and hygiene with limited direct impact: missing resource requests and limits, images not pinned by digest, the default ServiceAccount, expired exceptions awaiting a decision.',
  info: 'Observations for reliability or governance, with no direct security impact: probes, replicas, unused suppressions and exceptions.',
};

/** One check as `rampart checks --format json` prints it. */
export interface CheckSummary {
  id: string;
  title: string;
  domain: Domain;
  severity: Severity;
  scope: AnyCheck['scope'];
  match: string[] | '*' | 'pod-templates';
  controls: Control[];
  remediation: string;
  docs: string;
}

/**
 * Sorts checks by domain (in the order of DOMAINS), then id.
 *
 * @example
 * for (const check of byDomain(CHECKS)) console.log(check.id);
 */
export function byDomain(checks: readonly AnyCheck[]): AnyCheck[] {
  return [...checks].sort((a, b) => DOMAINS.indexOf(a.domain) - DOMAINS.indexOf(b.domain) || compareStrings(a.id, b.id));
}

/**
 * The check's metadata as plain JSON.
 *
 * @example
 * JSON.stringify(CHECKS.map(checkSummary));
 */
export function checkSummary(check: AnyCheck): CheckSummary {
  return {
    id: check.id,
    title: check.title,
    domain: check.domain,
    severity: check.severity,
    scope: check.scope,
    match: typeof check.match === 'string' ? check.match : [...check.match],
    controls: check.controls.map((c) => ({ framework: c.framework, id: c.id })),
    remediation: check.remediation,
    docs: check.docs,
  };
}

/**
 * The first sentence of a check's docs, on one line: the one-line rationale of docs/severity.md.
 *
 * @example
 * firstSentence('A privileged container has all capabilities. It can…'); // 'A privileged container has all capabilities.'
 */
export function firstSentence(markdown: string): string {
  const text = markdown.replace(/\s+/g, ' ').trim();
  const match = /^(.+?[.!?])(?=\s+[A-Z`"(*_[]|$)/.exec(text);
  return (match?.[1] ?? text).trim();
}

function describeMatch(check: AnyCheck): string {
  if (check.scope === 'engine') return 'Rampart itself (governance of suppressions, exceptions)';
  if (check.scope === 'inventory') return 'the whole inventory';
  if (check.match === '*') return 'every resource';
  if (check.match === 'pod-templates') return 'every resource with a pod template (Pods, workloads, CronJobs, custom resources)';
  return check.match.join(', ');
}

function formatControl(control: Control): string {
  return `${control.framework} ${control.id}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/**
 * `rampart checks`: one line per check, aligned.
 *
 * @example
 * io.stdout.write(checksText(CHECKS));
 */
export function checksText(checks: readonly AnyCheck[]): string {
  const sorted = byDomain(checks);
  if (sorted.length === 0) return 'No checks.\n';
  const idWidth = Math.max(...sorted.map((c) => c.id.length));
  const domainWidth = Math.max(...sorted.map((c) => c.domain.length));
  const severityWidth = Math.max(...SEVERITIES.map((s) => s.length));
  const lines = sorted.map((c) => `${pad(c.id, idWidth)}  ${pad(c.severity, severityWidth)}  ${pad(c.domain, domainWidth)}  ${c.title}`);
  lines.push('', `${sorted.length} checks. Run "rampart explain <id>" for details.`);
  return `${lines.join('\n')}\n`;
}

/**
 * `rampart checks --format json`.
 *
 * @example
 * JSON.parse(checksJson(CHECKS))[0].id;
 */
export function checksJson(checks: readonly AnyCheck[]): string {
  return `${JSON.stringify(byDomain(checks).map(checkSummary), null, 2)}\n`;
}

/** Markdown-safe text for a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, '');
}

/**
 * docs/checks.md (and `rampart checks --format md`): every check, grouped by domain.
 *
 * @example
 * await writeFile('docs/checks.md', checksMarkdown(CHECKS));
 */
export function checksMarkdown(checks: readonly AnyCheck[]): string {
  const sorted = byDomain(checks);
  const domains = DOMAINS.filter((d) => sorted.some((c) => c.domain === d));
  const out: string[] = [
    '# Checks',
    '',
    GENERATED_NOTICE,
    '',
    `${sorted.length} checks in ${domains.length} domains. Severities follow the [severity rubric](severity.md); ` +
      'each check names the controls it evidences, rolled up per framework by `rampart scan --compliance` and listed in [compliance/](compliance/README.md).',
    '',
    'Look a check up from the command line with `rampart explain <id>`; list them with `rampart checks [--domain D] [--format text|md|json]`.',
    '',
    '| Domain | Checks | critical | high | medium | low | info |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const domain of domains) {
    const inDomain = sorted.filter((c) => c.domain === domain);
    const counts = SEVERITIES.map((s) => inDomain.filter((c) => c.severity === s).length);
    out.push(`| [${domain}](#${anchor(domain)}) | ${inDomain.length} | ${counts.join(' | ')} |`);
  }
  for (const domain of domains) {
    out.push('', `## ${domain}`, '', '| Check | Severity | Title |', '| --- | --- | --- |');
    const inDomain = sorted.filter((c) => c.domain === domain);
    for (const check of inDomain) out.push(`| [\`${check.id}\`](#${anchor(check.id)}) | ${check.severity} | ${cell(check.title)} |`);
    for (const check of inDomain) {
      out.push(
        '',
        `### ${check.id}`,
        '',
        `**${cell(check.title)}** — severity **${check.severity}**; applies to ${describeMatch(check)}.`,
        '',
        check.docs.trim() === '' ? '_No description._' : check.docs.trim(),
        '',
        `**Remediation.** ${check.remediation.trim()}`,
        '',
        `**Controls.** ${check.controls.length === 0 ? 'none' : check.controls.map((c) => `${FRAMEWORK_NAMES[c.framework] ?? c.framework} ${c.id}`).join('; ')}.`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * docs/severity.md: the rubric, then one line per check with its severity and rationale (the
 * first sentence of its docs).
 *
 * @example
 * await writeFile('docs/severity.md', severityMarkdown(CHECKS));
 */
export function severityMarkdown(checks: readonly AnyCheck[]): string {
  const out: string[] = [
    '# Severity',
    '',
    GENERATED_NOTICE,
    '',
    'Every check carries one severity, chosen by the rubric below for the worst realistic outcome of the finding in a',
    'typical multi-tenant cluster — not for how likely it is. `rampart scan` fails (exit code 1) on findings at or',
    'above `--fail-on` (default `high`); `--min-severity` hides findings below a level from the report.',
    '',
    '## Rubric',
    '',
    '| Severity | Meaning |',
    '| --- | --- |',
    ...SEVERITIES.map((s) => `| **${s}** | ${cell(SEVERITY_RUBRIC[s])} |`),
    '',
    '## Checks by severity',
    '',
    'The rationale is the first sentence of the check\'s documentation ([checks.md](checks.md)).',
  ];
  const sorted = [...checks].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || compareStrings(a.id, b.id));
  for (const severity of SEVERITIES) {
    const list = sorted.filter((c) => c.severity === severity);
    if (list.length === 0) continue;
    out.push('', `### ${severity} (${list.length})`, '', '| Check | Rationale |', '| --- | --- |');
    for (const check of list) {
      const rationale = check.docs.trim() === '' ? `${check.title}.` : firstSentence(check.docs);
      out.push(`| [\`${check.id}\`](checks.md#${anchor(check.id)}) | ${cell(rationale)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

function checksFor(catalogue: Catalogue, control: CatalogueControl, checks: readonly AnyCheck[]): AnyCheck[] {
  return checks.filter((c) => c.controls.some((x) => x.framework === catalogue.framework && controlMatches(control, x.id)));
}

/**
 * docs/compliance/<framework>.md: each control, and how Rampart decides it — by which checks,
 * or what manual evidence to collect, or why it does not apply.
 *
 * @example
 * await writeFile('docs/compliance/soc2.md', complianceMarkdown(soc2, CHECKS));
 */
export function complianceMarkdown(catalogue: Catalogue, checks: readonly AnyCheck[]): string {
  const rows = catalogue.controls.map((control) => ({ control, deciding: checksFor(catalogue, control, checks) }));
  const automated = rows.filter((r) => r.deciding.length > 0).length;
  const na = rows.filter((r) => r.deciding.length === 0 && r.control.notApplicable !== undefined).length;
  const out: string[] = [
    `# ${catalogue.title} ${catalogue.version}`,
    '',
    GENERATED_NOTICE,
    '',
    `Framework id \`${catalogue.framework}\`${catalogue.url ? ` — source: <${catalogue.url}>` : ''}.`,
    '',
    `${catalogue.controls.length} controls: ${automated} decided by Rampart checks, ${catalogue.controls.length - automated - na} manual, ${na} not applicable. ` +
      `Run \`rampart scan <inputs> --compliance ${catalogue.framework}\` for the status of each control with the findings as evidence.`,
    '',
    'A control decided by checks **passes** when none of its checks reports a finding (after suppressions and exceptions) and **fails** otherwise.',
    'A **manual** control cannot be decided from manifests: the column says what evidence to give an auditor.',
    '',
    '| Control | Title | How it is assessed |',
    '| --- | --- | --- |',
  ];
  for (const { control, deciding } of rows) {
    let how: string;
    if (deciding.length > 0) {
      how = `Checks: ${deciding.map((c) => `[\`${c.id}\`](../checks.md#${anchor(c.id)})`).join(', ')}`;
      if (control.manual !== undefined) how += `. Also collect: ${control.manual}`;
    } else if (control.notApplicable !== undefined) {
      how = `Not applicable: ${control.notApplicable}`;
    } else {
      how = `Manual: ${control.manual ?? 'collect evidence that the control is met.'}`;
    }
    out.push(`| ${cell(control.id)} | ${cell(control.title)} | ${cell(how)} |`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * docs/compliance/README.md: the frameworks, how mappings work, and coverage figures.
 *
 * @example
 * await writeFile('docs/compliance/README.md', complianceIndexMarkdown(catalogues, CHECKS));
 */
export function complianceIndexMarkdown(catalogues: readonly Catalogue[], checks: readonly AnyCheck[]): string {
  const out: string[] = [
    '# Compliance',
    '',
    GENERATED_NOTICE,
    '',
    'Every Rampart check names the controls it evidences, as structured data (`controls: [{ framework, id }]` in its',
    'definition). The frameworks\' controls live in `data/compliance/<framework>.yaml`: an id, a title, and for controls',
    'that no manifest can decide, the evidence to collect (`manual`) or why the control does not apply (`notApplicable`).',
    'A test fails when a check names a control that its framework\'s catalogue lacks, so the two cannot drift apart.',
    '',
    '```sh',
    'rampart scan k8s/ --compliance pci-dss,soc2            # text: a section per framework after the findings',
    'rampart scan k8s/ --compliance all --format json       # JSON: a top-level "compliance" key',
    '```',
    '',
    '`--compliance` takes framework ids or aliases (`cis`, `nsa`, `mitre`, `pss`, `pci-dss`, `hipaa`, `soc2`, `all`), repeated or',
    'comma-separated. Each control is reported as **pass**, **fail** (with the findings as evidence: check, resource,',
    'file and line), **manual** (with the evidence to collect) or **not applicable**; the score is passed / (passed + failed).',
    'Findings hidden by a `rampart.dev/ignore` annotation or an exceptions-file entry do not fail a control — the',
    'exception is the documented acceptance of that risk; baselined findings still do.',
    '',
    'In `--format json` the roll-up is the top-level `compliance` key, after the contract keys:',
    '',
    '```json',
    '"compliance": { "frameworks": [ {',
    '  "framework": "pci-dss", "title": "PCI DSS", "version": "4.0", "score": 0.8333,',
    '  "passed": 10, "failed": 2, "manual": 34, "notApplicable": 1,',
    '  "controls": [',
    '    { "id": "1.3.1", "title": "…", "status": "fail", "checks": ["…"],',
    '      "evidence": [ { "checkId": "…", "severity": "medium", "message": "…",',
    '                      "resource": { "apiVersion": "v1", "kind": "Namespace", "name": "shop" },',
    '                      "file": "k8s/shop.yaml", "line": 3 } ] },',
    '    { "id": "2.2.1", "title": "…", "status": "manual", "checks": [], "evidence": [], "manual": "Provide …" },',
    '    { "id": "12.5.2", "title": "…", "status": "not-applicable", "checks": [], "evidence": [], "reason": "…" } ] } ] }',
    '```',
    '',
    '`score` is `null` when no control of the framework was decided by a check.',
    '',
    '| Framework | Id | Version | Controls | Decided by checks | Manual | Not applicable |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const catalogue of catalogues) {
    const decided = catalogue.controls.filter((c) => checksFor(catalogue, c, checks).length > 0).length;
    const na = catalogue.controls.filter((c) => checksFor(catalogue, c, checks).length === 0 && c.notApplicable !== undefined).length;
    out.push(
      `| [${cell(catalogue.title)}](${catalogue.framework}.md) | \`${catalogue.framework}\` | ${cell(catalogue.version)} | ${catalogue.controls.length} | ${decided} | ${catalogue.controls.length - decided - na} | ${na} |`,
    );
  }
  out.push(
    '',
    '## Accepted risks: exceptions',
    '',
    'An auditor asks who accepted a risk, why, and until when. `rampart scan --exceptions FILE` takes that register as YAML;',
    'a finding an exception covers is left out (and counted in `summary.suppressed`), so it fails neither the run nor a control.',
    '',
    '```yaml',
    'exceptions:',
    '  - checkId: pss.*                  # glob over check ids: * any run of characters, ? one character',
    '    resource:                        # every field optional; all given must match',
    '      kind: Deployment',
    '      namespace: shop-*              # globs; a namespaced object without a namespace is in "default"',
    '      name: legacy-*',
    '      labels: { team: payments }     # each label must be present; values are globs',
    '    reason: vendor image runs as root until v3 (VEND-123)',
    '    owner: payments-team@example.com',
    '    expires: 2026-12-31              # last day it applies (UTC)',
    '```',
    '',
    'An exception past its expiry date stops applying — its findings count again — and is reported as',
    '`governance.exception-expired`, located at its entry in the file. One that matched nothing is reported as',
    '`governance.exception-unused`. A malformed file is a configuration error (exit code 2) listing every problem as',
    '`file:line path: message`. Short-lived suppressions can also live on the resource itself, as the annotation',
    '`rampart.dev/ignore: "<checkId>[,<checkId>…] -- <reason>"`.',
    '',
    '## Baselines',
    '',
    '`rampart scan … --write-baseline rampart-baseline.json` records the fingerprints of the current findings (with the check',
    'id, resource and path for the reader). `rampart scan … --baseline rampart-baseline.json` still lists those findings, marked',
    '(JSON: `"baseline": true` on the finding and `summary.baselined`; SARIF: `baselineState`), but only new findings count toward',
    '`--fail-on`. Fingerprints hash the check, the resource\'s kind, namespace and name and the field path — not the file, the',
    'line or the formatting — so moving, reordering or reformatting manifests keeps them matched. A baseline is a way to adopt',
    'Rampart, not an acceptance of risk: baselined findings still fail their controls in the compliance report.',
    '',
    '## Custom checks',
    '',
    'Checks written as YAML + CEL (`rampart scan --checks-dir DIR`) name controls the same way, and their findings count in the',
    'roll-up like any other. Their ids must start with `custom.`, and their control ids are validated against these catalogues.',
    '',
    '```yaml',
    'id: custom.no-host-network',
    'title: Pods must not use the host network',
    'severity: high                       # critical | high | medium | low | info',
    'domain: workload',
    'controls: [{ framework: cis, id: 5.2.5 }, { framework: pci-dss, id: 2.2.6 }]',
    'remediation: Remove spec.hostNetwork from the pod.',
    'docs: Sharing the node\'s network namespace exposes node-local services.',
    'match: { kinds: [Pod] }              # omit for every kind',
    'expression: has(object.spec.hostNetwork) && object.spec.hostNetwork   # true = violation; `violation:` works too',
    'message: "{{kind}} {{namespace}}/{{name}} uses the host network"       # or messageExpression: <CEL string>',
    'path: /spec/hostNetwork              # JSON Pointer the finding points at',
    '```',
    '',
    'The resource body is the CEL variable `object`; integral numbers are CEL `int`s, and the string extension functions are',
    'available. With `match: { podTemplates: true }` instead of `kinds`, the check runs once per pod template of every resource',
    'that has one (Pods, workloads, CronJobs, custom resources) with `podSpec` and `podMetadata` bound, and `path` is relative',
    'to that pod spec — so `podSpec.containers.exists(c, !has(c.resources) || !has(c.resources.limits))` covers every workload kind.',
    'Expressions are compiled once at load: a syntax error, an unknown variable or function, or bad metadata is a',
    'configuration error naming the file and line. An evaluation error on one resource (reading a missing field without',
    '`has()`, a result that is not a bool) is reported as a run error naming the check and the resource, and the run goes on.',
    '`rampart checks --checks-dir DIR` and `rampart explain ID --checks-dir DIR` include custom checks.',
    '',
    '## Adding a mapping',
    '',
    '1. Add `{ framework, id }` to the check\'s `controls`. The id must exist in `data/compliance/<framework>.yaml`',
    '   (ids compare without case, spaces or `§`; a catalogue entry may list `aliases`).',
    '2. If the control is new, add it to the catalogue with its title, and `manual:` evidence for runs where no check decides it.',
    '3. Run `npm run docs` to regenerate these pages.',
  );
  return `${out.join('\n')}\n`;
}

/**
 * Every generated documentation file, by path relative to the repository root.
 *
 * @example
 * for (const [path, text] of Object.entries(generatedDocs(CHECKS, catalogues))) await writeFile(path, text);
 */
export function generatedDocs(checks: readonly AnyCheck[], catalogues: readonly Catalogue[]): Record<string, string> {
  const files: Record<string, string> = {
    'docs/checks.md': checksMarkdown(checks),
    'docs/severity.md': severityMarkdown(checks),
    'docs/compliance/README.md': complianceIndexMarkdown(catalogues, checks),
  };
  for (const catalogue of catalogues) files[`docs/compliance/${catalogue.framework}.md`] = complianceMarkdown(catalogue, checks);
  return files;
}

/**
 * `rampart explain`: everything about one check, for a terminal.
 *
 * @example
 * io.stdout.write(explainText(CHECK_REGISTRY['pss.privileged'], catalogues));
 */
export function explainText(check: AnyCheck, catalogues: readonly Catalogue[] = []): string {
  const controlLine = (control: Control): string => {
    const catalogue = catalogues.find((c) => c.framework === control.framework);
    const entry = catalogue?.controls.find((c) => controlMatches(c, control.id));
    return `${formatControl(control)}${entry ? ` — ${entry.title}` : ''}`;
  };
  const lines = [
    `${check.id} — ${check.title}`,
    '',
    `  severity   ${check.severity}`,
    `  domain     ${check.domain}`,
    `  applies to ${describeMatch(check)}`,
    `  controls   ${check.controls.length === 0 ? 'none' : controlLine(check.controls[0] as Control)}`,
    ...check.controls.slice(1).map((c) => `             ${controlLine(c)}`),
    '',
    ...(check.docs.trim() === '' ? [] : [check.docs.trim(), '']),
    `Remediation: ${check.remediation.trim()}`,
    // Findings about Rampart's own governance (suppressions, exceptions) are fixed at their source, not suppressed.
    ...(check.scope === 'engine'
      ? []
      : [
          '',
          `Suppress on a resource or its Namespace: rampart.dev/ignore: "${check.id} -- <reason>"`,
          `or in an --exceptions file: { checkId: ${check.id}, resource: {…}, reason, owner, expires }`,
        ]),
  ];
  return `${lines.join('\n')}\n`;
}
