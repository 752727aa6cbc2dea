/**
 * Fix for workload.default-service-account-automount: sets `automountServiceAccountToken: false`
 * on a namespace's `default` ServiceAccount (CIS 5.1.5).
 *
 * Pods that name no ServiceAccount run as `default`; after the fix they get no API token unless
 * their own pod spec sets `automountServiceAccountToken: true`, which still wins. A pod that
 * relies on the default account's token without saying so stops reaching the API — the reason
 * CIS asks for this, and the reason the rule is documented rather than silent. An explicit
 * `true` on the ServiceAccount is reported, never overwritten.
 */
import { ensureValue } from '../json-patch.js';
import { defineFix, patch, unsafe } from '../types.js';

export default defineFix({
  checkId: 'workload.default-service-account-automount',
  description: 'sets automountServiceAccountToken: false on the default ServiceAccount',
  fix({ body }) {
    if (body['automountServiceAccountToken'] === true) {
      return unsafe('the ServiceAccount sets automountServiceAccountToken: true explicitly; change it by hand once no pod relies on it');
    }
    const ops = ensureValue(body, '', ['automountServiceAccountToken'], false);
    return ops ? patch(ops) : unsafe('the ServiceAccount is not a mapping');
  },
});
