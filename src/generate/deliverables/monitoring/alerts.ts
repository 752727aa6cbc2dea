/**
 * The PrometheusRule: policy violations for the profile's engine and Pod Security, Falco
 * runtime events, certificate expiry (API server client certificates and cert-manager), and the
 * health of the scheduled compliance scan. Expressions follow the metric names each component
 * documents; where two exporters exist (falcosidekick, falco-exporter) the rule accepts either.
 */
import type { JsonObject } from '../../../model/types.js';
import type { PolicyEngine } from '../../types.js';
import { objectMeta } from '../admission/common.js';

export const MONITORING_NAMESPACE = 'rampart-system';
export const SCAN_JOB_NAME = 'rampart-compliance-scan';

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  severity: 'info' | 'warning' | 'critical';
  summary: string;
  description: string;
}

export interface AlertGroup {
  name: string;
  rules: AlertRule[];
}

function policyAlerts(engine: PolicyEngine): AlertRule[] {
  const podSecurity: AlertRule = {
    alert: 'RampartPodSecurityViolations',
    expr: 'sum by (policy_level, mode, resource) (increase(pod_security_evaluations_total{decision="deny"}[15m])) > 0',
    for: '0m',
    severity: 'warning',
    summary: 'Pod Security Admission refused or flagged workloads',
    description: 'Pod Security {{ $labels.policy_level }} ({{ $labels.mode }}) denied {{ $value }} {{ $labels.resource }} requests in 15 minutes.',
  };
  switch (engine) {
    case 'kyverno':
      return [
        {
          alert: 'RampartPolicyViolations',
          expr: 'sum by (policy_name, resource_namespace, policy_validation_mode) (increase(kyverno_policy_results_total{rule_result="fail", policy_name=~"rampart-.*"}[15m])) > 0',
          for: '0m',
          severity: 'warning',
          summary: 'Kyverno policy violations',
          description: 'Policy {{ $labels.policy_name }} failed {{ $value }} times in {{ $labels.resource_namespace }} ({{ $labels.policy_validation_mode }}) in 15 minutes.',
        },
        {
          alert: 'RampartPolicyEngineDown',
          expr: 'absent(up{job=~".*kyverno.*"} == 1)',
          for: '5m',
          severity: 'critical',
          summary: 'Kyverno is not being scraped',
          description: 'No Kyverno admission controller target is up: admission policies may not be enforced (or, with failurePolicy Fail, requests are refused).',
        },
        podSecurity,
      ];
    case 'gatekeeper':
      return [
        {
          alert: 'RampartPolicyViolations',
          expr: 'sum by (enforcement_action) (gatekeeper_violations) > 0',
          for: '15m',
          severity: 'warning',
          summary: 'Gatekeeper audit finds violations',
          description: 'The last Gatekeeper audit found {{ $value }} violations with enforcement action {{ $labels.enforcement_action }}.',
        },
        {
          alert: 'RampartAdmissionDenials',
          expr: 'sum(increase(gatekeeper_validation_request_count{admission_status="deny"}[15m])) > 0',
          for: '0m',
          severity: 'info',
          summary: 'Gatekeeper refused requests',
          description: 'Gatekeeper denied {{ $value }} admission requests in 15 minutes.',
        },
        {
          alert: 'RampartGatekeeperAuditStale',
          expr: 'time() - max(gatekeeper_audit_last_run_time) > 3600',
          for: '10m',
          severity: 'warning',
          summary: 'Gatekeeper audit has not run for an hour',
          description: 'Violation counts are stale: check the gatekeeper-audit deployment.',
        },
        {
          alert: 'RampartPolicyEngineDown',
          expr: 'absent(up{job=~".*gatekeeper.*"} == 1)',
          for: '5m',
          severity: 'critical',
          summary: 'Gatekeeper is not being scraped',
          description: 'No Gatekeeper target is up: constraints may not be enforced.',
        },
        podSecurity,
      ];
    case 'vap':
      return [
        {
          alert: 'RampartPolicyViolations',
          expr: 'sum by (policy, enforcement_action) (increase(apiserver_validating_admission_policy_check_total{policy=~"rampart-.*", enforcement_action=~"deny|warn|audit"}[15m])) > 0',
          for: '0m',
          severity: 'warning',
          summary: 'ValidatingAdmissionPolicy violations',
          description: 'Policy {{ $labels.policy }} reported {{ $value }} violations ({{ $labels.enforcement_action }}) in 15 minutes.',
        },
        {
          alert: 'RampartPolicyEvaluationErrors',
          expr: 'sum by (policy, error_type) (increase(apiserver_validating_admission_policy_check_total{policy=~"rampart-.*", error_type!="no_error"}[15m])) > 0',
          for: '0m',
          severity: 'critical',
          summary: 'ValidatingAdmissionPolicy evaluation errors',
          description: 'Policy {{ $labels.policy }} failed to evaluate ({{ $labels.error_type }}): with failurePolicy Fail, requests are refused.',
        },
        podSecurity,
      ];
  }
}

