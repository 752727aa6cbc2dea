/**
 * An exception from the exceptions file (`--exceptions`) whose expiry date has passed. It no
 * longer hides anything — the findings it covered count again — and the accepted risk needs a
 * new decision: fix the finding, or renew the exception with a new date.
 */
import { defineCheck } from '../../engine/types.js';

export default defineCheck<'expired'>({
  id: 'governance.exception-expired',
  title: 'Expired exception',
  domain: 'governance',
  severity: 'low',
  scope: 'engine',
  match: '*',
  controls: [
    { framework: 'soc2', id: 'CC8.1' },
    { framework: 'pci-dss', id: '6.5.1' },
    { framework: 'hipaa', id: '164.308(a)(1)(ii)(B)' },
  ],
  messages: {
    expired: 'exception for {{checkId}} on {{resource}} (owner {{owner}}) expired on {{expires}} and no longer applies',
  },
  remediation: 'Fix the findings the exception covered, or have its owner renew it with a new expiry date and a current reason.',
  docs: 'An accepted risk is accepted for a time. When an exception in the `--exceptions` file passes its `expires` date it stops applying, the findings it hid count again (and may fail the run), and this finding points at the entry so that its owner decides again.',
});
