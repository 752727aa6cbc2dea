/** Can read secrets: see the risk catalog entry "secrets-read" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('secrets-read', [cis('5.1.2')]);
