/** Can approve CertificateSigningRequests: see the risk catalog entry "csr-approve" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('csr-approve', [cis('5.1.11')]);
