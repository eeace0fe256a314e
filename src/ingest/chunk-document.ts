import { createHash } from 'node:crypto';
import { PolicybotError } from '../errors.ts';
import type { Block, Chunk, CountWords, Identifier, ParsedDocument, Span } from '../types.ts';
import { isBoilerplate } from './boilerplate.ts';
import { halveUnit, type Unit, unitsOf } from './chunk-units.ts';
import { documentIdentifiers } from './document-identifiers.ts';

/** How to size chunks and what to tag them with; the store passes the embedder's tokenizer. */
export interface ChunkOptions {
  /** Upper bound for `countTokens(formatEmbeddingInput(chunk, passagePrefix))`. */
  maxTokens: number;
  /** Tokens of whole trailing sentences repeated at the start of the next chunk of a section. */
  overlapTokens: number;
  countTokens: (text: string) => number;
  /**
   * The same tokenizer's counts word by word, when its counts add up over words (see
   * WordTokens): a long block's words are then counted once, not again for each sentence
   * and word. The chunks are the same with or without it.
   */
  countWords?: CountWords | undefined;
  passagePrefix?: string;
  extractIdentifiers: (text: string) => Identifier[];
}

/** Fewer tokens than this per chunk after the context line would cut text into useless shreds. */
const MIN_TEXT_TOKENS = 8;

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
  const ownIds = documentIdentifiers(doc, options.extractIdentifiers);
  for (const section of sectionsOf(doc)) {
    const context = formatEmbeddingInput({ title: doc.title, section: section.path, text: '' }, options.passagePrefix);
    const budget = options.maxTokens - options.countTokens(context);
    if (budget < MIN_TEXT_TOKENS) {
      throw new PolicybotError(
        'CONFIG_INVALID',
        `maxTokens ${options.maxTokens} leaves no room for text after the section path "${section.path.join(' › ')}" of ${doc.file}.`,
        'Raise the chunk size (maxTokens) or shorten the passage prefix.',
      );
    }
    const units = section.blocks.flatMap((b) =>
      unitsOf(doc.text, b, options.countTokens, specials, budget, options.countWords),
    );
    const headingIds = _union(ownIds, options.extractIdentifiers(section.path.join('\n')));
    const measure = (span: Span) =>
      options.countTokens(
        formatEmbeddingInput(
          { title: doc.title, section: section.path, text: doc.text.slice(span.start, span.end) },
          options.passagePrefix,
        ),
      );
    const packer = {
      text: doc.text,
      budget,
      maxTokens: options.maxTokens,
      overlapTokens: options.overlapTokens,
      count: options.countTokens,
      specials,
      measure,
    };
    for (const span of pack(units, packer)) {
      const chunk = makeChunk(doc, section.path, span, headingIds, options.extractIdentifiers);
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

interface Packer {
  text: string;
  budget: number;
  maxTokens: number;
  overlapTokens: number;
  count: (text: string) => number;
  specials: number;
  /** Tokens of the span as embedded, context line included. */
  measure: (span: Span) => number;
}

/**
 * Greedy packing of units into spans within the budget, preferring to break between blocks.
 * Unit counts are summed (cheap); each chunk is then measured for real, and when a tokenizer
 * whose counts do not add up pushes it over the limit, the chunk gives back its last unit, or
 * a lone unit is halved, so the limit holds and no text is dropped.
 */
function pack(units: Unit[], p: Packer): (Span & { tokens: number })[] {
  const spans: (Span & { tokens: number })[] = [];
  let i = 0;
  while (i < units.length) {
    let used = 0;
    let j = i;
    while (j < units.length && used + units[j]!.tokens <= p.budget) used += units[j++]!.tokens;
    if (j === i) j = i + 1;
    let span = { start: units[i]!.start, end: units[j - 1]!.end, tokens: 0 };
    span.tokens = p.measure(span);
    while (span.tokens > p.maxTokens && j - i > 1) {
      j--;
      span = { start: units[i]!.start, end: units[j - 1]!.end, tokens: 0 };
      span.tokens = p.measure(span);
    }
    if (span.tokens > p.maxTokens) {
      const halves = halveUnit(p.text, units[i]!, p.count, p.specials);
      if (halves) {
        units.splice(i, 1, ...halves);
        continue;
      }
    }
    spans.push(span);
    if (j >= units.length) break;
    // Overlap: restart on trailing whole units of this chunk within the overlap budget,
    // but never at or before the chunk's own start (that would loop) and not across blocks.
    let k = j;
    let overlap = 0;
    while (k - 1 > i && !units[k]!.blockStart && overlap + units[k - 1]!.tokens <= p.overlapTokens)
      overlap += units[--k]!.tokens;
    i = k;
  }
  return spans;
}

function makeChunk(
  doc: ParsedDocument,
  path: string[],
  span: Span & { tokens: number },
  headingIds: Identifier[],
  extract: (text: string) => Identifier[],
): Chunk {
  const text = doc.text.slice(span.start, span.end);
  const identifiers = [...headingIds];
  for (const id of extract(text)) if (!identifiers.some((x) => x.key === id.key)) identifiers.push(id);
  const id = createHash('sha256')
    .update(`${doc.file}\n${path.join('\n')}\n${text}`)
    .digest('hex')
    .slice(0, 16);
  const page = doc.pages.find((pg) => span.start >= pg.start && span.start < pg.end)?.page ?? null;
  const chunk: Chunk = {
    id,
    file: doc.file,
    title: doc.title,
    section: path,
    text,
    charStart: span.start,
    charEnd: span.end,
    page,
    identifiers,
    tokens: span.tokens,
  };
  if (isBoilerplate(text)) chunk.boilerplate = true;
  return chunk;
}

/** Identifiers of both lists, each key once, in order. */
function _union(a: readonly Identifier[], b: readonly Identifier[]): Identifier[] {
  const out = [...a];
  for (const id of b) if (!out.some((x) => x.key === id.key)) out.push(id);
  return out;
}
