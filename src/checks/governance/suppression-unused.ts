/**
 * A suppression that matches no finding is stale: the risk it accepted is gone, or the check id
 * is misspelt. Either way it should be removed or corrected.
 */
import { defineCheck } from '../../engine/types.js';

export default defineCheck<'unused'>({
  id: 'governance.suppression-unused',
  title: 'Unused suppression',
  domain: 'governance',
  severity: 'info',
  scope: 'engine',
  match: '*',
  controls: [{ framework: 'soc2', id: 'CC8.1' }],
  messages: {
    unused: 'suppression of "{{patterns}}" matched no finding',
  },
  remediation: 'Remove the rampart.dev/ignore annotation, or correct the check ids it names.',
  docs: 'A suppression that no longer matches anything hides nothing today but would silently hide a future finding of the same check. Rampart reports it so the list of accepted risks stays accurate.',
});
