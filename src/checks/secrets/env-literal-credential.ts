/**
 * Literal credentials in environment variables: `env[*].value` of every container, init container
 * and ephemeral container. Reported: a value with a known token format (AWS key ID, GitHub,
 * GitLab, Slack, Google, Stripe tokens, PEM private keys, JWTs, passwords in URLs) whatever the
 * variable is called, or a credential-shaped value (long and random enough, not a placeholder
 * or `$(VAR)` reference) under a credential-like name (PASSWORD, TOKEN, SECRET, API_KEY…).
 * The finding names the variable and a masked form; the value never leaves the manifest.
 */
import { defineCheck } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, joinPointer } from '../../model/types.js';
import { visitContainers } from '../../model/visit.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { arrayAt, containerNoun } from '../workload/helpers.js';
import { DEFAULT_DETECTOR_OPTIONS, detectInValue, type DetectorOptions } from './detect.js';

export default defineCheck<'knownFormat' | 'credentialKey', DetectorOptions>({
  id: 'secrets.env-literal-credential',
  title: 'Literal credential in an environment variable',
  domain: 'secrets',
  // critical: the credential is readable by anyone who can read the manifest, the repository or the workload object — exposure with no further step.
  severity: 'critical',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.4.1'), cis('5.4.2'), NSA.secrets, attack('T1552.001'), attack('T1552.007'), pci('8.6.2'), pci('8.3.2'), soc2('CC6.1'), soc2('CC6.7'), HIPAA.accessControl, HIPAA.authentication],
  defaultOptions: DEFAULT_DETECTOR_OPTIONS,
  messages: {
    knownFormat: '{{containerKind}} "{{container}}" env "{{name}}" holds a literal {{what}} ({{masked}})',
    credentialKey: '{{containerKind}} "{{container}}" env "{{name}}" holds what looks like a literal credential ({{masked}})',
  },
  remediation:
    'Move the value into a Secret (ideally synchronised from an external secret manager) and mount it as a file, or at least reference it with `valueFrom.secretKeyRef`. Then rotate the credential: it has been exposed wherever the manifest was stored.',
  docs: [
    'A credential written into a pod template is readable by everyone who can read the',
    'repository, the CI logs, the rendered Helm release, or the workload object in the cluster',
    '(`get deployments` is granted far more widely than `get secrets`). It cannot be rotated',
    'without a redeploy, and it stays in version control history after it is removed.',
    '',
    'Rampart reports an `env[].value` when it contains a known token format — AWS access key',
    'IDs (`AKIA…`, `ASIA…`), GitHub (`ghp_`, `gho_`, `ghs_`, `github_pat_`), GitLab, Slack',
    '(`xox[abpr]-`), Google and Stripe keys, PEM private keys, JSON Web Tokens and passwords in',
    'URLs — whatever the variable is called; or when the variable name announces a credential',
    '(password, passwd, pwd, secret, token, api key, access key, private key, credential,',
    'auth…) and the value looks like one: not empty, not a placeholder (`changeme`,',
    '`<password>`, `xxx`), not a reference (`$(VAR)`, `${VAR}`, a file path, `vault:`), not a',
    'plain URL or number, at least `minimumLength` characters (default 6) and at least',
    '`minimumEntropy` bits of Shannon entropy per character (default 2.5). Names that describe',
    'a credential rather than hold it (`PASSWORD_FILE`, `TOKEN_TTL`, `SECRET_NAME`) are skipped.',
    '',
    'Findings show the variable name and a masked value (at most two characters and the',
    'length); the value itself never appears in any output.',
    '',
    '```yaml',
    'env:',
    '  - name: DB_PASSWORD_FILE',
    '    value: /var/run/secrets/db/password',
    'volumeMounts:',
    '  - { name: db, mountPath: /var/run/secrets/db, readOnly: true }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const template of podTemplates(ctx.resource)) {
      visitContainers(template.spec, `${template.pointer}/spec`, (c) => {
        arrayAt(c.container, 'env').forEach((entry, index) => {
          if (!isJsonObject(entry) || typeof entry['name'] !== 'string' || typeof entry['value'] !== 'string') return;
          const detection = detectInValue(entry['name'], entry['value'], ctx.options);
          if (!detection) return;
          ctx.report({
            messageId: detection.reason,
            data: { container: c.name, containerKind: containerNoun(c.kind), name: entry['name'], what: detection.what, masked: detection.masked },
            path: joinPointer(c.pointer, 'env', index, 'value'),
          });
        });
      });
    }
  },
});
