/** admission checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import noPolicyEngine from './no-policy-engine.js';
import policyNotEnforcing from './policy-not-enforcing.js';
import validatingPolicyUnbound from './validating-policy-unbound.js';
import webhookFailOpen from './webhook-fail-open.js';
import webhookIncludesKubeSystem from './webhook-includes-kube-system.js';
import webhookTimeoutTooLong from './webhook-timeout-too-long.js';

export const ADMISSION_CHECKS = {
  'admission.no-policy-engine': noPolicyEngine,
  'admission.policy-not-enforcing': policyNotEnforcing,
  'admission.validating-policy-unbound': validatingPolicyUnbound,
  'admission.webhook-fail-open': webhookFailOpen,
  'admission.webhook-includes-kube-system': webhookIncludesKubeSystem,
  'admission.webhook-timeout-too-long': webhookTimeoutTooLong,
} as const satisfies Record<string, AnyCheck>;
