/** Can mint ServiceAccount tokens: see the risk catalog entry "serviceaccount-token-create" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('serviceaccount-token-create', [cis('5.1.13')]);
