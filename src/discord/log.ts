/** Structured log lines (one JSON object per line on stderr). Callers never pass the token. */
export type Logger = (level: 'info' | 'warn' | 'error', event: string, fields?: Record<string, unknown>) => void;

export function createLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  return (level, event, fields = {}) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  };
}
