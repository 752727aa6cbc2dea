import check from '../../../src/checks/reliability/missing-readiness-probe.js';
import { checkTester } from '../../support/check-tester.js';
import { probeCases } from './support.js';

checkTester.run(check, probeCases('readinessProbe'));
