/** Can edit the aws-auth identity mapping: see the risk catalog entry "aws-auth-write" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('aws-auth-write', [cis('5.1.7')]);
