import { trimSpan } from '../lib/text.ts';
import type { Block } from '../types.ts';
import { legalHeadingOf, subdivisionOf } from './legal-structure.ts';

/** Fewer article headings than this and a text is not read as a legal instrument. */
const MIN_ARTICLES = 2;
/** Closing parts of an instrument ("Nơi nhận:", "Recipients:") start a top-level section of their own. */
const CLOSING = /^(?:noi nhan|recipients?)\s*:/i;

interface Line {
  start: number;
  end: number;
  text: string;
}

/**
 * Blocks of a legal instrument in plain text (or PDF text), or null when the text does not
 * look like one (fewer than two "Điều N." / "Article N." heading lines). Chapters (Chương /
 * Chapter, with a title line in capitals below) are level-1 headings, sections (Mục /
 * Section) level 2, articles level 3; clauses ("1.") and points ("a)") are list items inside
 * their article, so an article is chunked whole when it fits. What precedes the first
 * heading (issuer, number, title, legal bases) is left to `fallback`.
 */
export function findLegalBlocks(
  text: string,
  from: number,
  to: number,
  fallback: (from: number, to: number) => Block[],
): Block[] | null {
  const lines = _lines(text, from, to);
  const headings = lines.map((l) => (l.text ? legalHeadingOf(l.text) : undefined));
  if (headings.filter((h) => h?.level === 3).length < MIN_ARTICLES) return null;
  const first = headings.findIndex((h) => h !== undefined);
  const blocks: Block[] = first > 0 ? fallback(from, lines[first]!.start) : [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.text) continue;
    const heading = headings[i];
    if (heading) {
      let end = line.end;
      // "Chương I" on its own line is followed by the chapter's title in capitals.
      const next = lines[i + 1];
      if (heading.level < 3 && next?.text && !headings[i + 1] && _isCapitalised(next.text)) {
        end = next.end;
        i++;
      }
      blocks.push({ kind: 'heading', level: heading.level, start: line.start, end });
    } else if (CLOSING.test(line.text.normalize('NFKD').replace(/\p{M}+/gu, ''))) {
      blocks.push({ kind: 'heading', level: 1, start: line.start, end: line.end });
    } else {
      blocks.push({ kind: subdivisionOf(line.text) ? 'list-item' : 'paragraph', start: line.start, end: line.end });
    }
  }
  return blocks;
}

function _lines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  for (let at = from; at < to; ) {
    let nl = text.indexOf('\n', at);
    if (nl === -1 || nl > to) nl = to;
    const span = trimSpan(text, at, nl);
    lines.push({ start: span.start, end: span.end, text: text.slice(span.start, span.end) });
    at = nl + 1;
  }
  return lines;
}

/** A title line in capitals ("QUY ĐỊNH CHUNG", "GENERAL PROVISIONS"). */
function _isCapitalised(line: string): boolean {
  return /\p{Lu}/u.test(line) && line === line.toUpperCase() && line.length <= 200;
}
