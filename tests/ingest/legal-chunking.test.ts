import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/ingest/chunk-document.ts';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { extractIdentifiers } from '../../src/ingest/identifiers.ts';
import { parseTextDocument } from '../../src/ingest/parse-text.ts';

// A circular and its English translation, written for these tests: real structure, invented wording.
const DIR = path.join(import.meta.dirname, '../fixtures/ingest/legal');
const chunksOf = (name: string) => {
  const doc = parseTextDocument(readFileSync(path.join(DIR, name)), `corpus/${name}`, 'plain');
  return chunkDocument(doc, { maxTokens: 256, overlapTokens: 16, countTokens: estimateTokens, extractIdentifiers });
};

describe('legal instruments are chunked along their structure', () => {
  for (const [name, article3, chapter2, section1] of [
    ['thong-tu-12-2031-tt-bkt.txt', 'Điều 3. Nội dung hồ sơ', 'Chương II LƯU GIỮ HỒ SƠ', 'Mục 1. LẬP HỒ SƠ'],
    [
      'circular-12-2031-tt-bkt-en.txt',
      'Article 3. Contents of a record',
      'Chapter II KEEPING RECORDS',
      'Section 1. MAKING RECORDS',
    ],
  ] as const) {
    it(`${name}: chapter › section › article paths, clauses and points kept inside their article`, () => {
      const chunks = chunksOf(name);
      const article = chunks.filter((c) => c.section.at(-1) === article3);
      expect(article).toHaveLength(1);
      expect(article[0]!.section).toEqual([chapter2, section1, article3]);
      // Clauses 1 and 2 and points a) to c) are in the one chunk.
      expect(article[0]!.text).toMatch(/^1\. [\s\S]*a\) [\s\S]*c\) [\s\S]*\n2\. /);
      // One chunk per article (six articles), plus the header and the closing part.
      expect(chunks.filter((c) => /^(Điều|Article) \d/.test(c.section.at(-1) ?? ''))).toHaveLength(6);
    });

    it(`${name}: every passage carries the instrument's own number, not the laws it cites`, () => {
      for (const chunk of chunksOf(name)) {
        expect(chunk.identifiers.map((i) => i.key)).toContain('circular:12');
        if (!chunk.text.includes('01/2011')) expect(chunk.identifiers.map((i) => i.key)).not.toContain('law:1');
      }
    });
  }
});
