import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PolicybotError } from '../errors.ts';
import type { Block, PageSpan, ParsedDocument } from '../types.ts';
import { firstLine } from './parse-text.ts';
import { findPlainTextBlocks } from './plain-text-blocks.ts';

interface TextItem {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
}

/**
 * Parses a PDF with pdf.js: the text of each page, pages joined by blank lines, so every chunk
 * knows its page. Lines come from pdf.js end-of-line marks and vertical jumps; a larger jump
 * than a line's height is a paragraph break. Structure comes from the plain-text heuristic.
 */
export async function parsePdf(bytes: Uint8Array, file: string): Promise<ParsedDocument> {
  if (bytes.length === 0) throw new PolicybotError('PARSE_FAILED', `${file}: the file is empty.`);
  let pdf: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    pdf = await getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw new PolicybotError(
      'PARSE_FAILED',
      `${file}: not a readable PDF (${(error as Error).message.split('\n')[0]}).`,
    );
  }
  try {
    let text = '';
    const pages: PageSpan[] = [];
    const blocks: Block[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      const pageText = itemsToText(content.items as TextItem[]);
      if (!pageText.trim()) continue;
      if (text) text += '\n\n';
      const start = text.length;
      text += pageText;
      pages.push({ page: n, start, end: text.length });
      // Found in the page's own text and shifted: scanning the growing document string would
      // flatten it on every page (quadratic on a long PDF).
      for (const b of findPlainTextBlocks(pageText)) blocks.push({ ...b, start: b.start + start, end: b.end + start });
    }
    if (!blocks.some((b) => b.kind !== 'heading')) {
      throw new PolicybotError('PARSE_FAILED', `${file}: no extractable text (a scanned PDF needs OCR first).`);
    }
    const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: string } | undefined;
    const heading = blocks.find((b) => b.kind === 'heading');
    const title =
      info?.Title?.trim() || (heading ? text.slice(heading.start, heading.end) : firstLine(text, blocks, file));
    return { file, title, text, blocks, pages, metadata: info?.Title ? { title: info.Title } : {} };
  } finally {
    await pdf.destroy();
  }
}

function itemsToText(items: TextItem[]): string {
  let out = '';
  let lastY: number | null = null;
  let lineHeight = 0;
  for (const item of items) {
    const y = item.transform?.[5] ?? null;
    const size = Math.abs(item.transform?.[3] ?? 0);
    if (lastY !== null && y !== null && Math.abs(y - lastY) > 0.5 && !out.endsWith('\n')) {
      out += Math.abs(y - lastY) > Math.max(lineHeight, size) * 1.6 ? '\n\n' : '\n';
    } else if (
      lastY !== null &&
      y !== null &&
      Math.abs(y - lastY) > Math.max(lineHeight, size) * 1.6 &&
      out.endsWith('\n') &&
      !out.endsWith('\n\n')
    ) {
      out += '\n';
    }
    out += item.str;
    if (item.hasEOL && !out.endsWith('\n')) out += '\n';
    if (y !== null) lastY = y;
    if (size) lineHeight = size;
  }
  return out.replace(/[ \t]+\n/g, '\n').trim();
}
