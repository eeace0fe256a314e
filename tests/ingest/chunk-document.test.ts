import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AutoTokenizer, env } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument, formatEmbeddingInput } from '../../src/ingest/chunk-document.ts';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { extractIdentifiers } from '../../src/ingest/identifiers.ts';
import { parseFile } from '../../src/ingest/parse-file.ts';
import { findPlainTextBlocks } from '../../src/ingest/plain-text-blocks.ts';
import type { Chunk, ParsedDocument } from '../../src/types.ts';
import { buildIngestFixtures } from '../fixtures/ingest/build-fixtures.ts';

const corpusDir = path.resolve(import.meta.dirname, '../../corpus');
const sharedModels = path.resolve(import.meta.dirname, '../../../shared/models');
const haveTokenizer = existsSync(path.join(sharedModels, 'Xenova/all-MiniLM-L6-v2/tokenizer.json'));

let docs: ParsedDocument[];
let realCount: ((t: string) => number) | null = null;

beforeAll(async () => {
  docs = await Promise.all(
    readdirSync(corpusDir)
      .sort()
      .map((n) => parseFile(path.join(corpusDir, n), `corpus/${n}`)),
  );
  if (haveTokenizer) {
    env.localModelPath = `${sharedModels}/`;
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained('Xenova/all-MiniLM-L6-v2');
    realCount = (t) => tokenizer.encode(t).length;
  }
});

function chunkAll(countTokens: (t: string) => number, maxTokens = 256, overlapTokens = 32): Chunk[] {
  return docs.flatMap((d) => chunkDocument(d, { maxTokens, overlapTokens, countTokens, extractIdentifiers }));
}

