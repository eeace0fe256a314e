import { createHash } from 'node:crypto';
import { splitSentences } from '../lib/text.ts';
import type { Block, Chunk, Identifier, ParsedDocument, Span } from '../types.ts';

export interface ChunkOptions {
  /** Upper bound for `countTokens(formatEmbeddingInput(chunk, passagePrefix))`. */
  maxTokens: number;
  /** Tokens of whole trailing sentences repeated at the start of the next chunk of a section. */
  overlapTokens: number;
  countTokens: (text: string) => number;
  passagePrefix?: string;
  extractIdentifiers: (text: string) => Identifier[];
}

/** A piece that is never split further unless it alone is over the limit. */
interface Unit extends Span {
  tokens: number;
  /** First unit of a block: a good place to start a new chunk. */
  blockStart: boolean;
}

/**
 * What the embedder sees for a chunk: prefix, then where the passage sits (section path, or
 * the document title when it has none), then the passage. The context line lets a passage
 * whose text never repeats its heading ("The regulation consists of 14 articles…") still be
 * found by the heading's words.
 */
export function formatEmbeddingInput(chunk: Pick<Chunk, 'title' | 'section' | 'text'>, prefix = ''): string {
  const context = chunk.section.length > 0 ? chunk.section.join(' › ') : chunk.title;
  return `${prefix}${context}\n${chunk.text}`;
}

/**
 * Splits a document into chunks along its structure: never across a section, whole paragraphs
 * where they fit, then sentences, then words; each chunk within `maxTokens` as the model
 * counts them, with a sentence or so of overlap between neighbours in one section.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions): Chunk[] {
  const chunks: Chunk[] = [];
  const seenIds = new Map<string, number>();
  const specials = options.countTokens('');
  for (const section of sectionsOf(doc)) {
    const context = formatEmbeddingInput({ title: doc.title, section: section.path, text: '' }, options.passagePrefix);
    const budget = options.maxTokens - options.countTokens(context);
    if (budget < 8) throw new Error(`maxTokens ${options.maxTokens} leaves no room for text after the section path of ${doc.file}.`);
    const units = section.blocks.flatMap((b) => unitsOf(doc.text, b, options.countTokens, specials, budget));
    const headingIds = options.extractIdentifiers(section.path.join('\n'));
    for (const span of pack(units, budget, options.overlapTokens)) {
      const text = doc.text.slice(span.start, span.end);
      let chunk = makeChunk(doc, section.path, span, headingIds, options);
      // Sums of per-sentence counts can be off by a token at joins; shrink until the real count fits.
      while (chunk.tokens > options.maxTokens && text.length > 1) {
        const cut = doc.text.lastIndexOf(' ', chunk.charEnd - 1);
        if (cut <= chunk.charStart) break;
        chunk = makeChunk(doc, section.path, { start: chunk.charStart, end: cut }, headingIds, options);
      }
      const n = (seenIds.get(chunk.id) ?? 0) + 1;
      seenIds.set(chunk.id, n);
      chunks.push(n === 1 ? chunk : { ...chunk, id: `${chunk.id}-${n}` });
    }
  }
  return chunks;
}

/** Body blocks grouped by the heading path above them, in document order. */
function sectionsOf(doc: ParsedDocument): { path: string[]; blocks: Block[] }[] {
  const stack: { level: number; text: string }[] = [];
  const sections: { path: string[]; blocks: Block[] }[] = [];
  let current: { path: string[]; blocks: Block[] } | null = null;
  for (const block of doc.blocks) {
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
      stack.push({ level, text: doc.text.slice(block.start, block.end).replace(/\s+/g, ' ').trim() });
      current = null;
      continue;
    }
    if (!current) {
      current = { path: stack.map((h) => h.text), blocks: [] };
      sections.push(current);
    }
    current.blocks.push(block);
  }
  return sections;
}

/** A block as one unit when it fits, else its sentences, else word runs of a long sentence. */
function unitsOf(text: string, block: Block, count: (t: string) => number, specials: number, budget: number): Unit[] {
  const whole = count(text.slice(block.start, block.end)) - specials;
  if (whole <= budget) return [{ start: block.start, end: block.end, tokens: whole, blockStart: true }];
  const units: Unit[] = [];
  for (const s of splitSentences(text, block.start, block.end)) {
    const tokens = count(text.slice(s.start, s.end)) - specials;
    if (tokens <= budget) units.push({ ...s, tokens, blockStart: units.length === 0 });
    else units.push(...splitWords(text, s, count, specials, budget).map((u, i) => ({ ...u, blockStart: units.length === 0 && i === 0 })));
  }
  return units;
}

function splitWords(text: string, s: Span, count: (t: string) => number, specials: number, budget: number): Omit<Unit, 'blockStart'>[] {
  const words = [...text.slice(s.start, s.end).matchAll(/\S+/g)].map((m) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length }));
  const out: Omit<Unit, 'blockStart'>[] = [];
  let i = 0;
  while (i < words.length) {
    let j = i;
    let tokens = count(text.slice(words[i]!.start, words[i]!.end)) - specials;
    while (j + 1 < words.length) {
      const next = count(text.slice(words[i]!.start, words[j + 1]!.end)) - specials;
      if (next > budget) break;
      j++;
      tokens = next;
    }
    out.push({ start: words[i]!.start, end: words[j]!.end, tokens });
    i = j + 1;
  }
  return out;
}

/** Greedy packing of units into spans within `budget`, preferring to break between blocks. */
function pack(units: Unit[], budget: number, overlapTokens: number): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < units.length) {
    let used = 0;
    let j = i;
    while (j < units.length && used + units[j]!.tokens <= budget) used += units[j++]!.tokens;
    if (j === i) j = i + 1;
    spans.push({ start: units[i]!.start, end: units[j - 1]!.end });
    if (j >= units.length) break;
    // Overlap: restart on trailing whole units of this chunk within the overlap budget,
    // but never at or before the chunk's own start (that would loop) and not across blocks.
    let k = j;
    let overlap = 0;
    while (k - 1 > i && !units[k]!.blockStart && overlap + units[k - 1]!.tokens <= overlapTokens) overlap += units[--k]!.tokens;
    i = k;
  }
  return spans;
}

function makeChunk(doc: ParsedDocument, path: string[], span: Span, headingIds: Identifier[], options: ChunkOptions): Chunk {
  const text = doc.text.slice(span.start, span.end);
  const identifiers = [...headingIds];
  for (const id of options.extractIdentifiers(text)) if (!identifiers.some((x) => x.key === id.key)) identifiers.push(id);
  const id = createHash('sha256').update(`${doc.file}\n${path.join('\n')}\n${text}`).digest('hex').slice(0, 16);
  const page = doc.pages.find((p) => span.start >= p.start && span.start < p.end)?.page ?? null;
  const tokens = options.countTokens(formatEmbeddingInput({ title: doc.title, section: path, text }, options.passagePrefix));
  return { id, file: doc.file, title: doc.title, section: path, text, charStart: span.start, charEnd: span.end, page, identifiers, tokens };
}
