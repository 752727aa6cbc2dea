/** Can reach the kubelet API through nodes/proxy: see the risk catalog entry "nodes-proxy" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('nodes-proxy', [cis('5.1.10')]);
