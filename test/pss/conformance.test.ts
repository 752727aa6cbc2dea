/**
 * Upstream conformance: every fixture that the Kubernetes pod-security-admission library is
 * tested against (4,537 pods) must get upstream's verdict. Pods under `pass/` must be allowed;
 * pods under `fail/` must be denied with the reason that README.md lists for the fixture's check.
 * One test per level/version directory, each listing every file that disagrees.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { evaluatePodSecurity } from '../../src/checks/pod-security/evaluate.js';
import { isJsonObject, type JsonObject } from '../../src/model/types.js';
import type { PssLevel } from '../../src/checks/pod-security/types.js';
import { sharedPath } from '../support/shared.js';


/** `$RAMPART_SHARED/conformance/pss`, by default `../shared/conformance/pss` beside the project. */
function conformanceDir(): string {
  return sharedPath('conformance/pss');
}

/** README.md: 4,537 pods, 1,051 to allow and 3,486 to deny. */
const EXPECTED_COUNTS = { pass: 1051, fail: 3486 };

/** README.md's required reason substring for each fixture prefix (the lower-cased check id). */
const REASON_BY_PREFIX: Readonly<Record<string, string>> = {
  allowprivilegeescalation: 'allowPrivilegeEscalation != false',
  apparmorprofile: 'forbidden AppArmor profile',
  capabilities_baseline: 'capabilities',
  capabilities_restricted: 'unrestricted capabilities',
  hostnamespaces: 'host namespaces',
  hostpathvolumes: 'hostPath',
  hostports: 'hostPort',
  hostprobesandhostlifecycle: 'probe or lifecycle host',
  privileged: 'privileged',
  procmount: 'procMount',
  procmount_restricted: 'procMount',
  restrictedvolumes: 'restricted volume types',
  runasnonroot: 'runAsNonRoot',
  runasuser: 'runAsUser',
  selinuxoptions: 'seLinuxOptions',
  seccompprofile_baseline: 'seccompProfile',
  seccompprofile_restricted: 'seccompProfile',
  sysctls: 'forbidden sysctl',
  windowshostprocess: 'hostProcess',
};

function prefixOf(file: string): string {
  return path.basename(file, '.yaml').replace(/[0-9]+$/, '');
}

function byVersion(a: string, b: string): number {
  return Number(a.replace('v1.', '')) - Number(b.replace('v1.', ''));
}

interface Directory {
  level: PssLevel;
  version: string;
  dir: string;
}

function listDirectories(testdata: string): Directory[] {
  const out: Directory[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    const levelDir = path.join(testdata, level);
    if (!existsSync(levelDir)) continue;
    for (const version of readdirSync(levelDir).sort(byVersion)) out.push({ level, version, dir: path.join(levelDir, version) });
  }
  return out;
}

function readPod(file: string): JsonObject {
  const value = load(readFileSync(file, 'utf8'));
  if (!isJsonObject(value) || value['kind'] !== 'Pod') throw new Error(`${file}: not a single Pod`);
  return value;
}

/** What is wrong with one fixture's verdict, or undefined when it matches upstream. */
function disagreement(level: PssLevel, version: string, file: string, expectAllowed: boolean): string | undefined {
  const pod = readPod(file);
  const result = evaluatePodSecurity({
    level,
    version,
    metadata: isJsonObject(pod['metadata']) ? pod['metadata'] : {},
    spec: isJsonObject(pod['spec']) ? pod['spec'] : {},
  });
  // Upstream's harness matches the aggregated message: "reason (detail), reason (detail)".
  const reasons = result.violations.map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason));
  if (expectAllowed) return result.allowed ? undefined : `expected allowed, got ${reasons.join(' | ')}`;
  if (result.allowed) return 'expected denied, got allowed';
  const wanted = REASON_BY_PREFIX[prefixOf(file)];
  if (wanted === undefined) return `no expected reason known for prefix "${prefixOf(file)}"`;
  if (!reasons.join(', ').includes(wanted)) return `expected a denial containing "${wanted}", got ${reasons.join(' | ')}`;
  return undefined;
}

function yamlFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f)) : [];
}

const root = conformanceDir();
const testdata = path.join(root, 'testdata');
const directories = listDirectories(testdata);

describe('Pod Security Standards conformance with upstream fixtures', () => {
  it('finds the fixtures', () => {
    expect(
      existsSync(testdata),
      `PSS conformance fixtures not found at ${testdata}. Run scripts/fetch-pss-fixtures.sh to download them ` +
        '(or set RAMPART_SHARED to the directory that holds conformance/pss/testdata).',
    ).toBe(true);
    const count = (sub: 'pass' | 'fail'): number => directories.reduce((n, d) => n + yamlFiles(path.join(d.dir, sub)).length, 0);
    expect({ pass: count('pass'), fail: count('fail') }).toEqual(EXPECTED_COUNTS);
  });

  for (const { level, version, dir } of directories) {
    it(`${level}/${version}`, () => {
      const failures: string[] = [];
      for (const [expectAllowed, sub] of [[true, 'pass'], [false, 'fail']] as const) {
        for (const file of yamlFiles(path.join(dir, sub))) {
          const problem = disagreement(level, version.replace(/^v/, ''), file, expectAllowed);
          if (problem !== undefined) failures.push(`${path.relative(testdata, file)}: ${problem}`);
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});
