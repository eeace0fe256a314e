import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChunks, saveChunks, TEXTS_FILE } from '../../src/store/chunk-store.ts';
import type { Chunk } from '../../src/types.ts';

const root = mkdtempSync(path.join(tmpdir(), 'policybot-chunk-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const chunk = (id: string, text: string, boilerplate = false): Chunk => ({
  id,
  file: 'corpus/a.md',
  title: 'A',
  section: ['Scope', 'Điều 5'],
  text,
  charStart: 0,
  charEnd: text.length,
  page: null,
  identifiers: [{ key: 'circular:49', kind: 'circular', number: '49', label: 'Circular 49' }],
  tokens: 9,
  ...(boilerplate ? { boilerplate: true } : {}),
});

describe('saveChunks → loadChunks', () => {
  it('stores every passage text back to back, through its write buffer and past it, and reads each back', async () => {
    const mb = 1024 * 1024;
    const chunks = [
      chunk('small', 'Bệnh viện phải lưu trữ hồ sơ. 远程医疗 😀', true),
      chunk('one-and-half', 'x'.repeat(1.5 * mb)),
      chunk('again', 'ý'.repeat(0.75 * mb)),
      chunk('fills', 'y'.repeat(2 * mb)),
      // Longer than the 4 MB the texts are written in: written alone.
      chunk('huge', 'z'.repeat(5 * mb)),
      chunk('after', 'The last one.'),
    ];
    const dir = path.join(root, 'store');
    mkdirSync(dir);
    await saveChunks(dir, chunks);
    expect(
      readFileSync(path.join(dir, TEXTS_FILE)).equals(Buffer.from(chunks.map((c) => c.text).join(''), 'utf8')),
    ).toBe(true);
    const loaded = await loadChunks(dir);
    try {
      expect(loaded.chunks.map((c) => ({ ...c, text: c.text }))).toEqual(chunks);
    } finally {
      loaded.close();
    }
  });
});
