/**
 * An exception from the exceptions file (`--exceptions`) that matched no finding in this run.
 * The risk it accepted is gone, or its matcher is wrong; either way the register of accepted
 * risks is no longer accurate.
 */
import { defineCheck } from '../../engine/types.js';

export default defineCheck<'unused'>({
  id: 'governance.exception-unused',
  title: 'Unused exception',
  domain: 'governance',
  severity: 'info',
  scope: 'engine',
  match: '*',
  controls: [{ framework: 'soc2', id: 'CC8.1' }],
  messages: {
    unused: 'exception for {{checkId}} on {{resource}} (owner {{owner}}) matched no finding',
  },
  remediation: 'Remove the exception from the exceptions file, or correct its checkId and resource matcher.',
  docs: 'An exception that matches nothing hides nothing today, but would silently hide a future finding that nobody has accepted. Rampart reports it so the list of accepted risks stays accurate. Only exceptions that have not expired are reported as unused; expired ones are reported by `governance.exception-expired`.',
});
