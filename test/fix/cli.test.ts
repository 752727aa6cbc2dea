/**
 * `rampart fix` end to end, in memory: diff by default (exit 1 when fixes are pending), --write in
 * place (atomic, mode and symlinks kept), stdin never rewritten, templated files reported, usage
 * errors exit 2.
 */
import { chmod, lstat, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { applyPatch } from 'diff';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerFix } from '../../src/cli/commands/fix.js';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function fix(argv: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const input = new PassThrough();
  input.end(stdin);
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: input,
    cwd: process.cwd(),
    env: {},
  };
  const code = await run(['fix', ...argv], io, [registerFix]);
  return { code, stdout, stderr };
}

const POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web # keep me', 'spec:', '  containers:', '  - name: app', '    image: nginx', ''].join('\n');
const FIXED_APE = POD.replace('    image: nginx\n', '    image: nginx\n    securityContext:\n      allowPrivilegeEscalation: false\n');
const ONLY_APE = ['--check', 'pss.allowPrivilegeEscalation'];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-fix-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('diff mode (the default)', () => {
  it('prints a unified diff, leaves the file alone and exits 1 when fixes are pending', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD);
    const result = await fix([file, ...ONLY_APE]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        `--- ${file}`,
        `+++ ${file}`,
        '@@ -6,3 +6,5 @@',
        '   containers:',
        '   - name: app',
        '     image: nginx',
        '+    securityContext:',
        '+      allowPrivilegeEscalation: false',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('1 fix pending in 1 file; 0 findings without a safe fix (run with --write to apply)');
    expect(await readFile(file, 'utf8')).toBe(POD);
    expect((await fix([file, ...ONLY_APE, '--diff'])).stdout).toBe(result.stdout);
  });

  it('uses a/ and b/ prefixes for relative paths', async () => {
    await writeFile(join(dir, 'pod.yaml'), POD);
    const relativePath = relative(process.cwd(), join(dir, 'pod.yaml'));
    const result = await fix([relativePath, ...ONLY_APE]);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([`--- a/${relativePath}`, `+++ b/${relativePath}`]);
  });

  it('prints a diff that applies cleanly to the original (stdin is labelled stdin)', async () => {
    const text = ['# two pods', POD, '---', POD.replace('web', 'api').replace('\n', '\r\n')].join('\n');
    const result = await fix(['-'], text);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['--- a/stdin', '+++ b/stdin']);
    const written = await fix(['-', '--write'], text);
    expect(applyPatch(text, result.stdout)).toBe(written.stdout);
  });

  it('exits 0 with no output when there is nothing to fix', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, FIXED_APE);
    const result = await fix([file, ...ONLY_APE]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('0 fixes pending in 0 files');
  });

  it('lists declined findings with file, line, check and reason; counts checks without a fix', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD.replace('    image: nginx\n', '    image: nginx\n    securityContext: {allowPrivilegeEscalation: true}\n'));
    const result = await fix([file]);
    expect(result.stderr).toContain(`${file}:9: pss.allowPrivilegeEscalation (Pod web): the container sets allowPrivilegeEscalation: true explicitly`);
    expect(result.stderr).toMatch(/\d+ findings? of checks without an automatic fix/);
    expect(result.stderr).toContain('1 finding would be fixed with --default-cpu-limit\n');
    const verbose = await fix([file, '--verbose']);
    expect(verbose.stderr).toContain('this check has no automatic fix');
    expect(verbose.stderr).toContain('workload.cpu-limits (Pod web): no default cpu limit was given (--default-cpu-limit)');
  });
});

describe('--write', () => {
  it('rewrites the file in place, keeps its mode, leaves no temporary file, and a second run finds nothing', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD);
    await chmod(file, 0o640);
    const result = await fix([file, ...ONLY_APE, '--write']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('1 fix applied in 1 file');
    expect(await readFile(file, 'utf8')).toBe(FIXED_APE);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['pod.yaml']);
    expect(await fix([file, ...ONLY_APE])).toMatchObject({ code: 0, stdout: '' });
  });

  it('writes through a symbolic link, which stays a link', async () => {
    const target = join(dir, 'real.yaml');
    const link = join(dir, 'link.yaml');
    await writeFile(target, POD);
    await symlink(target, link);
    expect((await fix([link, ...ONLY_APE, '--write'])).code).toBe(0);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(FIXED_APE);
  });

  it('keeps a byte-order mark and CRLF line endings', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, '\ufeff' + POD.replace(/\n/g, '\r\n'));
    await fix([file, ...ONLY_APE, '--write']);
    expect(await readFile(file, 'utf8')).toBe('\ufeff' + FIXED_APE.replace(/\n/g, '\r\n'));
  });

  it('walks directories and fixes every manifest', async () => {
    await writeFile(join(dir, 'a.yaml'), POD);
    await writeFile(join(dir, 'b.yml'), POD.replace('web', 'api'));
    await writeFile(join(dir, 'notes.txt'), 'not a manifest');
    const result = await fix([dir, ...ONLY_APE, '--write']);
    expect(result.stderr).toContain('2 fixes applied in 2 files');
    expect(await readFile(join(dir, 'b.yml'), 'utf8')).toContain('allowPrivilegeEscalation: false');
  });

  it('never rewrites stdin: prints the fixed manifests instead', async () => {
    const result = await fix(['-', ...ONLY_APE, '--write'], POD);
    expect(result).toMatchObject({ code: 0, stdout: FIXED_APE });
  });

  it('--skip-check leaves a check alone; --check and --skip-check combine', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD);
    await fix([file, '--check', 'pss.*', '--skip-check', 'pss.capabilities_restricted', '--skip-check', 'pss.seccompProfile_restricted', '--write']);
    expect(await readFile(file, 'utf8')).toBe(FIXED_APE);
  });

  it('applies resource defaults from the command line', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD);
    await fix([file, '--check', 'workload.cpu-requests', '--check', 'workload.memory-requests', '--default-cpu-request', '100m', '--default-memory-request', '64Mi', '--write']);
    expect(await readFile(file, 'utf8')).toBe(POD + '    resources:\n      requests:\n        cpu: 100m\n        memory: 64Mi\n');
  });
});

