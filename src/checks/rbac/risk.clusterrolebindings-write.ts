/** Can write ClusterRoleBindings: see the risk catalog entry "clusterrolebindings-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('clusterrolebindings-write', [cis('5.1.8')]);
