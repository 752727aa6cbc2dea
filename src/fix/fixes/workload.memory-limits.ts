/** Fix for workload.memory-limits: see {@link computeResourceFix} for when a value is safe to write. */
import { computeResourceFix } from '../compute-resources.js';

export default computeResourceFix('limits', 'memory');
