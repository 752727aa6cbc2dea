/** Can delete events: see the risk catalog entry "events-delete" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';

export default riskCheck('events-delete', []);
