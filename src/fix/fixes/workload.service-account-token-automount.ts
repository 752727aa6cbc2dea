/**
 * Fix for workload.service-account-token-automount: sets `automountServiceAccountToken: false` in
 * the pod spec, so no API token is mounted into its containers.
 *
 * The pod field is used rather than the ServiceAccount's, because a ServiceAccount may be shared
 * with pods that do need the API. An application that calls the API (client libraries' in-cluster
 * configuration) stops working with this fix: give such a workload a `rampart.dev/ignore`
 * annotation with the reason before running `rampart fix`, and its finding is left alone. An
 * explicit `automountServiceAccountToken: true` is reported, never overwritten.
 */
import { ensureValue } from '../json-patch.js';
import { read, templateAt } from '../pod.js';
import { defineFix, patch, unsafe } from '../types.js';

export default defineFix({
  checkId: 'workload.service-account-token-automount',
  description: 'sets automountServiceAccountToken: false in the pod spec',
  fix({ resource, body, finding }) {
    const target = templateAt(resource, body, finding.path);
    if (!target) return unsafe('the finding does not point into a pod template');
    if (read(target.template.spec, 'automountServiceAccountToken') === true) {
      return unsafe('the pod sets automountServiceAccountToken: true explicitly; change it by hand once you know it does not call the API');
    }
    const ops = ensureValue(body, target.specPointer, ['automountServiceAccountToken'], false);
    return ops ? patch(ops) : unsafe('the pod spec is not a mapping');
  },
});
