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
  const metadata = parseYamlMetadata(
    match[1] ?? '',
    `${file}: front matter`,
    'Fix the block between the two --- lines.',
  );
  return { metadata, bodyStart: match[0].length };
}

/**
 * A YAML mapping as flat string fields (numbers and booleans as written, dates as YYYY-MM-DD;
 * lists and nested maps are ignored). Throws PARSE_FAILED for YAML that does not parse.
 */
export function parseYamlMetadata(yaml: string, where: string, hint: string): Record<string, string> {
  let data: unknown;
  try {
    data = parse(yaml);
  } catch (error) {
    throw new PolicybotError(
      'PARSE_FAILED',
      `${where} is not valid YAML (${(error as Error).message.split('\n')[0]}).`,
      hint,
    );
  }
  const metadata: Record<string, string> = {};
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) {
      if (value !== null && value !== undefined && typeof value !== 'object') metadata[key] = String(value);
      else if (value instanceof Date) metadata[key] = value.toISOString().slice(0, 10);
    }
  }
  return metadata;
}
