import { parse } from 'yaml';
import { PolicybotError } from '../errors.ts';

/** Metadata from a leading YAML block, and where the body starts in the original text. */
export interface FrontMatter {
  metadata: Record<string, string>;
  /** Offset of the first character after the closing `---` line (0 when there is none). */
  bodyStart: number;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Reads YAML front matter (`---` … `---` at the very start). The text itself is not changed:
 * spans keep indexing the file as written, so quotes can be checked against it.
 */
export function readFrontMatter(text: string, file: string): FrontMatter {
  const match = FENCE.exec(text);
  if (!match) return { metadata: {}, bodyStart: 0 };
  let data: unknown;
  try {
    data = parse(match[1] ?? '');
  } catch (error) {
    throw new PolicybotError('PARSE_FAILED', `${file}: front matter is not valid YAML (${(error as Error).message.split('\n')[0]}).`, 'Fix the block between the two --- lines.');
  }
  const metadata: Record<string, string> = {};
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) {
      if (value !== null && value !== undefined && typeof value !== 'object') metadata[key] = String(value);
      else if (value instanceof Date) metadata[key] = value.toISOString().slice(0, 10);
    }
  }
  return { metadata, bodyStart: match[0].length };
}
