/** Can change node status: see the risk catalog entry "nodes-status-patch" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('nodes-status-patch', []);
