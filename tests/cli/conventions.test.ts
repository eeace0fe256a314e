import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Help, version and usage errors of the real `policybot` command, in child processes. */
const root = path.resolve(import.meta.dirname, '../..');
const COMMAND_NAMES = ['ingest', 'ask', 'eval', 'bot', 'deploy-commands'];

function policybot(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/policybot.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('policybot help and version', () => {
  it('lists every command with its options on --help, -h and help, exit 0', () => {
    for (const flag of ['--help', '-h', 'help']) {
      const run = policybot([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: policybot <command>/);
      for (const name of COMMAND_NAMES) expect(run.stdout).toContain(`policybot ${name}`);
    }
    const top = policybot(['--help']).stdout;
    for (const flag of ['--questions file.jsonl', '--corpus dir', '--rerank', '--lexical json'])
      expect(top).toContain(flag);
  });

  it('gives each command its own usage on --help or -h, wherever the flag is', () => {
    for (const name of COMMAND_NAMES) {
      for (const flag of ['--help', '-h']) {
        const run = policybot([name, flag]);
        expect(run.code, `${name} ${flag}`).toBe(0);
        expect(run.stdout).toMatch(new RegExp(`^Usage: policybot ${name}`));
        expect(run.stdout).toMatch(/-h, --help +show this help/);
      }
    }
    const ask = policybot(['ask', 'What does Circular 49 require?', '--bogus', '--help']);
    expect(ask.code).toBe(0);
    expect(ask.stdout).toMatch(/^Usage: policybot ask \["<question>"\]/);
    expect(ask.stdout).toMatch(/-k, --k <N> +passages to show/);
    expect(ask.stderr).toBe('');
  });

  it('prints the package version on --version and -v', () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v'])
      expect(policybot([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('policybot usage errors', () => {
  it('prints the reason and that command’s usage on a wrong flag, exit 2', () => {
    for (const [name, args] of [
      ['ask', ['x', '--bogus']],
      ['ingest', ['--nope']],
      ['eval', ['--dataset']],
      ['bot', ['--x']],
    ] as const) {
      const run = policybot([name, ...args]);
      expect(run.code, name).toBe(2);
      expect(run.stdout).toBe('');
      const [reason, blank, usage] = run.stderr.split('\n');
      expect(reason).toMatch(new RegExp(`^policybot ${name}: .*'--`));
      expect(reason).not.toMatch(/To specify a positional/);
      expect(blank).toBe('');
      expect(usage).toMatch(new RegExp(`^Usage: policybot ${name}`));
    }
  });

  it('rejects unexpected arguments and bad values with the command’s usage', () => {
    const ingest = policybot(['ingest', 'corpus']);
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toMatch(/^policybot ingest: Unexpected argument "corpus"\.\n\nUsage: policybot ingest/);
    const evalRun = policybot(['eval', '--mode', 'fuzzy', '--dataset', 'x']);
    expect(evalRun.code).toBe(2);
    expect(evalRun.stderr).toMatch(/--mode must be lexical, dense or hybrid[\s\S]*Usage: policybot eval/);
  });

  it('exits 2 with the command list for no command or an unknown one', () => {
    const none = policybot([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: policybot <command>/);
    const unknown = policybot(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^policybot: unknown command "frobnicate"\.\n\nUsage: policybot <command>/);
  });
});
