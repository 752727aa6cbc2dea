import { CAPABILITY_CHECKS } from '../../../src/checks/workload/capability.js';
import { checkTester } from '../../support/check-tester.js';
import { capabilityCases } from './support/capability-cases.js';

checkTester.run(CAPABILITY_CHECKS.ALL, capabilityCases('ALL'));
