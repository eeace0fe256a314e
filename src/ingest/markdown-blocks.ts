import { trimSpan } from '../lib/text.ts';
import type { Block } from '../types.ts';
import { findPlainTextBlocks } from './plain-text-blocks.ts';

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;
const FENCE = /^ {0,3}(```|~~~)/;

/**
 * Blocks of a Markdown body: ATX (`## Title`) and setext headings with their levels, list
 * items, and paragraphs (runs of lines). Heading spans cover the title text only, without the
 * `#` marks. A document without any Markdown heading falls back to the plain-text heuristic.
 */
export function findMarkdownBlocks(text: string, from = 0): Block[] {
  const lines: { start: number; end: number }[] = [];
  for (let at = from; at <= text.length; ) {
    let nl = text.indexOf('\n', at);
    if (nl === -1) nl = text.length;
    lines.push({ start: at, end: nl > at && text[nl - 1] === '\r' ? nl - 1 : nl });
    at = nl + 1;
  }
  const blocks: Block[] = [];
  let para: { start: number; end: number } | null = null;
  let inFence = false;
  const flush = () => {
    if (para) blocks.push({ kind: 'paragraph', ...para });
    para = null;
  };
  lines.forEach((line, i) => {
    const raw = text.slice(line.start, line.end);
    if (FENCE.test(raw)) inFence = !inFence;
    const atx = inFence ? null : ATX.exec(raw);
    const next = lines[i + 1];
    const underline = next && !inFence ? SETEXT.exec(text.slice(next.start, next.end)) : null;
    if (atx) {
      flush();
      const title = atx[2] ?? '';
      const start = line.start + raw.indexOf(title, (atx[1] ?? '').length);
      if (title) blocks.push({ kind: 'heading', level: (atx[1] ?? '#').length, start, end: start + title.length });
    } else if (underline && raw.trim() && !para && !LIST_ITEM.test(raw)) {
      const lead = raw.length - raw.trimStart().length;
      blocks.push({
        kind: 'heading',
        level: underline[1]?.startsWith('=') ? 1 : 2,
        start: line.start + lead,
        end: line.start + raw.trimEnd().length,
      });
      lines[i + 1] = { start: next!.end, end: next!.end };
    } else if (!raw.trim()) flush();
    else if (LIST_ITEM.test(raw) && !inFence) {
      flush();
      para = trimSpan(text, line.start, line.end);
      blocks.push({ kind: 'list-item', ...para });
      para = null;
    } else
      para = para
        ? { start: para.start, end: trimSpan(text, line.start, line.end).end }
        : trimSpan(text, line.start, line.end);
  });
  flush();
  const cleaned = blocks.filter((b) => b.end > b.start);
  return cleaned.some((b) => b.kind === 'heading') ? cleaned : findPlainTextBlocks(text, from);
}
