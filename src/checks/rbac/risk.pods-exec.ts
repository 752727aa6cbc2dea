/** Can execute commands in containers: see the risk catalog entry "pods-exec" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('pods-exec', []);
