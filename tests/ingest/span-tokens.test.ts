import { readdirSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { configureTransformers } from '../../src/embed/transformers-env.ts';
import { type TokenEncoder, tokenEncoder } from '../../src/embed/word-ids.ts';
import { rememberWordPieces } from '../../src/embed/word-memo.ts';
import { chunkDocument } from '../../src/ingest/chunk-document.ts';
import { extractIdentifiers } from '../../src/ingest/identifiers.ts';
import { parseFile } from '../../src/ingest/parse-file.ts';
import { findPlainTextBlocks } from '../../src/ingest/plain-text-blocks.ts';
import { SpanTokens } from '../../src/ingest/span-tokens.ts';
import type { ParsedDocument } from '../../src/types.ts';
import { fixtureModelsDir } from '../embed/fixture-models-dir.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { prng } from '../fixtures/prng.ts';

const corpusDir = path.resolve(import.meta.dirname, '../../corpus');

/** Long sentences without stops, odd white space (no-break, em space, tabs), CJK stops, over-long words. */
function awkward(): ParsedDocument {
  const rand = prng(11);
  const word = () =>
    ['telemedicine', 'Circular', '49/2017/TT-BYT', 'bệnh', 'x'.repeat(70), '远程医疗。'][Math.floor(rand() * 6)]!;
  const line = (n: number) => Array.from({ length: n }, word).join(rand() < 0.2 ? '\u00a0' : ' ');
  const text = [
    '# Scope',
    '',
    `${line(400)}.`,
    '',
    `${line(30)}. ${line(200)}\u2003${line(50)}.\tEnd of it. Next one here.`,
    '',
    Array.from({ length: 40 }, () => line(12)).join('\n'),
  ].join('\n');
  return { file: 'awkward.md', title: 'Awkward', text, blocks: findPlainTextBlocks(text), pages: [], metadata: {} };
}

let encoder: TokenEncoder;
let docs: ParsedDocument[];

beforeAll(async () => {
  configureTransformers({ modelsDir: fixtureModelsDir(), allowRemote: false });
  const tokenizer = await AutoTokenizer.from_pretrained(FIXTURE_MODEL_ID);
  rememberWordPieces(tokenizer);
  encoder = tokenEncoder(tokenizer);
  const names = readdirSync(corpusDir).sort();
  docs = [...(await Promise.all(names.map((n) => parseFile(path.join(corpusDir, n), `corpus/${n}`)))), awkward()];
});

describe('chunk sizing from word counts', () => {
  it('cuts the very chunks counting each text does, counting far fewer characters', () => {
    let counted = 0;
    const countTokens = (text: string) => {
      counted += text.length;
      return encoder.count(text);
    };
    for (const maxTokens of [64, 256]) {
      const options = { maxTokens, overlapTokens: 16, countTokens, extractIdentifiers };
      counted = 0;
      const alone = docs.flatMap((doc) => chunkDocument(doc, options));
      const countedAlone = counted;
      counted = 0;
      const byWords = docs.flatMap((doc) => chunkDocument(doc, { ...options, countWords: encoder.countWords }));
      expect(byWords).toEqual(alone);
      expect(counted).toBeLessThan(countedAlone * 0.75);
    }
  });

  it('sizes any span of a block as counting its text would: from the word sums at word boundaries, else by counting', () => {
    const doc = awkward();
    const specials = encoder.count('');
    const rand = prng(5);
    for (const block of doc.blocks) {
      const spans = new SpanTokens(doc.text, block, encoder.count, specials, encoder.countWords);
      expect(spans.whole).toBe(encoder.count(doc.text.slice(block.start, block.end)) - specials);
      for (let k = 0; k < 40; k++) {
        const a = block.start + Math.floor(rand() * (block.end - block.start));
        const b = a + 1 + Math.floor(rand() * (block.end - a));
        expect(spans.of(a, b), `${a}-${b}`).toBe(encoder.count(doc.text.slice(a, b)) - specials);
      }
    }
  });
});
