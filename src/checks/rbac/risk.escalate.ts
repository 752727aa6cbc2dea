/** Can escalate roles beyond its own permissions: see the risk catalog entry "escalate" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('escalate', [cis('5.1.8')]);
