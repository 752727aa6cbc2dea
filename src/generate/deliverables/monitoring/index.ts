/**
 * Deliverable 9, monitoring and compliance: PrometheusRule alerts (policy violations, runtime
 * alerts, certificate expiry, scan health), a Grafana dashboard, the scheduled compliance scan,
 * and the compliance report of the current inventory.
 */
import type { Catalogue } from '../../../engine/compliance.js';
import type { Deliverable, DeliverableGenerator } from '../../types.js';
import { checkControls, controls, mergeControls } from '../admission/common.js';
import { MONITORING_NAMESPACE, SCAN_JOB_NAME, prometheusRule } from './alerts.js';
import { dashboardConfigMap } from './dashboard.js';
import { complianceReport, loadCataloguesSync, reportFrameworks } from './report.js';
import { SCAN_SCHEDULE, scanArgs, scanJobManifests, scannerImage } from './scan-job.js';

export { MONITORING_NAMESPACE, SCAN_JOB_NAME, alertGroups, prometheusRule, type AlertGroup, type AlertRule } from './alerts.js';
export { DASHBOARD_UID, dashboardConfigMap, grafanaDashboard } from './dashboard.js';
export { complianceReport, loadCataloguesSync, reportFrameworks } from './report.js';
export { SCAN_SCHEDULE, scanArgs, scanJobManifests, scannerImage } from './scan-job.js';

export interface MonitoringOptions {
  /** Compliance catalogues for the report; read from Rampart's data directory when omitted. */
  catalogues?: readonly Catalogue[];
}

/**
 * A monitoring generator; pass catalogues when the caller already holds them.
 *
 * @example
 * const generate = monitoringGenerator({ catalogues: await readCatalogues(['pci-dss', 'pss']) });
 */
export function monitoringGenerator(options: MonitoringOptions = {}): DeliverableGenerator {
  return ({ profile, inventory }): Deliverable => {
    const frameworks = reportFrameworks(profile);
    // In the report's framework order; a framework the caller did not supply is read from Rampart's data.
    const catalogues = frameworks.map((framework) => options.catalogues?.find((c) => c.framework === framework) ?? (loadCataloguesSync([framework])[0] as Catalogue));
    return {
      id: 'monitoring',
      title: 'Monitoring and compliance',
      files: [
        { path: 'alerts/prometheus-rule.yaml', manifests: [prometheusRule(profile.policyEngine)] },
        { path: 'dashboards/grafana-dashboard.yaml', manifests: [dashboardConfigMap(profile.policyEngine)] },
        { path: 'compliance-scan/cronjob.yaml', manifests: scanJobManifests(profile) },
        { path: 'compliance-report.md', text: complianceReport(profile, inventory, catalogues) },
      ],
      readme: {
        what: `Continuous evidence that the hardening holds: Prometheus alerts (alerts/) on ${profile.policyEngine} policy violations and Pod Security denials, Falco runtime alerts, expiring API server client certificates and cert-manager certificates, and the health of the compliance scan; a Grafana dashboard (dashboards/) loaded by the Grafana sidecar; a CronJob (compliance-scan/) that runs \`rampart ${scanArgs(profile).join(' ')}\` daily (${SCAN_SCHEDULE} UTC) in the ${MONITORING_NAMESPACE} namespace under a read-only identity; and compliance-report.md, the compliance roll-up of the current inventory for ${frameworks.join(', ')}.`,
        why: 'Controls drift: a new chart, an exception that never expired, a certificate nobody renewed. Auditors ask for evidence over time, not a one-off assessment. Alerts catch drift and attacks as they happen; the daily scan and its retained output are the recurring evidence; the report shows where the cluster stands today and which controls still need manual evidence.',
        apply: `Prerequisites: the Prometheus Operator (for example kube-prometheus-stack, whose default rule selector matches the \`release: kube-prometheus-stack\` label set here; adjust it to your release), kube-state-metrics, and Grafana with the dashboard sidecar watching \`grafana_dashboard: "1"\`. Mirror the Rampart image to ${scannerImage(profile)} (the bundle's own registry policy allows only the allowed registries).\n\n\`\`\`sh\nkubectl apply -f compliance-scan/cronjob.yaml\nkubectl apply -f alerts/prometheus-rule.yaml\nkubectl apply -f dashboards/grafana-dashboard.yaml\n\`\`\``,
        verify: `\`\`\`sh\nkubectl create job --from=cronjob/${SCAN_JOB_NAME} ${SCAN_JOB_NAME}-manual -n ${MONITORING_NAMESPACE}\nkubectl logs -n ${MONITORING_NAMESPACE} job/${SCAN_JOB_NAME}-manual | head   # the JSON scan result\nkubectl get prometheusrule -n ${MONITORING_NAMESPACE} rampart-security\n\`\`\`\n\nIn Prometheus, Status → Rules lists the rampart.* groups; in Grafana the "Rampart — security posture" dashboard appears in the Security folder.`,
        rollback: `\`kubectl delete -f alerts/ -f dashboards/ -f compliance-scan/\` removes everything (the ${MONITORING_NAMESPACE} namespace included). Nothing else depends on these objects.`,
      },
      controls: mergeControls(
        checkControls(['governance']),
        controls('cis-k8s', '5.2.1'),
        controls('nsa-cisa', 'audit-logging-and-threat-detection', 'threat-detection', 'vulnerability-scanning'),
        controls('pci-dss', '2.2.1', '10.4.1', '10.7.2', '11.5.1', '12.5.2'),
        controls('soc2', 'CC7.1', 'CC7.2', 'A1.1'),
        controls('hipaa', '164.308(a)(1)(ii)(D)', '164.308(a)(8)', '164.312(b)'),
        controls('mitre-attack', 'T1562.001'),
      ),
      phase: 9,
      risks: [
        `The scan runs \`rampart scan --cluster\`, which needs a Rampart release with live scanning; the scanner identity reads every resource kind except Secrets (scan runs with --no-secrets).`,
        'Alert expressions use the metric names of current Kyverno, Gatekeeper, Kubernetes, Falco (falcosidekick or falco-exporter), cert-manager and kube-state-metrics releases; scrape-job names (the `job` label) differ between installations — check the absent() alerts against your targets.',
        'Absent-target alerts fire until the component (policy engine, Falco) is installed: apply this deliverable after them, or silence those alerts during the rollout.',
        'The compliance report reflects the manifests given to rampart harden, not the live cluster; the CronJob output is the live view.',
      ],
    };
  };
}

/**
 * Generates the monitoring deliverable, reading the compliance catalogues from Rampart's data.
 *
 * @example
 * const deliverable = generateMonitoring({ profile, inventory, randomBytes });
 */
export const generateMonitoring: DeliverableGenerator = monitoringGenerator();
