/**
 * The Grafana dashboard, as a typed dashboard model in a ConfigMap labelled for the Grafana
 * sidecar (`grafana_dashboard: "1"`): policy violations, Pod Security denials, Falco events,
 * certificate expiry and the age of the last compliance scan.
 */
import type { JsonObject } from '../../../model/types.js';
import type { PolicyEngine } from '../../types.js';
import { objectMeta } from '../admission/common.js';
import { MONITORING_NAMESPACE, SCAN_JOB_NAME } from './alerts.js';

export const DASHBOARD_UID = 'rampart-security';

interface PanelSpec {
  title: string;
  type: 'timeseries' | 'stat' | 'table' | 'bargauge';
  unit?: string;
  targets: Array<{ expr: string; legend: string }>;
  description: string;
}

function violationQuery(engine: PolicyEngine): PanelSpec {
  switch (engine) {
    case 'kyverno':
      return { title: 'Policy violations (Kyverno)', type: 'timeseries', description: 'Failed rule results of the rampart-* policies, by policy.', targets: [{ expr: 'sum by (policy_name) (increase(kyverno_policy_results_total{rule_result="fail", policy_name=~"rampart-.*"}[$__rate_interval]))', legend: '{{policy_name}}' }] };
    case 'gatekeeper':
      return { title: 'Policy violations (Gatekeeper audit)', type: 'timeseries', description: 'Violations found by the Gatekeeper audit, by enforcement action.', targets: [{ expr: 'sum by (enforcement_action) (gatekeeper_violations)', legend: '{{enforcement_action}}' }] };
    case 'vap':
      return { title: 'Policy violations (ValidatingAdmissionPolicy)', type: 'timeseries', description: 'Violations of the rampart-* policies, by policy and action.', targets: [{ expr: 'sum by (policy, enforcement_action) (increase(apiserver_validating_admission_policy_check_total{policy=~"rampart-.*"}[$__rate_interval]))', legend: '{{policy}} {{enforcement_action}}' }] };
  }
}

function panels(engine: PolicyEngine): PanelSpec[] {
  return [
    violationQuery(engine),
    { title: 'Pod Security denials', type: 'timeseries', description: 'Pod Security Admission denials by level and mode (enforce, audit, warn).', targets: [{ expr: 'sum by (policy_level, mode) (increase(pod_security_evaluations_total{decision="deny"}[$__rate_interval]))', legend: '{{policy_level}} {{mode}}' }] },
    {
      title: 'Falco events by priority',
      type: 'timeseries',
      description: 'Runtime alerts (falcosidekick or falco-exporter metrics).',
      targets: [
        { expr: 'sum by (priority_raw) (increase(falcosecurity_falcosidekick_falco_events_total[$__rate_interval]))', legend: '{{priority_raw}}' },
        { expr: 'sum by (priority) (increase(falco_events[$__rate_interval]))', legend: 'priority {{priority}}' },
      ],
    },
    { title: 'Top Falco rules (24h)', type: 'bargauge', description: 'Which runtime rules fire most.', targets: [{ expr: 'topk(10, sum by (rule) (increase(falcosecurity_falcosidekick_falco_events_total[24h])))', legend: '{{rule}}' }] },
    { title: 'Certificates: days to expiry (cert-manager)', type: 'table', unit: 'd', description: 'Certificates managed by cert-manager, soonest first.', targets: [{ expr: 'sort((min by (namespace, name) (certmanager_certificate_expiration_timestamp_seconds) - time()) / 86400)', legend: '{{namespace}}/{{name}}' }] },
    { title: 'API server client certificates: 1st percentile lifetime left', type: 'stat', unit: 's', description: 'Shortest remaining lifetime of client certificates presented to the API server.', targets: [{ expr: 'histogram_quantile(0.01, sum by (le) (rate(apiserver_client_certificate_expiration_seconds_bucket{job="apiserver"}[5m])))', legend: 'p1' }] },
    { title: 'Time since the last successful compliance scan', type: 'stat', unit: 's', description: 'The scheduled rampart scan (CronJob) should succeed at least daily.', targets: [{ expr: `time() - max(kube_cronjob_status_last_successful_time{namespace="${MONITORING_NAMESPACE}", cronjob="${SCAN_JOB_NAME}"})`, legend: 'age' }] },
  ];
}

/**
 * The dashboard model.
 *
 * @example
 * grafanaDashboard('kyverno').uid; // 'rampart-security'
 */
export function grafanaDashboard(engine: PolicyEngine): JsonObject {
  const width = 12;
  const height = 8;
  return {
    uid: DASHBOARD_UID,
    title: 'Rampart — security posture',
    tags: ['rampart', 'security', 'compliance'],
    editable: true,
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-24h', to: 'now' },
    refresh: '5m',
    templating: { list: [{ name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0 }] },
    panels: panels(engine).map((p, index): JsonObject => ({
      id: index + 1,
      type: p.type,
      title: p.title,
      description: p.description,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: height, w: width, x: (index % 2) * width, y: Math.floor(index / 2) * height },
      fieldConfig: { defaults: p.unit !== undefined ? { unit: p.unit } : ({} as JsonObject), overrides: [] },
      options: {},
      targets: p.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), expr: t.expr, legendFormat: t.legend, datasource: { type: 'prometheus', uid: '${datasource}' } })),
    })),
  };
}

/**
 * The ConfigMap the Grafana dashboard sidecar loads.
 *
 * @example
 * dashboardConfigMap('vap').metadata.labels.grafana_dashboard; // '1'
 */
export function dashboardConfigMap(engine: PolicyEngine): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: objectMeta('rampart-security-dashboard', MONITORING_NAMESPACE, { grafana_dashboard: '1' }, { grafana_folder: 'Security' }),
    data: { 'rampart-security.json': `${JSON.stringify(grafanaDashboard(engine), null, 2)}\n` },
  };
}
