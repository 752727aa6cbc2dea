/**
 * Fix for namespace.psa-version-not-pinned: sets the
 * `pod-security.kubernetes.io/enforce-version` label of a Namespace to the version given with
 * `--pin-pss-version` (for example v1.30), replacing an absent label or `latest`.
 *
 * Safe when the given version is the one the cluster runs today: `latest` means exactly that
 * version until the next upgrade, so admission does not change now, and the next upgrade stops
 * changing it silently. No version is guessed: without the option the finding is reported. A
 * malformed value is reported too — what its author meant is for a person to decide.
 */
import { ENFORCE_VERSION_LABEL } from '../../checks/namespace/psa-labels.js';
import { ensureValue } from '../json-patch.js';
import { read } from '../pod.js';
import { defineFix, patch, unsafe } from '../types.js';

export const PIN_OPTION = '--pin-pss-version';

export default defineFix({
  checkId: 'namespace.psa-version-not-pinned',
  description: `sets the pod-security.kubernetes.io/enforce-version label to the ${PIN_OPTION} value`,
  fix({ body, options }) {
    const current = read(body, 'metadata', 'labels', ENFORCE_VERSION_LABEL);
    if (current !== undefined && current !== 'latest') {
      return unsafe(`the label holds ${JSON.stringify(current)}, which is not a version; correct it by hand`);
    }
    if (options.psaVersion === undefined) return unsafe(`no version to pin was given (${PIN_OPTION})`, PIN_OPTION);
    const ops = ensureValue(body, '/metadata', ['labels', ENFORCE_VERSION_LABEL], options.psaVersion);
    return ops ? patch(ops) : unsafe('metadata.labels is not a mapping');
  },
});
