/** Can create pods: see the risk catalog entry "pods-create" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('pods-create', [cis('5.1.4')]);
