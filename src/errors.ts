/**
 * The error catalogue. Every error the project raises on purpose is a PolicybotError with a
 * code, a message that says what went wrong and a hint that says what to do about it.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'PARSE_FAILED'
  | 'UNSUPPORTED_FILE'
  | 'INDEX_MISSING'
  | 'INDEX_INCOMPATIBLE'
  | 'INDEX_CORRUPT'
  | 'INDEX_BUILD_FAILED'
  | 'INDEX_LOCKED'
  | 'INDEX_NOT_WRITABLE'
  | 'INDEX_DAMAGED'
  | 'DISK_FULL'
  | 'MODEL_UNAVAILABLE'
  | 'DATASET_INVALID'
  | 'QUERY_INVALID'
  | 'METADATA_INVALID'
  | 'SOURCE_REFUSED';

export class PolicybotError extends Error {
  override readonly name = 'PolicybotError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the user should do next, e.g. "Run `npm run ingest`." */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** One line for stderr or a log: message plus hint. */
  toLine(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** True when `error` is a PolicybotError, optionally of the given code. */
export function isPolicybotError(error: unknown, code?: ErrorCode): error is PolicybotError {
  return error instanceof PolicybotError && (code === undefined || error.code === code);
}

/** A message for any thrown value, without a stack. */
export function describeError(error: unknown): string {
  if (error instanceof PolicybotError) return error.toLine();
  if (error instanceof Error) return error.message;
  return String(error);
}
