import { SENSITIVE_HOST_PATH_CHECKS } from '../../../src/checks/workload/sensitive-host-path.js';
import { checkTester } from '../../support/check-tester.js';
import { hostPathCases } from './support/host-path-cases.js';

checkTester.run(SENSITIVE_HOST_PATH_CHECKS['var-log'], hostPathCases('var-log'));
