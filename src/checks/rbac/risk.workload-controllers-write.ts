/** Can create or change workload controllers: see the risk catalog entry "workload-controllers-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('workload-controllers-write', [cis('5.1.4')]);
