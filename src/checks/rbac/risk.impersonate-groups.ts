/** Can impersonate groups (including system:masters): see the risk catalog entry "impersonate-groups" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('impersonate-groups', [cis('5.1.7'), cis('5.1.8')]);
