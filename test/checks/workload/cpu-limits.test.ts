import check from '../../../src/checks/workload/cpu-limits.js';
import { checkTester } from '../../support/check-tester.js';
import { computeResourceCases } from './support/compute-resource-cases.js';

checkTester.run(check, computeResourceCases('limits', 'cpu'));
