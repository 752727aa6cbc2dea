/** Fix for workload.cpu-requests: see {@link computeResourceFix} for when a value is safe to write. */
import { computeResourceFix } from '../compute-resources.js';

export default computeResourceFix('requests', 'cpu');
