import check from '../../../src/checks/workload/memory-limits.js';
import { checkTester } from '../../support/check-tester.js';
import { computeResourceCases } from './support/compute-resource-cases.js';

checkTester.run(check, computeResourceCases('limits', 'memory'));
