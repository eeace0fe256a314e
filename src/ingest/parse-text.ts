import { PolicybotError } from '../errors.ts';
import type { Block, ParsedDocument } from '../types.ts';
import { legalTitleOf } from './document-identifiers.ts';
import { readFrontMatter } from './front-matter.ts';
import { findMarkdownBlocks } from './markdown-blocks.ts';
import { findPlainTextBlocks } from './plain-text-blocks.ts';

/**
 * Decodes bytes as text: UTF-16 (LE or BE) when the file starts with its byte-order mark, as
 * Windows tools often write it, else UTF-8. Refuses binary content: NUL bytes or invalid
 * encoding mean the file is not the text its extension claims, and indexing it would only
 * produce noise.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (bytes.length === 0 || (utf16 && bytes.length === 2))
    throw new PolicybotError('PARSE_FAILED', `${file}: the file is empty.`);
  if (!utf16 && bytes.includes(0))
    throw new PolicybotError('PARSE_FAILED', `${file}: binary content (NUL bytes) in a text file.`);
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new PolicybotError(
      'PARSE_FAILED',
      `${file}: not valid ${utf16 ? 'UTF-16' : 'UTF-8'} text.`,
      'Save the file as UTF-8.',
    );
  }
  if (utf16 && text.includes('\u0000'))
    throw new PolicybotError('PARSE_FAILED', `${file}: binary content (NUL characters) in a text file.`);
  // Keep a byte-order mark's position (offsets must match the file) but not the character.
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** Parses .txt (plain-text heading heuristic) and .md (Markdown headings) with optional front matter. */
export function parseTextDocument(bytes: Uint8Array, file: string, flavour: 'plain' | 'markdown'): ParsedDocument {
  const text = decodeText(bytes, file);
  const { metadata, bodyStart } = readFrontMatter(text, file);
  const blocks = flavour === 'markdown' ? findMarkdownBlocks(text, bodyStart) : findPlainTextBlocks(text, bodyStart);
  if (!blocks.some((b) => b.kind !== 'heading')) {
    throw new PolicybotError('PARSE_FAILED', `${file}: no text to index.`);
  }
  return {
    file,
    title: metadata.title ?? legalTitleOf(text.slice(bodyStart)) ?? firstLine(text, blocks, file),
    text,
    blocks,
    pages: [],
    metadata,
  };
}

/** The first block's text (a title line is usually first), shortened; else the file name. */
export function firstLine(text: string, blocks: Block[], file: string): string {
  const first = blocks[0];
  const line = first ? text.slice(first.start, first.end).split('\n')[0]?.trim() : '';
  if (line && line.length <= 200) return line;
  return file.split('/').pop() ?? file;
}
