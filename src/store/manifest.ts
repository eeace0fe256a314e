import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PolicybotError } from '../errors.ts';
import { INDEX_FORMAT_VERSION, type IndexManifest } from './types.ts';

export const MANIFEST_FILE = 'manifest.json';
const REBUILD = 'Run `npm run ingest` to rebuild the index.';

const identifier = z.object({
  key: z.string(),
  kind: z.enum([
    'circular',
    'decision',
    'decree',
    'law',
    'resolution',
    'directive',
    'official-letter',
    'plan',
    'consolidated-text',
  ]),
  number: z.string(),
  year: z.number().int().optional(),
  issuer: z.string().optional(),
  label: z.string(),
});
const statement = z.object({
  status: z.enum(['amended', 'replaced', 'repealed', 'outdated']),
  subject: identifier,
  by: identifier.optional(),
  charStart: z.number().int(),
  charEnd: z.number().int(),
  text: z.string(),
});
const source = z.object({
  title: z.string().optional(),
  url: z.string().optional(),
  publisher: z.string().optional(),
  date: z.string().optional(),
  effective: z.string().optional(),
  kind: z.enum(['instrument', 'translation', 'commentary']).optional(),
  language: z.string().optional(),
  status: z.enum(['in force', 'amended', 'replaced', 'repealed', 'draft', 'outdated']).optional(),
  replaced_by: z.string().optional(),
  amended_by: z.string().optional(),
});
const file = z.object({
  sha256: z.string(),
  bytes: z.number(),
  chunks: z.number(),
  title: z.string(),
  sidecarSha256: z.string().optional(),
  source: source.optional(),
  statements: z.array(statement).optional(),
});

const schema = z.object({
  formatVersion: z.number().int(),
  builtAt: z.string(),
  model: z
    .object({
      id: z.string(),
      dimensions: z.number().int().positive(),
      queryPrefix: z.string(),
      passagePrefix: z.string(),
    })
    .nullable(),
  chunking: z.object({ maxTokens: z.number().int(), overlapTokens: z.number().int(), tokenizer: z.string() }),
  lexical: z.record(z.string(), z.unknown()),
  files: z.record(z.string(), file),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  chunkCount: z.number().int().nonnegative(),
});

export async function writeManifest(dir: string, manifest: IndexManifest): Promise<void> {
  await writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads and checks a generation's manifest: INDEX_MISSING, INDEX_INCOMPATIBLE or INDEX_CORRUPT with a hint. */
export async function readManifest(dir: string): Promise<IndexManifest> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new PolicybotError('INDEX_MISSING', `No index in ${dir}.`, 'Run `npm run ingest` to build it.');
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new PolicybotError('INDEX_CORRUPT', `The index manifest in ${dir} is not valid JSON.`, REBUILD);
  }
  const version = (data as { formatVersion?: unknown })?.formatVersion;
  if (version !== INDEX_FORMAT_VERSION) {
    throw new PolicybotError(
      'INDEX_INCOMPATIBLE',
      `The index in ${dir} has format version ${String(version)}; this version of policybot reads ${INDEX_FORMAT_VERSION}.`,
      REBUILD,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new PolicybotError(
      'INDEX_CORRUPT',
      `The index manifest in ${dir} is malformed (${parsed.error.issues[0]?.path.join('.')}).`,
      REBUILD,
    );
  }
  return parsed.data;
}
