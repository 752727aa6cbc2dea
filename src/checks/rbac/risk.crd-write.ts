/** Can change CustomResourceDefinitions: see the risk catalog entry "crd-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('crd-write', []);
