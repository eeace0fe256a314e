import mammoth from 'mammoth';
import { PolicybotError } from '../errors.ts';
import type { ParsedDocument } from '../types.ts';
import { htmlToText } from './html-blocks.ts';
import { firstLine } from './parse-text.ts';

/**
 * Parses a .docx through mammoth, which maps Word's Heading 1–6 styles to h1–h6, then reads
 * the HTML like any other. Spans index the extracted text.
 */
export async function parseDocx(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new PolicybotError('PARSE_FAILED', `${file}: the file is empty.`);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    throw new PolicybotError('PARSE_FAILED', `${file}: not a valid .docx (${(error as Error).message.split('\n')[0]}).`, 'Re-save it from Word or LibreOffice.');
  }
  const { text, blocks } = htmlToText(html);
  if (!blocks.some((b) => b.kind !== 'heading')) throw new PolicybotError('PARSE_FAILED', `${file}: no text to index.`);
  const h1 = blocks.find((b) => b.kind === 'heading');
  return { file, title: h1 ? text.slice(h1.start, h1.end) : firstLine(text, blocks, file), text, blocks, pages: [], metadata: {} };
}
