import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { memoryIO } from '../cli/harness.js';

const TOKEN = 'ghp_Zq8rT1vX9bN2mK4pL7sD3fG6hJ0wE5yU1aC2';
const MANIFEST = `apiVersion: v1
kind: Secret
metadata:
  name: db
data:
  password: c3VwZXItc2VjcmV0LXBhc3N3b3Jk
stringData:
  token: plain-text-secret-value
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0
          env:
            - name: GITHUB_TOKEN
              value: "${TOKEN}"
          securityContext:
            runAsUser: 10001
`;

describe('rampart fix never prints a secret value', () => {
  it('redacts literal credentials and Secret data in diff lines, and says the hunk will not apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-redact-'));
    const file = join(dir, 'app.yaml');
    writeFileSync(file, MANIFEST);
    const io = memoryIO();
    expect(await run(['fix', file], io)).toBe(1);
    const diff = io.out();
    expect(diff).toContain('+++');
    expect(diff).toContain('allowPrivilegeEscalation: false');
    for (const secret of [TOKEN, 'c3VwZXItc2VjcmV0LXBhc3N3b3Jk', 'plain-text-secret-value']) expect(diff + io.err()).not.toContain(secret);
    expect(diff).toContain('value: "<redacted>"');
    expect(diff).toMatch(/# rampart: \d+ diff line\(s\) holding secret values are redacted/);
  });
});
