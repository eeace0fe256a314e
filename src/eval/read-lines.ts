import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { PolicybotError } from '../errors.ts';

/** One line of a data file, without its line end; `lineNo` is 1-based. */
export interface NumberedLine {
  line: string;
  lineNo: number;
}

/**
 * Streams a text file line by line (LF or CRLF ends, a leading BOM dropped), so a large
 * corpus is never held as one string. A missing or unreadable file is a DATASET_INVALID
 * error naming the file, with `hint` saying what the folder should hold.
 */
export async function* readLines(file: string, hint: string): AsyncGenerator<NumberedLine> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
  } catch (error) {
    throw new PolicybotError('DATASET_INVALID', `${file} is missing or is not a file.`, hint, { cause: error });
  }
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineNo === 1 && line.startsWith('\uFEFF')) line = line.slice(1);
    yield { line, lineNo };
  }
}

/** A DATASET_INVALID error that points at one line of one file. */
export function lineError(file: string, lineNo: number, problem: string, hint: string): PolicybotError {
  return new PolicybotError('DATASET_INVALID', `${file} line ${lineNo}: ${problem}`, hint);
}

/** Parses one JSON-lines record, which must be an object; anything else is a `lineError`. */
export function parseJsonObject(file: string, { line, lineNo }: NumberedLine, hint: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw lineError(file, lineNo, `not valid JSON (${reason}).`, hint);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw lineError(file, lineNo, 'expected a JSON object.', hint);
  }
  return value as Record<string, unknown>;
}

/** A string field, or a number turned into one (some datasets write numeric ids); else undefined. */
export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
