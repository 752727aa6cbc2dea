/**
 * The cases shared by the four compute-resource checks (cpu/memory × requests/limits): the same
 * shapes, with the field under test and its siblings swapped in.
 */
import type { InvalidCase, TesterCase } from '../../../support/check-tester.js';

type Kind = 'requests' | 'limits';
type Resource = 'cpu' | 'memory';

const deployment = (resources: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          resources: ${resources}`;

/** A LimitRange in namespace `shop` that defaults `resource` for `kind` (`default` is the limit, `defaultRequest` the request). */
const limitRange = (kind: Kind, resource: Resource, namespace = 'shop') => `
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: ${namespace}}
spec:
  limits:
    - type: Container
      ${kind === 'limits' ? 'default' : 'defaultRequest'}: {${resource}: "1"}`;

export function computeResourceCases(kind: Kind, resource: Resource): { valid: TesterCase[]; invalid: InvalidCase[] } {
  const otherKind: Kind = kind === 'limits' ? 'requests' : 'limits';
  const otherResource: Resource = resource === 'cpu' ? 'memory' : 'cpu';
  const missing = '/spec/template/spec/containers/0/resources';
  return {
    valid: [
      { manifest: deployment(`{${kind}: {${resource}: "1"}}`) },
      { name: 'a LimitRange in the namespace defaults it', manifest: deployment('{}'), inventory: limitRange(kind, resource) },
      {
        name: 'ephemeral containers cannot declare resources',
        manifest: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: app, image: a:1, resources: {${kind}: {${resource}: 100m}}}
  ephemeralContainers:
    - {name: debug, image: d:1}`,
      },
    ],
    invalid: [
      { manifest: deployment('{}'), errors: [{ messageId: 'missing', path: missing, data: { container: 'app', kind, resource } }] },
      { manifest: deployment(`{${kind}: {${otherResource}: "1"}}`), errors: [{ messageId: 'missing', path: `${missing}/${kind}` }] },
      { name: 'only the other field set', manifest: deployment(`{${otherKind}: {${resource}: "1"}}`), errors: [{ messageId: 'missing', path: missing }] },
      {
        name: 'a LimitRange in another namespace does not count',
        manifest: deployment('{}'),
        inventory: limitRange(kind, resource, 'other'),
        errors: [{ messageId: 'missing', path: missing }],
      },
      {
        name: 'init container without resources in a CronJob',
        manifest: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - {name: init, image: i:1}
          containers:
            - {name: app, image: a:1, resources: {${kind}: {${resource}: "1"}}}`,
        errors: [{ messageId: 'missing', path: '/spec/jobTemplate/spec/template/spec/initContainers/0', data: { containerKind: 'init container' } }],
      },
    ],
  };
}
