import { parseArgs } from 'node:util';
import { PolicybotError } from '../errors.ts';
import type { CliIo } from './cli-io.ts';

/** One flag of a command: how it parses and how its usage line reads. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One-letter alias, e.g. `k` for `-k 3`. */
  short?: string;
  /** Placeholder for the value of a string option in the usage, e.g. `N`, `dir`. */
  value?: string;
  description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed flags, typed by the command's own option table. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedArgs<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
}

/**
 * A command as data: the one definition both parses its arguments and prints its usage.
 * `run` loads the command's implementation on demand, so `--help` costs no heavy import.
 */
export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** One line for the command list, e.g. `answer a question with cited passages`. */
  summary: string;
  /** Positional arguments as the usage shows them (e.g. `["<question>"]`); none allowed when absent. */
  positionals?: string;
  options: O;
  /** Lines printed after the options: other forms, modes, stdin behaviour. */
  notes?: readonly string[];
  run: (args: ParsedArgs<O>, io: CliIo) => Promise<number>;
}

/** A command with its option types erased, as the command table holds it. */
export interface Command {
  name: string;
  summary: string;
  /** `policybot ask ["<question>"] [-k N] [--json] …` */
  synopsis: string;
  /** The full `--help` text. */
  usage: string;
  /** Parses `argv` (a USAGE error on a bad flag or argument) and runs the command. */
  execute: (argv: string[], io: CliIo) => Promise<number>;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };

/** Builds a command from its definition. */
export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const synopsis = _synopsis(spec);
  return {
    name: spec.name,
    summary: spec.summary,
    synopsis,
    usage: _usage(spec, synopsis),
    execute: (argv, io) => spec.run(parseCommandArgs(spec, argv), io),
  };
}

/** True when `--help` or `-h` appears before a `--` terminator: help wins over any other flag. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Parses `argv` against the command's options; every problem is a USAGE error. */
export function parseCommandArgs<O extends OptionSpecs>(spec: CommandSpec<O>, argv: string[]): ParsedArgs<O> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, o] of Object.entries(spec.options))
    options[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's first sentence says it ("Unknown option '--x'."); the rest explains `--`.
    const message = error instanceof Error ? error.message : String(error);
    throw new PolicybotError('USAGE', /^[^\n]*?[.!](?= |$)/.exec(message)?.[0] ?? message.split('\n')[0] ?? message);
  }
  if (spec.positionals === undefined && parsed.positionals.length > 0) {
    throw new PolicybotError('USAGE', `Unexpected argument "${parsed.positionals[0]}".`);
  }
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

/** Parses a whole-number option within 1…max, or throws a USAGE error naming the flag. */
export function parseCount(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new PolicybotError('USAGE', `--${flag} must be a whole number from 1 to ${max} (got "${value}").`);
  }
  return n;
}

function _flag(name: string, o: OptionSpec): string {
  const long = o.type === 'string' ? `--${name} <${o.value ?? 'value'}>` : `--${name}`;
  return o.short ? `-${o.short}, ${long}` : `    ${long}`;
}

function _synopsis(spec: Omit<CommandSpec<OptionSpecs>, 'run'>): string {
  const flags = Object.entries(spec.options).map(
    ([name, o]) => `[--${name}${o.type === 'string' ? ` ${o.value ?? 'value'}` : ''}]`,
  );
  return ['policybot', spec.name, ...(spec.positionals ? [spec.positionals] : []), ...flags].join(' ');
}

function _usage(spec: Omit<CommandSpec<OptionSpecs>, 'run'>, synopsis: string): string {
  const rows = [...Object.entries(spec.options), ['help', HELP] as const].map(([name, o]) => [
    _flag(name, o),
    o.description,
  ]);
  const width = Math.max(...rows.map(([flag]) => flag?.length ?? 0)) + 2;
  const lines = [
    `Usage: ${synopsis}`,
    '',
    `${spec.summary[0]?.toUpperCase()}${spec.summary.slice(1)}.`,
    '',
    'Options:',
  ];
  for (const [flag, description] of rows) lines.push(`  ${flag?.padEnd(width)}${description}`);
  if (spec.notes?.length) lines.push('', ...spec.notes);
  return `${lines.join('\n')}\n`;
}
