import dotenv from 'dotenv';
import { loadConfig } from '../config.ts';
import { describeError, isPolicybotError } from '../errors.ts';
import { ASK_USAGE, runAsk } from './ask-command.ts';
import type { CliIo } from './cli-io.ts';
import { INGEST_USAGE, runIngest } from './ingest-command.ts';

interface Command {
  usage: string;
  summary: string;
  /** Loaded on demand so `ask` does not pay for discord.js, and `bot` not for the eval harness. */
  run: (argv: string[], io: CliIo) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  ingest: {
    usage: INGEST_USAGE,
    summary: 'build or update the index from the corpus',
    run: (argv, io) => runIngest(argv, loadConfig(io.env), io),
  },
  ask: {
    usage: ASK_USAGE,
    summary: 'answer a question with cited passages',
    run: (argv, io) => runAsk(argv, loadConfig(io.env), io),
  },
  eval: {
    usage: 'policybot eval --dataset <dir> [--split test] [--mode lexical|dense|hybrid] [--k 100] [--limit N] [--out run.jsonl]',
    summary: 'measure retrieval quality on a BEIR-format dataset or a question set',
    run: async (argv, io) => (await import('./eval-command.ts')).runEvalCommand(argv, io),
  },
  bot: {
    usage: 'policybot bot',
    summary: 'run the Discord bot (settings from .env)',
    run: async (argv, io) => (await import('./bot-command.ts')).runBot(argv, io),
  },
  'deploy-commands': {
    usage: 'policybot deploy-commands',
    summary: 'register the slash commands with Discord',
    run: async (argv, io) => (await import('./bot-command.ts')).runDeployCommands(argv, io),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}\n      ${c.usage}`);
  return `Usage: policybot <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

/**
 * Runs one command and returns its exit code: 0 answered, 2 bad usage, 1 failure.
 * The only place that turns errors into exit codes; a failure prints one line on stderr.
 */
export async function main(argv: string[], io?: Partial<CliIo>): Promise<number> {
  dotenv.config({ quiet: true });
  const streams: CliIo = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    stdin: io?.stdin ?? process.stdin,
    env: io?.env ?? process.env,
  };
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? streams.stdout : streams.stderr).write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    streams.stderr.write(`Unknown command "${name}".\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, streams);
  } catch (error) {
    const usageError = isPolicybotError(error, 'USAGE') || isPolicybotError(error, 'QUERY_INVALID');
    streams.stderr.write(`policybot ${name}: ${describeError(error)}\n`);
    if (!isPolicybotError(error) && streams.env.POLICYBOT_DEBUG) streams.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return usageError ? 2 : 1;
  }
}
