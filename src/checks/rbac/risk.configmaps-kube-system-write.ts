/** Can change ConfigMaps in kube-system: see the risk catalog entry "configmaps-kube-system-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('configmaps-kube-system-write', [cis('5.1.8')]);
