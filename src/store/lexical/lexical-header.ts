import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PolicybotError } from '../../errors.ts';
import { LEXICAL_OPTIONS_SCHEMA } from './lexical-options.ts';

/**
 * Bumped whenever the lexical files change layout or the analyzer changes its output.
 * 2: language-aware analysis (Vietnamese syllables and pairs, CJK bigrams).
 * 3: each passage's term ids (the forward index) are stored too.
 * 4: no Vietnamese syllable pairs with a digit ("khoan 2", "nam 2015").
 * 5: compact files: words numbered before syllable pairs, pairs stored as two word ids and
 *    derived in the forward index, list lengths and dfs as varints, documents in 16 bits
 *    up to 65,536 passages, a bit per term frequency that is not 1, narrow field lengths.
 * 6: each passage's sentences and their answer-cue codes (sentence-table.ts). Also bump it
 *    when the sentence splitter or the answer cues (lib/sentence-cues.ts) change what they find.
 */
export const LEXICAL_FORMAT_VERSION = 6;

/** The JSON header; the other `lexical.*` files are little-endian arrays and varints (see lexical-storage.ts). */
export const LEXICAL_HEADER_FILE = 'lexical.json';

const REBUILD_HINT = 'Run `npm run ingest` to rebuild the index.';

const WIDTH = z.union([z.literal(1), z.literal(2), z.literal(4)]);

const HEADER_SCHEMA = z.object({
  formatVersion: z.number().int(),
  byteOrder: z.literal('LE'),
  options: LEXICAL_OPTIONS_SCHEMA,
  docCount: z.number().int().nonnegative(),
  termCount: z.number().int().nonnegative(),
  wordCount: z.number().int().nonnegative(),
  postingCount: z.number().int().nonnegative(),
  fieldCount: z.number().int().positive(),
  listBytes: z.number().int().nonnegative(),
  pairBytes: z.number().int().nonnegative(),
  docBytes: WIDTH,
  tfExtraBytes: z.number().int().nonnegative(),
  lengthBytes: WIDTH,
  forwardBytes: z.number().int().nonnegative(),
  sentenceBytes: z.number().int().nonnegative(),
});

/** What `lexical.json` records: the options and the sizes of the other files. */
export type LexicalHeader = z.infer<typeof HEADER_SCHEMA>;

/** Reads and checks `lexical.json`: INDEX_INCOMPATIBLE for another format version, INDEX_CORRUPT if malformed. */
export async function readLexicalHeader(dir: string): Promise<LexicalHeader> {
  const path = join(dir, LEXICAL_HEADER_FILE);
  const text = await readFile(path, 'utf8').catch((error: unknown) => lexicalMissing(dir, LEXICAL_HEADER_FILE, error));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    lexicalCorrupt(dir, `${LEXICAL_HEADER_FILE} is not JSON`, error);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== LEXICAL_FORMAT_VERSION) {
    throw new PolicybotError(
      'INDEX_INCOMPATIBLE',
      `The lexical index in ${dir} has format version ${String(version)}; this version of policybot reads version ${LEXICAL_FORMAT_VERSION}.`,
      REBUILD_HINT,
    );
  }
  const parsed = HEADER_SCHEMA.safeParse(json);
  if (!parsed.success)
    lexicalCorrupt(dir, `${LEXICAL_HEADER_FILE} is malformed (${parsed.error.issues[0]?.message ?? 'unknown'})`);
  return parsed.data;
}

/** INDEX_MISSING for an absent file (other read errors as they are). */
export function lexicalMissing(dir: string, name: string, cause: unknown): never {
  if ((cause as { code?: string }).code === 'ENOENT') {
    throw new PolicybotError('INDEX_MISSING', `No lexical index file ${name} in ${dir}.`, REBUILD_HINT, { cause });
  }
  throw cause;
}

/** INDEX_CORRUPT, saying what is wrong. */
export function lexicalCorrupt(dir: string, detail: string, cause?: unknown): never {
  throw new PolicybotError('INDEX_CORRUPT', `The lexical index in ${dir} is damaged: ${detail}.`, REBUILD_HINT, {
    cause,
  });
}
