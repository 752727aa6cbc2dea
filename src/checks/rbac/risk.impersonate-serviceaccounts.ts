/** Can impersonate ServiceAccounts: see the risk catalog entry "impersonate-serviceaccounts" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('impersonate-serviceaccounts', [cis('5.1.8')]);
