/** Can change or delete nodes: see the risk catalog entry "nodes-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('nodes-write', []);
