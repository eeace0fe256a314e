import { trimSpan } from '../lib/text.ts';
import type { Block } from '../types.ts';
import { findLegalBlocks } from './legal-blocks.ts';

interface Line {
  start: number;
  end: number;
  text: string;
}

/** Longest line that can still be a heading; real headings here are titles, not sentences. */
const MAX_HEADING_CHARS = 160;
const MAX_HEADING_WORDS = 24;
/** Label lines ("Image: …", "Keywords: …") describe content; they are not sections. */
const LABEL =
  /^(image|photo|picture|figure|fig\.?|source|credit|credits|keywords?|tags?|section|table|note|caption)\s*[:|]/i;
const LIST_ITEM = /^\s*(?:\d{1,3}[.)]|[a-z][.)]|[-*•·●▪])\s+/i;
/** Runs of this many empty top-level "sections" in a row are a list or table, not sections. */
const MIN_HEADING_RUN_AS_LIST = 4;

/**
 * Finds structure in plain text. A short title-like line standing alone between blank lines is
 * a top-level heading ("Policies & Strategies"); a title-like line directly followed by its
 * paragraph is a heading one level down ("Circular No. 49, 2017 - Regulating …"). Everything
 * else is body text, one block per line (list items marked), so no text is ever dropped.
 */
export function findPlainTextBlocks(text: string, from = 0, to = text.length): Block[] {
  // Legal instruments have a structure of their own: Chương › Mục › Điều, or Chapter › Article.
  const legal = findLegalBlocks(text, from, to, (start, end) => findPlainTextBlocks(text, start, end));
  if (legal) return legal;
  const groups = groupLines(splitLines(text, from, to));
  const blocks: Block[] = [];
  for (const group of groups) {
    const [first, second] = group;
    if (!first) continue;
    if (group.length === 1 && isHeadingLike(first.text)) {
      blocks.push({ kind: 'heading', level: 1, start: first.start, end: first.end });
      continue;
    }
    let rest = group;
    if (second && isHeadingLike(first.text) && !isHeadingLike(second.text)) {
      blocks.push({ kind: 'heading', level: 2, start: first.start, end: first.end });
      rest = group.slice(1);
    }
    for (const line of rest) {
      blocks.push({ kind: LIST_ITEM.test(line.text) ? 'list-item' : 'paragraph', start: line.start, end: line.end });
    }
  }
  return demoteHeadingRuns(blocks);
}

function splitLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let at = from;
  while (at < to) {
    let nl = text.indexOf('\n', at);
    if (nl === -1 || nl > to) nl = to;
    const span = trimSpan(text, at, nl);
    lines.push({ start: span.start, end: span.end, text: text.slice(span.start, span.end) });
    at = nl + 1;
  }
  return lines;
}

/** Consecutive non-blank lines form a group; blank (or white-space-only) lines separate groups. */
function groupLines(lines: Line[]): Line[][] {
  const groups: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.text === '') {
      if (current.length > 0) groups.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Short, has letters, does not end like a sentence, is not a list item, label or caption. */
export function isHeadingLike(line: string): boolean {
  if (line.length > MAX_HEADING_CHARS || line.split(/\s+/).length > MAX_HEADING_WORDS) return false;
  if (!/\p{L}/u.test(line) || /[.!?;:,…]$/.test(line)) return false;
  if (LIST_ITEM.test(line) || LABEL.test(line) || line.startsWith('(') || line.startsWith('#')) return false;
  return true;
}

/** Turns long runs of body-less top-level headings (a table or list of names) back into text. */
function demoteHeadingRuns(blocks: Block[]): Block[] {
  const out = blocks.map((b) => ({ ...b }));
  let i = 0;
  while (i < out.length) {
    let j = i;
    while (j < out.length && out[j]?.kind === 'heading' && out[j]?.level === 1) j++;
    if (j - i >= MIN_HEADING_RUN_AS_LIST) {
      for (let k = i; k < j; k++) {
        const b = out[k] as Block;
        out[k] = { kind: 'paragraph', start: b.start, end: b.end };
      }
    }
    i = Math.max(j, i + 1);
  }
  return out;
}
