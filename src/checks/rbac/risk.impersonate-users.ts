/** Can impersonate users: see the risk catalog entry "impersonate-users" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('impersonate-users', [cis('5.1.8')]);
