import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import { Inventory } from '../../src/model/inventory.js';
import { buildRbacModel } from '../../src/analyzers/rbac/model.js';
import { RISKS } from '../../src/analyzers/rbac/risks.js';
import { parseSubject } from '../../src/analyzers/rbac/subjects.js';
import { resourceRequest } from '../../src/analyzers/rbac/requests.js';

const yaml = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: mixed}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [get]}
  - "not a rule"
  - apiGroups: [""]
    resources: [secrets]
    verbs: get
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: mixed}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: mixed}
subjects:
  - {kind: User, name: alice}
  - {kind: Robot, name: r2}
  - {name: nokind}
`;

describe('malformed RBAC input', () => {
  const { resources } = loadText(yaml, 'rbac.yaml');
  const model = buildRbacModel(new Inventory(resources));
  const messages = model.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);

  it('reports each malformed rule and subject at its line, and keeps the valid ones', () => {
    expect(messages).toEqual([
      'rbac.yaml:6: ClusterRole mixed: rule is not an object; it grants nothing',
      'rbac.yaml:9: ClusterRole mixed: rule field "verbs" must be a list of strings; the rule grants nothing',
      'rbac.yaml:17: ClusterRoleBinding mixed: unknown subject kind "Robot" matches nobody',
      'rbac.yaml:18: ClusterRoleBinding mixed: subject needs a kind and a name; ignored',
    ]);
    expect(model.can(parseSubject('user:alice'), resourceRequest({ verb: 'get', resource: 'pods', namespace: 'a', name: 'p' })).allowed).toBe(true);
    expect(model.can(parseSubject('user:alice'), resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'a', name: 's' })).allowed).toBe(false);
  });
});

describe('docs/rbac.md', () => {
  it('lists every risk of the catalog', () => {
    const docs = readFileSync(new URL('../../docs/rbac.md', import.meta.url), 'utf8');
    for (const risk of RISKS) expect(docs).toContain(`| \`${risk.id}\` | ${risk.severity} | ${risk.mitre} |`);
  });
});