const RUNTIME_ALERTS: AlertRule[] = [
  {
    alert: 'RampartFalcoCriticalEvent',
    expr: 'sum by (rule) (increase(falcosecurity_falcosidekick_falco_events_total{priority_raw=~"emergency|alert|critical"}[5m])) > 0 or sum by (rule) (increase(falco_events{priority=~"0|1|2"}[5m])) > 0',
    for: '0m',
    severity: 'critical',
    summary: 'Falco raised a critical runtime alert',
    description: 'Falco rule "{{ $labels.rule }}" fired: follow runtime/playbooks/by-alert.md.',
  },
  {
    alert: 'RampartFalcoWarningEvents',
    expr: 'sum by (rule) (increase(falcosecurity_falcosidekick_falco_events_total{priority_raw=~"error|warning"}[15m])) > 0 or sum by (rule) (increase(falco_events{priority=~"3|4"}[15m])) > 0',
    for: '0m',
    severity: 'warning',
    summary: 'Falco raised runtime warnings',
    description: 'Falco rule "{{ $labels.rule }}" fired {{ $value }} times in 15 minutes.',
  },
  {
    alert: 'RampartFalcoDown',
    expr: 'absent(up{job=~".*falco.*"} == 1)',
    for: '10m',
    severity: 'critical',
    summary: 'Runtime detection is not running',
    description: 'No Falco or falcosidekick target is up: runtime attacks go unnoticed.',
  },
  {
    alert: 'RampartAlertDeliveryFailing',
    expr: 'sum by (destination) (increase(falcosidekick_outputs{status="error"}[15m])) > 0',
    for: '15m',
    severity: 'warning',
    summary: 'falcosidekick cannot deliver alerts',
    description: 'Delivery to {{ $labels.destination }} fails: runtime alerts do not reach the on-call team.',
  },
];

const CERTIFICATE_ALERTS: AlertRule[] = [
  {
    alert: 'RampartApiserverClientCertificateExpiring',
    expr: 'apiserver_client_certificate_expiration_seconds_count{job="apiserver"} > 0 and on (job) histogram_quantile(0.01, sum by (job, le) (rate(apiserver_client_certificate_expiration_seconds_bucket{job="apiserver"}[5m]))) < 604800',
    for: '5m',
    severity: 'warning',
    summary: 'A client certificate used against the API server expires within 7 days',
    description: 'Rotate kubelet and component client certificates before they expire.',
  },
  {
    alert: 'RampartApiserverClientCertificateExpiringSoon',
    expr: 'apiserver_client_certificate_expiration_seconds_count{job="apiserver"} > 0 and on (job) histogram_quantile(0.01, sum by (job, le) (rate(apiserver_client_certificate_expiration_seconds_bucket{job="apiserver"}[5m]))) < 86400',
    for: '5m',
    severity: 'critical',
    summary: 'A client certificate used against the API server expires within 24 hours',
    description: 'Rotate it now: components using it will lose access to the API server.',
  },
  {
    alert: 'RampartCertificateExpiring',
    expr: '(min by (namespace, name) (certmanager_certificate_expiration_timestamp_seconds) - time()) < 14 * 86400',
    for: '1h',
    severity: 'warning',
    summary: 'A cert-manager certificate expires within 14 days',
    description: 'Certificate {{ $labels.namespace }}/{{ $labels.name }} has not been renewed; check its Issuer.',
  },
  {
    alert: 'RampartCertificateNotReady',
    expr: 'max by (namespace, name) (certmanager_certificate_ready_status{condition!="True"}) == 1',
    for: '15m',
    severity: 'critical',
    summary: 'A cert-manager certificate is not ready',
    description: 'Certificate {{ $labels.namespace }}/{{ $labels.name }} is not ready: TLS for its users may be broken.',
  },
];

const COMPLIANCE_ALERTS: AlertRule[] = [
  {
    alert: 'RampartComplianceScanFailed',
    expr: `max by (job_name) (kube_job_status_failed{namespace="${MONITORING_NAMESPACE}", job_name=~"${SCAN_JOB_NAME}-.*"}) > 0`,
    for: '0m',
    severity: 'warning',
    summary: 'The scheduled compliance scan failed',
    description: 'Job {{ $labels.job_name }} failed: read its logs (kubectl logs -n rampart-system job/{{ $labels.job_name }}).',
  },
  {
    alert: 'RampartComplianceScanMissing',
    expr: `time() - max(kube_cronjob_status_last_successful_time{namespace="${MONITORING_NAMESPACE}", cronjob="${SCAN_JOB_NAME}"}) > 2 * 86400`,
    for: '1h',
    severity: 'warning',
    summary: 'No successful compliance scan for two days',
    description: 'Compliance evidence is going stale: check the CronJob and its permissions.',
  },
];

/**
 * The alert groups for an engine.
 *
 * @example
 * alertGroups('kyverno').map((g) => g.name); // ['rampart.policy', 'rampart.runtime', 'rampart.certificates', 'rampart.compliance']
 */
export function alertGroups(engine: PolicyEngine): AlertGroup[] {
  return [
    { name: 'rampart.policy', rules: policyAlerts(engine) },
    { name: 'rampart.runtime', rules: RUNTIME_ALERTS },
    { name: 'rampart.certificates', rules: CERTIFICATE_ALERTS },
    { name: 'rampart.compliance', rules: COMPLIANCE_ALERTS },
  ];
}

/**
 * The PrometheusRule object.
 *
 * @example
 * prometheusRule('vap').kind; // 'PrometheusRule'
 */
export function prometheusRule(engine: PolicyEngine): JsonObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: objectMeta('rampart-security', MONITORING_NAMESPACE, { release: 'kube-prometheus-stack', role: 'alert-rules' }),
    spec: {
      groups: alertGroups(engine).map((group) => ({
        name: group.name,
        rules: group.rules.map((r) => ({
          alert: r.alert,
          expr: r.expr,
          for: r.for,
          labels: { severity: r.severity, source: 'rampart' },
          annotations: { summary: r.summary, description: r.description, runbook: 'See the runtime and monitoring READMEs of the rampart harden bundle.' },
        })),
      })),
    },
  };
}
