import { PolicybotError } from '../errors.ts';
import type { ParsedDocument } from '../types.ts';
import { htmlToText } from './html-blocks.ts';
import { decodeText, firstLine } from './parse-text.ts';

/** Parses an .html/.htm file; spans index the extracted text (see htmlToText). */
export function parseHtml(bytes: Uint8Array, file: string): ParsedDocument {
  const { title, text, blocks } = htmlToText(decodeText(bytes, file));
  if (!blocks.some((b) => b.kind !== 'heading')) throw new PolicybotError('PARSE_FAILED', `${file}: no text to index.`);
  const h1 = blocks.find((b) => b.kind === 'heading');
  return {
    file,
    title: title ?? (h1 ? text.slice(h1.start, h1.end) : firstLine(text, blocks, file)),
    text,
    blocks,
    pages: [],
    metadata: title ? { title } : {},
  };
}
