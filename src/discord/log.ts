import pino, { type DestinationStream } from 'pino';

/** Fields of one log line. An `err` field (an Error) is written with its type, message and stack. */
export type LogFields = Record<string, unknown>;

/**
 * The bot's structured log: one event name per line plus fields. The bot depends on this
 * interface only, so tests can pass their own (e.g. one that records lines); `createLogger`
 * backs it with pino.
 */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** A logger whose lines all carry `bindings` (e.g. the interaction id). */
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  /** Where JSON lines go (default stderr). */
  stream?: DestinationStream;
  /** Values that must never appear in a line (the bot token): replaced wherever they occur. */
  secrets?: readonly string[];
  level?: 'info' | 'warn' | 'error';
}

const REDACTED = '[redacted]';
/** Keys whose values are always redacted, at the top level or one object down. */
const REDACT_PATHS = ['token', 'authorization', '*.token', '*.authorization', 'headers.authorization', 'config.token'];

/**
 * A pino logger behind the `Logger` interface: JSON lines with an ISO time, the level as a
 * word and the event name; errors keep their stack; the token is redacted by key and by value
 * (a library error message that quotes it is scrubbed too).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const base = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: pino.stdSerializers.err },
      hooks: secrets.length > 0 ? { streamWrite: (line) => scrub(line, secrets) } : {},
    },
    options.stream ?? pino.destination({ dest: 2, sync: true }),
  );
  return wrap(base);
}

/** A logger that writes nothing (for callers that need one and have none). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {}, child: () => silentLogger };

function wrap(target: pino.Logger): Logger {
  return {
    info: (event, fields) => target.info({ ...fields, event }),
    warn: (event, fields) => target.warn({ ...fields, event }),
    error: (event, fields) => target.error({ ...fields, event }),
    child: (bindings) => wrap(target.child(bindings)),
  };
}

function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}
