/** Holds every permission (cluster-admin equivalent): see the risk catalog entry "cluster-admin" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('cluster-admin', [cis('5.1.1'), cis('5.1.3')]);
