import mammoth from 'mammoth';
import { PolicybotError } from '../errors.ts';
import type { ParsedDocument } from '../types.ts';
import { checkArchive, DEFAULT_RATIO } from './archive-limits.ts';
import { htmlToText } from './html-blocks.ts';
import { firstLine } from './parse-text.ts';

/** What a .docx may expand to when no MAX_FILE_MB is given. */
const DEFAULT_MAX_EXPANDED_BYTES = 50 * 1024 * 1024;

/**
 * Parses a .docx through mammoth, which maps Word's Heading 1–6 styles to h1–h6, then reads
 * the HTML like any other. Spans index the extracted text. The archive is checked first (see
 * checkArchive), so a zip bomb is refused before mammoth inflates it.
 */
export async function parseDocx(
  bytes: Uint8Array,
  file: string,
  limits: { maxExpandedBytes?: number } = {},
): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new PolicybotError('PARSE_FAILED', `${file}: the file is empty.`);
  await checkArchive(bytes, file, {
    maxExpandedBytes: limits.maxExpandedBytes ?? DEFAULT_MAX_EXPANDED_BYTES,
    ...DEFAULT_RATIO,
  });
  let html: string;
  try {
    // Images are not read: passages are text, and inlined images would cost memory only.
    const convertImage = mammoth.images.imgElement(async () => ({ src: '' }));
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { convertImage })).value;
  } catch (error) {
    throw new PolicybotError(
      'PARSE_FAILED',
      `${file}: not a valid .docx (${(error as Error).message.split('\n')[0]}).`,
      'Re-save it from Word or LibreOffice.',
    );
  }
  const { text, blocks } = htmlToText(html);
  if (!blocks.some((b) => b.kind !== 'heading')) throw new PolicybotError('PARSE_FAILED', `${file}: no text to index.`);
  const h1 = blocks.find((b) => b.kind === 'heading');
  return {
    file,
    title: h1 ? text.slice(h1.start, h1.end) : firstLine(text, blocks, file),
    text,
    blocks,
    pages: [],
    metadata: {},
  };
}
