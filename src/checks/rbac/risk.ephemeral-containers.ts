/** Can add ephemeral containers to running pods: see the risk catalog entry "ephemeral-containers" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('ephemeral-containers', []);
