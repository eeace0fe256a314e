import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CUE_INTENTS, codedStrength, cueCode } from '../../../src/lib/sentence-cue-codes.ts';
import { cueStrength, cueText } from '../../../src/lib/sentence-cues.ts';
import { splitSentences } from '../../../src/lib/split-sentences.ts';
import { LexicalIndex } from '../../../src/store/lexical/lexical-index.ts';
import { encodeSentences, readSentences } from '../../../src/store/lexical/sentence-table.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-sentence-table-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Texts that exercise the splitter's cases and every kind of cue (and none). */
const TEXTS = [
  '',
  '   \n\n  ',
  'No full stop at all',
  'The Ministry issued “Circular No. 49, 2017 - Regulating Telemedicine”. See Art. 5 and e.g. Dr. Lan in TP. Hồ Chí Minh.',
  'Donations reached AUD$18.3 million. Children Hospital No.1 agreed. J. Smith agreed. The answer was no. Then it changed.',
  'This initiative set three key goals:\n\n  1. Develop infrastructure. \n  2. Standardize EMRs by 2025.\n• country: Vietnam',
  'Hospitals must keep records for ten years. By 2028, all establishments will have completed the system (VietnamPlus, 2024).',
  'The Ministry of Health leads; the Government approves. Within 30 days, reports are due.',
  'Điều 5. Trách nhiệm\n1. Bộ Y tế phải hướng dẫn thực hiện trước ngày 1 tháng 7 năm 2026.\n2. Các cơ sở gồm có: bệnh viện, trạm y tế và phòng khám.',
  'Mục tiêu đến năm 2030 đạt 95% dân số có hồ sơ sức khỏe điện tử. Trong vòng 15 ngày, Sở Y tế báo cáo.',
  'It covers telemedicine, records, data and imaging.\nwrapped line runs on. 本规定自发布之日起施行。第二条适用范围！',
  'a) the first point;\nb) the second point, such as clinics, pharmacies or labs.\n\n\nQ. Is it required? Yes!',
];

describe('the sentence table', () => {
  const table = encodeSentences(TEXTS);

  it('holds each passage’s sentences as splitSentences finds them', () => {
    TEXTS.forEach((text, doc) => {
      const { bounds } = readSentences(table, doc);
      const spans = splitSentences(text);
      expect(bounds.length).toBe(spans.length * 2);
      expect(Array.from(bounds)).toEqual(spans.flatMap((s) => [s.start, s.end]));
    });
  });

  it('holds each sentence’s strength for every kind of answer as cueStrength gives it', () => {
    let cued = 0;
    TEXTS.forEach((text, doc) => {
      const { bounds, codes } = readSentences(table, doc);
      codes.forEach((code, i) => {
        const folded = cueText(text.slice(bounds[2 * i], bounds[2 * i + 1]));
        for (const intent of CUE_INTENTS) {
          const strength = cueStrength(folded, [intent]);
          expect(codedStrength(code, intent), `${intent}: ${folded}`).toBe(Math.fround(strength));
          if (strength > 0) cued++;
        }
      });
    });
    // The texts carry cues of each kind: not a table of zeros.
    expect(cued).toBeGreaterThan(20);
    for (const intent of CUE_INTENTS) {
      const levels = TEXTS.flatMap((_, doc) =>
        Array.from(readSentences(table, doc).codes, (c) => codedStrength(c, intent)),
      );
      expect(Math.max(...levels), intent).toBeGreaterThan(0);
    }
  });

  it('codes the list strengths apart (0.6 for an item or three, 0.8 for four or a list word)', () => {
    expect(codedStrength(cueCode(cueText('1. develop infrastructure')), 'list')).toBe(Math.fround(0.6));
    expect(codedStrength(cueCode(cueText('clinics, pharmacies, labs and homes')), 'list')).toBe(Math.fround(0.6));
    expect(codedStrength(cueCode(cueText('clinics, pharmacies, labs, homes and schools')), 'list')).toBe(
      Math.fround(0.8),
    );
    expect(codedStrength(cueCode(cueText('such as clinics')), 'list')).toBe(Math.fround(0.8));
    expect(codedStrength(cueCode(cueText('1. develop infrastructure')), 'target')).toBe(Math.fround(0.6));
    expect(codedStrength(cueCode(cueText('nothing here')), 'obligation')).toBe(0);
  });

  it('is built, saved and loaded with the lexical index', async () => {
    const docs = TEXTS.map((text, i) => ({ title: `T${i}`, section: '', text }));
    const index = LexicalIndex.build(docs);
    const dir = path.join(root, 'index');
    await index.save(dir);
    const loaded = await LexicalIndex.load(dir);
    TEXTS.forEach((_, doc) => {
      expect(loaded.passageSentences(doc)).toEqual(index.passageSentences(doc));
      expect(index.passageSentences(doc)).toEqual(readSentences(table, doc));
    });
    expect(() => index.passageSentences(TEXTS.length)).toThrow(RangeError);
  });

  it('refuses a passage whose bytes do not decode', () => {
    const damaged = { offsets: table.offsets, bytes: Uint8Array.from(table.bytes) };
    const doc = 5;
    // A sentence count larger than its bytes can hold.
    damaged.bytes[table.offsets[doc]!] = 0x7f;
    expect(() => readSentences(damaged, doc)).toThrow(RangeError);
  });
});
