/** Can proxy to services and pods through the API server: see the risk catalog entry "services-proxy" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('services-proxy', []);
