import type { LogFields, Logger } from '../../src/discord/log.ts';

/** One line a `recordingLogger` kept: level, event, the child bindings and the fields. */
export interface LogLine extends LogFields {
  level: 'info' | 'warn' | 'error';
  event: string;
}

/** A Logger that keeps its lines in `into` (tests pass it where the bot takes a Logger). */
export function recordingLogger(into: LogLine[], bindings: LogFields = {}): Logger {
  const at = (level: LogLine['level']) => (event: string, fields?: LogFields) =>
    void into.push({ ...bindings, ...fields, level, event });
  return {
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recordingLogger(into, { ...bindings, ...more }),
  };
}
