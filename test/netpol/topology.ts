/**
 * Small builders for topology tests: namespaces, workloads, policies as plain objects, and the
 * connlist of a set of documents through the loader, the model and the analyzer.
 */
import { NetworkAnalyzer } from '../../src/analyzers/netpol/analyzer.js';
import { formatConnections } from '../../src/analyzers/netpol/format.js';
import { buildNetworkModel, type NetworkModel } from '../../src/analyzers/netpol/model.js';
import { Inventory } from '../../src/model/inventory.js';
import { resourcesFromObjects } from './factory.js';

export const ALL = 'All Connections';
export const EXT = '0.0.0.0-255.255.255.255[External]';

export type Doc = Record<string, unknown>;

export function namespace(name: string, labels: Record<string, string> = {}): Doc {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface WorkloadOptions {
  labels?: Record<string, string>;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  hostNetwork?: boolean;
  kind?: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  env?: Array<{ name: string; value: string }>;
}

/** A Deployment (or other apps/v1 kind) labelled app=<name> unless told otherwise. */
export function workload(ns: string | undefined, name: string, options: WorkloadOptions = {}): Doc {
  const labels = options.labels ?? { app: name };
  const spec: Doc = { containers: [{ name: 'main', image: 'registry.example/app:1', ports: options.ports ?? [], env: options.env ?? [] }] };
  if (options.hostNetwork) spec['hostNetwork'] = true;
  const metadata: Doc = { name };
  if (ns !== undefined) metadata['namespace'] = ns;
  return { apiVersion: 'apps/v1', kind: options.kind ?? 'Deployment', metadata, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } };
}

export function networkPolicy(ns: string | undefined, name: string, spec: Doc): Doc {
  const metadata: Doc = { name };
  if (ns !== undefined) metadata['namespace'] = ns;
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec };
}

export function adminPolicy(name: string, priority: number, spec: Doc): Doc {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, ...spec } };
}

export function baselinePolicy(spec: Doc): Doc {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec };
}

export function service(ns: string, name: string, selector: Record<string, string>, ports: Doc[]): Doc {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector, ports } };
}

export function ingress(ns: string, name: string, backends: Array<{ service: string; port: number | string }>): Doc {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: ns },
    spec: {
      rules: [
        {
          host: 'shop.example',
          http: {
            paths: backends.map((b, i) => ({
              path: `/${i}`,
              pathType: 'Prefix',
              backend: { service: { name: b.service, port: typeof b.port === 'number' ? { number: b.port } : { name: b.port } } },
            })),
          },
        },
      ],
    },
  };
}

export function modelOf(docs: readonly Doc[]): NetworkModel {
  return buildNetworkModel(new Inventory(resourcesFromObjects(docs)));
}

/** The connlist lines of a set of documents. */
export function connlist(docs: readonly Doc[]): string[] {
  const text = formatConnections(new NetworkAnalyzer(modelOf(docs)).list(), 'connlist');
  return text === '' ? [] : text.trimEnd().split('\n');
}

export function line(src: string, dst: string, conn: string): string {
  return `${src} => ${dst} : ${conn}`;
}
