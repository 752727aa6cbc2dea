/** Can write RoleBindings: see the risk catalog entry "rolebindings-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('rolebindings-write', [cis('5.1.8')]);
