/** Can register APIServices: see the risk catalog entry "apiservice-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('apiservice-write', []);
