/**
 * Literal credentials in ConfigMaps: every `data` entry of a ConfigMap. Reported: a known token
 * format anywhere in the value; a credential-shaped value under a credential-like key; or, for
 * entries that hold a configuration file (`application.properties`, `config.yaml`, `.env`,
 * JSON), a credential-like `key: value` / `key=value` line inside it. ConfigMaps are not
 * Secrets: they are readable by far more people and tools, never encrypted at rest, and
 * printed by `kubectl describe`. One finding per data key; values are masked.
 */
import { defineCheck } from '../../engine/types.js';
import { joinPointer } from '../../model/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { objectAt } from '../workload/helpers.js';
import { DEFAULT_DETECTOR_OPTIONS, detectInText, detectInValue, type DetectorOptions } from './detect.js';

export default defineCheck<'knownFormat' | 'credentialKey' | 'credentialInFile', DetectorOptions>({
  id: 'secrets.configmap-literal-credential',
  title: 'Literal credential in a ConfigMap',
  domain: 'secrets',
  // critical: ConfigMaps are readable by most roles and printed by kubectl describe; a credential in one is exposed with no further step.
  severity: 'critical',
  scope: 'resource',
  match: ['ConfigMap'],
  controls: [cis('5.4.1'), cis('5.4.2'), NSA.secrets, attack('T1552.001'), attack('T1552.007'), pci('8.6.2'), pci('8.3.2'), pci('3.5.1'), soc2('CC6.1'), soc2('CC6.7'), HIPAA.accessControl, HIPAA.authentication],
  defaultOptions: DEFAULT_DETECTOR_OPTIONS,
  messages: {
    knownFormat: 'ConfigMap key "{{dataKey}}" holds a literal {{what}} ({{masked}})',
    credentialKey: 'ConfigMap key "{{dataKey}}" holds what looks like a literal credential ({{masked}})',
    credentialInFile: 'ConfigMap key "{{dataKey}}" sets "{{key}}" to what looks like a literal credential ({{masked}})',
  },
  remediation:
    'Move the credential into a Secret (ideally synchronised from an external secret manager) and mount it next to the configuration file, or let the application read it from an environment variable fed by `secretKeyRef`. Then rotate it.',
  docs: [
    'A credential in a ConfigMap is exposed to everyone who can read ConfigMaps, and far more',
    'people and tools can than can read Secrets. ConfigMaps are meant for non-confidential',
    'configuration: they are never encrypted at rest by an EncryptionConfiguration, `kubectl',
    'describe` prints their content, RBAC roles commonly grant `get`/`list` on them (the',
    'built-in `view` role does), and tooling exports them freely. Credentials often land there',
    'inside an embedded `application.properties` or `config.yaml`.',
    '',
    'Each `data` entry is checked: first for the known token formats of',
    '`secrets.env-literal-credential` anywhere in it, then as a value under a credential-like',
    'key, then line by line as a configuration file (`key: value`, `key = value`,',
    '`"key": "value"`, `export KEY=value`). The same placeholder, reference, length and',
    'entropy rules and options apply. `binaryData` is not inspected. One finding per data key,',
    'with the key name and a masked value.',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: ConfigMap',
    'data:',
    '  application.properties: |',
    '    spring.datasource.url=jdbc:postgresql://db:5432/shop',
    '    spring.datasource.password=${DB_PASSWORD}   # resolved from a Secret-backed env var',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    const data = objectAt(ctx.resource.body, 'data');
    if (!data) return;
    for (const [dataKey, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const path = joinPointer('/data', dataKey);
      const single = detectInValue(dataKey, value, ctx.options);
      if (single) {
        ctx.report({ messageId: single.reason, data: { dataKey, what: single.what, masked: single.masked }, path });
        continue;
      }
      const inFile = detectInText(value, ctx.options);
      if (inFile) ctx.report({ messageId: 'credentialInFile', data: { dataKey, key: inFile.key ?? '', masked: inFile.masked }, path });
    }
  },
});
