import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { TOOL_VERSION } from '../../src/version.js';
import { memoryIO } from './harness.js';

describe('rampart (root)', () => {
  it('prints the version, which matches package.json', async () => {
    const io = memoryIO();
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out().trim()).toBe(TOOL_VERSION);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(pkg.version).toBe(TOOL_VERSION);
  });

  it('lists every command in --help', async () => {
    const io = memoryIO();
    expect(await run(['--help'], io)).toBe(0);
    for (const command of ['scan', 'pss']) expect(io.out()).toContain(command);
  });

  it('exits 2 on an unknown command or option, naming the problem', async () => {
    const io = memoryIO();
    expect(await run(['scna', 'x'], io)).toBe(2);
    expect(io.err()).toContain("unknown command 'scna'");
    const io2 = memoryIO();
    expect(await run(['scan', 'examples', '--formt', 'json'], io2)).toBe(2);
    expect(io2.err()).toContain("unknown option '--formt'");
  });

  it('exits 2 when no input can be read', async () => {
    const io = memoryIO();
    expect(await run(['scan', 'does-not-exist.yaml'], io)).toBe(2);
    expect(io.err()).toContain('no input could be read');
  });
});

describe('rampart scan --check', () => {
  it('runs only the selected checks, and rejects a pattern that matches nothing', async () => {
    const io = memoryIO();
    expect(await run(['scan', 'examples/platform', '--check', 'pss.*', '--format', 'json', '--fail-on', 'none'], io)).toBe(0);
    const ids = new Set((JSON.parse(io.out()) as { findings: Array<{ checkId: string }> }).findings.map((f) => f.checkId));
    expect(ids.size).toBeGreaterThan(0);
    for (const id of ids) expect(id.startsWith('pss.') || id.startsWith('governance.')).toBe(true);
    const bad = memoryIO();
    expect(await run(['scan', 'examples', '--check', 'nope.*'], bad)).toBe(2);
    expect(bad.err()).toContain('--check nope.*: no check has that id');
  });
});

describe('lazy command loading', () => {
  it('registers only the named command, and every command otherwise', async () => {
    const { commandsFor, COMMAND_ENTRIES } = await import('../../src/cli/commands/index.js');
    expect(await commandsFor(['scan', 'k8s/'])).toHaveLength(1);
    expect(await commandsFor(['--help'])).toHaveLength(COMMAND_ENTRIES.length);
    expect(await commandsFor(['nope'])).toHaveLength(COMMAND_ENTRIES.length);
    const io = memoryIO();
    expect(await run(['scan', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: rampart scan');
  });
});
