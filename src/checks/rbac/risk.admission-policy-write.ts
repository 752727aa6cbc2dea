/** Can change ValidatingAdmissionPolicies: see the risk catalog entry "admission-policy-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('admission-policy-write', []);
