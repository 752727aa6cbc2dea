/**
 * A `rampart.dev/ignore` annotation must say why. One without a reason (`-- …`) is not applied,
 * so the findings it meant to hide still count, and it is reported here.
 */
import { defineCheck } from '../../engine/types.js';

export default defineCheck<'missingReason'>({
  id: 'governance.suppression-missing-reason',
  title: 'Suppression without a reason',
  domain: 'governance',
  severity: 'medium',
  scope: 'engine',
  match: '*',
  controls: [
    { framework: 'soc2', id: 'CC8.1' },
    { framework: 'pci-dss', id: '6.5.1' },
  ],
  messages: {
    missingReason: 'annotation rampart.dev/ignore "{{value}}" gives no reason; write it as "<checkId>[,<checkId>…] -- <reason>"',
  },
  remediation: 'Add a reason after " -- " in the rampart.dev/ignore annotation, or remove the annotation.',
  docs: 'Every suppression is an accepted risk, and an auditor will ask who accepted it and why. Rampart applies a `rampart.dev/ignore` annotation only when it carries a reason after ` -- `; without one, the annotation is ignored and reported.',
});
