import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ESTIMATE_OVERCOUNT,
  estimateTokens,
  estimateTokensByDefinition,
  typicalTokens,
} from '../../src/ingest/estimate-tokens.ts';
import { prng } from '../fixtures/prng.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const sharedModels = path.resolve(repoRoot, '../shared/models');
const sharedDatasets = path.resolve(repoRoot, '../shared/datasets');
const haveTokenizer = existsSync(path.join(sharedModels, 'Xenova/all-MiniLM-L6-v2/tokenizer.json'));

/** Written for this test: legal Vietnamese with the diacritics, đ and document codes ingest meets. */
const VIETNAMESE = [
  'Bộ Y tế đã ban hành Quyết định 5316/QĐ-BYT phê duyệt Chương trình chuyển đổi số y tế đến năm 2025, định hướng đến năm 2030.',
  'Thông tư 46/2018/TT-BYT quy định về hồ sơ bệnh án điện tử; Thông tư 49/2017/TT-BYT quy định về hoạt động y tế từ xa.',
  'Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân yêu cầu sự đồng ý của chủ thể dữ liệu trước khi xử lý.',
  'Ngành y tế khuyến khích doanh nghiệp nghiên cứu, phát triển ứng dụng trí tuệ nhân tạo, khám chữa bệnh từ xa ở vùng sâu, vùng xa.',
  'Nguyễn Thị Thuỷ, trưởng phòng công nghệ thông tin, cho biết việc chuẩn hoá dữ liệu còn nhiều khó khăn, vướng mắc.',
];

/** Rare words that WordPiece breaks into many short pieces. */
const HARD_ENGLISH = [
  'Dichlorodiphenyltrichloroethane and hexabromocyclododecane residues were measured by esophagogastroduodenoscopy.',
  'Glycosylphosphatidylinositol-anchored proteins; lysophosphatidylcholine (LPC) and glucuronosyltransferases (UGT1A1).',
  'DNFBP notifications under AML/CFT rules, ISPV captive insurers and VASP licensing (FSRA, ADGM).',
];

let count: (text: string) => number;

beforeAll(async () => {
  if (!haveTokenizer) return;
  env.localModelPath = `${sharedModels}/`;
  env.allowRemoteModels = false;
  const tokenizer = await AutoTokenizer.from_pretrained('Xenova/all-MiniLM-L6-v2');
  count = (text) => tokenizer.encode(text).length;
});

function datasetTexts(): string[] {
  if (!existsSync(sharedDatasets)) return [];
  return readdirSync(sharedDatasets)
    .filter((name) => existsSync(path.join(sharedDatasets, name, 'corpus.jsonl')))
    .flatMap((name) =>
      readFileSync(path.join(sharedDatasets, name, 'corpus.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .slice(0, 300)
        .map((line) => {
          const doc = JSON.parse(line) as { title?: string; text?: string };
          return `${doc.title ?? ''} ${doc.text ?? ''}`.trim();
        }),
    );
}

describe('estimateTokens', () => {
  it('counts the two special tokens for empty text and one per punctuation mark', () => {
    expect(estimateTokens('')).toBe(2);
    expect(estimateTokens('(;)')).toBe(5);
  });

  it('counts as its regular-expression definition does, character class by character class', () => {
    // Every BMP character alone, between letters and repeated; then random strings of the
    // characters where the classes meet: CJK letters and CJK non-letters, marks, astral
    // letters and emoji, lone surrogates, white space of all kinds.
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `ab${c}cd`, `${c}${c}${c}`, `中${c}x`])
        expect(estimateTokens(text), code.toString(16)).toBe(estimateTokensByDefinition(text));
    }
    const pool = [
      ...'aZé .中々⺀カー゠1٣ß-x',
      '\n',
      '\u00a0',
      '\u3000',
      '\ufeff',
      '\u0301',
      '\ud800',
      '\udc00',
      '😀',
      '𝔘',
      '𠀀',
    ];
    const rand = prng(7);
    for (let k = 0; k < 20_000; k++) {
      const text = Array.from({ length: Math.floor(rand() * 12) }, () => pool[Math.floor(rand() * pool.length)]).join(
        '',
      );
      expect(estimateTokens(text), JSON.stringify(text)).toBe(estimateTokensByDefinition(text));
    }
    for (const text of [...VIETNAMESE, ...HARD_ENGLISH, ...datasetTexts()])
      expect(estimateTokens(text), text.slice(0, 80)).toBe(estimateTokensByDefinition(text));
  });

  it('adds up over white space, so the chunker may sum sentence counts', () => {
    const [a, b] = VIETNAMESE as [string, string];
    expect(estimateTokens(`${a}\n\n${b}`)).toBe(estimateTokens(a) + estimateTokens(b) - 2);
  });

  it.skipIf(!haveTokenizer)(
    'over-estimates the real tokenizer on Vietnamese, composed, decomposed and upper-case',
    () => {
      for (const sentence of VIETNAMESE) {
        for (const form of [sentence, sentence.normalize('NFD'), sentence.toUpperCase()]) {
          expect(estimateTokens(form), form).toBeGreaterThanOrEqual(count(form));
        }
      }
    },
  );

  it.skipIf(!haveTokenizer)('over-estimates rare scientific and regulatory English', () => {
    for (const sentence of HARD_ENGLISH)
      expect(estimateTokens(sentence), sentence).toBeGreaterThanOrEqual(count(sentence));
  });

  it.skipIf(!haveTokenizer)('over-estimates every line of the seed corpus', () => {
    const corpus = path.join(repoRoot, 'corpus');
    for (const name of readdirSync(corpus)) {
      for (const line of readFileSync(path.join(corpus, name), 'utf8').split('\n')) {
        expect(estimateTokens(line), line).toBeGreaterThanOrEqual(count(line));
      }
    }
  });

  it.skipIf(!haveTokenizer || datasetTexts().length === 0)(
    'over-estimates the shared benchmark documents, without wasting more than about double',
    () => {
      const texts = datasetTexts();
      let estimated = 0;
      let real = 0;
      for (const text of texts) {
        const n = count(text);
        expect(estimateTokens(text), text.slice(0, 80)).toBeGreaterThanOrEqual(n);
        estimated += estimateTokens(text);
        real += n;
      }
      expect(estimated / real).toBeLessThan(2);
    },
  );
});

describe('typicalTokens', () => {
  it('is the estimate less the specials, scaled down by the measured over-count', () => {
    const text = HARD_ENGLISH[0]!;
    expect(typicalTokens('')).toBe(2);
    expect(typicalTokens(text)).toBeCloseTo(2 + (estimateTokens(text) - 2) / ESTIMATE_OVERCOUNT, 10);
    expect(typicalTokens(text)).toBeLessThan(estimateTokens(text));
  });

  it('adds up over white space like the estimate', () => {
    const [a, b] = VIETNAMESE as [string, string];
    expect(typicalTokens(`${a}\n\n${b}`)).toBeCloseTo(typicalTokens(a) + typicalTokens(b) - 2, 10);
  });

  it.skipIf(!haveTokenizer || datasetTexts().length === 0)(
    'lands within 20% of the real total on the shared benchmark documents',
    () => {
      const texts = datasetTexts();
      let typical = 0;
      let real = 0;
      for (const text of texts) {
        typical += typicalTokens(text);
        real += count(text);
      }
      expect(typical / real).toBeGreaterThan(0.8);
      expect(typical / real).toBeLessThan(1.2);
    },
  );
});
