import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../src/store/lexical/lexical-index.ts';
import { writeLexicalIndex } from '../../../src/store/lexical/write-lexical.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-write-lexical-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** English, Vietnamese (syllable pairs), an identifier, a date and CJK: every kind of term the files hold. */
const docs = [
  { title: 'Telemedicine', section: 'Scope', text: 'Circular 49/2017/TT-BYT regulates telemedicine since 03/10/2003.' },
  { title: 'Hồ sơ', section: 'Điều 5', text: 'Bệnh viện phải lưu trữ hồ sơ bệnh án điện tử. Tài sản hiện có.' },
  { title: 'Records', section: '', text: 'Electronic medical records are kept for ten years. Hospitals must comply.' },
  { title: '', section: 'Annex', text: '远程医疗 records, telemedicine; 电子病历.' },
];

describe('writeLexicalIndex', () => {
  it('writes the very files LexicalIndex.build(…).save writes, byte for byte', async () => {
    for (const options of [{}, { stemmer: 'none' as const, syllablePairs: 'all' as const }]) {
      const built = path.join(root, `built-${JSON.stringify(options)}`);
      const written = path.join(root, `written-${JSON.stringify(options)}`);
      await LexicalIndex.build(docs, options).save(built);
      await writeLexicalIndex(docs, options, written);
      const names = readdirSync(built).sort();
      expect(readdirSync(written).sort()).toEqual(names);
      for (const name of names) {
        expect(readFileSync(path.join(written, name)).equals(readFileSync(path.join(built, name))), name).toBe(true);
      }
      const loaded = await LexicalIndex.load(written);
      expect(loaded.search('telemedicine', 5).map((hit) => hit.doc)).toEqual(
        LexicalIndex.build(docs, options)
          .search('telemedicine', 5)
          .map((hit) => hit.doc),
      );
    }
  });
});