describe('--exceptions', () => {
  it('never fixes a finding a live exception covers; an expired one no longer protects it', async () => {
    const file = join(dir, 'pod.yaml');
    const exceptions = join(dir, 'exceptions.yaml');
    await writeFile(file, POD);
    const entry = (expires: string) =>
      `exceptions:\n  - checkId: pss.allowPrivilegeEscalation\n    resource: {kind: Pod, name: web}\n    reason: setuid helper until v2\n    owner: team-web\n    expires: "${expires}"\n`;
    await writeFile(exceptions, entry('2999-12-31'));
    expect(await fix([file, ...ONLY_APE, '--exceptions', exceptions])).toMatchObject({ code: 0, stdout: '' });
    await writeFile(exceptions, entry('2000-01-01'));
    expect((await fix([file, ...ONLY_APE, '--exceptions', exceptions])).code).toBe(1);
  });

  it('a bad exceptions file is a usage error', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD);
    await writeFile(join(dir, 'bad.yaml'), 'exceptions: [{checkId: x}]\n');
    expect((await fix([file, '--exceptions', join(dir, 'bad.yaml')])).code).toBe(2);
    expect((await fix([file, '--exceptions', join(dir, 'missing.yaml')])).code).toBe(2);
  });
});

describe('--image-digests', () => {
  it('pins images listed in the file; a malformed line is an error with file and line', async () => {
    const file = join(dir, 'pod.yaml');
    const digests = join(dir, 'digests.txt');
    const digest = `sha256:${'0'.repeat(64)}`;
    await writeFile(file, POD);
    await writeFile(digests, `# resolved today\n\nnginx@${digest}\n`);
    expect((await fix([file, '--check', 'image.*', '--image-digests', digests, '--write'])).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(POD.replace('image: nginx', `image: nginx@${digest}`));
    await writeFile(digests, 'nginx@sha256:tooshort\n');
    const bad = await fix([file, '--image-digests', digests]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${digests}:1: expected IMAGE@sha256:`);
  });
});

describe('files that are never rewritten', () => {
  it('reports a templated file and does not touch it', async () => {
    const file = join(dir, 'deploy.yaml');
    const text = POD.replace('nginx', '"{{ .Values.image }}"');
    await writeFile(file, text);
    const result = await fix([file, '--write']);
    expect(result.stderr).toContain(`${file}: not rewritten: the file contains template syntax`);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(result.code).toBe(0);
  });

  it('reports a document that does not parse and exits 1', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, POD + '---\nbad: [\n');
    const result = await fix([file, '--write']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:10: YAML syntax error`);
    expect(result.stderr).toContain('not rewritten: a document in the file does not parse');
    expect(await readFile(file, 'utf8')).toBe(POD + '---\nbad: [\n');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['--write', '--diff'], /cannot be used together/],
    [['--check', 'no.such-check'], /--check no.such-check: no such check/],
    [['--skip-check', 'nope'], /--skip-check nope: no such check/],
    [['--default-cpu-request', 'lots'], /--default-cpu-request must be a Kubernetes quantity/],
    [['--pin-pss-version', 'latest'], /--pin-pss-version must be a version such as v1.30/],
  ])('%j', async (flags, message) => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD);
    const result = await fix([file, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await readFile(file, 'utf8')).toBe(POD);
  });

  it('no readable input', async () => {
    const result = await fix([join(dir, 'missing.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no input could be read .*no such file or directory/);
  });
});

describe('Pod Security level and version', () => {
  it('fixes the findings of the level asked for, as scan reports them', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD);
    const restricted = await fix([file, '--check', 'pss.*']);
    const baseline = await fix([file, '--check', 'pss.*', '--pss-level', 'baseline']);
    expect(restricted.code).toBe(1);
    expect(restricted.stdout).toContain('allowPrivilegeEscalation: false');
    expect(restricted.stdout).toContain('RuntimeDefault');
    // Nothing in this pod breaks baseline: nothing to fix at that level.
    expect(baseline.stdout).not.toContain('allowPrivilegeEscalation');
    expect(baseline.stdout).not.toContain('RuntimeDefault');
    expect(baseline.code).toBe(0);
  });

  it('applies the checks of the version asked for, and rejects an unknown one', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(file, POD);
    // Restricted seccomp is required from v1.19 on (before it, restricted had no seccomp rule).
    const old = await fix([file, '--check', 'pss.seccompProfile_restricted', '--pss-version', 'v1.18']);
    const current = await fix([file, '--check', 'pss.seccompProfile_restricted', '--pss-version', 'v1.30']);
    expect(old.stdout).not.toContain('RuntimeDefault');
    expect(current.stdout).toContain('RuntimeDefault');
    const bad = await fix([file, '--pss-version', 'v2.0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--pss-version/);
    const badLevel = await fix([file, '--pss-level', 'strict']);
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toMatch(/--pss-level/);
    // Nothing was written on a usage error.
    expect(await readFile(file, 'utf8')).toBe(POD);
  });
});
