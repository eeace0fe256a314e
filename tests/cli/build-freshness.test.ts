import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * bin/policybot.js never runs a dist/ older than src/: it rebuilds, or says which command
 * does. Each case works on a copy of the project, so the real dist/ is never touched.
 */
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-build-'));
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

/** A copy of what the command needs; `modules` are the node_modules entries it can see. */
function copyProject(name: string, modules: 'all' | string[]): string {
  const dir = path.join(work, name);
  for (const entry of ['bin', 'scripts', 'src', 'dist', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true, preserveTimestamps: true });
  }
  if (modules === 'all') symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  else {
    mkdirSync(path.join(dir, 'node_modules'));
    for (const m of modules) symlinkSync(path.join(root, 'node_modules', m), path.join(dir, 'node_modules', m));
  }
  return dir;
}

function policybot(dir: string, args: string[]) {
  const run = spawnSync(process.execPath, [path.join(dir, 'bin/policybot.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Marks a source file as edited now, after the build. */
function touch(file: string): void {
  const now = new Date();
  utimesSync(file, now, now);
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bin/policybot.js and dist/', () => {
  it('runs an up-to-date build without a word', () => {
    expect(policybot(copyProject('fresh', ['dotenv']), ['--version'])).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
    });
  });

  it('rebuilds dist/ when a source changed since the build, then runs the new code', () => {
    const dir = copyProject('edited', 'all');
    const main = path.join(dir, 'src/cli/main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace('print the version', 'print the version (edited)'));
    const first = policybot(dir, ['--help']);
    expect(first.stderr).toMatch(
      /^policybot: src\/cli\/main\.ts changed since dist\/ was built; rebuilding \(npm run build\)/,
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('print the version (edited)');
    expect(policybot(dir, ['--help']).stderr).toBe('');
  }, 180_000);

  it('says which command fixes a stale or missing build where TypeScript is not installed', () => {
    const dir = copyProject('no-compiler', ['dotenv']);
    touch(path.join(dir, 'src/errors.ts'));
    const stale = policybot(dir, ['--version']);
    expect(stale.stderr).toBe(
      'policybot: src/errors.ts changed since dist/ was built, and TypeScript is not installed. ' +
        'Run: npm install && npm run build\n',
    );
    expect(stale.stdout).toBe(`${version}\n`);
    rmSync(path.join(dir, 'dist'), { recursive: true });
    const missing = policybot(dir, ['--version']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^policybot: dist\/ has not been built, and TypeScript is not installed\. Run: npm install/,
    );
  });
});
