import { type HTMLElement, type Node, parse } from 'node-html-parser';
import { PolicybotError } from '../errors.ts';
import type { Block } from '../types.ts';

const SKIP = new Set(['script', 'style', 'nav', 'head', 'noscript', 'template', 'svg', 'iframe', 'button', 'form']);
const HEADING = /^h([1-6])$/;
/** Inline content: runs of these inside a container are one paragraph, not one per tag. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'br',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);
const LEAF_BLOCKS = new Set([
  'p',
  'li',
  'pre',
  'blockquote',
  'dt',
  'dd',
  'caption',
  'figcaption',
  'address',
  'summary',
]);

/**
 * Deepest element nesting read. Reading is recursive (as is the parser's own `text`), so a
 * pathological file (100k nested tags) is refused with this reason instead of overflowing the
 * stack; real pages nest a few dozen levels.
 */
export const MAX_HTML_DEPTH = 500;

/** The tree's depth, without recursion (the tree may be far deeper than the stack). */
function maxDepth(root: Node): number {
  let deepest = 0;
  const stack: [Node, number][] = [[root, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > deepest) deepest = depth;
    for (const child of node.childNodes) if (child.nodeType === 1) stack.push([child, depth + 1]);
  }
  return deepest;
}

function isList(node: Node): boolean {
  return ['ul', 'ol'].includes((node as HTMLElement).rawTagName?.toLowerCase() ?? '');
}

/** Text and structure extracted from HTML: block texts joined by blank lines. */
export interface HtmlText {
  title: string | null;
  text: string;
  blocks: Block[];
}

/**
 * Turns HTML into plain text with structure: headings (h1–h6), paragraphs, list items, table
 * rows (cells joined by " | "). White space inside a block is collapsed; entities decoded.
 * Spans index the returned text, which is what quotes are checked against for HTML sources.
 */
export function htmlToText(html: string): HtmlText {
  const root = parse(html, { comment: false, blockTextElements: { pre: true } });
  const depth = maxDepth(root);
  if (depth > MAX_HTML_DEPTH) {
    throw new PolicybotError('PARSE_FAILED', `HTML nested deeper than ${MAX_HTML_DEPTH} levels (${depth}).`);
  }
  const parts: { kind: Block['kind']; level?: number; text: string }[] = [];
  const add = (kind: Block['kind'], raw: string, level?: number) => {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text) parts.push(level ? { kind, level, text } : { kind, text });
  };
  const isInline = (node: Node) =>
    node.nodeType === 3 || (node.nodeType === 1 && INLINE.has((node as HTMLElement).rawTagName?.toLowerCase() ?? ''));
  /** Bare text in a container ("<div>Some <b>bold</b> text</div>") reads as one paragraph per run. */
  const walkChildren = (el: HTMLElement) => {
    let run = '';
    for (const child of el.childNodes) {
      if (isInline(child))
        run += child.nodeType === 1 && (child as HTMLElement).rawTagName?.toLowerCase() === 'br' ? ' ' : child.text;
      else {
        add('paragraph', run);
        run = '';
        walk(child);
      }
    }
    add('paragraph', run);
  };
  const walk = (node: Node) => {
    if (node.nodeType !== 1) return;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (SKIP.has(tag) || tag === 'title') return;
    const heading = HEADING.exec(tag);
    if (heading) add('heading', el.text, Number(heading[1]));
    else if (tag === 'tr')
      add(
        'table',
        el
          .querySelectorAll('th,td')
          .map((c) => c.text.replace(/\s+/g, ' ').trim())
          .filter(Boolean)
          .join(' | '),
      );
    else if (tag === 'li' && el.childNodes.some(isList)) {
      add(
        'list-item',
        el.childNodes
          .filter((c) => !isList(c))
          .map((c) => c.text)
          .join(' '),
      );
      el.childNodes.filter(isList).forEach(walk);
    } else if (LEAF_BLOCKS.has(tag)) add(tag === 'li' ? 'list-item' : 'paragraph', el.text);
    else walkChildren(el);
  };
  walkChildren(root);
  let text = '';
  const blocks: Block[] = parts.map((p) => {
    if (text) text += '\n\n';
    const start = text.length;
    text += p.text;
    return p.level
      ? { kind: p.kind, level: p.level, start, end: text.length }
      : { kind: p.kind, start, end: text.length };
  });
  const titleEl = root.querySelector('title');
  const title = titleEl?.text.replace(/\s+/g, ' ').trim() || null;
  return { title, text, blocks };
}
