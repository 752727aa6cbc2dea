/** Can change NetworkPolicies: see the risk catalog entry "network-policy-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('network-policy-write', []);
