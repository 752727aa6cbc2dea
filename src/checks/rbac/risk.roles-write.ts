/** Can write Roles or ClusterRoles: see the risk catalog entry "roles-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('roles-write', [cis('5.1.8')]);
