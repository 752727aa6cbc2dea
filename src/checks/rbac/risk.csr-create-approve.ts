/** Can create and approve its own client certificates: see the risk catalog entry "csr-create-approve" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('csr-create-approve', [cis('5.1.11')]);
