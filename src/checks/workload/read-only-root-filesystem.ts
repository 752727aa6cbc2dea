/**
 * Read-only root filesystem: every container (init, sidecar and ephemeral ones included) must set
 * `securityContext.readOnlyRootFilesystem: true`. The field exists only on the container, so
 * there is no pod-level value to inherit. Allowed: `true`. Writable scratch space belongs in an
 * `emptyDir` mount, so an attacker cannot drop tools or alter binaries in the image layer.
 * Windows pods (`spec.os.name: windows`) are skipped: the field does not apply to them.
 */
import { defineCheck } from '../../engine/types.js';
import { joinPointer } from '../../model/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { visitContainers } from '../../model/visit.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { containerNoun, isLinuxPod, nearestPointer, valueAt } from './helpers.js';

export default defineCheck<'writable' | 'unset'>({
  id: 'workload.read-only-root-filesystem',
  title: 'Writable root filesystem',
  domain: 'workload',
  // medium: a writable root filesystem does not by itself compromise anything, but it lets an intruder persist tools and modify the application.
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.7.3'), NSA.immutableFilesystems, attack('T1525'), pci('2.2.6'), soc2('CC6.8'), HIPAA.integrity],
  messages: {
    writable: '{{containerKind}} "{{container}}" sets securityContext.readOnlyRootFilesystem=false',
    unset: '{{containerKind}} "{{container}}" does not set securityContext.readOnlyRootFilesystem=true',
  },
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` on every container. Mount an `emptyDir` volume at each path the application must write to (for example `/tmp`).',
  docs: [
    'A container whose root filesystem is writable lets anyone who gets code execution inside it',
    'download tools, replace binaries or plant a web shell that survives until the container is',
    'recreated. With a read-only root filesystem the image stays exactly what was built and',
    'scanned, and every writable location is an explicit, reviewable volume.',
    '',
    'The field exists only on containers (`PodSecurityContext` has no equivalent), so each',
    'container, init container and ephemeral container is checked on its own. Pods with',
    '`spec.os.name: windows` are skipped.',
    '',
    '```yaml',
    'spec:',
    '  containers:',
    '    - name: app',
    '      securityContext:',
    '        readOnlyRootFilesystem: true',
    '      volumeMounts:',
    '        - { name: tmp, mountPath: /tmp }',
    '  volumes:',
    '    - name: tmp',
    '      emptyDir: {}',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const template of podTemplates(ctx.resource)) {
      if (!isLinuxPod(template.spec)) continue;
      visitContainers(template.spec, `${template.pointer}/spec`, (c) => {
        const value = valueAt(c.container, 'securityContext', 'readOnlyRootFilesystem');
        if (value === true) return;
        const data = { container: c.name, containerKind: containerNoun(c.kind) };
        if (value === false) {
          ctx.report({ messageId: 'writable', data, path: joinPointer(c.pointer, 'securityContext', 'readOnlyRootFilesystem') });
        } else {
          ctx.report({ messageId: 'unset', data, path: nearestPointer(c.container, c.pointer, 'securityContext') });
        }
      });
    }
  },
});