describe('chunkDocument on the seed corpus', () => {
  it('gives spans that slice back to the chunk text exactly', () => {
    for (const chunk of chunkAll(estimateTokens)) {
      const doc = docs.find((d) => d.file === chunk.file)!;
      expect(doc.text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
    }
  });

  it('loses no text: every non-space character of the body is in some chunk', () => {
    const chunks = chunkAll(estimateTokens, 96, 16);
    for (const doc of docs) {
      const covered = new Uint8Array(doc.text.length);
      for (const c of chunks.filter((c) => c.file === doc.file)) covered.fill(1, c.charStart, c.charEnd);
      for (const block of doc.blocks.filter((b) => b.kind !== 'heading')) {
        for (let i = block.start; i < block.end; i++) {
          if (!/\s/.test(doc.text[i]!)) expect(covered[i], `${doc.file}@${i}`).toBe(1);
        }
      }
    }
  });

  it.skipIf(!haveTokenizer)('keeps every chunk within the limit as the real tokenizer counts it', () => {
    for (const max of [64, 128, 256]) {
      for (const chunk of chunkAll(realCount!, max, 16)) {
        expect(realCount!(formatEmbeddingInput(chunk))).toBeLessThanOrEqual(max);
        expect(chunk.tokens).toBe(realCount!(formatEmbeddingInput(chunk)));
      }
    }
  });

  it.skipIf(!haveTokenizer)('over-estimates tokens without a tokenizer, so estimated chunks also fit', () => {
    for (const doc of docs)
      for (const line of doc.text.split('\n')) expect(estimateTokens(line)).toBeGreaterThanOrEqual(realCount!(line));
    for (const chunk of chunkAll(estimateTokens, 128, 16))
      expect(realCount!(formatEmbeddingInput(chunk))).toBeLessThanOrEqual(128);
  });

  it('overlaps neighbours in one section by whole sentences, a little', () => {
    const chunks = chunkAll(estimateTokens, 96, 24);
    const pairs = chunks
      .slice(1)
      .map((c, i) => [chunks[i]!, c] as const)
      .filter(([a, b]) => a.file === b.file && a.section.join() === b.section.join());
    const overlapping = pairs.filter(([a, b]) => b.charStart < a.charEnd);
    expect(overlapping.length).toBeGreaterThan(0);
    for (const [a, b] of overlapping)
      expect(estimateTokens(a.text.slice(b.charStart - a.charStart))).toBeLessThanOrEqual(24 + 2);
  });

  it('gives stable, unique ids', () => {
    const first = chunkAll(estimateTokens).map((c) => c.id);
    expect(chunkAll(estimateTokens).map((c) => c.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('follows the seed document structure and carries identifiers named in headings', () => {
    const chunks = chunkAll(estimateTokens);
    const circular = chunks.find((c) => c.text.includes('4Mbps'))!;
    expect(circular.section).toEqual([
      'Policies & Strategies',
      'Circular No. 49, 2017 - Regulating the Management of Telemedicine',
    ]);
    expect(circular.identifiers.map((i) => i.key)).toContain('circular:49');
    expect(chunks.find((c) => c.text.startsWith('In 2020, Vietnam'))?.section).toEqual([
      'Policies & Strategies',
      'Decision 5316/QD-BYT - Approving Medical Digitalization until 2025 with an Orientation to 2030',
    ]);
    expect(chunks.find((c) => c.text.startsWith('In July 2019'))?.section).toEqual([
      'Implementation',
      'Electronic Medical Records (EMR)',
    ]);
    expect(circular.title).toBe('Vietnam Healthcare & Medicine — Policy Analysis of Partner Countries');
    expect(circular.page).toBeNull();
  });

  it('keeps a "Summary:" label line as text in its passage, not as a section', () => {
    const summary = chunkAll(estimateTokens).find((c) => c.text.includes('hot and humid climate'))!;
    expect(summary.text).toContain('Summary:\nVietnam’s hot and humid climate');
    expect(summary.section).toEqual(['新南向科研合作專網-Policy Analysis of Partner Countries']);
  });
});

/** A document as the .txt parser sees `text`, without a file. */
function plainDoc(text: string): ParsedDocument {
  return {
    file: 'corpus/synthetic.txt',
    title: 'Synthetic',
    text,
    blocks: findPlainTextBlocks(text),
    pages: [],
    metadata: {},
  };
}

const options = (countTokens: (t: string) => number, maxTokens = 64) => ({
  maxTokens,
  overlapTokens: 8,
  countTokens,
  extractIdentifiers,
});

function expectCovered(doc: ParsedDocument, chunks: Chunk[]): void {
  const covered = new Uint8Array(doc.text.length);
  for (const c of chunks) covered.fill(1, c.charStart, c.charEnd);
  for (const b of doc.blocks.filter((x) => x.kind !== 'heading')) {
    for (let i = b.start; i < b.end; i++) if (!/\s/.test(doc.text[i]!)) expect(covered[i], `@${i}`).toBe(1);
  }
}

describe('chunkDocument on awkward input', () => {
  it('starts each PDF chunk on the page its text comes from', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'policybot-chunk-'));
    try {
      await buildIngestFixtures(dir);
      const doc = await parseFile(path.join(dir, 'report.pdf'), 'corpus/report.pdf');
      const chunks = chunkDocument(doc, options(estimateTokens));
      expect(chunks.map((c) => [c.page, c.section.at(-1)])).toEqual([
        [1, 'Overview'],
        [2, 'Decision 5316/QD-BYT'],
      ]);
      expect(chunks[1]!.identifiers.map((i) => i.key)).toEqual(['decision:5316']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('splits a run-on sentence and a single enormous word within the limit, losing nothing', () => {
    const runOn = Array.from({ length: 400 }, (_, i) => `clause${i} of the plan`).join(' ');
    const doc = plainDoc(`Annex\n\n${runOn}\n\n${'x'.repeat(3000)}\n`);
    // Characters, not words: counts that do not add up over white space, unlike WordPiece.
    const lumpy = (t: string) => Math.ceil(t.length / 3) + 2;
    for (const count of [estimateTokens, lumpy]) {
      const chunks = chunkDocument(doc, options(count));
      for (const c of chunks) expect(count(formatEmbeddingInput(c))).toBeLessThanOrEqual(64);
      expectCovered(doc, chunks);
    }
  });

  it('makes no chunk for a heading without text, and numbers repeated passages', () => {
    const doc = plainDoc('Empty Heading\n\nRepeated Part\nSame words here.\nSame words here.\n');
    const chunks = chunkDocument(doc, { ...options(estimateTokens), maxTokens: 20, overlapTokens: 0 });
    expect(chunks.map((c) => c.section)).toEqual([
      ['Empty Heading', 'Repeated Part'],
      ['Empty Heading', 'Repeated Part'],
    ]);
    expect(chunks[1]!.id).toBe(`${chunks[0]!.id}-2`);
  });

  it('refuses a limit that leaves no room after the section path', () => {
    expect(() =>
      chunkDocument(plainDoc('A Rather Long Section Heading Indeed\nBody.\n'), options(estimateTokens, 12)),
    ).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', hint: expect.stringMatching(/maxTokens/) }));
  });

  it('chunks a megabyte in linear time', () => {
    const seed = docs[0]!.text;
    const text = seed.repeat(Math.ceil(1e6 / seed.length));
    const started = performance.now();
    const chunks = chunkDocument(plainDoc(text), options(estimateTokens, 256));
    expect(chunks.length).toBeGreaterThan(1000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
