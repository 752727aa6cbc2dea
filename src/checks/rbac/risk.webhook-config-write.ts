/** Can change admission webhook configurations: see the risk catalog entry "webhook-config-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('webhook-config-write', [cis('5.1.12')]);
