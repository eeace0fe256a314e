import { readFileSync } from 'node:fs';
import dotenv from 'dotenv';
import { describeError, isPolicybotError } from '../errors.ts';
import type { CliIo } from './cli-io.ts';
import { type Command, wantsHelp } from './command.ts';
import { COMMANDS } from './commands.ts';

/** The package version; package.json sits two folders up from both src/cli and dist/cli. */
function _version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function _usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}\n  ${' '.repeat(width)}${c.synopsis}`);
  return [
    'Usage: policybot <command> [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Options:',
    '  -h, --help     show this help; after a command, that command’s options',
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

/**
 * Runs one command and returns its exit code: 0 done (or help shown), 2 bad usage, 1 failure.
 * The only place that turns errors into exit codes: a failure prints one line on stderr,
 * a usage error that line and the command's usage.
 */
export async function main(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const streams: CliIo = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    stdin: io?.stdin ?? process.stdin,
    env: io?.env ?? process.env,
  };
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    streams.stdout.write(`${_version()}\n`);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name ? streams.stdout : streams.stderr).write(_usage());
    return name ? 0 : 2;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    streams.stderr.write(`policybot: unknown command "${name}".\n\n${_usage()}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    streams.stdout.write(command.usage);
    return 0;
  }
  try {
    dotenv.config({ quiet: true });
    return await command.execute(rest, streams);
  } catch (error) {
    streams.stderr.write(`policybot ${name}: ${describeError(error)}\n`);
    if (isPolicybotError(error, 'USAGE')) {
      streams.stderr.write(`\n${command.usage}`);
      return 2;
    }
    // Not failures of the run but of the request: a question that cannot be asked, an index
    // another ingest is writing (under --no-wait).
    if (isPolicybotError(error, 'QUERY_INVALID') || isPolicybotError(error, 'INDEX_LOCKED')) return 2;
    if (!isPolicybotError(error) && streams.env.POLICYBOT_DEBUG)
      streams.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}
