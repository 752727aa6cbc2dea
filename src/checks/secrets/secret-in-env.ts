/**
 * Secrets as environment variables: `env[*].valueFrom.secretKeyRef` and `envFrom[*].secretRef` of
 * every container, init container and ephemeral container. Allowed: Secrets mounted as files
 * (a `secret` or projected volume). Environment variables leak: they are inherited by every
 * child process, printed by crash handlers and debug endpoints, captured by error reporters
 * and readable in /proc/<pid>/environ.
 */
import { defineCheck } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, joinPointer } from '../../model/types.js';
import { visitContainers } from '../../model/visit.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { arrayAt, containerNoun, objectAt, stringAt } from '../workload/helpers.js';

export default defineCheck<'secretKeyRef' | 'secretRef'>({
  id: 'secrets.secret-in-env',
  title: 'Secret injected as an environment variable',
  domain: 'secrets',
  // medium: the Secret stays protected at rest, but environment variables leak through logs, crash dumps and child processes — weaker defence in depth.
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.4.1'), NSA.secrets, attack('T1552.001'), attack('T1552.007'), pci('8.3.2'), pci('3.5.1'), soc2('CC6.1'), HIPAA.accessControl],
  messages: {
    secretKeyRef: '{{containerKind}} "{{container}}" env "{{name}}" takes key "{{key}}" of Secret "{{secret}}" as an environment variable',
    secretRef: '{{containerKind}} "{{container}}" loads every key of Secret "{{secret}}" as environment variables (envFrom)',
  },
  remediation:
    'Mount the Secret as a volume (`volumes[].secret` with `readOnly: true`) and let the application read the file, for example through a `*_FILE` variable that holds its path.',
  docs: [
    'A Secret exposed as an environment variable leaks through child processes, crash dumps,',
    'error reporters and `/proc/<pid>/environ`; a mounted file does not.',
    '',
    'A Secret exposed as an environment variable is copied into the process environment, and',
    'from there it travels: every child process inherits it, crash handlers and debug pages',
    'dump it, error reporters (Sentry and friends) capture it, and anyone who can read',
    '`/proc/<pid>/environ` — including other containers in a pod with a shared process',
    'namespace — reads it. It is also fixed for the life of the container: a rotated Secret',
    'only arrives after a restart. A mounted Secret file is updated in place, can be read',
    'once and dropped, and is not inherited. CIS 5.4.1 asks for Secrets as files.',
    '',
    'Each `env[].valueFrom.secretKeyRef` and each `envFrom[].secretRef` is reported.',
    '',
    '```yaml',
    'containers:',
    '  - name: cart',
    '    env:',
    '      - { name: DB_PASSWORD_FILE, value: /var/run/secrets/db/password }',
    '    volumeMounts:',
    '      - { name: db, mountPath: /var/run/secrets/db, readOnly: true }',
    'volumes:',
    '  - name: db',
    '    secret: { secretName: cart-db, defaultMode: 0400 }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const template of podTemplates(ctx.resource)) {
      visitContainers(template.spec, `${template.pointer}/spec`, (c) => {
        const base = { container: c.name, containerKind: containerNoun(c.kind) };
        arrayAt(c.container, 'env').forEach((entry, index) => {
          const ref = objectAt(entry, 'valueFrom', 'secretKeyRef');
          if (!ref || !isJsonObject(entry)) return;
          ctx.report({
            messageId: 'secretKeyRef',
            data: { ...base, name: stringAt(entry, 'name') ?? '', key: stringAt(ref, 'key') ?? '', secret: stringAt(ref, 'name') ?? '' },
            path: joinPointer(c.pointer, 'env', index, 'valueFrom', 'secretKeyRef'),
          });
        });
        arrayAt(c.container, 'envFrom').forEach((entry, index) => {
          const ref = objectAt(entry, 'secretRef');
          if (!ref) return;
          ctx.report({ messageId: 'secretRef', data: { ...base, secret: stringAt(ref, 'name') ?? '' }, path: joinPointer(c.pointer, 'envFrom', index, 'secretRef') });
        });
      });
    }
  },
});
