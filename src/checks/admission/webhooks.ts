/**
 * Admission webhook configurations: which ones enforce security policy (data), and each webhook
 * with its effective failurePolicy and timeout (the defaults differ between v1 and v1beta1).
 */
import { isJsonObject, joinPointer, type JsonObject, type Resource } from '../../model/types.js';

export const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] as const;

/** Opt-in annotation for in-house security webhooks the product list does not know. */
export const SECURITY_WEBHOOK_ANNOTATION = 'rampart.dev/security-webhook';

/**
 * Security policy products, recognised by a pattern on the configuration name, the webhook name
 * or the backing Service (namespace or name).
 */
export const SECURITY_WEBHOOK_PRODUCTS: ReadonlyArray<{ product: string; pattern: RegExp }> = [
  { product: 'Kyverno', pattern: /kyverno/i },
  { product: 'Gatekeeper', pattern: /gatekeeper/i },
  { product: 'Kubewarden', pattern: /kubewarden/i },
  { product: 'OPA', pattern: /(^|[-.])opa([-.]|$)/i },
  { product: 'jsPolicy', pattern: /jspolicy/i },
  { product: 'Polaris', pattern: /polaris/i },
  { product: 'k-rail', pattern: /k-rail/i },
  { product: 'Datree', pattern: /datree/i },
  { product: 'NeuVector', pattern: /neuvector/i },
  { product: 'Aqua KubeEnforcer', pattern: /kube-enforcer/i },
  { product: 'Prisma Cloud', pattern: /twistlock/i },
  { product: 'Sysdig admission controller', pattern: /sysdig/i },
  { product: 'Kubescape', pattern: /kubescape/i },
  { product: 'Rampart', pattern: /rampart/i },
];

export interface WebhookEntry {
  webhook: JsonObject;
  name: string;
  index: number;
  pointer: string;
  /** The security product it belongs to, or undefined for other webhooks (cert-manager, service meshes…). */
  product: string | undefined;
  failurePolicy: string;
  timeoutSeconds: number;
}

function isV1beta1(resource: Resource): boolean {
  return resource.apiVersion === 'admissionregistration.k8s.io/v1beta1';
}

function productOf(candidates: readonly string[]): string | undefined {
  return SECURITY_WEBHOOK_PRODUCTS.find(({ pattern }) => candidates.some((c) => pattern.test(c)))?.product;
}

/**
 * The webhooks of a configuration, each tagged with the security product it belongs to.
 *
 * @example
 * for (const w of webhooksOf(config)) if (w.product && w.failurePolicy === 'Ignore') report(w.pointer);
 */
export function webhooksOf(resource: Resource): WebhookEntry[] {
  if (!resource.apiVersion.startsWith('admissionregistration.k8s.io/')) return [];
  const raw = resource.body['webhooks'];
  if (!Array.isArray(raw)) return [];
  const optIn = resource.annotations[SECURITY_WEBHOOK_ANNOTATION] === 'true' ? 'annotated security webhook' : undefined;
  const configProduct = optIn ?? productOf([resource.name]);
  const out: WebhookEntry[] = [];
  raw.forEach((webhook, index) => {
    if (!isJsonObject(webhook)) return;
    const name = typeof webhook['name'] === 'string' ? webhook['name'] : `#${index}`;
    const clientConfig = isJsonObject(webhook['clientConfig']) ? webhook['clientConfig'] : {};
    const service = isJsonObject(clientConfig['service']) ? clientConfig['service'] : {};
    const serviceNames = [service['namespace'], service['name']].filter((v): v is string => typeof v === 'string');
    const failurePolicy = typeof webhook['failurePolicy'] === 'string' ? webhook['failurePolicy'] : isV1beta1(resource) ? 'Ignore' : 'Fail';
    const timeoutSeconds = typeof webhook['timeoutSeconds'] === 'number' ? webhook['timeoutSeconds'] : isV1beta1(resource) ? 30 : 10;
    out.push({ webhook, name, index, pointer: joinPointer('', 'webhooks', index), product: configProduct ?? productOf([name, ...serviceNames]), failurePolicy, timeoutSeconds });
  });
  return out;
}

/** Pointer of a webhook field, or of the webhook when the field is absent. */
export function fieldPointer(entry: WebhookEntry, field: string): string {
  return field in entry.webhook ? joinPointer(entry.pointer, field) : entry.pointer;
}
