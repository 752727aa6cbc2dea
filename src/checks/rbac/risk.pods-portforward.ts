/** Can port-forward into pods: see the risk catalog entry "pods-portforward" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('pods-portforward', []);
