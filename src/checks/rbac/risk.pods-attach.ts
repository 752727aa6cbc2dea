/** Can attach to running containers: see the risk catalog entry "pods-attach" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('pods-attach', []);
