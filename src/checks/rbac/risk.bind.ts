/** Can bind roles it does not hold: see the risk catalog entry "bind" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('bind', [cis('5.1.8')]);
