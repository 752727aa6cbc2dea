/**
 * `rampart deploy manifests`: the in-cluster scanner (CronJob writing PolicyReports, its
 * identity, RBAC and NetworkPolicies) as YAML for `kubectl apply -f -`. Also the
 * `scanner-role` sub-command for `rampart rbac`, which the rbac command adds with
 * `addScannerRoleCommand(rbac, context)`.
 */
import { Option, type Command } from 'commander';
import { stringify } from 'yaml';
import { UsageError } from '../../errors.js';
import { DEFAULT_IMAGE, DEFAULT_NAMESPACE, DEFAULT_SCHEDULE, deployManifests } from '../../live/deploy.js';
import { scannerClusterRole, scannerClusterRoleBinding, scannerServiceAccount } from '../../live/scanner-role.js';
import type { CommandContext } from '../io.js';
import { collect, emit } from '../options.js';
import type { RegisterCommand } from '../program.js';

interface DeployFlags {
  namespace: string;
  schedule: string;
  image: string;
  apiServerCidr?: string[];
  secretMetadata?: boolean;
  resource?: string[];
  output?: string;
}

interface ScannerRoleFlags {
  name: string;
  resource?: string[];
  secrets: boolean;
  wellKnown: boolean;
  serviceAccount?: string;
  format: string;
  output?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;
const CRON_FIELD = /^[\d*/,\-A-Za-z?]+$/;

/**
 * Parses `--resource group/resource` (a custom resource type to grant and scan).
 *
 * @example
 * parseResourceType('ml.example.com/trainingjobs'); // { group: 'ml.example.com', resource: 'trainingjobs' }
 */
export function parseResourceType(value: string): { group: string; resource: string } {
  const slash = value.lastIndexOf('/');
  const group = slash < 0 ? '' : value.slice(0, slash);
  const resource = slash < 0 ? value : value.slice(slash + 1);
  if (!DNS_LABEL.test(resource) || (group !== '' && !DNS_SUBDOMAIN.test(group))) {
    throw new UsageError(`--resource must be GROUP/RESOURCE such as ml.example.com/trainingjobs, without wildcards (got ${JSON.stringify(value)})`);
  }
  return { group, resource };
}

function toYamlStream(objects: ReadonlyArray<Record<string, unknown>>): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

function validateDeployFlags(flags: DeployFlags): void {
  if (!DNS_LABEL.test(flags.namespace)) throw new UsageError(`--namespace must be a DNS label (got ${JSON.stringify(flags.namespace)})`);
  const fields = flags.schedule.trim().split(/\s+/);
  const macro = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(flags.schedule.trim());
  if (!macro && (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f)))) {
    throw new UsageError(`--schedule must be a cron expression with five fields, such as "${DEFAULT_SCHEDULE}" (got ${JSON.stringify(flags.schedule)})`);
  }
  if (flags.image.trim() === '' || /\s/.test(flags.image)) throw new UsageError(`--image must be an image reference (got ${JSON.stringify(flags.image)})`);
  for (const cidr of flags.apiServerCidr ?? []) if (!CIDR.test(cidr)) throw new UsageError(`--api-server-cidr must be a CIDR such as 10.0.0.1/32 (got ${JSON.stringify(cidr)})`);
}

async function runDeployManifests(flags: DeployFlags, context: CommandContext): Promise<void> {
  validateDeployFlags(flags);
  const objects = deployManifests({
    namespace: flags.namespace,
    schedule: flags.schedule,
    image: flags.image,
    apiServerCidrs: flags.apiServerCidr ?? [],
    secretMetadata: flags.secretMetadata === true,
    extraTypes: (flags.resource ?? []).map(parseResourceType),
  });
  if (!flags.image.includes('@sha256:')) {
    context.io.stderr.write(`rampart: note: the image ${flags.image} is not pinned by digest; pass --image REGISTRY/rampart@sha256:… for a reproducible deployment\n`);
  }
  if ((flags.apiServerCidr ?? []).length === 0) {
    context.io.stderr.write('rampart: note: without --api-server-cidr the scanner may reach ports 443 and 6443 on any address; pass the API server endpoint addresses to narrow it\n');
  }
  await emit(context.io, toYamlStream(objects), flags.output);
}

