import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PolicybotError } from '../errors.ts';

/** Where a command writes; tests pass their own streams. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** parseArgs that turns unknown flags and bad values into a USAGE error with the command's usage. */
export function parseCommandArgs(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  usage: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PolicybotError('USAGE', reason ?? 'Invalid arguments.', `Usage: ${usage}`);
  }
}

/** Parses a positive whole number option, or throws a USAGE error naming the flag. */
export function parseCount(value: string | boolean | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new PolicybotError('USAGE', `--${flag} must be a whole number from 1 to ${max} (got "${String(value)}").`);
  }
  return n;
}
