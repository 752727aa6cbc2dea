/** Can create PersistentVolumes (hostPath): see the risk catalog entry "persistentvolumes-create" in src/analyzers/rbac/risks.ts. */
import { riskCheck } from './risk-check.js';
import { cis } from './controls.js';

export default riskCheck('persistentvolumes-create', [cis('5.1.9')]);