/**
 * Registers `rampart deploy manifests`.
 *
 * @example
 * await run(['deploy', 'manifests', '--namespace', 'security', '--image', 'ghcr.io/rampart-dev/rampart@sha256:…'], io);
 */
export const registerDeploy: RegisterCommand = (program, context) => {
  const deploy = program.command('deploy').description('run Rampart inside the cluster');
  deploy
    .command('manifests')
    .summary('print the in-cluster scanner: a CronJob writing PolicyReports, with least-privilege RBAC and egress')
    .description(
      'Print the in-cluster scanner: a CronJob that scans the cluster on a schedule and writes PolicyReports, ' +
        'its ServiceAccount, the read-only scanner ClusterRole, a ClusterRole that may write only PolicyReports, ' +
        'and NetworkPolicies that allow nothing but API server (and DNS) egress.',
    )
    .option('--namespace <namespace>', 'namespace to run in (created, enforcing Pod Security restricted)', DEFAULT_NAMESPACE)
    .option('--schedule <cron>', 'cron schedule of the scan (UTC)', DEFAULT_SCHEDULE)
    .option('--image <image>', 'scanner image; pin it by digest', DEFAULT_IMAGE)
    .option('--api-server-cidr <cidr>', 'API server endpoint address for the egress policy; repeatable', collect)
    .option('--secret-metadata', 'grant list on Secrets and scan their metadata (values are never requested, but RBAC cannot express that)')
    .option('--resource <group/resource>', 'a custom resource type with pod templates to grant and scan; repeatable', collect)
    .option('-o, --output <file>', 'write the manifests to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  rampart deploy manifests | kubectl apply -f -
  rampart deploy manifests --namespace security --schedule "0 3 * * *" \\
    --image ghcr.io/rampart-dev/rampart@sha256:<digest> --api-server-cidr 172.18.0.2/32`,
    )
    .action(async (flags: DeployFlags) => runDeployManifests(flags, context));
};

/**
 * Adds `scanner-role` to the `rampart rbac` command: the minimal read-only ClusterRole for
 * `rampart scan --cluster` (get and list, no wildcards, Secrets list only).
 *
 * @example
 * const rbac = program.command('rbac');
 * addScannerRoleCommand(rbac, context);
 */
export function addScannerRoleCommand(rbac: Command, context: CommandContext): Command {
  return rbac
    .command('scanner-role')
    .summary('print the minimal read-only ClusterRole that rampart scan --cluster needs')
    .description(
      'Print the minimal read-only ClusterRole that rampart scan --cluster needs: get and list only, no wildcards. ' +
        'Secrets get list alone: Rampart requests their metadata only, but list on secrets lets any client ' +
        'with this identity read values, so guard it.',
    )
    .option('--name <name>', 'ClusterRole name', 'rampart-scanner')
    .option('--resource <group/resource>', 'also grant a custom resource type (one with pod templates); repeatable', collect)
    .option('--no-secrets', 'leave Secrets out (the scan then runs with --no-secrets)')
    .option('--no-well-known', 'leave out the well-known custom resources (Kyverno, Gatekeeper, Istio, Cilium, Argo Rollouts, Knative)')
    .option('--service-account <namespace>', 'also print a ServiceAccount in NAMESPACE and the ClusterRoleBinding')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (flags: ScannerRoleFlags) => {
      if (!DNS_SUBDOMAIN.test(flags.name)) throw new UsageError(`--name must be a DNS subdomain (got ${JSON.stringify(flags.name)})`);
      if (flags.serviceAccount !== undefined && !DNS_LABEL.test(flags.serviceAccount)) {
        throw new UsageError(`--service-account must be a namespace name (got ${JSON.stringify(flags.serviceAccount)})`);
      }
      const role = scannerClusterRole({
        name: flags.name,
        secrets: flags.secrets,
        withoutWellKnown: !flags.wellKnown,
        extraTypes: (flags.resource ?? []).map(parseResourceType),
      });
      const objects: Array<Record<string, unknown>> = [role];
      if (flags.serviceAccount !== undefined) {
        objects.push(scannerServiceAccount(flags.serviceAccount, flags.name), scannerClusterRoleBinding(flags.serviceAccount, flags.name, flags.name));
      }
      const text = flags.format === 'json' ? `${JSON.stringify(objects.length === 1 ? role : { apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n` : toYamlStream(objects);
      await emit(context.io, text, flags.output);
    });
}
