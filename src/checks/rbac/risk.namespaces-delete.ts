/** Can delete namespaces: see the risk catalog entry "namespaces-delete" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('namespaces-delete', []);
