import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const defaultFile = join(root, 'lib', 'scoring', 'catalogue', 'default.json');
const scratch = mkdtempSync(join(tmpdir(), 'index-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const indexCheck = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'scripts/index-check.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('scripts/index-check.ts', () => {
  it('accepts the default catalogue and prints a summary', () => {
    const run = indexCheck();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('version 2026.1');
    expect(run.stdout).toMatch(/basic 600 .*advanced 200 .*featured 200 .*; 1000 in all/);
  }, 60_000);

  it('rejects a broken copy, says why and exits 1', () => {
    const broken = JSON.parse(readFileSync(defaultFile, 'utf8'));
    broken.indicators.find((i: { id: string }) => i.id === 'form.council.quarterly').method.rule = 'council_vibes';
    const file = join(scratch, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const run = indexCheck(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('indicator "form.council.quarterly": unknown rule "council_vibes"');
    expect(run.stdout).toBe('');
  }, 60_000);

  it('exits 1 on a file that is not JSON', () => {
    const file = join(scratch, 'not-json.json');
    writeFileSync(file, '{ "version": ');
    const run = indexCheck(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('invalid catalogue');
  }, 60_000);
});
